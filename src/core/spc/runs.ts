/**
 * Runs analysis around the centre line: are the points above and below it mixed
 * the way chance mixes them? Anhøj & Olesen (2014): a run longer than
 * round(log2(n)) + 3, or fewer crossings than the 5th percentile of
 * Binomial(n − 1, 0.5), signals a non-random pattern. n counts the useful
 * observations: points on the centre line and missing points are skipped.
 */
import { binomialHalfQuantile05 } from './statistics.ts';

export interface RunsAnalysis {
  usefulObservations: number;
  longestRun: number | null;
  longestRunMax: number | null;
  crossings: number | null;
  crossingsMin: number | null;
  signal: boolean;
  /** Positions (into the values given) of the points in runs longer than the maximum. */
  longRunPositions: number[];
}

/** `use` marks the values the analysis may look at (excluded points are left out). */
export function anhoejRuns(values: readonly number[], centre: readonly number[], use: readonly boolean[]): RunsAnalysis {
  let useful = 0;
  let runCount = 0;
  let longest = 0;
  let currentSide = 0;
  let currentLength = 0;
  let currentStart = 0;
  const runs: Array<{ start: number; end: number; length: number }> = [];
  let lastPosition = -1;
  for (let i = 0; i < values.length; i++) {
    if (!use[i]) continue;
    const side = Math.sign(values[i]! - centre[i]!);
    if (side === 0 || Number.isNaN(side)) continue;
    useful++;
    if (side === currentSide) {
      currentLength++;
    } else {
      if (currentLength > 0) runs.push({ start: currentStart, end: lastPosition, length: currentLength });
      runCount++;
      currentSide = side;
      currentLength = 1;
      currentStart = i;
    }
    lastPosition = i;
    if (currentLength > longest) longest = currentLength;
  }
  if (currentLength > 0) runs.push({ start: currentStart, end: lastPosition, length: currentLength });

  if (useful === 0) {
    return { usefulObservations: 0, longestRun: null, longestRunMax: null, crossings: null, crossingsMin: null, signal: false, longRunPositions: [] };
  }
  const longestRunMax = Math.round(Math.log2(useful)) + 3;
  const crossings = Math.max(runCount - 1, 0);
  const crossingsMin = binomialHalfQuantile05(useful - 1);
  const longRunPositions: number[] = [];
  for (const run of runs) {
    if (run.length <= longestRunMax) continue;
    for (let i = run.start; i <= run.end; i++) if (use[i] && !Number.isNaN(values[i]!)) longRunPositions.push(i);
  }
  return {
    usefulObservations: useful,
    longestRun: longest,
    longestRunMax,
    crossings,
    crossingsMin,
    signal: longest > longestRunMax || crossings < crossingsMin,
    longRunPositions,
  };
}
