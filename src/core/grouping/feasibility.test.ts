/** When the hard rules cannot all hold, the report says which and why; nothing is silently broken. */
import { describe, expect, it } from 'vitest';
import { regroup, type RegroupFailure } from './regroup.ts';
import { parseInstance } from './validate.ts';

function day(changes: Record<string, unknown> = {}) {
  return {
    blocks: ['B1', 'B2'],
    skills: [{ id: 'A' }, { id: 'B', prerequisites: ['A'] }],
    adults: [
      { id: 'lee', role: 'teacher', capacity: 3, supports: ['english_learner'] },
      { id: 'kim', role: 'tutor', capacity: 2, blocks: ['B2'] },
    ],
    stations: [{ id: 'online', kind: 'online', capacity: 4 }],
    students: ['s1', 's2', 's3', 's4', 's5'].map((id) => ({ id, mastery: { A: 0.5 } })),
    ...changes,
  };
}

function failure(changes: Record<string, unknown>): RegroupFailure {
  const result = regroup(parseInstance(day(changes), 'day.json'));
  if (result.feasible) throw new Error('expected no plan');
  return result;
}

describe('infeasibility report', () => {
  it('plans the base day, so each report below is about the one rule changed', () => {
    expect(regroup(parseInstance(day(), 'day.json')).feasible).toBe(true);
  });

  it('counts the seats of a block against its students', () => {
    const report = failure({ stations: [{ id: 'online', kind: 'online', capacity: 1 }] });
    expect(report.proven).toBe(true);
    expect(report.problems).toContainEqual({ rule: 'capacity', message: 'block B1: its groups and stations hold 4 students but there are 5', students: [], block: 'B1' });
  });

  it('counts adult seats against the adult-led rule', () => {
    const report = failure({ constraints: { adultLedPerDay: 2 } });
    expect(report.problems).toContainEqual({ rule: 'adult_led', message: 'adult groups hold 8 student-blocks today, but 5 students × 2 adult-led block(s) need 10', students: [] });
  });

  it('names the students whose need no adult here supports', () => {
    const students = day().students.map((student, i) => (i === 0 ? { ...student, needs: ['special_education'] } : student));
    expect(failure({ students }).problems).toEqual([{ rule: 'needs', message: 's1 needs special_education, but no adult leading a group today supports it', students: ['s1'] }]);
  });

  it('finds pairs that must be together and apart at once, and groups too big to stay together', () => {
    const contradiction = failure({ constraints: { together: [['s1', 's2'], ['s2', 's3']], apart: [['s1', 's3']] } });
    expect(contradiction.problems).toContainEqual({ rule: 'together', message: 's1 and s3 must be apart, but the together pairs join them (s1, s2, s3)', students: ['s1', 's3'] });
    const big = failure({ constraints: { together: [['s1', 's2'], ['s2', 's3'], ['s3', 's4'], ['s4', 's5']] } });
    expect(big.problems).toContainEqual({
      rule: 'together',
      message: 'block B1: s1, s2, s3, s4, s5 must stay together (5 students) but its largest place holds 4',
      students: ['s1', 's2', 's3', 's4', 's5'],
      block: 'B1',
    });
  });

  it('rejects pins to a place that is not open, and more pins than a group holds', () => {
    const closed = failure({ pinned: [{ block: 'B1', student: 's1', adult: 'kim' }] });
    expect(closed.problems).toEqual([
      {
        rule: 'pinned',
        message: "pinned[0]: s1 cannot be pinned to kim's group in block B1: the adult leads no group in that block (not available, or supervising a station)",
        students: ['s1'],
        block: 'B1',
      },
    ]);
    const crowded = failure({ pinned: ['s1', 's2', 's3'].map((student) => ({ block: 'B2', student, adult: 'kim' })) });
    expect(crowded.problems).toContainEqual({
      rule: 'pinned',
      message: "block B2: 3 students are pinned (with those who must stay with them) to kim's group, which holds 2",
      students: ['s1', 's2', 's3'],
      block: 'B2',
    });
  });

  it('reports what the search could not do when the counts allow a plan, and says it is not proven', () => {
    const report = failure({
      blocks: ['B1'],
      adults: [{ id: 'lee', role: 'teacher', capacity: 3 }],
      stations: [{ id: 'online', kind: 'online', capacity: 3 }],
      students: ['s1', 's2', 's3'].map((id) => ({ id, mastery: { A: 0.5 } })),
      constraints: { apart: [['s1', 's2'], ['s2', 's3'], ['s1', 's3']], adultLedPerDay: 0 },
    });
    expect(report.proven).toBe(false);
    expect(report.problems).toEqual([
      {
        rule: 'place',
        message: "block B1: s3 has no place: it must be apart from someone in every place with room (lee's group has s1; station online has s2)",
        students: ['s3'],
        block: 'B1',
      },
    ]);
  });

  it('knows a supervisor leads no group while watching a station', () => {
    const report = failure({ stations: [{ id: 'online', kind: 'online', capacity: 4, supervisor: 'lee' }], constraints: { adultLedPerDay: 1 } });
    expect(report.problems).toContainEqual({ rule: 'adult_led', message: 'adult groups hold 2 student-blocks today, but 5 students × 1 adult-led block(s) need 5', students: [] });
  });
});
