import { gzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { parseResponsesCsv, ResponsesInputError } from './csv.ts';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('parseResponsesCsv', () => {
  const text = 'student,skill,correct,seq\nana,6.RP.3,1,1\nana,6.RP.3,0,2\r\n\nben,6.EE.1,1,1\n';
  const expected = [
    { student: 'ana', skill: '6.RP.3', correct: true, at: 1 },
    { student: 'ana', skill: '6.RP.3', correct: false, at: 2 },
    { student: 'ben', skill: '6.EE.1', correct: true, at: 1 },
  ];

  it('reads plain, gzip-compressed and quoted CSV alike', () => {
    expect(parseResponsesCsv(bytes(text), 'r.csv')).toEqual(expected);
    expect(parseResponsesCsv(gzipSync(bytes(text)), 'r.csv.gz')).toEqual(expected);
    expect(parseResponsesCsv(bytes('\ufeff"student","skill",correct,seq\n"ana","6.RP.3",1,1\n"ana","6.RP.3",0,2\nben,6.EE.1,1,1\n'))).toEqual(expected);
    expect(parseResponsesCsv(bytes('seq,correct,skill,student\n1,1,s,ana\n'))).toEqual([{ student: 'ana', skill: 's', correct: true, at: 1 }]);
  });

  it('names the file, line, column and value of bad input', () => {
    const error = (input: string | Uint8Array) => {
      try {
        parseResponsesCsv(typeof input === 'string' ? bytes(input) : input, 'train.csv');
      } catch (caught) {
        expect(caught).toBeInstanceOf(ResponsesInputError);
        return (caught as Error).message;
      }
      throw new Error('expected a ResponsesInputError');
    };
    expect(error('student,skill,correct,seq\nana,s,1,1\n\nana,s,yes,2\n')).toBe('train.csv:4: correct "yes": give 1 (right) or 0 (wrong)');
    expect(error('student,skill,correct,seq\nana,s,1,0\n')).toBe('train.csv:2: seq "0": give a whole number from 1');
    expect(error('student,skill,correct,seq\nana,s,1,1.5\n')).toBe('train.csv:2: seq "1.5": give a whole number from 1');
    expect(error('student,skill,correct,seq\n,s,1,1\n')).toBe('train.csv:2: student "": every row needs a student');
    expect(error('student,skill,correct,seq\nana,,1,1\n')).toBe('train.csv:2: skill "": every row needs a skill');
    expect(error('student,skill,correct,seq\nana,s,1,1\nana,t,0,1\n')).toBe('train.csv:3: seq "1": student ana already has seq 1 on line 2');
    expect(error('student,skill,right,seq\nana,s,1,1\n')).toBe('train.csv: there is no column "correct"; the columns are "student", "skill", "right", "seq"');
    expect(error('student,skill,correct,seq\n')).toBe('train.csv: the file has a header but no data rows');
    expect(error('')).toBe('train.csv: the file is empty: it needs the header student,skill,correct,seq');
    expect(error('student,skill,correct,seq\n"ana,s,1,1\n')).toMatch(/^train\.csv:2: unparsable CSV: a quoted field is never closed$/);
    expect(error(Uint8Array.from([0x1f, 0x8b, 8, 0, 1, 2, 3]))).toMatch(/^train\.csv: cannot decompress the gzip data: /);
  });
});
