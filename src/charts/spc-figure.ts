/**
 * A run or control chart as an Observable Plot figure, built from the engine's
 * ChartResult. The same figure serves the web app (the page's document) and the
 * CLI (a server-side DOM, see spc-svg.ts), so a chart looks the same everywhere.
 *
 * Signals are told apart by colour and shape, never colour alone: ordinary
 * points are circles, points outside the limits red diamonds, points in an
 * unusual run orange triangles; excluded points are hollow.
 */
import * as Plot from '@observablehq/plot';
import { formatValue } from '../core/spc/explain.ts';
import type { ChartPoint, ChartResult } from '../core/spc/types.ts';

export interface ChartEvent {
  x: number | string;
  label: string;
}

export interface SpcFigureOptions {
  /** The document to build in; the page's own in the browser, a DOM library's in Node. */
  document?: Document;
  /** Drawn in the figure's top margin (the CLI's images); the web page uses a heading instead. */
  title?: string;
  width?: number;
  height?: number;
  /** PDSA cycles and other changes, drawn as labelled vertical rules. */
  events?: ChartEvent[];
  /** What is measured, for the y axis. */
  yLabel?: string;
  /** What one x step is (e.g. "week"), for the x axis and point descriptions. */
  xLabel?: string;
  /** A shared y scale (small multiples). */
  yDomain?: [number, number];
  /** Draw the key of symbols and lines (default true). */
  legend?: boolean;
  fontSize?: number;
  fontFamily?: string;
}

export type PointKind = 'common' | 'sigma' | 'run';

/** Colours with at least 3:1 contrast on white (WCAG 1.4.11), distinct under common colour blindness. */
export const SPC_COLOURS = {
  value: '#1c4f8a',
  sigma: '#c92a2a',
  run: '#a35200',
  centre: '#343a40',
  limit: '#5c6470',
  part: '#868e96',
  event: '#2b6e3f',
} as const;

const SYMBOLS: Record<PointKind, 'circle' | 'diamond' | 'triangle'> = { common: 'circle', sigma: 'diamond', run: 'triangle' };
const RADII: Record<PointKind, number> = { common: 3.5, sigma: 5.5, run: 5 };
const KIND_COLOURS: Record<PointKind, string> = { common: SPC_COLOURS.value, sigma: SPC_COLOURS.sigma, run: SPC_COLOURS.run };

/** Which mark a point gets: outside the limits wins over an unusual run. */
export function pointKind(point: ChartPoint): PointKind {
  if (point.sigmaSignal) return 'sigma';
  if (point.runSignal) return 'run';
  return 'common';
}

/** The point's signals in words, empty when there are none. */
export function pointSignals(point: ChartPoint): string[] {
  const signals: string[] = [];
  if (point.sigmaSignal) signals.push('outside the control limits');
  if (point.runSignal) signals.push('part of an unusual run');
  if (point.excluded) signals.push('left out of the calculations');
  return signals;
}

/** "week 12", a date, or a label: how a point's x reads in text. */
export function pointName(result: ChartResult, point: ChartPoint, xLabel?: string): string {
  return result.xKind === 'number' ? `${xLabel ?? 'point'} ${point.x}` : String(point.x);
}

/** One line describing a point: its value, centre line, limits and signals. */
export function describePoint(result: ChartResult, point: ChartPoint, xLabel?: string): string {
  const name = pointName(result, point, xLabel);
  const heading = name.charAt(0).toUpperCase() + name.slice(1);
  if (point.y === null) return `${heading}: missing`;
  const centre = result.chart === 'run' || result.chart === 'g' ? 'median' : 'centre line';
  const parts = [`${centre} ${formatValue(result, point.cl)}`];
  if (point.lcl !== null || point.ucl !== null) parts.push(`limits ${formatValue(result, point.lcl)} to ${formatValue(result, point.ucl)}`);
  const signals = pointSignals(point);
  return `${heading}: ${formatValue(result, point.y)} (${parts.join(', ')})${signals.length ? ` — ${signals.join(', ')}` : ''}`;
}

function isPercent(result: ChartResult): boolean {
  return (result.chart === 'p' || result.chart === 'pp') && (result.multiply === 1 || result.multiply === 100);
}

const plain = (value: number) => String(Number(value.toPrecision(10)));

