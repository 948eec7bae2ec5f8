import { describe, expect, it } from 'vitest';
import { formatProblem } from './report.ts';
import { isDate, isDateTime, parseFlag, parseList, parseOneRosterBoolean } from './values.ts';

describe('cell values', () => {
  it('accepts real calendar dates only', () => {
    expect(isDate('2024-02-29')).toBe(true);
    expect(isDate('2023-02-29')).toBe(false);
    expect(isDate('2024-13-01')).toBe(false);
    expect(isDate('2024-1-01')).toBe(false);
    expect(isDateTime('2024-08-01T12:00:00Z')).toBe(true);
    expect(isDateTime('2024-08-01T12:00:00.123+02:00')).toBe(true);
    expect(isDateTime('2024-08-01')).toBe(true);
    expect(isDateTime('2024-08-01T25:00:00Z')).toBe(false);
    expect(isDateTime('yesterday')).toBe(false);
  });

  it('reads OneRoster booleans strictly and Trellis flags loosely', () => {
    expect(parseOneRosterBoolean('TRUE')).toBe(true);
    expect(parseOneRosterBoolean('yes')).toBeUndefined();
    expect(['true', 'Yes', 'y', '1'].map(parseFlag)).toEqual([true, true, true, true]);
    expect(['FALSE', 'no', 'N', '0'].map(parseFlag)).toEqual([false, false, false, false]);
    expect(parseFlag('')).toBeUndefined();
    expect(parseFlag('2')).toBeUndefined();
  });

  it('splits lists and formats problems as FILE:LINE: field "value": message', () => {
    expect(parseList(' 09, 10,,11 ')).toEqual(['09', '10', '11']);
    expect(formatProblem({ file: 'users.csv', line: 7, field: 'role', value: 'techer', message: 'must be one of: teacher' })).toBe(
      'users.csv:7: role "techer": must be one of: teacher',
    );
  });
});
