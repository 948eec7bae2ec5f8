import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { skillDirectory } from './skills.ts';
import { activityLookup, lookupKeys, scaledScore, statementEvidence, type StatementLookups } from './statement-evidence.ts';
import { studentDirectory } from './students.ts';

const RATIO = '87d261aa-a644-5deb-a57e-93e3b943c09d';
const RATIO_URI = `https://case.example/ims/case/v1p0/CFItems/${RATIO}`;

const lookups: StatementLookups = {
  students: studentDirectory([
    { sourcedId: 's-1', identifier: '1001', username: 'ada', email: 'Ada@School.test' },
    { sourcedId: 's-2', identifier: '1002', username: 'ben', email: 'ben@school.test' },
    { sourcedId: 's-3', identifier: '1002', username: 'cy', email: null },
  ]),
  skills: skillDirectory([
    { id: 'k-ratio', code: '6.RP.A.1', caseIdentifier: RATIO, caseUri: RATIO_URI, framework: 'Math 6' },
    { id: 'k-local', code: 'R7.1', caseIdentifier: null, caseUri: null, framework: 'Local skills' },
    { id: 'k-local-2', code: 'R7.2', caseIdentifier: null, caseUri: null, framework: 'Local skills' },
  ]),
  activities: activityLookup([
    { program: '', activity: 'https://app.example/items/7', skillId: 'k-local' },
    { program: 'MathPath', activity: 'https://app.example/items/7', skillId: 'k-local-2' },
    { program: '', activity: 'https://app.example/items/both', skillId: 'k-local' },
    { program: '', activity: 'https://app.example/items/both', skillId: 'k-ratio' },
  ]),
  threshold: 0.8,
};

const statement = (overrides: Record<string, unknown> = {}) => ({
  id: 'b1f6c1a2-0000-4000-8000-000000000001',
  actor: { objectType: 'Agent', account: { homePage: 'https://sis.example', name: 's-1' } },
  verb: { id: 'http://adlnet.gov/expapi/verbs/answered' },
  object: { objectType: 'Activity', id: RATIO_URI },
  result: { success: true },
  timestamp: '2025-09-02T10:15:00+02:00',
  stored: '2025-09-02T08:16:00Z',
  ...overrides,
});