/** Tick labels for the y axis: per cent for proportions, plain numbers otherwise. */
export function yTickFormat(result: ChartResult): (value: number) => string {
  if (!isPercent(result)) return plain;
  const scale = result.multiply === 1 ? 100 : 1;
  return (value) => `${plain(value * scale)}%`;
}

/**
 * Positions along the x axis as numbers: the value itself, milliseconds for
 * dates, or the 1-based position for labels (kept in the order given).
 */
export function xPositions(result: ChartResult): number[] {
  return result.points.map((point) => {
    if (result.xKind === 'number') return typeof point.x === 'number' ? point.x : Number(point.x);
    if (result.xKind === 'date') return Date.parse(String(point.x));
    return point.index;
  });
}

/** Where an event falls on the x axis, or null when it is not on it. */
function eventPosition(result: ChartResult, x: number | string): number | null {
  if (result.xKind === 'number') {
    const value = typeof x === 'number' ? x : Number(String(x).trim());
    return Number.isFinite(value) ? value : null;
  }
  if (result.xKind === 'date') {
    const value = Date.parse(String(x));
    return Number.isNaN(value) ? null : value;
  }
  const found = result.points.find((point) => String(point.x) === String(x));
  return found ? found.index : null;
}

interface Step {
  x: number;
  part: number;
  cl: number | null;
  lcl: number | null;
  ucl: number | null;
}

/**
 * Centre line and limits drawn as steps: each point's value holds from halfway
 * to its left neighbour to halfway to its right one, so limits that vary with
 * subgroup size read as they are computed. Each part is its own series.
 */
function stepVertices(result: ChartResult, xs: number[]): Step[] {
  const steps: Step[] = [];
  const halfGap = (i: number, j: number) => (xs[j]! - xs[i]!) / 2;
  const lone = result.xKind === 'date' ? 43_200_000 : 0.5; // half a day, or half a step
  result.points.forEach((point, i) => {
    const left = i > 0 ? halfGap(i - 1, i) : xs.length > 1 ? halfGap(0, 1) : lone;
    const right = i < xs.length - 1 ? halfGap(i, i + 1) : xs.length > 1 ? halfGap(i - 1, i) : lone;
    const values = { part: point.part, cl: point.cl, lcl: point.lcl, ucl: point.ucl };
    steps.push({ x: xs[i]! - left, ...values }, { x: xs[i]! + right, ...values });
  });
  return steps;
}

/** Halfway between the last point of one part and the first of the next. */
function partBoundaries(result: ChartResult, xs: number[]): number[] {
  return result.parts.slice(1).map((part) => (xs[part.firstIndex - 2]! + xs[part.firstIndex - 1]!) / 2);
}

interface Datum {
  point: ChartPoint;
  x: number;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

interface KeyItem {
  label: string;
  draw: (doc: Document, g: SVGGElement) => void;
}

function svgElement<K extends keyof SVGElementTagNameMap>(doc: Document, name: K, attributes: Record<string, string | number>): SVGElementTagNameMap[K] {
  const element = doc.createElementNS(SVG_NS, name) as SVGElementTagNameMap[K];
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, String(value));
  return element;
}

/** Key symbols shaped like Plot's diamond (outside the limits) and triangle (run), centred on 0,0. */
function symbolPath(kind: 'sigma' | 'run', r: number): string {
  if (kind === 'sigma') {
    return `M0,${-r * 1.3}L${r * 1.05},0L0,${r * 1.3}L${-r * 1.05},0Z`;
  }
  const h = r * 1.5;
  return `M0,${-h * 0.67}L${h * 0.58},${h * 0.33}L${-h * 0.58},${h * 0.33}Z`;
}

