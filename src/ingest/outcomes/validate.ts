/**
 * outcomes.csv: one figure per row, `school,outcome,period,value[,denominator]`.
 * Pure validation: the school by its org sourcedId, the outcome a short
 * lower-case key, the period a year, month, day or school year, the value a
 * number and the denominator, when given, a number above 0.
 */
import { MAX_OUTCOME_KEY, OUTCOME_KEY, periodStart, PERIOD_FORMATS } from '../../core/improvement/outcomes.ts';
import type { CsvTable } from '../common/csv.ts';
import type { FileCounts, ImportProblem } from '../common/report.ts';
import { checkColumns, readRows } from '../common/rows.ts';

export const OUTCOME_COLUMNS = ['school', 'outcome', 'period', 'value'] as const;

export interface OutcomeWrite {
  school_sourced_id: string;
  outcome: string;
  period: string;
  value: number;
  denominator: number | null;
}

export interface OutcomePlan {
  rows: OutcomeWrite[];
  counts: FileCounts;
  problems: ImportProblem[];
}

/** The header needs school, outcome, period and value; denominator is optional. */
export function checkOutcomeColumns(table: CsvTable): void {
  checkColumns(table, OUTCOME_COLUMNS);
}

/** A number as written in a spreadsheet export: digits, a sign, a decimal point; no units or words. */
export function parseNumber(cell: string): number | null {
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(cell)) return null;
  const value = Number(cell);
  return Number.isFinite(value) ? value : null;
}

/** Every row checked against the district's schools (sourcedIds of orgs of type school). */
export function planOutcomes(table: CsvTable, schools: ReadonlySet<string>): OutcomePlan {
  const firstLine = new Map<string, number>();
  const results = readRows(table, (get, report, row): OutcomeWrite => {
    const school = get('school');
    if (!school) report('school', '', 'is required');
    else if (!schools.has(school)) report('school', school, 'no school with this sourcedId in the district');

    const outcome = get('outcome');
    if (!outcome) report('outcome', '', 'is required');
    else if (!OUTCOME_KEY.test(outcome) || outcome.length > MAX_OUTCOME_KEY) {
      report('outcome', outcome, `must be a short lower-case key of letters, digits and _ (at most ${MAX_OUTCOME_KEY}), such as graduation_rate`);
    }

    const period = get('period');
    if (!period) report('period', '', 'is required');
    else if (periodStart(period) === null) report('period', period, `must be ${PERIOD_FORMATS}`);

    const valueCell = get('value');
    const value = valueCell ? parseNumber(valueCell) : null;
    if (!valueCell) report('value', '', 'is required');
    else if (value === null) report('value', valueCell, 'not a number');

    const denominatorCell = get('denominator');
    const denominator = denominatorCell ? parseNumber(denominatorCell) : null;
    if (denominatorCell && denominator === null) report('denominator', denominatorCell, 'not a number');
    else if (denominator !== null && denominator <= 0) report('denominator', denominatorCell, 'must be greater than 0 (leave it empty when there is none)');

    if (school && outcome && period) {
      const key = `${school}|${outcome}|${period}`;
      const first = firstLine.get(key);
      if (first !== undefined) report('period', period, `the same school, outcome and period as on line ${first}`);
      else firstLine.set(key, row.line);
    }
    return { school_sourced_id: school, outcome, period, value: value ?? 0, denominator };
  });
  return { rows: results.accepted.map((r) => r.value), counts: results.counts, problems: results.problems };
}
