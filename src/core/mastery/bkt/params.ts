/**
 * Bayesian Knowledge Tracing for one skill: a student either knows it or not.
 * Before the first attempt they know it with probability `prior`; after each
 * attempt an unknown skill becomes known with probability `learn` (and a known
 * one is forgotten with probability `forget`, usually 0). Someone who knows it
 * still slips with probability `slip`; someone who does not guesses right with
 * probability `guess`.
 */

export interface BktParams {
  prior: number;
  learn: number;
  guess: number;
  slip: number;
  forget: number;
}

/** Probability of a right answer now, given the probability the skill is known. */
export function predictCorrect(known: number, params: BktParams): number {
  return known * (1 - params.slip) + (1 - known) * params.guess;
}

/** Probability the skill was known at the attempt, after seeing its outcome (Bayes' rule). */
export function posteriorKnown(known: number, correct: boolean, params: BktParams): number {
  const ifKnown = known * (correct ? 1 - params.slip : params.slip);
  const ifUnknown = (1 - known) * (correct ? params.guess : 1 - params.guess);
  return ifKnown / (ifKnown + ifUnknown);
}

/** The chance to learn (or forget) between this attempt and the next. */
export function transition(known: number, params: BktParams): number {
  return known * (1 - params.forget) + (1 - known) * params.learn;
}

/** The online update for one piece of evidence: the posterior, then the learning step. */
export function updateKnown(known: number, correct: boolean, params: BktParams): number {
  return transition(posteriorKnown(known, correct, params), params);
}