function keyItems(result: ChartResult, kinds: Set<PointKind>, excluded: boolean, hasEvents: boolean): KeyItem[] {
  const items: KeyItem[] = [
    {
      label: 'Value',
      draw: (doc, g) => {
        g.append(svgElement(doc, 'line', { x1: -8, x2: 8, y1: 0, y2: 0, stroke: SPC_COLOURS.value, 'stroke-width': 1.5 }));
        g.append(svgElement(doc, 'circle', { r: RADII.common, fill: SPC_COLOURS.value }));
      },
    },
    {
      label: result.chart === 'run' || result.chart === 'g' ? 'Median' : 'Centre line',
      draw: (doc, g) => g.append(svgElement(doc, 'line', { x1: -8, x2: 8, y1: 0, y2: 0, stroke: SPC_COLOURS.centre, 'stroke-width': 1.5 })),
    },
  ];
  if (result.points.some((point) => point.ucl !== null || point.lcl !== null)) {
    items.push({
      label: 'Control limits',
      draw: (doc, g) =>
        g.append(svgElement(doc, 'line', { x1: -8, x2: 8, y1: 0, y2: 0, stroke: SPC_COLOURS.limit, 'stroke-width': 1.5, 'stroke-dasharray': '4,3' })),
    });
  }
  for (const [kind, label] of [
    ['sigma', 'Outside the limits'],
    ['run', 'Unusual run'],
  ] as const) {
    if (!kinds.has(kind)) continue;
    items.push({
      label,
      draw: (doc, g) => g.append(svgElement(doc, 'path', { d: symbolPath(kind, RADII[kind]), fill: KIND_COLOURS[kind] })),
    });
  }
  if (excluded) {
    items.push({
      label: 'Left out',
      draw: (doc, g) => g.append(svgElement(doc, 'circle', { r: RADII.common, fill: 'white', stroke: SPC_COLOURS.value, 'stroke-width': 1.5 })),
    });
  }
  if (result.parts.length > 1) {
    items.push({
      label: 'New part',
      draw: (doc, g) => g.append(svgElement(doc, 'line', { x1: 0, x2: 0, y1: -7, y2: 7, stroke: SPC_COLOURS.part, 'stroke-width': 1.5, 'stroke-dasharray': '2,3' })),
    });
  }
  if (hasEvents) {
    items.push({
      label: 'Event',
      draw: (doc, g) => g.append(svgElement(doc, 'line', { x1: 0, x2: 0, y1: -7, y2: 7, stroke: SPC_COLOURS.event, 'stroke-width': 1.5 })),
    });
  }
  return items;
}

interface PlacedKeyItem extends KeyItem {
  x: number;
  row: number;
}

/**
 * Key items left to right, wrapping onto a new row at the right edge.
 * Character widths are estimated (there is no layout engine in Node); the spacing is generous.
 */
function layoutKey(items: KeyItem[], left: number, right: number, fontSize: number): PlacedKeyItem[] {
  const placed: PlacedKeyItem[] = [];
  let x = left;
  let row = 0;
  for (const item of items) {
    const width = 13 + item.label.length * fontSize * 0.6 + 20;
    if (x > left && x + width - 20 > right) {
      row++;
      x = left;
    }
    placed.push({ ...item, x, row });
    x += width;
  }
  return placed;
}

/** Title and key, drawn in the top margin by a Plot render function so they work with any document. */
function header(options: {
  title?: string;
  items: PlacedKeyItem[];
  fontSize: number;
  titleHeight: number;
  rowHeight: number;
  yLabel?: string;
  yLabelTop: number;
}): Plot.RenderFunction {
  return (_index, _scales, _values, dimensions, context) => {
    const doc = context.document;
    const g = svgElement(doc, 'g', { 'aria-hidden': 'true', class: 'spc-header' });
    if (options.title) {
      const title = svgElement(doc, 'text', {
        x: dimensions.marginLeft,
        y: options.fontSize * 1.4,
        'font-size': Math.round(options.fontSize * 1.35),
        'font-weight': 'bold',
        'text-anchor': 'start',
        class: 'spc-title',
      });
      title.textContent = options.title;
      g.append(title);
    }
    for (const item of options.items) {
      const y = options.titleHeight + options.fontSize + item.row * options.rowHeight;
      const symbol = svgElement(doc, 'g', { transform: `translate(${item.x + 8},${y})` });
      item.draw(doc, symbol);
      const label = svgElement(doc, 'text', { x: item.x + 21, y, dy: '0.32em', 'text-anchor': 'start', class: 'spc-key-label' });
      label.textContent = item.label;
      g.append(symbol, label);
    }
    // Plot would put the y axis label at the very top, over the key; it goes in its own row instead.
    if (options.yLabel) {
      const label = svgElement(doc, 'text', { x: 3, y: options.yLabelTop + options.fontSize, 'text-anchor': 'start', class: 'spc-y-label' });
      label.textContent = `↑ ${options.yLabel}`;
      g.append(label);
    }
    return g;
  };
}

