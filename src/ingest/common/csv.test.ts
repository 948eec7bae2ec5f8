import { describe, expect, it } from 'vitest';
import { CsvSyntaxError, parseCsv } from './csv.ts';

const bytes = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));

describe('parseCsv', () => {
  it('numbers each record by the physical line it starts on, across quoted line breaks and blank lines', () => {
    for (const nl of ['\n', '\r\n']) {
      const text = ['\uFEFFid,note', 'a,"two', 'lines"', '', 'b,plain', 'c,"x', 'y', 'z"', 'd,é'].join(nl);
      const table = parseCsv('f.csv', bytes(text));
      expect(table.header).toEqual(['id', 'note']);
      expect(table.rows.map((r) => [r.line, r.cells[0]])).toEqual([
        [2, 'a'],
        [5, 'b'],
        [6, 'c'],
        [9, 'd'],
      ]);
      expect(table.rows[0]!.cells[1]).toBe(`two${nl}lines`);
    }
  });

  it('keeps rows with too few or too many fields for the validator to report', () => {
    const table = parseCsv('f.csv', bytes('a,b,c\n1,2\n1,2,3,4\n'));
    expect(table.rows.map((r) => r.cells.length)).toEqual([2, 4]);
  });

  it('rejects unparsable CSV with the line of the broken record', () => {
    const broken = () => parseCsv('users.csv', bytes('a,b\r\n1,2\r\n3,"x"y\r\n'));
    expect(broken).toThrow(CsvSyntaxError);
    expect(broken).toThrow('users.csv:3: unparsable CSV: a quoted field is followed by other text before the next comma');
    expect(() => parseCsv('e.csv', bytes(''))).toThrow('e.csv:1: unparsable CSV: the file is empty: it needs a header row');
    expect(() => parseCsv('u.csv', new Uint8Array([0xff, 0xfe, 0x61, 0, 0x2c, 0]))).toThrow('contains NUL bytes');
  });
});
