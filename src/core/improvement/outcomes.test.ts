import { describe, expect, it } from 'vitest';
import { outcomeSeries, periodStart } from './outcomes.ts';

describe('periodStart', () => {
  it('gives the first day of a year, month, day or school year', () => {
    expect(periodStart('2024')).toBe('2024-01-01');
    expect(periodStart('2024-03')).toBe('2024-03-01');
    expect(periodStart('2024-02-29')).toBe('2024-02-29');
    expect(periodStart('2024-25')).toBe('2024-07-01');
    expect(periodStart('1999-00')).toBe('1999-07-01');
    // The next year's digits make a school year even where they could be a month.
    expect(periodStart('2011-12')).toBe('2011-07-01');
  });

  it('refuses what is no period', () => {
    for (const text of ['2024-13', '2024-26', '2023-02-29', '24-25', '2024/25', '2024-25-26', '0999', 'FY2024', '']) expect(periodStart(text), text).toBeNull();
  });
});

describe('outcomeSeries', () => {
  it('sums values and denominators per period, in the order of the periods', () => {
    expect(
      outcomeSeries([
        { period: '2024-25', value: 30, denominator: 100 },
        { period: '2023-24', value: 20, denominator: 90 },
        { period: '2024-25', value: 12, denominator: 50 },
      ]),
    ).toEqual([
      { x: '2023-07-01', y: 20, n: 90 },
      { x: '2024-07-01', y: 42, n: 150 },
    ]);
  });

  it('sums values without denominators, and leaves a gap where counts and rates would mix', () => {
    expect(
      outcomeSeries([
        { period: '2025-09', value: 0.1, denominator: null },
        { period: '2025-09', value: 0.2, denominator: null },
        { period: '2025-10', value: 3, denominator: 40 },
        { period: '2025-10', value: 4, denominator: null },
      ]),
    ).toEqual([
      { x: '2025-09-01', y: 0.3, n: null },
      { x: '2025-10-01', y: null, n: null },
    ]);
    expect(outcomeSeries([])).toEqual([]);
  });
});