function xScale(result: ChartResult, xLabel: string | undefined): Plot.ScaleOptions {
  if (result.xKind === 'date') return { type: 'utc', label: xLabel ?? null };
  if (result.xKind === 'label') {
    const labels = result.points.map((point) => String(point.x));
    const every = Math.max(1, Math.ceil(labels.length / 12));
    const long = labels.some((label) => label.length > 6);
    return {
      type: 'linear',
      label: xLabel ?? null,
      ticks: result.points.filter((_, i) => i % every === 0).map((point) => point.index),
      tickFormat: (index: number) => labels[index - 1] ?? '',
      tickRotate: long ? -30 : 0,
    };
  }
  const xs = xPositions(result);
  const integers = xs.every(Number.isInteger);
  const span = Math.max(...xs) - Math.min(...xs);
  return {
    type: 'linear',
    label: xLabel ?? null,
    // Whole-number axes (weeks, years) get whole-number ticks, without thousands separators.
    ...(integers && span <= 12 ? { ticks: [...new Set(xs)] } : {}),
    tickFormat: integers ? (value: number) => (Number.isInteger(value) ? String(value) : '') : plain,
  };
}

/** Room below the frame: rotated labels, two-line dates (day, then month or year), the x axis label. */
function marginBottomFor(result: ChartResult, fontSize: number, xLabel: boolean): number {
  const ticks = result.xKind === 'label' && result.points.some((point) => String(point.x).length > 6) ? 4 : result.xKind === 'date' ? 3 : 2;
  return Math.round(fontSize * (ticks + (xLabel ? 1 : 0) + 0.5));
}

