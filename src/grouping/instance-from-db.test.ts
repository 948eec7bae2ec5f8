import { describe, expect, it } from 'vitest';
import { defaultSetup } from './day-setup.ts';
import { buildDayInstance, DayNotPlannable, type DayInputs } from './instance-from-db.ts';

const K1 = '11111111-1111-1111-1111-111111111111';
const K2 = '22222222-2222-2222-2222-222222222222';

function inputs(): DayInputs {
  const setup = defaultSetup([{ id: 'lee', name: 'Ms Lee', role: 'teacher_leader' }], 3);
  setup.constraints.apart = [['ana', 'gone']];
  setup.constraints.together = [['ana', 'ben']];
  return {
    team: 't1',
    date: '2026-03-04',
    setup,
    skills: [
      { id: K1, code: '6.RP.1', name: 'Ratios', prerequisites: [] },
      { id: K2, code: '6.RP.2', name: 'Rates', prerequisites: [K1] },
    ],
    students: [
      { id: 'ana', name: 'Ana', needs: ['english_learner'] },
      { id: 'ben', name: 'Ben', needs: [] },
    ],
    mastery: [{ student: 'ana', skill: K1, known: 0.97, attempts: 6 }],
    flags: [
      { student: 'ben', kind: 'inactive', reason: '', since: '', skill: null },
      { student: 'ben', kind: 'inactive', reason: '', since: '', skill: K1 },
    ],
    previous: null,
    week: [
      { groups: [{ block: 'B1', adult: 'lee', focusSkill: K1, students: ['ana'] }] },
      { groups: [{ block: 'B2', adult: 'kim', focusSkill: K1, students: ['ana', 'ben'] }] },
    ] as DayInputs['week'],
    pins: [
      { block: 'B1', student: 'ana', adult: 'lee' },
      { block: 'B1', student: 'gone', adult: 'lee' },
      { block: 'B9', student: 'ben', station: 'online' },
    ],
  };
}

describe('buildDayInstance', () => {
  it('turns the stored day into an instance: mastery (absent counts as 0), flags once, needs, the week, known pins', () => {
    const instance = buildDayInstance(inputs());
    expect(instance.students).toEqual([
      { id: 'ana', name: 'Ana', mastery: { [K1]: 0.97 }, needs: ['english_learner'], flags: [], attempts: { [K1]: 6 } },
      { id: 'ben', name: 'Ben', mastery: {}, needs: [], flags: ['inactive'], attempts: {} },
    ]);
    expect(instance.skills.map((skill) => [skill.id, skill.prerequisites])).toEqual([
      [K1, []],
      [K2, [K1]],
    ]);
    expect(instance.week).toEqual({ ana: ['lee', 'kim'], ben: ['kim'] });
    expect(instance.pinned).toEqual([{ block: 'B1', student: 'ana', adult: 'lee' }]);
    // A rule about a student who left the team is dropped; the rest stand.
    expect(instance.constraints).toEqual({ apart: [], together: [['ana', 'ben']], adultLedPerDay: 1 });
    expect(instance.blocks.map((block) => block.name)).toEqual(['Block 1', 'Block 2', 'Block 3', 'Block 4']);
  });

  it('says why a day cannot be planned, in skill codes', () => {
    expect(() => buildDayInstance({ ...inputs(), skills: [] })).toThrow(new DayNotPlannable('team t1 has no skill sequence yet; set it first (PUT /api/teams/t1/sequence)'));
    expect(() => buildDayInstance({ ...inputs(), students: [] })).toThrow(DayNotPlannable);
    const reversed = { ...inputs(), skills: [...inputs().skills].reverse() };
    expect(() => buildDayInstance(reversed)).toThrow(/"6\.RP\.1" comes after "6\.RP\.2" in the sequence/);
  });
});
