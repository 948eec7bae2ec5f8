import { describe, expect, it } from 'vitest';
import { regroup } from '../core/grouping/regroup.ts';
import { parseInstance } from '../core/grouping/validate.ts';
import { assessPlan } from './plan-check.ts';

const instance = parseInstance({
  blocks: ['B1', 'B2'],
  skills: [{ id: 'k1' }, { id: 'k2', prerequisites: ['k1'] }],
  adults: [
    { id: 'lee', name: 'Ms Lee', role: 'teacher', capacity: 2 },
    { id: 'diaz', name: 'Mr Diaz', role: 'tutor', capacity: 2, blocks: ['B2'], supports: ['english_learner'] },
  ],
  stations: [{ id: 'online', kind: 'online', capacity: 4 }],
  students: [
    { id: 'ana', name: 'Ana', mastery: { k1: 0.99 } },
    { id: 'ben', name: 'Ben', needs: ['english_learner'] },
    { id: 'cy', name: 'Cy' },
  ],
  constraints: { apart: [['ana', 'cy']] },
});

describe('assessPlan', () => {
  it('finds nothing wrong with the optimiser’s plan and gives its objective and a reason per placement', () => {
    const result = regroup(instance);
    if (!result.feasible) throw new Error('expected a plan');
    const assessment = assessPlan(instance, result.groups);
    expect(assessment.warnings).toEqual([]);
    expect(assessment.objective).toBeCloseTo(result.objective, 9);
    expect(assessment.reasons).toEqual(result.reasons.students);
  });

  it('lists every broken rule of a hand-made plan, and has no objective', () => {
    const assessment = assessPlan(instance, [
      { block: 'B1', adult: 'lee', focusSkill: 'k2', students: ['ana', 'cy', 'ben'] },
      { block: 'B1', adult: 'diaz', focusSkill: 'k1', students: [] },
      { block: 'B2', station: 'online', focusSkill: null, students: ['ben', 'ben'] },
      { block: 'B2', adult: 'zed', focusSkill: 'k1', students: ['cy'] },
      { block: 'B3', station: 'online', focusSkill: null, students: ['ana'] },
      { block: 'B2', station: 'online', focusSkill: null, students: ['nobody'] },
    ]);
    const rules = assessment.warnings.map((warning) => `${warning.rule}${warning.block ? `@${warning.block}` : ''}${warning.student ? `:${warning.student}` : ''}`);
    expect(rules).toEqual([
      'place@B1',
      'place@B2:ben',
      'unknown@B2',
      'unknown@B3',
      'unknown@B2:nobody',
      'capacity@B1',
      'apart@B1',
      'place@B2:ana',
      'place@B2:cy',
      'needs:ben',
    ]);
    expect(assessment.warnings[0]!.message).toBe('block B1: diaz is not available to lead a group in this block');
    expect(assessment.objective).toBeNull();
    // Unplaced students have no sentence there; placed ones do.
    expect(Object.keys(assessment.reasons.ana!)).toEqual(['B1']);
    expect(assessment.reasons.ben!.B2).toMatch(/^Ben — online practice/);
  });

  it('does not call two students with no place "together" (apart pairs left unplaced)', () => {
    const assessment = assessPlan(instance, [{ block: 'B1', adult: 'lee', focusSkill: 'k1', students: ['ben'] }]);
    expect(assessment.warnings.filter((warning) => warning.rule === 'apart')).toEqual([]);
    expect(assessment.warnings.filter((warning) => warning.rule === 'place').map((warning) => `${warning.block}:${warning.student}`)).toEqual([
      'B1:ana',
      'B1:cy',
      'B2:ana',
      'B2:ben',
      'B2:cy',
    ]);
  });
});
