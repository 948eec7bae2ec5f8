/**
 * A fitted BKT model: district-wide parameters, and one set per skill seen in
 * the data. A skill without data uses the district's, so a new skill starts
 * from what is typical rather than from nothing. Plain data, ready for JSON.
 */
import type { Evidence, Tracker } from '../types.ts';
import { predictCorrect, updateKnown, type BktParams } from './params.ts';

export interface BktSkillParams extends BktParams {
  /** Responses and student sequences the skill's parameters were fitted on. */
  responses: number;
  sequences: number;
}

export interface BktModel {
  kind: 'bkt';
  district: BktParams;
  skills: Record<string, BktSkillParams>;
}

export function skillParams(model: BktModel, skill: string): BktParams {
  return Object.hasOwn(model.skills, skill) ? model.skills[skill]! : model.district;
}

/** Follows one student: the probability of knowing each skill, updated with each attempt. */
export function bktTracker(model: BktModel): Tracker {
  const known = new Map<string, number>();
  const current = (skill: string) => known.get(skill) ?? skillParams(model, skill).prior;
  return {
    predict: (skill) => predictCorrect(current(skill), skillParams(model, skill)),
    known: current,
    observe(evidence: Evidence) {
      known.set(evidence.skill, updateKnown(current(evidence.skill), evidence.correct, skillParams(model, evidence.skill)));
    },
  };
}
