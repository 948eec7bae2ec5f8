import { Resvg } from '@resvg/resvg-js';
import { DOMParser } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { analyseChart } from '../core/spc/analyse.ts';
import type { ChartPoint, ChartResult } from '../core/spc/types.ts';
import { describePoint, sharedYDomain, SPC_COLOURS, yTickFormat } from './spc-figure.ts';
import { renderChartSvg } from './spc-svg.ts';

function point(index: number, y: number | null, extra: Partial<ChartPoint> = {}): ChartPoint {
  return {
    index,
    x: index,
    y,
    n: 100,
    cl: 0.5,
    lcl: 0.35,
    ucl: 0.65,
    sigmaSignal: false,
    runSignal: false,
    excluded: false,
    baseline: true,
    part: 1,
    ...extra,
  };
}

/** Ten weeks of a P chart, by hand: one missing week, one excluded, one outside the limits, a run of three, and a second part. */
const handmade: ChartResult = {
  chart: 'p',
  rules: 'anhoej',
  xKind: 'number',
  multiply: 1,
  signal: true,
  points: [
    point(1, 0.48),
    point(2, 0.52, { excluded: true, baseline: false }),
    point(3, null, { n: null, lcl: null, ucl: null }),
    point(4, 0.7, { sigmaSignal: true }),
    point(5, 0.55, { runSignal: true }),
    point(6, 0.56, { runSignal: true }),
    point(7, 0.57, { runSignal: true, lcl: 0.4, ucl: 0.6 }),
    point(8, 0.61, { part: 2, cl: 0.6 }),
    point(9, 0.59, { part: 2, cl: 0.6 }),
    point(10, 0.6, { part: 2, cl: 0.6 }),
  ],
  parts: [
    { part: 1, firstIndex: 1, lastIndex: 7, usefulObservations: 5, runsSignal: true, longestRun: 3, longestRunMax: 5, crossings: 1, crossingsMin: 1 },
    { part: 2, firstIndex: 8, lastIndex: 10, usefulObservations: 2, runsSignal: false, longestRun: 1, longestRunMax: 4, crossings: 1, crossingsMin: 0 },
  ],
};

function parse(svg: string) {
  // resvg's XML parser is strict: a stray "<" or "&" fails here.
  expect(() => new Resvg(svg)).not.toThrow();
  const document = new DOMParser().parseFromString(svg, 'image/svg+xml');
  const root = document.documentElement;
  const marks = (kind: string) => [...root.querySelectorAll(`g.spc-points-${kind} > *`)];
  return { document, root, marks };
}

