/**
 * The measurement engine's entry point: rows in, a chart out. Splits the
 * subgroups into parts, computes each part's centre line and limits from its
 * baseline, applies Shewhart's 3-sigma rule and the chosen runs rules, and
 * scales by `multiply` last so the rules see the data as measured.
 */
import { SpcInputError } from './errors.ts';
import { ihiRules } from './ihi.ts';
import { partLimits } from './limits.ts';
import { anhoejRuns } from './runs.ts';
import { buildSubgroups } from './subgroups.ts';
import type { ChartOptions, ChartPoint, ChartResult, InputLabels, Observation, PartAnalysis } from './types.ts';

function checkPositions(name: string, positions: readonly number[], count: number): void {
  for (const position of positions) {
    if (!Number.isInteger(position) || position < 1 || position > count) {
      throw new SpcInputError(`${name} ${position} is not a point of this chart: give a whole number from 1 to ${count}.`);
    }
  }
}

/** Part number (1-based) of each subgroup; a part ends after each listed position. */
function partOf(count: number, ends: readonly number[]): number[] {
  const boundaries = [...new Set(ends)].filter((end) => end >= 1 && end < count).sort((a, b) => a - b);
  const parts = new Array<number>(count);
  let part = 1;
  let next = 0;
  for (let i = 0; i < count; i++) {
    parts[i] = part;
    if (next < boundaries.length && i + 1 === boundaries[next]) {
      part++;
      next++;
    }
  }
  return parts;
}

const orNull = (value: number): number | null => (Number.isFinite(value) ? value : null);

export function analyseChart(rows: readonly Observation[], options: ChartOptions, labels: InputLabels = {}): ChartResult {
  const chart = options.chart;
  const rules = options.rules ?? 'anhoej';
  const multiply = options.multiply ?? 1;
  if (!Number.isFinite(multiply) || multiply <= 0) throw new SpcInputError(`multiply must be a number greater than 0, not ${multiply}.`);
  if (rows.length === 0) throw new SpcInputError('There are no data to chart.');
  if (options.freeze !== undefined && options.part?.length) {
    throw new SpcInputError('Use either freeze (limits from a baseline) or part (recalculate after a change), not both.');
  }
  const { kind, subgroups } = buildSubgroups(rows, chart, labels);
  const count = subgroups.length;
  if (chart === 'xbar' || chart === 's') {
    if (!subgroups.some((group) => group.size > 1)) {
      throw new SpcInputError(`An ${chart === 'xbar' ? 'X̄' : 'S'} chart needs several values per subgroup: rows that share an x value.`);
    }
  }
  checkPositions('freeze', options.freeze === undefined ? [] : [options.freeze], count);
  checkPositions('part', options.part ?? [], count);
  checkPositions('exclude', options.exclude ?? [], count);

  const parts = partOf(count, options.part ?? []);
  const excluded = new Set(options.exclude ?? []);
  const freeze = options.freeze ?? Infinity;
  const points: ChartPoint[] = [];
  const analyses: PartAnalysis[] = [];

  let start = 0;
  while (start < count) {
    const part = parts[start]!;
    let end = start;
    while (end + 1 < count && parts[end + 1] === part) end++;
    const groups = subgroups.slice(start, end + 1);
    const include = groups.map((_, k) => !excluded.has(start + k + 1));
    const base = include.map((included, k) => included && start + k + 1 <= freeze);
    const limits = partLimits(chart, groups, base);

    const runs = anhoejRuns(limits.y, limits.cl, include);
    const ihi = rules === 'ihi' ? ihiRules(limits.y, limits.cl, include) : undefined;
    // Moving ranges are correlated by construction, so runs rules do not apply to them.
    const runsApply = chart !== 'mr';
    const runPositions = new Set<number>();
    if (runsApply && ihi) {
      for (const [first, last] of [...ihi.shifts, ...ihi.trends]) for (let k = first; k <= last; k++) runPositions.add(k);
    } else if (runsApply) {
      for (const k of runs.longRunPositions) runPositions.add(k);
    }

    groups.forEach((group, k) => {
      const y = orNull(limits.y[k]! * multiply);
      const lcl = orNull(limits.lcl[k]! * multiply);
      const ucl = orNull(limits.ucl[k]! * multiply);
      const astronomical = ihi?.astronomical.includes(k) ?? false;
      points.push({
        index: start + k + 1,
        x: group.x,
        y,
        n: chart === 'c' || chart === 'g' || chart === 't' ? null : orNull(Number.isNaN(group.denominator) ? group.size : group.denominator),
        cl: orNull(limits.cl[k]! * multiply),
        lcl,
        ucl,
        sigmaSignal: y !== null && ((ucl !== null && y > ucl) || (lcl !== null && y < lcl)),
        runSignal: runPositions.has(k) || (runsApply && astronomical),
        excluded: !include[k],
        baseline: base[k]!,
        part,
      });
    });
    const toIndex = (k: number) => start + k + 1;
    analyses.push({
      part,
      firstIndex: start + 1,
      lastIndex: end + 1,
      usefulObservations: runs.usefulObservations,
      runsSignal: runsApply && (ihi ? ihi.signal : runs.signal),
      longestRun: runs.longestRun,
      longestRunMax: runs.longestRunMax,
      crossings: runs.crossings,
      crossingsMin: runs.crossingsMin,
      ...(ihi && {
        ihi: {
          shifts: ihi.shifts.map(([a, b]) => [toIndex(a), toIndex(b)] as [number, number]),
          trends: ihi.trends.map(([a, b]) => [toIndex(a), toIndex(b)] as [number, number]),
          astronomical: ihi.astronomical.map(toIndex),
        },
      }),
    });
    start = end + 1;
  }

  return {
    chart,
    rules,
    xKind: kind,
    multiply,
    points,
    parts: analyses,
    signal: analyses.some((part) => part.runsSignal) || points.some((point) => point.sigmaSignal),
  };
}
