/**
 * What the measures page turns its inputs into: rows from a CSV or the typed
 * table, chart options from the text fields, and the charts themselves, with
 * any problem tied to the input that caused it. Pure, so it is tested directly.
 */
import { analyseChart } from '../../../core/spc/analyse.ts';
import { SpcInputError } from '../../../core/spc/errors.ts';
import { analyseByGroup, analyseGap, type GroupChart } from '../../../core/spc/groups.ts';
import type { ChartOptions, ChartResult, ChartType, InputLabels, RuleSet } from '../../../core/spc/types.ts';
import type { MeasureRow } from '../../../ingest/measures/csv.ts';

/** One line of the typed table, as typed. */
export interface TypedRow {
  x: string;
  y: string;
  n: string;
}

export const EMPTY_ROW: TypedRow = { x: '', y: '', n: '' };

/** The inputs a problem can be shown next to. */
export type Field = 'data' | 'multiply' | 'freeze' | 'part' | 'exclude';

export class FieldError extends Error {
  constructor(
    readonly field: Field,
    message: string,
  ) {
    super(message);
  }
}

export interface ChartSettings {
  chart: ChartType;
  rules: RuleSet;
  multiply: string;
  freeze: string;
  part: string;
  exclude: string;
}

const MISSING = new Set(['', 'na', 'n/a', 'null', '-']);

function typedNumber(text: string, row: number, column: string): number | null {
  const trimmed = text.trim();
  if (MISSING.has(trimmed.toLowerCase())) return null;
  const value = Number(trimmed);
  if (!Number.isFinite(value)) throw new FieldError('data', `Row ${row}: ${column} "${trimmed}" is not a number.`);
  return value;
}

/** Rows from the typed table; blank rows at the end are ignored, blank cells are missing values. */
export function typedRows(rows: readonly TypedRow[]): MeasureRow[] {
  let last = rows.length;
  while (last > 0 && rows[last - 1]!.x.trim() === '' && rows[last - 1]!.y.trim() === '' && rows[last - 1]!.n.trim() === '') last--;
  const used = rows.slice(0, last);
  const withDenominator = used.some((row) => row.n.trim() !== '');
  return used.map((row, i) => {
    const observation: MeasureRow = { x: row.x.trim(), y: typedNumber(row.y, i + 1, 'value') };
    if (withDenominator) observation.n = typedNumber(row.n, i + 1, 'denominator');
    return observation;
  });
}

/** Table cells from pasted spreadsheet text: rows by line, cells by tab (or comma when there is no tab). */
export function pastedCells(text: string): string[][] {
  const lines = text.replace(/\r\n?/g, '\n').replace(/\n+$/, '').split('\n');
  const separator = text.includes('\t') ? '\t' : ',';
  return lines.map((line) => line.split(separator).map((cell) => cell.trim()));
}

/** Writes pasted cells into the table from a starting row and column (0 = x, 1 = value, 2 = denominator), adding rows as needed. */
export function pasteInto(rows: readonly TypedRow[], cells: string[][], startRow: number, startColumn: number): TypedRow[] {
  const keys: Array<keyof TypedRow> = ['x', 'y', 'n'];
  const next = rows.map((row) => ({ ...row }));
  cells.forEach((line, r) => {
    const at = startRow + r;
    while (next.length <= at) next.push({ ...EMPTY_ROW });
    line.forEach((cell, c) => {
      const key = keys[startColumn + c];
      if (key) next[at]![key] = cell;
    });
  });
  return next;
}

function positions(text: string, field: 'freeze' | 'part' | 'exclude'): number[] | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const values = trimmed.split(/[\s,;]+/).filter(Boolean).map(Number);
  if (values.some((value) => !Number.isInteger(value) || value < 1)) {
    throw new FieldError(field, `"${trimmed}": give point numbers (1 for the first point), separated by commas.`);
  }
  if (field === 'freeze' && values.length > 1) throw new FieldError(field, `"${trimmed}": give one point number, the last point of the baseline.`);
  return values;
}

export function chartOptions(settings: ChartSettings): ChartOptions {
  const multiplyText = settings.multiply.trim();
  const multiply = multiplyText === '' ? 1 : Number(multiplyText);
  if (!Number.isFinite(multiply) || multiply <= 0) throw new FieldError('multiply', `"${multiplyText}": give a number greater than 0, such as 1 or 100.`);
  return {
    chart: settings.chart,
    rules: settings.rules,
    multiply,
    freeze: positions(settings.freeze, 'freeze')?.[0],
    part: positions(settings.part, 'part'),
    exclude: positions(settings.exclude, 'exclude'),
  };
}

/** Which input an engine message is about: its options name themselves first, everything else is the data. */
function fieldOf(message: string): Field {
  if (/^freeze\b|^Use either freeze/.test(message)) return 'freeze';
  if (/^part\b/.test(message)) return 'part';
  if (/^exclude\b/.test(message)) return 'exclude';
  if (/^multiply\b/.test(message)) return 'multiply';
  return 'data';
}

export interface MeasureCharts {
  result: ChartResult;
  /** One chart per group, when a group column is chosen. */
  groups: GroupChart[] | null;
  /** The gap between two chosen groups. */
  gap: ChartResult | null;
  /** Why the gap could not be charted (e.g. the groups share no x value); the other charts still stand. */
  gapError: string | null;
  /** The gap is shown in percentage points (proportions) or the measure's own units. */
  gapUnits: 'percentage points' | 'units';
}

export interface GapChoice {
  a: string;
  b: string;
  chart: 'run' | 'i';
}

/** The charts for the page, or the first problem, tied to its input. */
export function measureCharts(rows: MeasureRow[], settings: ChartSettings, labels: InputLabels, gapChoice: GapChoice | null): MeasureCharts {
  const options = chartOptions(settings);
  const run = <T>(work: () => T): T => {
    try {
      return work();
    } catch (error) {
      if (error instanceof SpcInputError) throw new FieldError(fieldOf(error.message), error.message);
      throw error;
    }
  };
  const result = run(() => analyseChart(rows, options, labels));
  const grouped = rows.every((row) => row.group !== undefined);
  const groupRows = grouped ? rows.map((row) => ({ ...row, group: row.group || '(no group)' })) : [];
  const groups = grouped ? run(() => analyseByGroup(groupRows, options, labels)) : null;
  let gap: ChartResult | null = null;
  let gapError: string | null = null;
  // Proportions compare in percentage points; other measures in their own units.
  const proportion = settings.chart === 'p' || settings.chart === 'pp';
  if (grouped && gapChoice && gapChoice.a && gapChoice.b) {
    try {
      gap = analyseGap(groupRows, { a: gapChoice.a, b: gapChoice.b }, { chart: gapChoice.chart, rules: settings.rules, multiply: proportion ? 100 : options.multiply }, labels);
    } catch (error) {
      if (!(error instanceof SpcInputError)) throw error;
      gapError = error.message;
    }
  }
  return { result, groups, gap, gapError, gapUnits: proportion ? 'percentage points' : 'units' };
}
