import { describe, expect, it } from 'vitest';
import { skillDirectory } from '../../core/learning/skills.ts';
import { studentDirectory } from '../../core/learning/students.ts';
import { parseCsv } from '../common/csv.ts';
import { formatProblem } from '../common/report.ts';
import { checkEvidenceColumns, planEvidence, toInstant } from './validate.ts';

const table = (text: string) => parseCsv('evidence.csv', new TextEncoder().encode(text));
const lookups = {
  students: studentDirectory([{ sourcedId: 's-1', identifier: '1', username: 'ann', email: 'ann@x.test' }]),
  skills: skillDirectory([{ id: 'k-1', code: 'RP.1', caseIdentifier: null, caseUri: null, framework: 'Local' }]),
  now: new Date('2025-10-01T00:00:00Z'),
};

describe('toInstant', () => {
  it('reads ISO 8601 date-times and dates, taking UTC when there is no offset', () => {
    expect(toInstant('2025-09-02T10:15:00+02:00')).toBe('2025-09-02T08:15:00.000Z');
    expect(toInstant('2025-09-02T10:15:00+0200')).toBe('2025-09-02T08:15:00.000Z');
    expect(toInstant('2025-09-02 10:15')).toBe('2025-09-02T10:15:00.000Z');
    expect(toInstant('2025-09-02t10:15:00z')).toBe('2025-09-02T10:15:00.000Z');
    expect(toInstant('2025-09-02')).toBe('2025-09-02T00:00:00.000Z');
    expect(toInstant('2025-02-30')).toBeNull();
    expect(toInstant('09/02/2025')).toBeNull();
  });
});

describe('planEvidence', () => {
  it('needs correct or score', () => {
    expect(() => checkEvidenceColumns(table('student,skill,timestamp\n'))).toThrow(
      'evidence.csv:1: missing required column "correct" or "score" (either will do, or both)',
    );
  });

  it('scores against the threshold on the given scale, and reports each bad cell', () => {
    const plan = planEvidence(
      table(
        'student,skill,timestamp,correct,score\n' +
          'ann,RP.1,2025-09-02T10:00:00Z,,80\n' +
          '1,rp.1,2025-09-02T11:00:00Z,,79.5\n' +
          's-1,RP.1,2025-09-02T12:00:00Z,false,95\n' +
          's-2,RP.9,2025-13-01,maybe,101\n' +
          's-1,RP.1,2025-09-02T10:00:00Z,1,\n' +
          's-1,RP.1,2025-10-03T00:00:00Z,,\n',
      ),
      lookups,
      { threshold: 0.8, scoreScale: 100 },
    );
    expect(plan.rows.map((r) => [r.correct, r.score, r.occurred_at, r.source_ref])).toEqual([
      [true, 0.8, '2025-09-02T10:00:00.000Z', 'evidence.csv:2'],
      [false, 0.795, '2025-09-02T11:00:00.000Z', 'evidence.csv:3'],
      [false, 0.95, '2025-09-02T12:00:00.000Z', 'evidence.csv:4'],
    ]);
    expect(plan.problems.map(formatProblem)).toEqual([
      'evidence.csv:5: student "s-2": no student with this sourcedId, identifier, username or email in the district',
      'evidence.csv:5: skill "RP.9": no skill with this code, CASE identifier or URI in the district',
      'evidence.csv:5: timestamp "2025-13-01": must be an ISO 8601 date-time such as 2025-09-02T10:15:00Z',
      'evidence.csv:5: correct "maybe": must be true/false or 1/0',
      'evidence.csv:5: score "101": must be a number from 0 to 100 (--score-scale 100)',
      'evidence.csv:6: timestamp "2025-09-02T10:00:00Z": the same student, skill and time as on line 2',
      'evidence.csv:7: timestamp "2025-10-03T00:00:00Z": is in the future',
      'evidence.csv:7: correct "": is required: give correct (true/false, 1/0) or a score',
    ]);
    expect(plan.counts).toEqual({ read: 6, accepted: 3, skipped: 3, deleted: 0 });
  });
});