describe('statementEvidence', () => {
  it('maps a CASE item IRI to its skill, with success as correctness and the timestamp in UTC', () => {
    expect(statementEvidence(statement(), lookups)).toEqual({
      facts: { activityId: RATIO_URI, platform: null, actor: 's-1 (https://sis.example)', occurredAt: '2025-09-02T08:15:00.000Z' },
      evidence: [{ studentSourcedId: 's-1', skillId: 'k-ratio', occurredAt: '2025-09-02T08:15:00.000Z', correct: true, score: null }],
    });
  });

  it('matches an IRI on another host by the CASE identifier it ends with', () => {
    const outcome = statementEvidence(statement({ object: { id: `https://mirror.example/case/${RATIO.toUpperCase()}` } }), lookups);
    expect(outcome).toMatchObject({ evidence: [{ skillId: 'k-ratio' }] });
  });

  it("prefers the program's own activity mapping, then the mapping for every program", () => {
    const item = { object: { objectType: 'Activity', id: 'https://app.example/items/7' } };
    expect(statementEvidence(statement({ ...item, context: { platform: 'mathpath' } }), lookups)).toMatchObject({ evidence: [{ skillId: 'k-local-2' }] });
    expect(statementEvidence(statement({ ...item, context: { platform: 'Other app' } }), lookups)).toMatchObject({ evidence: [{ skillId: 'k-local' }] });
    const both = statementEvidence(statement({ object: { id: 'https://app.example/items/both' } }), lookups);
    expect('evidence' in both && both.evidence.map((e) => e.skillId)).toEqual(['k-local', 'k-ratio']);
  });

  it('finds a skill through the context activities when the object is a plain item', () => {
    const outcome = statementEvidence(
      statement({ object: { id: 'https://quiz.example/q/9' }, context: { contextActivities: { category: [{ id: RATIO_URI }], parent: { id: 'https://quiz.example/q' } } } }),
      lookups,
    );
    expect(outcome).toMatchObject({ evidence: [{ skillId: 'k-ratio' }] });
  });

  it('turns a score into correctness with the threshold, from scaled or from raw within min..max', () => {
    const scored = (score: unknown) => statementEvidence(statement({ result: { score } }), lookups);
    expect(scored({ scaled: 0.8 })).toMatchObject({ evidence: [{ correct: true, score: 0.8 }] });
    expect(scored({ scaled: 0.79 })).toMatchObject({ evidence: [{ correct: false, score: 0.79 }] });
    expect(scored({ raw: 3, min: 1, max: 5 })).toMatchObject({ evidence: [{ correct: false, score: 0.5 }] });
    expect(statementEvidence(statement({ result: { success: false, score: { scaled: 0.9 } } }), lookups)).toMatchObject({
      evidence: [{ correct: false, score: 0.9 }],
    });
    expect(scaledScore({ scaled: -0.5 })).toBe(0);
    expect(scaledScore({ raw: 4 })).toBeNull();
  });

  it('finds students by identifier, username or email (mbox, mbox_sha1sum), not by an ambiguous identifier', () => {
    const by = (actor: unknown) => statementEvidence(statement({ actor }), lookups);
    expect(by({ account: { homePage: 'x', name: 'ben' } })).toMatchObject({ evidence: [{ studentSourcedId: 's-2' }] });
    expect(by({ mbox: 'mailto:ada@school.TEST' })).toMatchObject({ evidence: [{ studentSourcedId: 's-1' }] });
    const sha1 = createHash('sha1').update('mailto:ben@school.test').digest('hex');
    expect(by({ mbox_sha1sum: sha1 })).toMatchObject({ evidence: [{ studentSourcedId: 's-2' }] });
    expect(by({ account: { homePage: 'x', name: '1002' } })).toMatchObject({
      reason: 'no student',
      detail: 'matches the identifier of 2 students (s-2, s-3): use the sourcedId',
    });
  });

  it('says why a statement maps to nothing', () => {
    const reason = (overrides: Record<string, unknown>) => {
      const outcome = statementEvidence(statement(overrides), lookups);
      return 'reason' in outcome ? [outcome.reason, outcome.detail] : null;
    };
    expect(reason({ result: { completion: true } })).toEqual(['no result', 'the statement has neither result.success nor a score']);
    expect(reason({ result: undefined })).toEqual(['no result', 'the statement has neither result.success nor a score']);
    expect(reason({ actor: { account: { homePage: 'x', name: 'nobody' } } })).toEqual([
      'no student',
      'no student with this sourcedId, identifier, username or email in the district',
    ]);
    expect(reason({ actor: { objectType: 'Group', member: [] } })).toEqual(['no student', 'the actor is a group: evidence is per student']);
    expect(reason({ object: { id: 'https://readwell.example/passages/river' } })).toEqual([
      'no skill',
      'the activity is not in the activity map and is no CASE skill of the district',
    ]);
    expect(reason({ object: { objectType: 'StatementRef', id: 'b1f6c1a2-0000-4000-8000-000000000009' } })).toEqual(['no skill', 'the object is not an activity']);
  });

  it('uses stored when the statement has no timestamp', () => {
    expect(statementEvidence(statement({ timestamp: undefined }), lookups)).toMatchObject({ evidence: [{ occurredAt: '2025-09-02T08:16:00.000Z' }] });
  });
});

describe('lookupKeys', () => {
  it('collects what a batch must look up', () => {
    const keys = lookupKeys([
      statement(),
      statement({ actor: { mbox: 'mailto:Ben@School.test' }, object: { id: 'https://app.example/items/7' }, context: { contextActivities: { category: [{ id: 'https://x.example/c' }] } } }),
      statement({ actor: { mbox_sha1sum: 'abc' } }),
    ]);
    expect(keys).toEqual({
      names: ['s-1'],
      emails: ['ben@school.test'],
      hashedEmails: true,
      activities: [RATIO_URI, 'https://app.example/items/7', 'https://x.example/c'],
      identifiers: [RATIO],
    });
  });
});
