import { describe, expect, it } from 'vitest';
import { RegroupInputError } from './errors.ts';
import { DEFAULT_WEIGHTS } from './types.ts';
import { parseInstance } from './validate.ts';

function minimal(): Record<string, unknown> {
  return {
    blocks: ['B1', { id: 'B2', name: 'Block 2' }],
    skills: [
      { id: '6.RP.1', prerequisites: [] },
      { id: '6.RP.2', prerequisites: ['6.RP.1'] },
    ],
    adults: [
      { id: 'lee', role: 'teacher' },
      { id: 'diaz', role: 'tutor', blocks: ['B2'], supports: ['english_learner'] },
    ],
    stations: [{ id: 'online', kind: 'online', capacity: 30 }],
    students: [
      { id: 'ana', mastery: { '6.RP.1': 0.4 } },
      { id: 'ben', mastery: { '6.RP.1': 0.99 }, needs: ['english_learner'], flags: ['behind'] },
    ],
  };
}

function error(data: unknown): string {
  try {
    parseInstance(data, 'day.json');
  } catch (caught) {
    expect(caught).toBeInstanceOf(RegroupInputError);
    return (caught as Error).message;
  }
  throw new Error('expected the instance to be rejected');
}

describe('parseInstance', () => {
  it('fills in the defaults: capacity by role, all blocks, one adult-led block a day, mastery at 0.95, the default weights', () => {
    const instance = parseInstance(minimal(), 'day.json');
    expect(instance.blocks).toEqual([{ id: 'B1' }, { id: 'B2', name: 'Block 2' }]);
    expect(instance.adults.map((adult) => [adult.id, adult.capacity, adult.blocks])).toEqual([
      ['lee', 12, ['B1', 'B2']],
      ['diaz', 4, ['B2']],
    ]);
    expect(instance.stations[0]!.blocks).toEqual(['B1', 'B2']);
    expect(instance.constraints).toEqual({ apart: [], together: [], adultLedPerDay: 1 });
    expect(instance.mastered).toBe(0.95);
    expect(instance.weights).toEqual(DEFAULT_WEIGHTS);
    expect(instance.week).toBeNull();
  });

  it('names the file, the JSON path and the value of an unknown skill', () => {
    const data = minimal();
    (data.students as Array<Record<string, unknown>>)[1]!.mastery = { '6.RP.9': 0.5 };
    expect(error(data)).toBe('day.json: students[1].mastery["6.RP.9"]: unknown skill');
  });

  it('rejects probabilities outside 0..1, unknown roles and misspelt fields', () => {
    const data = minimal();
    (data.students as Array<Record<string, unknown>>)[0]!.mastery = { '6.RP.1': 1.4 };
    expect(error(data)).toBe('day.json: students[0].mastery["6.RP.1"]: 1.4: expected a probability from 0 to 1');
    const role = minimal();
    (role.adults as Array<Record<string, unknown>>)[0]!.role = 'coach';
    expect(error(role)).toBe('day.json: adults[0].role: "coach": expected one of teacher, teacher_leader, resident, tutor');
    const field = minimal();
    (field.adults as Array<Record<string, unknown>>)[0]!.capacty = 10;
    expect(error(field)).toBe('day.json: adults[0].capacty: unknown field; the fields are id, name, role, capacity, blocks, supports');
  });

  it('rejects duplicate ids, a prerequisite later in the sequence, and a station named like an adult', () => {
    const duplicate = minimal();
    (duplicate.students as Array<Record<string, unknown>>)[1]!.id = 'ana';
    expect(error(duplicate)).toBe('day.json: students[1].id: "ana": another student has this id');
    const order = minimal();
    order.skills = [
      { id: '6.RP.2', prerequisites: ['6.RP.1'] },
      { id: '6.RP.1', prerequisites: [] },
    ];
    expect(error(order)).toBe('day.json: skills[0].prerequisites[0]: "6.RP.1" comes after "6.RP.2" in the sequence; list prerequisites first');
    const clash = minimal();
    (clash.stations as Array<Record<string, unknown>>)[0]!.id = 'lee';
    expect(error(clash)).toMatch(/^day\.json: stations\[0\]\.id: "lee": an adult has this id/);
  });

  it('checks the rules against the people in the instance', () => {
    const apart = minimal();
    apart.constraints = { apart: [['ana', 'zed']] };
    expect(error(apart)).toBe('day.json: constraints.apart[0][1]: "zed": unknown student');
    const pinned = minimal();
    pinned.pinned = [{ block: 'B1', student: 'ana', station: 'online', focusSkill: '6.RP.1' }];
    expect(error(pinned)).toBe('day.json: pinned[0].focusSkill: a station has no focus skill; pin to an adult to choose one');
    const weights = minimal();
    weights.weights = { nxt: 3 };
    expect(error(weights)).toMatch(/^day\.json: weights\.nxt: unknown field; the fields are next, ready, /);
    expect(error({ ...minimal(), blocks: [] })).toBe('day.json: blocks: give at least one block');
    expect(error([])).toBe('day.json: (top level): expected an object, got []');
  });

  it('ignores history about people who are not here today', () => {
    const data = minimal();
    data.previous = { groups: [{ block: 'B1', adult: 'gone', focusSkill: '6.RP.1', students: ['ana'] }, { block: 'B1', adult: 'lee', focusSkill: '6.RP.1', students: ['ana', 'left'] }] };
    data.week = { ana: ['lee', 'gone'], left: ['lee'] };
    const instance = parseInstance(data, 'day.json');
    expect(instance.previous).toEqual([{ block: 'B1', adult: 'lee', focusSkill: '6.RP.1', students: ['ana'] }]);
    expect(instance.week).toEqual({ ana: ['lee', 'gone'], left: ['lee'] });
  });
});
