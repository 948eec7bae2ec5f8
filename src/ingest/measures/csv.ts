/**
 * A measure's data from CSV: the user names the x, y and (optionally)
 * denominator and group columns. Pure (text in, rows out) so the measures page
 * runs it in the browser and the CLI on a file.
 */
import { SpcInputError } from '../../core/spc/errors.ts';
import type { Observation } from '../../core/spc/types.ts';
import { columnIndex, CsvSyntaxError, parseCsv } from '../common/csv.ts';

export interface MeasureColumns {
  x: string;
  y: string;
  n?: string;
  group?: string;
}

export type MeasureRow = Observation & { group?: string };

/** Cells read as missing: a gap in the chart, never a zero. */
const MISSING = new Set(['', 'na', 'n/a', 'null', '-']);

function table(text: string, fileName: string) {
  try {
    return parseCsv(fileName, new TextEncoder().encode(text));
  } catch (error) {
    if (error instanceof CsvSyntaxError) throw new SpcInputError(error.message);
    throw error;
  }
}

/** The header row, for choosing columns. */
export function csvHeaders(text: string, fileName = 'data.csv'): string[] {
  return table(text, fileName).header;
}

function numberOrMissing(cell: string | undefined, fileName: string, line: number, column: string): number | null {
  const text = (cell ?? '').trim();
  if (MISSING.has(text.toLowerCase())) return null;
  const value = Number(text);
  if (!Number.isFinite(value)) throw new SpcInputError(`${fileName}:${line}: ${column} "${text}": not a number`);
  return value;
}

export function parseMeasureCsv(text: string, columns: MeasureColumns, fileName = 'data.csv'): MeasureRow[] {
  const { header, rows } = table(text, fileName);
  const index = columnIndex(header);
  const position = (name: string | undefined): number | undefined => {
    if (name === undefined || name === '') return undefined;
    const found = index.get(name.trim().toLowerCase());
    if (found === undefined) {
      throw new SpcInputError(`${fileName}: there is no column "${name}"; the columns are ${header.map((h) => `"${h}"`).join(', ')}`);
    }
    return found;
  };
  const xAt = position(columns.x)!;
  const yAt = position(columns.y)!;
  const nAt = position(columns.n);
  const groupAt = position(columns.group);
  if (rows.length === 0) throw new SpcInputError(`${fileName}: the file has a header but no data rows`);

  return rows.map(({ line, cells }): MeasureRow => {
    const x = (cells[xAt] ?? '').trim();
    if (x === '') throw new SpcInputError(`${fileName}:${line}: ${columns.x} "": every row needs a value on the x axis`);
    const row: MeasureRow = { x, y: numberOrMissing(cells[yAt], fileName, line, columns.y), line };
    if (nAt !== undefined) row.n = numberOrMissing(cells[nAt], fileName, line, columns.n!);
    if (groupAt !== undefined) row.group = (cells[groupAt] ?? '').trim();
    return row;
  });
}
