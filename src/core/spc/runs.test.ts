import { describe, expect, it } from 'vitest';
import { anhoejRuns } from './runs.ts';

const all = (length: number) => new Array<boolean>(length).fill(true);
const flat = (length: number, value: number) => new Array<number>(length).fill(value);

describe('Anhøj runs analysis', () => {
  it('counts runs and crossings, skipping points on the centre line and missing values', () => {
    // sides: + + 0 + - - NaN - + ; useful: 7 (the 0 and NaN are skipped)
    const values = [2, 3, 1, 4, 0, -1, Number.NaN, -2, 5];
    const result = anhoejRuns(values, flat(values.length, 1), all(values.length));
    expect(result.usefulObservations).toBe(7);
    expect(result.longestRun).toBe(3);
    expect(result.crossings).toBe(2);
    expect(result.longestRunMax).toBe(Math.round(Math.log2(7)) + 3);
    expect(result.crossingsMin).toBe(1);
    expect(result.signal).toBe(false);
  });

  it('signals a run longer than round(log2 n) + 3 and marks its points', () => {
    const values = [1, -1, 1, -1, 1, -1, 1, -1, 1, -1, 1, -1, 1, -1, 1, -1, 2, 2, 2, 2, 2, 2, 2, 2, 2];
    const result = anhoejRuns(values, flat(values.length, 0), all(values.length));
    expect(result.usefulObservations).toBe(25);
    expect(result.longestRunMax).toBe(8);
    expect(result.longestRun).toBe(9);
    expect(result.signal).toBe(true);
    expect(result.longRunPositions).toEqual([16, 17, 18, 19, 20, 21, 22, 23, 24]);
  });

  it('signals too few crossings', () => {
    const values = [...flat(10, -1), ...flat(10, 1)];
    const result = anhoejRuns(values, flat(20, 0), all(20));
    expect(result.crossings).toBe(1);
    expect(result.crossingsMin).toBe(6);
    expect(result.signal).toBe(true);
  });

  it('leaves out excluded points and reports nothing when no point is useful', () => {
    const values = [1, 1, 1];
    expect(anhoejRuns(values, flat(3, 0), [true, false, true]).usefulObservations).toBe(2);
    const none = anhoejRuns(values, flat(3, 1), all(3));
    expect(none).toMatchObject({ usefulObservations: 0, longestRun: null, crossings: null, signal: false });
  });
});
