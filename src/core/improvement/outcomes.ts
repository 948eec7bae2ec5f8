/**
 * Outcomes by school and period (docs/measures.md, "Outcomes by school and
 * period"): the keys and periods an outcomes file may use, and the series a
 * measure of kind imported_outcome draws from the imported rows. Pure: the
 * importer (src/ingest/outcomes) and src/db/live-measures.ts read and write rows.
 */
import { groupBy } from '../group-by.ts';

/** A short lower-case key such as `college_applications_nonlocal` or `graduation_rate`. */
export const OUTCOME_KEY = /^[a-z][a-z0-9_]*$/;
export const MAX_OUTCOME_KEY = 64;

export const PERIOD_FORMATS = 'YYYY, YYYY-MM, YYYY-MM-DD or a school year YYYY-YY such as 2024-25';

/**
 * The first day (`YYYY-MM-DD`) of a period, the x of its point on a chart; null
 * when the text is no period. A school year `2024-25` starts on 1 July 2024,
 * the usual start of a school year in state reporting; a year on 1 January.
 * `YYYY-YY` is a school year whenever YY follows YYYY, even where it could be a
 * month (`2011-12` is the school year, not December 2011).
 */
export function periodStart(period: string): string | null {
  const year = /^(\d{4})$/.exec(period);
  if (year) return Number(year[1]) >= 1000 ? `${year[1]}-01-01` : null;
  const yearAndTwo = /^(\d{4})-(\d{2})$/.exec(period);
  if (yearAndTwo) {
    const first = Number(yearAndTwo[1]);
    const second = Number(yearAndTwo[2]);
    if (first < 1000) return null;
    // The next year's last two digits make a school year, even when they could be a month (2011-12).
    if (second === (first + 1) % 100) return `${first}-07-01`;
    return second >= 1 && second <= 12 ? `${period}-01` : null;
  }
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(period);
  if (day) {
    const [y, m, d] = [Number(day[1]), Number(day[2]), Number(day[3])];
    if (y < 1000 || m < 1 || m > 12 || d < 1 || d > new Date(Date.UTC(y, m, 0)).getUTCDate()) return null;
    return period;
  }
  return null;
}

/** One imported row of an outcome: a school's value (and denominator) for a period. */
export interface OutcomeRow {
  period: string;
  value: number;
  denominator: number | null;
}

/** A point of the series: y the summed values, n the summed denominators (the chart plots y / n). */
export interface OutcomePoint {
  x: string;
  y: number | null;
  n: number | null;
}

const tidy = (value: number) => Math.round(value * 1e9) / 1e9;

/**
 * One point per period, in the order of the periods' first days: the schools'
 * values summed, and their denominators summed when every school gave one (the
 * chart then plots sum(value) / sum(denominator), a proportion or a rate). A
 * period where some schools gave a denominator and others did not is a gap
 * (null): counts and rates do not add up.
 */
export function outcomeSeries(rows: readonly OutcomeRow[]): OutcomePoint[] {
  const byPeriod = groupBy(rows, (row) => row.period);
  const periods = [...byPeriod.keys()]
    .map((period) => ({ period, x: periodStart(period) }))
    .filter((p): p is { period: string; x: string } => p.x !== null)
    .sort((a, b) => a.x.localeCompare(b.x) || a.period.localeCompare(b.period));
  return periods.map(({ period, x }) => {
    const group = byPeriod.get(period)!;
    const withDenominator = group.filter((r) => r.denominator !== null).length;
    const sum = tidy(group.reduce((total, r) => total + r.value, 0));
    if (withDenominator === 0) return { x, y: sum, n: null };
    if (withDenominator < group.length) return { x, y: null, n: null };
    return { x, y: sum, n: tidy(group.reduce((total, r) => total + r.denominator!, 0)) };
  });
}
