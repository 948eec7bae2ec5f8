import { describe, expect, it } from 'vitest';
import { addDays, isDate, weekStart } from './dates.ts';

describe('dates', () => {
  it('accepts calendar dates only', () => {
    expect(isDate('2026-02-28')).toBe(true);
    expect(isDate('2024-02-29')).toBe(true);
    expect(isDate('2026-02-29')).toBe(false);
    expect(isDate('2026-3-1')).toBe(false);
  });

  it('steps over month ends and finds the Monday of a week', () => {
    expect(addDays('2026-02-27', 3)).toBe('2026-03-02');
    expect(weekStart('2026-03-02')).toBe('2026-03-02');
    expect(weekStart('2026-03-08')).toBe('2026-03-02');
    expect(weekStart('2026-03-04')).toBe('2026-03-02');
  });
});
