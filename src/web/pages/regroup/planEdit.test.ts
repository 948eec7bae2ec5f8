import { describe, expect, it } from 'vitest';
import { changedSince, checkDraft, followPin, groupKey, moveStudent, nextSchoolDay, nextSkillOf, togglePin } from './planEdit.ts';
import type { Group, PlanView } from './types.ts';

const groups: Group[] = [
  { block: 'B1', adult: 'lee', focusSkill: 'k1', students: ['ana', 'ben'] },
  { block: 'B1', station: 'online', focusSkill: null, students: ['cy'] },
  { block: 'B2', adult: 'lee', focusSkill: 'k2', students: ['cy'] },
  { block: 'B2', station: 'online', focusSkill: null, students: ['ana', 'ben'] },
];

const view: PlanView = {
  date: '2026-03-02',
  team: { id: 't', name: 'Team' },
  setup: {
    blocks: [
      { id: 'B1', name: 'Block 1', start: '08:30', end: '09:15' },
      { id: 'B2', name: 'Block 2', start: '09:20', end: '10:05' },
    ],
    adults: [{ id: 'lee', role: 'teacher_leader', capacity: 2, blocks: ['B1', 'B2'], supports: [] }],
    stations: [{ id: 'online', name: 'Online', kind: 'online', capacity: 30, supervisor: null, blocks: ['B1', 'B2'] }],
    rooms: [],
    constraints: { apart: [['ana', 'cy']], together: [], adultLedPerDay: 1 },
  },
  draft: null,
  published: null,
  previous: null,
  students: ['ana', 'ben', 'cy'].map((id) => ({ id, name: id, mastery: {}, flags: [], needs: [] })),
  skills: [
    { id: 'k1', code: '6.1', name: 'One', prerequisites: [] },
    { id: 'k2', code: '6.2', name: 'Two', prerequisites: ['k1'] },
  ],
  adults: [],
};

describe('the board helpers', () => {
  it('moves a student within one block only', () => {
    const moved = moveStudent(groups, 'ana', groupKey(groups[1]!));
    expect(moved[0]!.students).toEqual(['ben']);
    expect(moved[1]!.students).toEqual(['cy', 'ana']);
    expect(moved[3]!.students).toEqual(['ana', 'ben']);
  });

  it('checks a legal plan clean and reports the rules a move breaks', () => {
    expect(checkDraft(view, groups, []).warnings).toEqual([]);
    const apart = moveStudent(groups, 'ana', groupKey(groups[1]!));
    expect(checkDraft(view, apart, []).warnings.map((w) => w.rule)).toContain('apart');
    const full = moveStudent(groups, 'cy', groupKey(groups[0]!));
    const rules = checkDraft(view, full, []).warnings.map((w) => w.rule);
    expect(rules).toContain('capacity');
  });

  it('pins, unpins and lets a pin follow a moved student', () => {
    const pinned = togglePin([], groups, 'B1', 'ana');
    expect(pinned).toEqual([{ block: 'B1', student: 'ana', adult: 'lee' }]);
    const moved = moveStudent(groups, 'ana', groupKey(groups[1]!));
    expect(followPin(pinned, moved, 'B1', 'ana')).toEqual([{ block: 'B1', student: 'ana', station: 'online' }]);
    expect(togglePin(pinned, groups, 'B1', 'ana')).toEqual([]);
  });

  it('finds students whose place or focus changed since the previous plan', () => {
    const today = moveStudent(groups, 'ben', groupKey(groups[1]!));
    expect([...changedSince(today, groups)]).toEqual(['ben|B1']);
    expect(changedSince(today, undefined).size).toBe(0);
  });

  it('skips weekends for the next school day', () => {
    expect(nextSchoolDay(new Date(2026, 2, 6))).toBe('2026-03-09'); // Friday -> Monday
    expect(nextSchoolDay(new Date(2026, 2, 2))).toBe('2026-03-03');
    expect(nextSchoolDay(new Date(2026, 2, 7))).toBe('2026-03-09'); // Saturday -> Monday
  });
});

describe('the next skill', () => {
  it('is the first unmastered skill whose prerequisites are mastered', () => {
    const withMastery = (mastery: Record<string, number>): PlanView => ({ ...view, students: [{ id: 'ana', name: 'Ana', mastery, flags: [], needs: [] }] });
    expect(nextSkillOf(withMastery({}), 'ana')).toBe('k1');
    expect(nextSkillOf(withMastery({ k1: 0.97 }), 'ana')).toBe('k2');
    expect(nextSkillOf(withMastery({ k1: 0.97, k2: 0.99 }), 'ana')).toBe('k2');
  });
});
