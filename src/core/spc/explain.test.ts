import { describe, expect, it } from 'vitest';
import { analyseChart } from './analyse.ts';
import { explainChart, formatValue } from './explain.ts';
import type { Observation } from './types.ts';

const series = (values: Array<number | null>): Observation[] => values.map((y, i) => ({ x: i + 1, y }));
const noisy = [5, 7, 4, 6, 5, 8, 4, 6, 7, 5, 6, 4, 7, 5, 8, 4];

describe('explainChart', () => {
  it('names a long run, where it starts and the event just before it', () => {
    const values = [...noisy, 9, 10, 9, 11, 10, 9, 10, 11, 10];
    const result = analyseChart(series(values), { chart: 'run' });
    const { summary } = explainChart(result, { xLabel: 'week', events: [{ x: 16, label: 'Tutoring starts' }] });
    expect(summary).toMatch(/^9 weeks in a row above the median \(more than 7 rarely happens by chance\): this is unlikely to be chance — something changed around week 17, after “Tutoring starts” \(week 16\)\./);
  });

  it('says plainly when there is no signal', () => {
    const result = analyseChart(series(noisy), { chart: 'i' });
    const { summary, details } = explainChart(result, { xLabel: 'day' });
    expect(summary).toMatch(/^No signal: the 16 days vary around the average of 5\.69 and within the control limits/);
    expect(details.join(' ')).toMatch(/Runs analysis on 16 useful days/);
  });

  it('reports points outside the limits and compares parts', () => {
    const result = analyseChart(series([...noisy, 6, 30, 5]), { chart: 'i' });
    expect(explainChart(result, { xLabel: 'day' }).summary).toMatch(/Day 18 \(30\) is above the upper control limit/);
    const parted = analyseChart(series([...noisy, 12, 13, 12, 14, 13]), { chart: 'i', part: [16] });
    expect(explainChart(parted, { xLabel: 'week' }).summary).toMatch(/^Since week 17 the average is 12\.8, up from 5\.69 before\./);
  });

  it('formats proportions as percentages and other values to three significant digits', () => {
    const p = analyseChart(series([1, 2]).map((row) => ({ ...row, n: 4 })), { chart: 'p' });
    expect(formatValue(p, 0.925635)).toBe('92.6%');
    const i = analyseChart(series([1, 2]), { chart: 'i' });
    expect(formatValue(i, 1234.56)).toBe('1,235');
    expect(formatValue(i, 0.012345)).toBe('0.012');
    expect(formatValue(i, null)).toBe('—');
  });
});
