/**
 * The words of the mastery models. Fitting and tracking take plain arrays, so
 * the fixture CSV, the district's evidence table and the tests feed them alike.
 */

/** One piece of evidence: a student's attempt at a skill, right or wrong. */
export interface Evidence {
  skill: string;
  /** When it happened: a timestamp in milliseconds or a sequence number. Only the order matters. */
  at: number;
  correct: boolean;
}

/** Evidence with the student it belongs to: the input to fitting. */
export interface Response extends Evidence {
  student: string;
}

/**
 * Follows one student through their evidence: the probability of a right
 * answer on a skill before the next attempt, then the attempt itself. Every
 * model offers one, so evaluation and the mastery API need not know which
 * model they hold.
 */
export interface Tracker {
  /** Probability that the next attempt at `skill` is right, given the evidence observed so far. */
  predict(skill: string): number;
  /** Probability that the student knows `skill` now, on the same scale for every model. */
  known(skill: string): number;
  observe(evidence: Evidence): void;
}

/** Reports progress of a long fit: a phase name and how far along it is. */
export type ProgressCallback = (phase: string, done: number, total: number) => void;
