/**
 * The row loop of Trellis's own CSV files (skills, evidence, activity maps): the
 * required columns checked once, then each row read through `get`, its problems
 * collected, and the row accepted only when it has none.
 */
import path from 'node:path';
import { columnIndex, duplicateColumn, parseCsv, type CsvRow, type CsvTable } from './csv.ts';
import { readSource } from './read.ts';
import { emptyCounts, RejectImport, type FileCounts, type ImportProblem } from './report.ts';

export type Getter = (column: string) => string;
export type Reporter = (field: string, value: string, message: string) => void;

/** The one CSV file of an import of one file (a path, or the bytes of an upload). */
export function readOneCsv(source: string | Uint8Array, columns: string): CsvTable {
  if (typeof source !== 'string') return parseCsv('the upload', source);
  const files = readSource(source);
  const name = path.basename(source);
  const bytes = files.get(name) ?? (files.size === 1 ? [...files.values()][0] : undefined);
  if (!bytes) throw new RejectImport(`${source}: expected one CSV file with the columns ${columns}`);
  return parseCsv(files.has(name) ? name : [...files.keys()][0]!, bytes);
}

/** Rejects a header that names a column twice or lacks a required one. */
export function checkColumns(table: CsvTable, required: readonly string[]): void {
  const duplicate = duplicateColumn(table.header);
  if (duplicate) throw new RejectImport(`${table.file}:1: the column "${duplicate}" appears twice in the header`);
  const columns = columnIndex(table.header);
  const missing = required.filter((name) => !columns.has(name.toLowerCase()));
  if (missing.length > 0) {
    const list = missing.map((m) => `"${m}"`).join(', ');
    throw new RejectImport(`${table.file}:1: missing required column${missing.length > 1 ? 's' : ''} ${list}`);
  }
}

export interface RowResults<T> {
  /** Accepted rows' values with their lines. */
  accepted: { line: number; value: T }[];
  counts: FileCounts;
  problems: ImportProblem[];
}

/**
 * Runs `read` on each row; a row that reports a problem is skipped. Rows whose
 * field count differs from the header's are reported too, as the other
 * importers do.
 */
export function readRows<T>(table: CsvTable, read: (get: Getter, report: Reporter, row: CsvRow) => T): RowResults<T> {
  const columns = columnIndex(table.header);
  const results: RowResults<T> = { accepted: [], counts: { ...emptyCounts(), read: table.rows.length }, problems: [] };
  for (const row of table.rows) {
    const problems: ImportProblem[] = [];
    const report: Reporter = (field, value, message) => problems.push({ file: table.file, line: row.line, field, value, message });
    const get: Getter = (column) => {
      const i = columns.get(column.toLowerCase());
      return i === undefined ? '' : (row.cells[i] ?? '').trim();
    };
    if (row.cells.length !== table.header.length) report('row', `${row.cells.length} fields`, `the header has ${table.header.length} fields`);
    const value = read(get, report, row);
    if (problems.length > 0) {
      results.counts.skipped++;
      results.problems.push(...problems);
    } else {
      results.counts.accepted++;
      results.accepted.push({ line: row.line, value });
    }
  }
  return results;
}

/** A list cell of Trellis's CSVs: items separated by `;` or `|`, trimmed, empty items dropped. */
export function splitList(value: string): string[] {
  return value
    .split(/[;|]/)
    .map((item) => item.trim())
    .filter(Boolean);
}
