import { describe, expect, it } from 'vitest';
import { compile } from './model.ts';
import { explainPlan, groupReason, stationReason } from './reasons.ts';
import { regroup } from './regroup.ts';
import { parseInstance } from './validate.ts';

const instance = parseInstance(
  {
    blocks: [{ id: 'B1', name: 'Block 1' }, 'B2'],
    skills: [
      { id: '6.RP.1', prerequisites: [] },
      { id: '6.RP.2', prerequisites: ['6.RP.1'] },
      { id: '6.RP.3', prerequisites: ['6.RP.2'] },
    ],
    adults: [
      { id: 'diaz', name: 'Mr Diaz', role: 'tutor', supports: ['english_learner'] },
      { id: 'lee', name: 'Ms Lee', role: 'teacher_leader' },
    ],
    stations: [
      { id: 'online', kind: 'online', capacity: 10 },
      { id: 'table', name: 'Table 3', kind: 'collaborative', capacity: 10 },
    ],
    students: [
      { id: 'ana', name: 'Ana', mastery: { '6.RP.1': 0.99, '6.RP.2': 0.97, '6.RP.3': 0.3 }, flags: ['wheel_spinning'], attempts: { '6.RP.3': 12 } },
      { id: 'ben', name: 'Ben', mastery: { '6.RP.1': 0.98, '6.RP.2': 0.35 }, needs: ['english_learner'] },
      { id: 'cy', mastery: { '6.RP.1': 0.6 }, flags: ['behind'] },
      { id: 'dee', mastery: { '6.RP.1': 1, '6.RP.2': 1, '6.RP.3': 1 } },
    ],
    previous: [{ block: 'B2', adult: 'lee', focusSkill: '6.RP.2', students: ['ben'] }],
  },
  'reasons.json',
);
const model = compile(instance);
const [ana, ben, cy, dee] = [0, 1, 2, 3];
const [diaz, lee] = [0, 1];
const [rp1, rp2, rp3] = [0, 1, 2];

describe('reasons', () => {
  it('say why a student is in an adult group, from flags, attempts and mastery', () => {
    expect(groupReason(model, ana!, 0, diaz!, rp3!)).toBe('Ana — tutor group (Mr Diaz), 6.RP.3: 12 attempts without mastery');
    expect(groupReason(model, ben!, 0, diaz!, rp2!)).toBe('Ben — tutor group (Mr Diaz), 6.RP.2: next skill, mastery 35%; english learner support');
    expect(groupReason(model, ben!, 1, lee!, rp2!)).toBe('Ben — teacher-leader group (Ms Lee), 6.RP.2: next skill, mastery 35%; same group as yesterday');
    expect(groupReason(model, cy!, 0, lee!, rp1!)).toBe('cy — teacher-leader group (Ms Lee), 6.RP.1: next skill, mastery 60%; flagged behind the team');
  });

  it('say so when the focus does not fit the student', () => {
    expect(groupReason(model, ben!, 0, lee!, rp1!)).toBe('Ben — teacher-leader group (Ms Lee), 6.RP.1: review: already mastered (98%); next is 6.RP.2');
    expect(groupReason(model, cy!, 0, lee!, rp3!)).toBe('cy — teacher-leader group (Ms Lee), 6.RP.3: not ready: 6.RP.2 not yet mastered; flagged behind the team');
    expect(groupReason(model, dee!, 0, lee!, rp3!)).toBe('dee — teacher-leader group (Ms Lee), 6.RP.3: review: already mastered (100%)');
  });

  it('say what a student practises at a station, and when they see an adult', () => {
    expect(stationReason(model, ben!, 0, ['Block 1'])).toBe('Ben — online practice: 6.RP.1 mastered, next 6.RP.2; with an adult in Block 1');
    expect(stationReason(model, cy!, 1, [])).toBe('cy — collaborative work (Table 3): next 6.RP.1 (mastery 60%)');
    expect(stationReason(model, dee!, 0, ['B2'])).toBe('dee — online practice: every skill in the sequence mastered; with an adult in B2');
  });

  it('give every placement of a plan its sentence and every group a summary', () => {
    const result = regroup(instance);
    if (!result.feasible) throw new Error('expected a plan');
    const reasons = explainPlan(result.model, result.plan);
    expect(Object.keys(reasons.students)).toEqual(['ana', 'ben', 'cy', 'dee']);
    for (const perBlock of Object.values(reasons.students)) expect(Object.keys(perBlock)).toEqual(['B1', 'B2']);
    for (const group of result.groups) {
      const place = group.adult ?? group.station!;
      expect(reasons.groups[group.block]![place]).toMatch(group.adult ? /^(Mr Diaz|Ms Lee) \((tutor|teacher-leader)\), 6\.RP\.\d: \d+ students?; / : /: \d+ students?, each on their own next skill$/);
      for (const student of group.students) {
        const sentence = reasons.students[student]![group.block]!;
        expect(sentence.startsWith(`${instance.students.find((s) => s.id === student)!.name ?? student} — `)).toBe(true);
        if (group.focusSkill) expect(sentence).toContain(`, ${group.focusSkill}: `);
      }
    }
  });
});
