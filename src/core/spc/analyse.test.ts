import { describe, expect, it } from 'vitest';
import { analyseChart } from './analyse.ts';
import { SpcInputError } from './errors.ts';
import type { Observation } from './types.ts';

const series = (values: Array<number | null>): Observation[] => values.map((y, i) => ({ x: i + 1, y }));

describe('analyseChart', () => {
  it('draws an I chart with limits from the average moving range', () => {
    const result = analyseChart(series([10, 12, 11, 13, 12]), { chart: 'i' });
    // mean 11.6, moving ranges 2,1,2,1 → 1.5; sigma 1.5 / 1.128
    const sigma = 1.5 / 1.128;
    expect(result.points[0]).toMatchObject({ index: 1, x: 1, y: 10, part: 1, excluded: false, baseline: true });
    expect(result.points[0]!.cl).toBeCloseTo(11.6, 12);
    expect(result.points[0]!.ucl).toBeCloseTo(11.6 + 3 * sigma, 12);
    expect(result.points[0]!.lcl).toBeCloseTo(11.6 - 3 * sigma, 12);
  });

  it('sorts subgroups along the x axis and aggregates rows sharing an x', () => {
    const rows: Observation[] = [
      { x: '2024-02-01', y: 3, n: 10 },
      { x: '2024-01-01', y: 1, n: 10 },
      { x: '2024-01-01', y: 2, n: 10 },
    ];
    const result = analyseChart(rows, { chart: 'p' });
    expect(result.xKind).toBe('date');
    expect(result.points.map((point) => [point.x, point.y, point.n])).toEqual([
      ['2024-01-01', 0.15, 20],
      ['2024-02-01', 0.3, 10],
    ]);
    expect(result.points[0]!.cl).toBeCloseTo(6 / 30, 12);
  });

  it('keeps missing values as gaps, not zeros', () => {
    const result = analyseChart(series([5, null, 7, 6]), { chart: 'run' });
    expect(result.points[1]!.y).toBeNull();
    expect(result.points[0]!.cl).toBe(6);
    expect(result.parts[0]!.usefulObservations).toBe(2); // 6 sits on the median
  });

  it('freezes limits on a baseline and extends them forward', () => {
    const result = analyseChart(series([10, 11, 10, 11, 10, 11, 20, 21, 20]), { chart: 'i', freeze: 6 });
    expect(result.points[8]!.cl).toBeCloseTo(10.5, 12);
    expect(result.points.map((point) => point.baseline)).toEqual([true, true, true, true, true, true, false, false, false]);
    expect(result.points.slice(6).every((point) => point.sigmaSignal)).toBe(true);
  });

  it('recalculates each part on its own', () => {
    const result = analyseChart(series([10, 11, 10, 11, 20, 21, 20, 21]), { chart: 'i', part: [4] });
    expect(result.parts.map((part) => [part.part, part.firstIndex, part.lastIndex])).toEqual([
      [1, 1, 4],
      [2, 5, 8],
    ]);
    expect(result.points[0]!.cl).toBeCloseTo(10.5, 12);
    expect(result.points[7]!.cl).toBeCloseTo(20.5, 12);
  });

  it('leaves excluded points out of the calculations but shows them', () => {
    const result = analyseChart(series([10, 11, 100, 10, 11]), { chart: 'i', exclude: [3] });
    expect(result.points[2]).toMatchObject({ y: 100, excluded: true, baseline: false, sigmaSignal: true });
    expect(result.points[0]!.cl).toBeCloseTo(10.5, 12);
  });

  it('multiplies values and limits but not the signals', () => {
    const plain = analyseChart(series([3, 4, 5, 4, 3]).map((row) => ({ ...row, n: 10 })), { chart: 'p' });
    const scaled = analyseChart(series([3, 4, 5, 4, 3]).map((row) => ({ ...row, n: 10 })), { chart: 'p', multiply: 100 });
    expect(scaled.points[0]!.cl).toBeCloseTo(plain.points[0]!.cl! * 100, 10);
    expect(scaled.points.map((point) => point.sigmaSignal)).toEqual(plain.points.map((point) => point.sigmaSignal));
  });

  it('never draws a lower limit below zero for counts and proportions', () => {
    for (const chart of ['c', 'p', 'u', 'g'] as const) {
      const rows = series([0, 1, 0, 2, 1, 0]).map((row) => ({ ...row, n: 5 }));
      const result = analyseChart(rows, { chart });
      for (const point of result.points) expect(point.lcl ?? 0, chart).toBeGreaterThanOrEqual(0);
    }
  });

  it('rejects bad input with the row, the column and the value', () => {
    const labels = { source: 'attendance.csv', x: 'week', y: 'present', n: 'enrolled' };
    const bad = (rows: Observation[], chart: 'p' | 'u' | 't' | 'xbar' = 'p') => () => analyseChart(rows, { chart }, labels);
    expect(bad([{ x: 1, y: 3, n: 0, line: 2 }])).toThrow('attendance.csv:2: enrolled "0": the denominator must be greater than 0');
    expect(bad([{ x: 1, y: 12, n: 10, line: 7 }])).toThrow('attendance.csv:7: present "12": the numerator is larger than the denominator (10)');
    expect(bad([{ x: 1, y: 3 }])).toThrow(/needs a denominator/);
    expect(bad([{ x: 1, y: 0, line: 3 }], 't')).toThrow('attendance.csv:3: present "0": the time between events must be greater than 0');
    expect(bad(series([1, 2, 3]), 'xbar')).toThrow(/several values per subgroup/);
    expect(() => analyseChart(series([1, 2]), { chart: 'i', freeze: 5 })).toThrow(SpcInputError);
    expect(() => analyseChart(series([1, 2, 3]), { chart: 'i', freeze: 1, part: [2] })).toThrow(/either freeze/);
    expect(() => analyseChart([], { chart: 'i' })).toThrow(/no data/);
  });

  it('applies the IHI rules when asked: shift, trend, astronomical point', () => {
    const values = [5, 6, 5, 6, 5, 6, 5, 6, 9, 9, 8, 9, 8, 9, 1, 2, 3, 4, 5, 50];
    const result = analyseChart(series(values), { chart: 'run', rules: 'ihi' });
    const part = result.parts[0]!;
    expect(part.ihi!.shifts).toEqual([[9, 14]]);
    expect(part.ihi!.trends).toEqual([[15, 20]]);
    expect(part.ihi!.astronomical).toEqual([20]);
    expect(part.runsSignal).toBe(true);
    expect(result.points[8]!.runSignal).toBe(true);
  });

  it('does not apply runs rules to moving ranges', () => {
    const result = analyseChart(series([1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2]), { chart: 'mr' });
    expect(result.parts[0]!.runsSignal).toBe(false);
    expect(result.points[0]!.y).toBeNull();
  });
});
