/**
 * Students simulated from known BKT parameters, to check that fitting finds
 * them again. Seeded, so every run draws the same students.
 */
import { predictCorrect, transition, type BktParams } from './bkt/params.ts';
import type { Response } from './types.ts';

/** Deterministic uniform numbers in [0, 1) (mulberry32). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SimulationOptions {
  /** Parameters of each skill, by name. */
  skills: Record<string, BktParams>;
  students: number;
  /** Attempts per student at each skill. */
  attempts: number;
  seed: number;
}

/** Each student works through the skills in turn, `attempts` at each, learning (and forgetting) as BKT says. */
export function simulateBkt({ skills, students, attempts, seed }: SimulationOptions): Response[] {
  const random = seededRandom(seed);
  const responses: Response[] = [];
  for (let s = 1; s <= students; s++) {
    let at = 0;
    for (const [skill, params] of Object.entries(skills)) {
      let knows = random() < params.prior;
      for (let a = 0; a < attempts; a++) {
        const correct = random() < predictCorrect(knows ? 1 : 0, params);
        responses.push({ student: `s${s}`, skill, correct, at: ++at });
        knows = random() < transition(knows ? 1 : 0, params);
      }
    }
  }
  return responses;
}
