import { describe, expect, it } from 'vitest';
import { addDays, isDate, today, weekStart } from './dates.ts';

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

  it("gives today's date in the server's time zone, not UTC's", () => {
    const saved = process.env.TZ;
    try {
      process.env.TZ = 'America/Chicago';
      // 03:30 UTC on the 24th is 21:30 on the 23rd in Chicago: the school's day is still the 23rd.
      expect(today(new Date('2026-11-24T03:30:00Z'))).toBe('2026-11-23');
      process.env.TZ = 'Pacific/Auckland';
      expect(today(new Date('2026-11-23T12:30:00Z'))).toBe('2026-11-24');
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });
});
