/**
 * From rows to subgroups: rows sharing an x form one subgroup, ordered along the
 * x axis. Each subgroup keeps what any chart needs (sum, count, mean, standard
 * deviation, denominator), so the chart functions never look at rows.
 */
import { groupBy } from '../group-by.ts';
import { SpcInputError } from './errors.ts';
import { mean, standardDeviation } from './statistics.ts';
import type { ChartType, InputLabels, Observation, XKind } from './types.ts';
import { CHARTS_WITH_DENOMINATOR } from './types.ts';

export interface Subgroup {
  x: number | string;
  /** The plotted value before any chart transformation: numerator/denominator, or the mean. NaN where missing. */
  value: number;
  /** Sum of the values (counts for C charts); NaN where missing. */
  sum: number;
  /** Number of values present. */
  size: number;
  mean: number;
  /** Sample standard deviation of the values; NaN below two values. */
  sd: number;
  /** Summed denominator; NaN where the chart has none or it is missing. */
  denominator: number;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

export function classifyX(values: ReadonlyArray<number | string>): XKind {
  if (values.every((value) => typeof value === 'number' || NUMBER.test(value.trim()))) return 'number';
  if (values.every((value) => typeof value === 'string' && ISO_DATE.test(value.trim()) && !Number.isNaN(Date.parse(value)))) return 'date';
  return 'label';
}

function place(row: Observation, index: number, labels: InputLabels): string {
  const where = row.line !== undefined ? `line ${row.line}` : `row ${index + 1}`;
  return labels.source ? `${labels.source}:${row.line ?? index + 1}` : where;
}

function fail(row: Observation, index: number, labels: InputLabels, field: 'x' | 'y' | 'n', value: unknown, problem: string): never {
  const column = labels[field] ?? field;
  throw new SpcInputError(`${place(row, index, labels)}: ${column} "${String(value)}": ${problem}`);
}

/** Rejects values the chart cannot take, naming the row, the column and the value. */
function validateRow(row: Observation, index: number, chart: ChartType, labels: InputLabels): void {
  const { y } = row;
  const n = row.n ?? null;
  if (typeof row.x === 'number' ? !Number.isFinite(row.x) : row.x.trim() === '') fail(row, index, labels, 'x', row.x, 'every row needs a value on the x axis');
  if (y !== null && !Number.isFinite(y)) fail(row, index, labels, 'y', y, 'not a number');
  if (n !== null && !Number.isFinite(n)) fail(row, index, labels, 'n', n, 'not a number');
  if (y === null) return;
  const needsDenominator = CHARTS_WITH_DENOMINATOR.includes(chart);
  if (needsDenominator && n !== null) {
    if (n <= 0) fail(row, index, labels, 'n', n, 'the denominator must be greater than 0');
    if (chart.startsWith('p') && y > n) fail(row, index, labels, 'y', y, `the numerator is larger than the denominator (${n})`);
  }
  if (n !== null && n === 0 && (chart === 'run' || chart === 'i')) fail(row, index, labels, 'n', n, 'the denominator must not be 0');
  if (y < 0 && (needsDenominator || chart === 'c' || chart === 'g')) fail(row, index, labels, 'y', y, 'a count cannot be negative');
  if (y <= 0 && chart === 't') fail(row, index, labels, 'y', y, 'the time between events must be greater than 0');
}

function xKey(x: number | string, kind: XKind): number | string {
  if (kind === 'number') return typeof x === 'number' ? x : Number(x.trim());
  return typeof x === 'string' ? x.trim() : String(x);
}

function compareKeys(kind: XKind): ((a: number | string, b: number | string) => number) | null {
  if (kind === 'number') return (a, b) => (a as number) - (b as number);
  if (kind === 'date') return (a, b) => Date.parse(a as string) - Date.parse(b as string);
  return null; // labels keep the order in which they first appear
}

/**
 * Groups rows into subgroups along the x axis. A row with a numerator but no
 * denominator (or the reverse) counts as missing, as in the reference literature.
 */
export function buildSubgroups(
  rows: readonly Observation[],
  chart: ChartType,
  labels: InputLabels = {},
): { kind: XKind; subgroups: Subgroup[] } {
  rows.forEach((row, index) => validateRow(row, index, chart, labels));
  const kind = classifyX(rows.map((row) => row.x));
  const withDenominator = rows.some((row) => row.n !== undefined && row.n !== null);
  if (CHARTS_WITH_DENOMINATOR.includes(chart) && !withDenominator) {
    throw new SpcInputError(`A ${chart.toUpperCase()} chart needs a denominator${labels.n ? ` (column ${labels.n} is empty)` : ' column'}.`);
  }
  const useDenominator = withDenominator && chart !== 'c' && chart !== 'g' && chart !== 't' && chart !== 'xbar' && chart !== 's' && chart !== 'mr';

  const byKey = groupBy(rows, (row) => xKey(row.x, kind));
  const keys = [...byKey.keys()];
  const compare = compareKeys(kind);
  if (compare) keys.sort(compare);

  const subgroups = keys.map((key): Subgroup => {
    const members = byKey.get(key)!;
    const values: number[] = [];
    let denominator = 0;
    for (const row of members) {
      const n = row.n ?? null;
      if (row.y === null || (useDenominator && n === null)) continue;
      values.push(row.y);
      if (useDenominator) denominator += n!;
    }
    const present = values.length > 0;
    let sum = 0;
    for (const value of values) sum += value;
    const average = present ? mean(values) : Number.NaN;
    return {
      x: key,
      value: !present ? Number.NaN : useDenominator ? sum / denominator : average,
      sum: present ? sum : Number.NaN,
      size: values.length,
      mean: average,
      sd: standardDeviation(values),
      denominator: useDenominator && present ? denominator : Number.NaN,
    };
  });
  return { kind, subgroups };
}
