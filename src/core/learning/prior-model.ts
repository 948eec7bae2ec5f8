/**
 * The mastery model a district uses before `trellis mastery fit` has fitted its
 * own: BKT with the same parameters for every skill, typical of published BKT
 * fits (Corbett and Anderson 1995; Baker et al. 2008): a student starts with a
 * 20% chance of knowing a skill, learns it with 15% chance per attempt, guesses
 * right 20% of the time and slips 10% of the time. Three right answers in a row
 * from the start reach mastery (0.95); a wrong one pulls the estimate down a lot.
 */
import type { MasteryModel } from '../mastery/index.ts';

export const PRIOR_MASTERY_MODEL: MasteryModel = {
  kind: 'bkt',
  district: { prior: 0.2, learn: 0.15, guess: 0.2, slip: 0.1, forget: 0 },
  skills: {},
};
