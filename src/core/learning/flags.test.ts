import { describe, expect, it } from 'vitest';
import { behindFlags, inactiveFlag, schoolDaysBetween, skillState, teamFlags, type Attempt, type StudentHistory } from './flags.ts';

function attempts(day: string, pattern: Array<[boolean, number]>): Attempt[] {
  return pattern.map(([correct, mastery], i) => ({ at: Date.parse(`${day}T09:${String(10 + i).padStart(2, '0')}:00Z`), correct, mastery }));
}

const sequence = ['6.RP.1', '6.RP.2', '6.RP.3a', '6.RP.3b'];

describe('skill states and struggling flags', () => {
  it('tells not started, learning and mastered apart', () => {
    expect(skillState(undefined)).toBe('not_started');
    expect(skillState({ skill: 'a', attempts: attempts('2026-10-05', [[true, 0.6]]) })).toBe('learning');
    expect(skillState({ skill: 'a', attempts: attempts('2026-10-05', [[true, 0.96]]) })).toBe('mastered');
    expect(skillState({ skill: 'a', attempts: attempts('2026-10-05', [[true, 0.9]]) }, { masteredAt: 0.85, wheelSpinningAttempts: 10, regressionMargin: 0.1, inactiveSchoolDays: 3, behindBySkills: 2 })).toBe('mastered');
  });

  it('flags wheel-spinning from the tenth attempt without mastery, with the reason', () => {
    const ana: StudentHistory = { student: 'ana', skills: [{ skill: '6.RP.3b', attempts: attempts('2026-10-05', Array.from({ length: 12 }, (_, i) => [i % 3 === 0, 0.3] as [boolean, number])) }] };
    const flags = teamFlags({ students: [ana], sequence, today: '2026-10-05' });
    expect(flags).toContainEqual({ student: 'ana', kind: 'wheel_spinning', skill: '6.RP.3b', reason: '12 attempts at 6.RP.3b without mastery (4 right)', since: '2026-10-05T09:19:00.000Z' });
    const nine = { student: 'ben', skills: [{ skill: '6.RP.3b', attempts: attempts('2026-10-05', Array.from({ length: 9 }, () => [false, 0.2] as [boolean, number])) }] };
    expect(teamFlags({ students: [nine], sequence, today: '2026-10-05' }).filter((f) => f.kind === 'wheel_spinning')).toEqual([]);
  });

  it('flags a mastered skill that stayed well below the threshold for two attempts, not one slip', () => {
    const slipped: StudentHistory = { student: 'cy', skills: [{ skill: '6.RP.1', attempts: attempts('2026-10-06', [[true, 0.9], [true, 0.97], [false, 0.9], [false, 0.7], [false, 0.65]]) }] };
    const [flag] = teamFlags({ students: [slipped], sequence, today: '2026-10-06' }).filter((f) => f.kind === 'regression');
    expect(flag).toEqual({ student: 'cy', kind: 'regression', skill: '6.RP.1', reason: '6.RP.1 was mastered on 2026-10-06 and has slipped to 65%', since: '2026-10-06T09:13:00.000Z' });
    const oneSlip: StudentHistory = { student: 'cy', skills: [{ skill: '6.RP.1', attempts: slipped.skills[0]!.attempts.slice(0, 4) }] };
    expect(teamFlags({ students: [oneSlip], sequence, today: '2026-10-06' }).filter((f) => f.kind === 'regression')).toEqual([]);
    const wobble: StudentHistory = { student: 'di', skills: [{ skill: '6.RP.1', attempts: attempts('2026-10-06', [[true, 0.97], [false, 0.9]]) }] };
    expect(teamFlags({ students: [wobble], sequence, today: '2026-10-06' }).filter((f) => f.kind === 'regression')).toEqual([]);
  });

  it('drops the regression flag once the estimate climbs back above the margin, and dates a new fall from its start', () => {
    const back: StudentHistory = { student: 'eve', skills: [{ skill: '6.RP.1', attempts: attempts('2026-10-06', [[true, 0.97], [false, 0.7], [true, 0.86]]) }] };
    expect(teamFlags({ students: [back], sequence, today: '2026-10-06' }).filter((f) => f.kind === 'regression')).toEqual([]);
    const once: StudentHistory = { student: 'eve', skills: [{ skill: '6.RP.1', attempts: attempts('2026-10-06', [[true, 0.97], [false, 0.7], [true, 0.86], [false, 0.6]]) }] };
    expect(teamFlags({ students: [once], sequence, today: '2026-10-06' }).filter((f) => f.kind === 'regression')).toEqual([]);
    const again: StudentHistory = { student: 'eve', skills: [{ skill: '6.RP.1', attempts: attempts('2026-10-06', [[true, 0.97], [false, 0.7], [true, 0.86], [false, 0.6], [true, 0.72]]) }] };
    const [flag] = teamFlags({ students: [again], sequence, today: '2026-10-06' }).filter((f) => f.kind === 'regression');
    expect(flag).toMatchObject({ reason: '6.RP.1 was mastered on 2026-10-06 and has slipped to 72%', since: new Date(again.skills[0]!.attempts[3]!.at).toISOString() });
  });

  it('counts school days for inactivity, skipping weekends', () => {
    expect(schoolDaysBetween('2026-10-02', '2026-10-07')).toBe(3); // Fri → Mon, Tue, Wed
    const idle: StudentHistory = { student: 'ed', skills: [{ skill: '6.RP.1', attempts: attempts('2026-10-02', [[true, 0.5]]) }] };
    expect(teamFlags({ students: [idle], sequence, today: '2026-10-07' })).toContainEqual({
      student: 'ed', kind: 'inactive', skill: null, reason: 'no learning data for 3 school days (last on 2026-10-02)', since: '2026-10-05',
    });
    expect(teamFlags({ students: [idle], sequence, today: '2026-10-06' }).some((f) => f.kind === 'inactive')).toBe(false);
  });

  it("flags students two or more skills behind the team's median", () => {
    const mastered = (student: string, count: number): StudentHistory => ({
      student,
      skills: sequence.slice(0, count).map((skill) => ({ skill, attempts: attempts('2026-10-07', [[true, 0.97]]) })),
    });
    const flags = teamFlags({ students: [mastered('a', 3), mastered('b', 3), mastered('c', 3), mastered('d', 1)], sequence, today: '2026-10-07' });
    expect(flags.filter((f) => f.kind === 'behind')).toEqual([
      { student: 'd', kind: 'behind', skill: null, reason: "1 of the team's 4 skills mastered; the team's median is 3", since: '2026-10-07' },
    ]);
  });

  it('names skills in reasons with the label given (e.g. a code for a skill id)', () => {
    const ana: StudentHistory = { student: 'ana', skills: [{ skill: 'uuid-1', attempts: attempts('2026-10-05', Array.from({ length: 10 }, () => [false, 0.2] as [boolean, number])) }] };
    const [flag] = teamFlags({ students: [ana], sequence: [], today: '2026-10-05', label: (skill) => (skill === 'uuid-1' ? '6.RP.1' : skill) });
    expect(flag).toMatchObject({ skill: 'uuid-1', reason: '10 attempts at 6.RP.1 without mastery (0 right)' });
  });

  it('judges inactivity from the last evidence alone, and "behind" from mastered counts alone', () => {
    expect(inactiveFlag('ana', null, '2026-10-09')).toBeNull();
    expect(inactiveFlag('ana', '2026-10-07T10:00:00Z', '2026-10-09')).toBeNull();
    expect(inactiveFlag('ana', '2026-10-02T10:00:00Z', '2026-10-08')).toEqual({
      student: 'ana', kind: 'inactive', skill: null, reason: 'no learning data for 4 school days (last on 2026-10-02)', since: '2026-10-05',
    });
    const behind = behindFlags([{ student: 'a', mastered: 3 }, { student: 'b', mastered: 3 }, { student: 'c', mastered: 1 }, { student: 'd', mastered: 3 }], 4, '2026-10-08');
    expect([...behind.keys()]).toEqual(['c']);
    expect(behind.get('c')!.reason).toBe("1 of the team's 4 skills mastered; the team's median is 3");
    expect(behindFlags([{ student: 'a', mastered: 0 }], 0, '2026-10-08').size).toBe(0);
  });
});