/** The chart as an SVG element (Plot's figure), sized width × height. */
export function spcFigure(result: ChartResult, options: SpcFigureOptions = {}): SVGSVGElement & Plot.Plot {
  const fontSize = options.fontSize ?? 12;
  const width = options.width ?? 720;
  const height = options.height ?? 380;
  const xs = xPositions(result);
  const data: Datum[] = result.points.map((point, i) => ({ point, x: xs[i]! }));
  const asX = result.xKind === 'date' ? (value: number) => new Date(value) : (value: number) => value;
  const steps = stepVertices(result, xs);
  const kinds = new Set(result.points.filter((point) => point.y !== null).map(pointKind));
  const excluded = result.points.some((point) => point.excluded && point.y !== null);
  const events = (options.events ?? [])
    .map((event) => ({ ...event, position: eventPosition(result, event.x) }))
    .filter((event): event is ChartEvent & { position: number } => event.position !== null);

  const marginLeft = Math.round(fontSize * 4.6);
  const marginRight = Math.round(fontSize * 1.5);
  const titleHeight = options.title ? Math.round(fontSize * 2.2) : 0;
  const rowHeight = Math.round(fontSize * 1.6);
  const key = options.legend ?? true ? layoutKey(keyItems(result, kinds, excluded, events.length > 0), marginLeft, width - marginRight, fontSize) : [];
  const keyHeight = key.length > 0 ? (Math.max(...key.map((item) => item.row)) + 1) * rowHeight + Math.round(fontSize * 0.4) : 0;
  // Room above the frame for the y axis label (Plot draws it there) and the event labels.
  const labelRow = options.yLabel ? Math.round(fontSize * 1.6) : 0;
  const marginTop = titleHeight + keyHeight + labelRow + (events.length > 0 ? fontSize * 2.4 : fontSize);

  const marks: Plot.Markish[] = [
    Plot.ruleX(partBoundaries(result, xs), { x: asX, stroke: SPC_COLOURS.part, strokeDasharray: '2,3', className: 'spc-parts' }),
    Plot.ruleX(events, {
      x: (event) => asX(event.position),
      stroke: SPC_COLOURS.event,
      strokeWidth: 1.5,
      className: 'spc-events',
    }),
    Plot.text(events, {
      x: (event) => asX(event.position),
      frameAnchor: 'top',
      text: (event) => event.label,
      textAnchor: 'start',
      lineAnchor: 'bottom',
      dx: 3,
      dy: (-fontSize * 0.3) as number,
      fill: SPC_COLOURS.event,
      fontWeight: 'bold',
      ariaHidden: 'true',
      className: 'spc-event-labels',
    }),
    Plot.line(steps, { x: (s: Step) => asX(s.x), y: (s: Step) => s.ucl, z: (s: Step) => s.part, stroke: SPC_COLOURS.limit, strokeDasharray: '5,4', strokeWidth: 1.25, className: 'spc-ucl' }),
    Plot.line(steps, { x: (s: Step) => asX(s.x), y: (s: Step) => s.lcl, z: (s: Step) => s.part, stroke: SPC_COLOURS.limit, strokeDasharray: '5,4', strokeWidth: 1.25, className: 'spc-lcl' }),
    Plot.line(steps, { x: (s: Step) => asX(s.x), y: (s: Step) => s.cl, z: (s: Step) => s.part, stroke: SPC_COLOURS.centre, strokeWidth: 1.5, className: 'spc-cl' }),
    // Missing values (null y) break the line: a gap, never a zero.
    Plot.line(data, { x: (d: Datum) => asX(d.x), y: (d: Datum) => d.point.y, stroke: SPC_COLOURS.value, strokeWidth: 1.5, className: 'spc-values' }),
    ...(['common', 'run', 'sigma'] as const).map((kind) =>
      Plot.dot(
        data.filter((d) => d.point.y !== null && pointKind(d.point) === kind),
        {
          x: (d: Datum) => asX(d.x),
          y: (d: Datum) => d.point.y,
          symbol: SYMBOLS[kind],
          r: RADII[kind],
          stroke: KIND_COLOURS[kind],
          strokeWidth: 1.5,
          fill: (d: Datum) => (d.point.excluded ? 'white' : KIND_COLOURS[kind]),
          title: (d: Datum) => describePoint(result, d.point, options.xLabel),
          className: `spc-points spc-points-${kind}`,
        },
      ),
    ),
  ];
  if (key.length > 0 || options.title || options.yLabel) {
    marks.push(header({ title: options.title, items: key, fontSize, titleHeight, rowHeight, yLabel: options.yLabel, yLabelTop: titleHeight + keyHeight }));
  }

  const figure = Plot.plot({
    document: options.document,
    width,
    height,
    marginTop,
    marginLeft,
    marginRight,
    marginBottom: marginBottomFor(result, fontSize, Boolean(options.xLabel)),
    style: { fontSize: `${fontSize}px`, ...(options.fontFamily ? { fontFamily: options.fontFamily } : {}) },
    x: xScale(result, options.xLabel),
    y: {
      label: null,
      grid: true,
      nice: true,
      tickFormat: yTickFormat(result),
      ...(options.yDomain ? { domain: options.yDomain } : {}),
    },
    marks,
  }) as SVGSVGElement & Plot.Plot;
  figure.setAttribute('font-size', String(fontSize));
  if (options.fontFamily) figure.setAttribute('font-family', options.fontFamily);
  figure.classList.add('spc-figure');
  return figure;
}

/** The lowest and highest value, centre line or limit over several charts: one y scale for small multiples. */
export function sharedYDomain(results: readonly ChartResult[]): [number, number] | undefined {
  let low = Infinity;
  let high = -Infinity;
  for (const result of results) {
    for (const point of result.points) {
      for (const value of [point.y, point.cl, point.lcl, point.ucl]) {
        if (value === null) continue;
        low = Math.min(low, value);
        high = Math.max(high, value);
      }
    }
  }
  return Number.isFinite(low) ? [low, high] : undefined;
}

/**
 * Each point's centre in the figure's own coordinates (its viewBox), for
 * placing focusable targets over the points in the web page.
 */
export function pointPositions(figure: Plot.Plot, result: ChartResult): Array<{ point: ChartPoint; left: number; top: number } | null> {
  const x = figure.scale('x');
  const y = figure.scale('y');
  if (!x?.apply || !y?.apply) return result.points.map(() => null);
  const xs = xPositions(result);
  return result.points.map((point, i) => {
    if (point.y === null) return null;
    const position = result.xKind === 'date' ? new Date(xs[i]!) : xs[i]!;
    return { point, left: x.apply!(position) as number, top: y.apply!(point.y) as number };
  });
}
