/**
 * One measure, several student groups: small multiples (each group on its own
 * chart, same options) and the gap between two groups over time, analysed as a
 * series of its own — how a team sees whether the English-learner gap is closing.
 */
import { groupBy } from '../group-by.ts';
import { analyseChart } from './analyse.ts';
import { SpcInputError } from './errors.ts';
import { buildSubgroups } from './subgroups.ts';
import type { ChartOptions, ChartResult, InputLabels, Observation, RuleSet } from './types.ts';

export type GroupedObservation = Observation & { group: string };

export interface GroupChart {
  group: string;
  result: ChartResult;
}

/** One chart per group, in alphabetical order of the group names. */
export function analyseByGroup(rows: readonly GroupedObservation[], options: ChartOptions, labels: InputLabels = {}): GroupChart[] {
  const groups = groupBy(rows, (row) => row.group);
  return [...groups.keys()]
    .sort((a, b) => a.localeCompare(b))
    .map((group) => ({ group, result: analyseChart(groups.get(group)!, options, labels) }));
}

export interface GapOptions {
  /** Run chart (default) or I chart of the differences. */
  chart?: 'run' | 'i';
  /** Scales each group's value before the difference (100 gives percentage points). */
  multiply?: number;
  rules?: RuleSet;
  freeze?: number;
  part?: number[];
  exclude?: number[];
}

/**
 * The difference a − b at each x where both groups have a value: each group's
 * value is its numerator over its denominator where there is one, else its
 * mean. Points where either group is missing are gaps.
 */
export function analyseGap(
  rows: readonly GroupedObservation[],
  groups: { a: string; b: string },
  options: GapOptions = {},
  labels: InputLabels = {},
): ChartResult {
  const all = groupBy(rows, (row) => row.group);
  for (const name of [groups.a, groups.b]) {
    if (!all.has(name)) throw new SpcInputError(`There is no group "${name}"; the groups are ${[...all.keys()].map((g) => `"${g}"`).join(', ')}.`);
  }
  if (groups.a === groups.b) throw new SpcInputError('Choose two different groups to compare.');
  const multiply = options.multiply ?? 1;
  const valuesOf = (name: string) => {
    const { subgroups } = buildSubgroups(all.get(name)!, 'run', labels);
    return new Map(subgroups.map((subgroup) => [String(subgroup.x), subgroup]));
  };
  const a = valuesOf(groups.a);
  const b = valuesOf(groups.b);
  const gap: Observation[] = [];
  for (const [key, left] of a) {
    const right = b.get(key);
    if (!right) continue;
    const difference = (left.value - right.value) * multiply;
    gap.push({ x: left.x, y: Number.isNaN(difference) ? null : difference });
  }
  if (gap.length === 0) throw new SpcInputError(`"${groups.a}" and "${groups.b}" share no x values, so there is no gap to chart.`);
  // The scale was applied to each group's value above, so the gap chart takes none.
  return analyseChart(gap, { chart: options.chart ?? 'run', rules: options.rules, freeze: options.freeze, part: options.part, exclude: options.exclude });
}
