import { describe, expect, it } from 'vitest';
import { analyseByGroup, analyseGap, type GroupedObservation } from './groups.ts';

function weeks(group: string, rates: number[], enrolled = 100): GroupedObservation[] {
  return rates.map((rate, i) => ({ x: i + 1, y: Math.round(rate * enrolled), n: enrolled, group }));
}

describe('groups', () => {
  const el = weeks('English learners', [0.6, 0.62, 0.61, 0.63, 0.62, 0.7, 0.72, 0.71, 0.73, 0.72]);
  const others = weeks('Others', [0.8, 0.81, 0.8, 0.82, 0.8, 0.81, 0.8, 0.82, 0.81, 0.8]);

  it('charts each group on its own, in name order', () => {
    const charts = analyseByGroup([...others, ...el], { chart: 'p' });
    expect(charts.map((chart) => chart.group)).toEqual(['English learners', 'Others']);
    expect(charts[1]!.result.points[0]!.cl).toBeCloseTo(0.807, 10);
  });

  it('charts the gap between two groups with its own runs analysis', () => {
    const gap = analyseGap([...el, ...others], { a: 'Others', b: 'English learners' }, { multiply: 100 });
    expect(gap.chart).toBe('run');
    [20, 19, 19, 19, 18, 11, 8, 11, 8, 8].forEach((expected, i) => expect(gap.points[i]!.y).toBeCloseTo(expected, 10));
    expect(gap.parts[0]!.crossings).toBe(1);
  });

  it('leaves a gap where either group is missing and refuses unknown groups', () => {
    const missing = el.map((row, i) => (i === 2 ? { ...row, y: null } : row));
    const gap = analyseGap([...missing, ...others], { a: 'Others', b: 'English learners' });
    expect(gap.points[2]!.y).toBeNull();
    expect(() => analyseGap(el, { a: 'Others', b: 'English learners' })).toThrow('There is no group "Others"; the groups are "English learners".');
  });
});
