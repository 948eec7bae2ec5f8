/**
 * CSV parsing shared by every importer: csv-parse for the grammar, and our own
 * line numbers. csv-parse counts lines inside quoted CRLF fields twice, so each
 * record's physical line comes from its byte offset instead.
 */
import { parse, CsvError } from 'csv-parse/sync';

export interface CsvRow {
  /** Physical line where the record starts; the header is line 1. */
  line: number;
  cells: string[];
}

export interface CsvTable {
  file: string;
  header: string[];
  rows: CsvRow[];
}

/** The file cannot be read as CSV at all: a structural problem. */
export class CsvSyntaxError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly reason: string,
  ) {
    super(`${file}:${line}: unparsable CSV: ${reason}`);
  }
}

export function parseCsv(file: string, bytes: Uint8Array): CsvTable {
  const lineStarts = lineStartOffsets(bytes);
  // PostgreSQL text cannot hold NUL; a file full of them is usually UTF-16.
  const nul = bytes.indexOf(0);
  if (nul !== -1) throw new CsvSyntaxError(file, lineAt(lineStarts, nul), 'contains NUL bytes: save the file as UTF-8');
  const records: { cells: string[]; end: number }[] = [];
  let lastEnd = 0;
  try {
    parse(parserInput(bytes), {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      on_record: (record: string[], context) => {
        records.push({ cells: record, end: context.bytes });
        lastEnd = context.bytes;
        return null;
      },
    });
  } catch (error) {
    if (error instanceof CsvError) {
      throw new CsvSyntaxError(file, lineAt(lineStarts, firstContentOffset(bytes, lastEnd)), describeCsvError(error));
    }
    throw error;
  }
  const [header, ...data] = records;
  if (!header) throw new CsvSyntaxError(file, 1, 'the file is empty: it needs a header row');
  let start = header.end;
  const rows = data.map((record) => {
    const row = { line: lineAt(lineStarts, firstContentOffset(bytes, start)), cells: record.cells };
    start = record.end;
    return row;
  });
  return { file, header: header.cells.map((name) => name.trim()), rows };
}

/**
 * The raw bytes on Node, so offsets stay byte-exact even in files that are not
 * valid UTF-8; in the browser (measures page), where there is no Buffer, the
 * decoded text with its byte-order mark kept.
 */
function parserInput(bytes: Uint8Array): Buffer | string {
  if (typeof Buffer !== 'undefined') return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
}

function describeCsvError(error: CsvError): string {
  switch (error.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'a quoted field is never closed';
    case 'CSV_INVALID_CLOSING_QUOTE':
      return 'a quoted field is followed by other text before the next comma';
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      return 'a quoted field is followed by other text before the next comma';
    default:
      return error.message.replace(/ at line \d+/, '');
  }
}

const LF = 10;
const CR = 13;

/** Offsets where each physical line starts; a line ends at LF, CRLF or a lone CR. */
function lineStartOffsets(bytes: Uint8Array): number[] {
  const starts = [0];
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b === LF || (b === CR && bytes[i + 1] !== LF)) starts.push(i + 1);
  }
  return starts;
}

/** Skips the empty lines csv-parse passed over before a record. */
function firstContentOffset(bytes: Uint8Array, offset: number): number {
  let i = offset;
  while (i < bytes.length && (bytes[i] === LF || bytes[i] === CR)) i++;
  return i;
}

function lineAt(lineStarts: number[], offset: number): number {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (lineStarts[mid]! <= offset) low = mid;
    else high = mid - 1;
  }
  return low + 1;
}

/** Header names matched by name, ignoring case and surrounding spaces. */
export function columnIndex(header: string[]): Map<string, number> {
  const index = new Map<string, number>();
  header.forEach((name, i) => {
    const key = name.toLowerCase();
    if (!index.has(key)) index.set(key, i);
  });
  return index;
}

/** A header that names the same column twice; null when all are distinct. */
export function duplicateColumn(header: string[]): string | null {
  const seen = new Set<string>();
  for (const name of header) {
    const key = name.toLowerCase();
    if (key && seen.has(key)) return name;
    seen.add(key);
  }
  return null;
}
