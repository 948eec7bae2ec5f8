/**
 * A measure's values as they arrive, typed or from a CSV file, checked whole:
 * the first problem names its row (or FILE:LINE) and nothing is kept.
 */

export interface ValueRow {
  x: string;
  y: number | null;
  n: number | null;
}

/** A real calendar date written YYYY-MM-DD. */
export function isIsoDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.getUTCFullYear() === Number(match[1]) && date.getUTCMonth() === Number(match[2]) - 1 && date.getUTCDate() === Number(match[3]);
}

export class ValuesError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ValuesError';
  }
}

export const MAX_VALUES = 10_000;

/** Typed rows: each x a date, each y and n a finite number or empty (a gap). */
export function checkTypedValues(rows: readonly { x: string; y: number | null; n?: number | null }[]): ValueRow[] {
  if (rows.length > MAX_VALUES) throw new ValuesError(`At most ${MAX_VALUES} values per measure.`);
  return rows.map((row, i) => {
    const x = row.x.trim();
    if (!isIsoDate(x)) throw new ValuesError(`Row ${i + 1}: date "${row.x}": write it as YYYY-MM-DD, e.g. 2025-09-01.`);
    for (const [name, value] of [['value', row.y], ['denominator', row.n ?? null]] as const) {
      if (value !== null && !Number.isFinite(value)) throw new ValuesError(`Row ${i + 1}: ${name} is not a number.`);
    }
    if (row.n !== undefined && row.n !== null && row.n < 0) throw new ValuesError(`Row ${i + 1}: the denominator cannot be negative.`);
    return { x, y: row.y, n: row.n ?? null };
  });
}
