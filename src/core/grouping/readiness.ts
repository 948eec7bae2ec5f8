/**
 * Which skills a student is ready for. A skill is ready when it is not yet
 * mastered and every prerequisite is; the *next* skill is the first ready one in
 * sequence order. Grouping students by a ready focus is what makes a group alike
 * in need.
 */
import type { Skill, Student } from './types.ts';

export type FocusFit = 'next' | 'ready' | 'mastered' | 'missing_prerequisite';

export interface Readiness {
  /** Mastery probability per skill, in sequence order (0 when unknown). */
  probability: number[];
  mastered: boolean[];
  ready: boolean[];
  /** Index of the next skill in the sequence, or -1 when every skill is mastered or blocked. */
  next: number;
}

export function readiness(student: Student, skills: readonly Skill[], threshold: number): Readiness {
  const index = new Map(skills.map((skill, i) => [skill.id, i]));
  const probability = skills.map((skill) => student.mastery[skill.id] ?? 0);
  const mastered = probability.map((p) => p >= threshold);
  const ready = skills.map((skill, i) => !mastered[i] && skill.prerequisites.every((id) => mastered[index.get(id)!]));
  return { probability, mastered, ready, next: ready.indexOf(true) };
}

/** How a group focus fits a student. */
export function focusFit(state: Readiness, skill: number): FocusFit {
  if (skill === state.next) return 'next';
  if (state.ready[skill]) return 'ready';
  return state.mastered[skill] ? 'mastered' : 'missing_prerequisite';
}

/** The last mastered skill before the next one in the sequence, for "6.RP.1 mastered, next 6.RP.2". */
export function lastMasteredBefore(state: Readiness, skill: number): number {
  for (let i = skill - 1; i >= 0; i--) if (state.mastered[i]) return i;
  return -1;
}