describe('renderChartSvg', () => {
  it('makes a standalone SVG with a title, description and white background', () => {
    const svg = renderChartSvg(handmade, { title: 'Attendance, grade 6', summary: 'Something changed around week 4.', width: 640, height: 360 });
    const { root } = parse(svg);
    expect(svg.startsWith('<?xml')).toBe(true);
    expect(root.localName).toBe('svg');
    expect(root.getAttribute('xmlns')).toBe('http://www.w3.org/2000/svg');
    expect(root.getAttribute('width')).toBe('640');
    expect(root.getAttribute('height')).toBe('360');
    expect(root.querySelector('title')?.textContent).toBe('Attendance, grade 6');
    expect(root.querySelector('desc')?.textContent).toBe('Something changed around week 4.');
    expect(root.querySelector('.spc-title')?.textContent).toBe('Attendance, grade 6');
    const background = root.querySelector('rect');
    expect(background?.getAttribute('fill')).toBe('#ffffff');
    expect(background?.getAttribute('width')).toBe('640');
    expect(root.getAttribute('font-family')).toContain('DejaVu Sans');
  });

  it('draws one mark per value present, signals in their own colour and shape, excluded points hollow', () => {
    const { marks } = parse(renderChartSvg(handmade));
    const common = marks('common');
    const sigma = marks('sigma');
    const run = marks('run');
    expect(common.length + sigma.length + run.length).toBe(9); // ten weeks, one missing
    expect(sigma).toHaveLength(1);
    expect(run).toHaveLength(3);
    expect(common).toHaveLength(5);

    expect(common.every((mark) => mark.localName === 'circle')).toBe(true);
    expect(sigma[0]!.localName).toBe('path');
    expect(run[0]!.localName).toBe('path');
    expect(sigma[0]!.getAttribute('d')).not.toBe(run[0]!.getAttribute('d'));
    expect(sigma[0]!.getAttribute('fill')).toBe(SPC_COLOURS.sigma);
    expect(run[0]!.getAttribute('fill')).toBe(SPC_COLOURS.run);
    expect(new Set([SPC_COLOURS.value, SPC_COLOURS.sigma, SPC_COLOURS.run]).size).toBe(3);

    const hollow = common.filter((mark) => mark.getAttribute('fill') === 'white');
    expect(hollow).toHaveLength(1);
    expect(hollow[0]!.querySelector('title')?.textContent).toBe('Point 2: 52% (centre line 50%, limits 35% to 65%) — left out of the calculations');
    expect(sigma[0]!.querySelector('title')?.textContent).toContain('outside the control limits');
  });

  it('breaks the line at a missing value and draws limits and centre line per part', () => {
    const { root } = parse(renderChartSvg(handmade));
    const values = root.querySelectorAll('g.spc-values path');
    const moves = [...values].map((path) => (path.getAttribute('d') ?? '').match(/M/g)?.length ?? 0).reduce((a, b) => a + b, 0);
    expect(moves).toBe(2);
    expect(root.querySelectorAll('g.spc-cl path')).toHaveLength(2);
    expect(root.querySelectorAll('g.spc-parts line')).toHaveLength(1);
    expect([...root.querySelectorAll('.spc-key-label')].map((text) => text.textContent)).toEqual([
      'Value',
      'Centre line',
      'Control limits',
      'Outside the limits',
      'Unusual run',
      'Left out',
      'New part',
    ]);
  });

  it('marks events with a rule and a label, and shows proportions as per cent', () => {
    const { root } = parse(renderChartSvg(handmade, { events: [{ x: 5, label: 'PDSA 1: text home' }, { x: 99, label: 'off the axis' }, { x: 'soon', label: 'not a week' }] }));
    expect(root.querySelectorAll('g.spc-events line')).toHaveLength(2);
    expect([...root.querySelectorAll('g.spc-event-labels text')].map((t) => t.textContent)).toEqual(['PDSA 1: text home', 'off the axis']);
    const yTicks = [...root.querySelectorAll('g[aria-label="y-axis tick label"] text')].map((t) => t.textContent);
    expect(yTicks.length).toBeGreaterThan(2);
    expect(yTicks.every((tick) => /^\d+(\.\d+)?%$/.test(tick ?? ''))).toBe(true);
  });

  it('puts the y axis label in its own row below the key', () => {
    const { root } = parse(renderChartSvg(handmade, { title: 'Attendance', yLabel: 'attendance rate' }));
    const label = root.querySelector('.spc-y-label')!;
    expect(label.textContent).toBe('↑ attendance rate');
    const keyRows = [...root.querySelectorAll('.spc-key-label')].map((text) => Number(text.getAttribute('y')));
    expect(keyRows.length).toBeGreaterThan(3);
    expect(Number(label.getAttribute('y'))).toBeGreaterThan(Math.max(...keyRows) + 10);
    expect(root.querySelectorAll('g[aria-label="y-axis label"]')).toHaveLength(0);
  });

  it('escapes text that is not XML', () => {
    const svg = renderChartSvg(handmade, { title: 'Tardies < 5 & "on time"', events: [{ x: 4, label: 'R&D <pilot>' }] });
    const { root } = parse(svg);
    expect(root.querySelector('title')?.textContent).toBe('Tardies < 5 & "on time"');
  });

  it('draws charts from the engine with date and label axes', () => {
    const dates = analyseChart(
      Array.from({ length: 24 }, (_, i) => ({ x: new Date(Date.UTC(2024, 8, 2 + 7 * i)).toISOString().slice(0, 10), y: i < 12 ? 20 + (i % 4) : 30 + (i % 3) })),
      { chart: 'i' },
    );
    expect(dates.xKind).toBe('date');
    const fromDates = parse(renderChartSvg(dates, { events: [{ x: '2024-11-25', label: 'New schedule' }] }));
    const all = ['common', 'sigma', 'run'].flatMap((kind) => fromDates.marks(kind));
    expect(all).toHaveLength(24);
    expect(fromDates.marks('run').length).toBeGreaterThan(0);
    expect(fromDates.root.querySelectorAll('g.spc-events line')).toHaveLength(1);

    const months = ['Sep', 'Oct', 'Nov', 'Dec', 'Jan', 'Feb'];
    const labels = analyseChart(months.map((x, i) => ({ x, y: 10 + i })), { chart: 'run' });
    const fromLabels = parse(renderChartSvg(labels));
    const xTicks = [...fromLabels.root.querySelectorAll('g[aria-label="x-axis tick label"] text')].map((t) => t.textContent);
    expect(xTicks).toEqual(months);
  });
});

describe('chart helpers', () => {
  it('formats the y axis as per cent for proportions, whatever the multiplier', () => {
    expect(yTickFormat(handmade)(0.25)).toBe('25%');
    expect(yTickFormat({ ...handmade, multiply: 100 })(25)).toBe('25%');
    expect(yTickFormat({ ...handmade, multiply: 1000 })(250)).toBe('250');
    expect(yTickFormat({ ...handmade, chart: 'i' })(0.25)).toBe('0.25');
  });

  it('describes a point in words', () => {
    expect(describePoint(handmade, handmade.points[3]!, 'week')).toBe('Week 4: 70% (centre line 50%, limits 35% to 65%) — outside the control limits');
    expect(describePoint(handmade, handmade.points[2]!, 'week')).toBe('Week 3: missing');
  });

  it('finds one y range covering every chart', () => {
    const other: ChartResult = { ...handmade, points: [point(1, 0.9, { ucl: 0.95 })] };
    expect(sharedYDomain([handmade, other])).toEqual([0.35, 0.95]);
    expect(sharedYDomain([])).toBeUndefined();
  });
});
