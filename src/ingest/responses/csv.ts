/**
 * Response data for the mastery models from CSV: `student,skill,correct,seq`,
 * one attempt a row, plain or gzip-compressed (told apart by the first bytes,
 * not the file name). Pure: bytes in, responses out; every problem is reported
 * with the file, line, column and value.
 */
import { gunzipSync } from 'fflate';
import type { Response } from '../../core/mastery/types.ts';
import { columnIndex, CsvSyntaxError, parseCsv, type CsvRow } from '../common/csv.ts';

export class ResponsesInputError extends Error {
  override name = 'ResponsesInputError';
}

export const RESPONSE_COLUMNS = ['student', 'skill', 'correct', 'seq'] as const;

function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * Without a quote character the CSV grammar is just commas and line breaks,
 * and a split is many times faster than the general parser on files of
 * hundreds of thousands of rows. Line numbers stay physical lines.
 */
function splitPlainCsv(bytes: Uint8Array): { header: string[]; rows: CsvRow[] } {
  const text = new TextDecoder('utf-8').decode(bytes);
  const lines = text.split(/\r\n|\n|\r/);
  let header: string[] | null = null;
  const rows: CsvRow[] = [];
  lines.forEach((content, i) => {
    if (content === '') return;
    const cells = content.split(',');
    if (header) rows.push({ line: i + 1, cells });
    else header = cells.map((name) => name.trim());
  });
  return { header: header ?? [], rows };
}

function table(file: string, bytes: Uint8Array): { header: string[]; rows: CsvRow[] } {
  if (bytes.includes(0x22)) {
    try {
      return parseCsv(file, bytes);
    } catch (error) {
      if (error instanceof CsvSyntaxError) throw new ResponsesInputError(error.message);
      throw error;
    }
  }
  if (bytes.includes(0)) throw new ResponsesInputError(`${file}: contains NUL bytes: save the file as UTF-8 text`);
  return splitPlainCsv(bytes);
}

export function parseResponsesCsv(bytes: Uint8Array, file = 'responses.csv'): Response[] {
  if (isGzip(bytes)) {
    try {
      bytes = gunzipSync(bytes);
    } catch (error) {
      throw new ResponsesInputError(`${file}: cannot decompress the gzip data: ${(error as Error).message}`);
    }
  }
  const { header, rows } = table(file, bytes);
  if (header.length === 0) throw new ResponsesInputError(`${file}: the file is empty: it needs the header ${RESPONSE_COLUMNS.join(',')}`);
  const index = columnIndex(header);
  const [studentAt, skillAt, correctAt, seqAt] = RESPONSE_COLUMNS.map((name) => {
    const found = index.get(name);
    if (found === undefined) {
      throw new ResponsesInputError(`${file}: there is no column "${name}"; the columns are ${header.map((h) => `"${h}"`).join(', ')}`);
    }
    return found;
  }) as [number, number, number, number];
  if (rows.length === 0) throw new ResponsesInputError(`${file}: the file has a header but no data rows`);

  const seen = new Map<string, Map<number, number>>();
  return rows.map(({ line, cells }): Response => {
    const cell = (at: number) => (cells[at] ?? '').trim();
    const student = cell(studentAt);
    if (student === '') throw new ResponsesInputError(`${file}:${line}: student "": every row needs a student`);
    const skill = cell(skillAt);
    if (skill === '') throw new ResponsesInputError(`${file}:${line}: skill "": every row needs a skill`);
    const correctText = cell(correctAt);
    if (correctText !== '0' && correctText !== '1') throw new ResponsesInputError(`${file}:${line}: correct "${correctText}": give 1 (right) or 0 (wrong)`);
    const seqText = cell(seqAt);
    const seq = Number(seqText);
    if (seqText === '' || !Number.isInteger(seq) || seq < 1) throw new ResponsesInputError(`${file}:${line}: seq "${seqText}": give a whole number from 1`);
    let positions = seen.get(student);
    if (!positions) {
      positions = new Map();
      seen.set(student, positions);
    }
    const earlier = positions.get(seq);
    if (earlier !== undefined) throw new ResponsesInputError(`${file}:${line}: seq "${seqText}": student ${student} already has seq ${seq} on line ${earlier}`);
    positions.set(seq, line);
    return { student, skill, correct: correctText === '1', at: seq };
  });
}
