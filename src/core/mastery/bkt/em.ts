/**
 * Fits one set of BKT parameters to many response sequences by expectation
 * maximisation (Baum–Welch): the forward–backward pass gives, for every
 * attempt, the probability the skill was known then; the parameters are then
 * re-estimated from those expected counts. Each round cannot lower the
 * (penalised) likelihood, so it climbs until the change is negligible.
 */
import type { BktParams } from './params.ts';

/** Every student's attempts at one skill, back to back: sequence i is outcomes[starts[i]] .. outcomes[starts[i+1]-1]. */
export interface Sequences {
  outcomes: Uint8Array;
  starts: Int32Array;
}

export interface Bounds {
  /** Upper bound on guess: above it "knowing" and "guessing" stop being distinguishable. */
  maxGuess: number;
  /** Upper bound on slip, for the same reason. */
  maxSlip: number;
}

/**
 * Shrinkage toward other parameters (the district's): each parameter gets
 * `strength` pseudo-observations at the centre's value, a Beta prior. A skill
 * with few responses stays near the centre; one with many follows its data.
 */
export interface Shrinkage {
  centre: BktParams;
  strength: number;
}

export interface EmOptions {
  bounds: Bounds;
  shrinkage?: Shrinkage;
  /** Estimate forgetting too; otherwise it stays 0 (standard BKT). */
  fitForget: boolean;
  maxIterations: number;
  /** Stop when a round improves the log-likelihood by less than this, per response. */
  tolerance: number;
}

export interface EmResult {
  params: BktParams;
  /** Log-likelihood of the data plus the log prior of the shrinkage. */
  objective: number;
  iterations: number;
}

/** Keeps probabilities off 0 and 1, where a single surprising answer would be impossible. */
const EPSILON = 1e-4;

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}

interface ExpectedCounts {
  logLikelihood: number;
  prior: [number, number];
  learn: [number, number];
  forget: [number, number];
  guess: [number, number];
  slip: [number, number];
}

function expectedCounts(data: Sequences, p: BktParams, forward0: Float64Array, forward1: Float64Array, scales: Float64Array): ExpectedCounts {
  const { outcomes, starts } = data;
  const { prior, learn: T, forget: F, guess: G, slip: S } = p;
  // Plain locals rather than fields: this loop runs once per response per round.
  let logLikelihood = 0;
  let knownAtStart = 0;
  let learnt = 0;
  let unknownBefore = 0;
  let forgot = 0;
  let knownBefore = 0;
  let guessed = 0;
  let unknown = 0;
  let slipped = 0;
  let known = 0;
  let sequences = 0;
  for (let sequence = 0; sequence + 1 < starts.length; sequence++) {
    const first = starts[sequence]!;
    const length = starts[sequence + 1]! - first;
    if (length === 0) continue;
    sequences++;
    // Forward: probability of each state given the attempts so far, normalised at every step.
    let before0 = 1 - prior;
    let before1 = prior;
    for (let t = 0; t < length; t++) {
      const right = outcomes[first + t] === 1;
      const a0 = before0 * (right ? G : 1 - G);
      const a1 = before1 * (right ? 1 - S : S);
      const scale = a0 + a1;
      const f0 = a0 / scale;
      const f1 = a1 / scale;
      forward0[t] = f0;
      forward1[t] = f1;
      scales[t] = scale;
      logLikelihood += Math.log(scale);
      before0 = f0 * (1 - T) + f1 * F;
      before1 = f0 * T + f1 * (1 - F);
    }
    // Backward, collecting the expected counts as it goes.
    let back0 = 1;
    let back1 = 1;
    for (let t = length - 1; t >= 0; t--) {
      const right = outcomes[first + t] === 1;
      const g0 = forward0[t]! * back0;
      const g1 = forward1[t]! * back1;
      const total = g0 + g1;
      const state0 = g0 / total;
      const state1 = g1 / total;
      if (right) guessed += state0;
      else slipped += state1;
      unknown += state0;
      known += state1;
      if (t < length - 1) {
        unknownBefore += state0;
        knownBefore += state1;
      }
      if (t === 0) {
        knownAtStart += state1;
        break;
      }
      const m0 = ((right ? G : 1 - G) * back0) / scales[t]!;
      const m1 = ((right ? 1 - S : S) * back1) / scales[t]!;
      learnt += forward0[t - 1]! * T * m1;
      forgot += forward1[t - 1]! * F * m0;
      back0 = (1 - T) * m0 + T * m1;
      back1 = F * m0 + (1 - F) * m1;
    }
  }
  return {
    logLikelihood,
    prior: [knownAtStart, sequences],
    learn: [learnt, unknownBefore],
    forget: [forgot, knownBefore],
    guess: [guessed, unknown],
    slip: [slipped, known],
  };
}

/** The log of the Beta prior's density, up to a constant: 0 without shrinkage. */
function logPrior(p: BktParams, shrinkage: Shrinkage | undefined, fitForget: boolean): number {
  if (!shrinkage) return 0;
  const { centre, strength } = shrinkage;
  const names: (keyof BktParams)[] = fitForget ? ['prior', 'learn', 'guess', 'slip', 'forget'] : ['prior', 'learn', 'guess', 'slip'];
  let sum = 0;
  for (const name of names) {
    const value = clamp(p[name], 1e-12, 1 - 1e-12);
    sum += strength * (centre[name] * Math.log(value) + (1 - centre[name]) * Math.log(1 - value));
  }
  return sum;
}

/**
 * The M step: expected successes over expected trials, plus the shrinkage's
 * pseudo-observations. Each parameter's part of the objective is unimodal, so
 * clipping to the bounds is its exact constrained maximum and EM stays monotone.
 */
function reestimate(counts: ExpectedCounts, previous: BktParams, options: EmOptions): BktParams {
  const { shrinkage } = options;
  const estimate = (name: keyof BktParams, [hits, trials]: [number, number]) => {
    const pseudo = shrinkage?.strength ?? 0;
    const centre = shrinkage?.centre[name] ?? 0;
    const total = trials + pseudo;
    return total > 0 ? (hits + pseudo * centre) / total : previous[name];
  };
  return withinBounds(
    {
      prior: estimate('prior', counts.prior),
      learn: estimate('learn', counts.learn),
      guess: estimate('guess', counts.guess),
      slip: estimate('slip', counts.slip),
      forget: estimate('forget', counts.forget),
    },
    options,
  );
}

function withinBounds(p: BktParams, options: EmOptions): BktParams {
  return {
    prior: clamp(p.prior, EPSILON, 1 - EPSILON),
    learn: clamp(p.learn, EPSILON, 1 - EPSILON),
    guess: clamp(p.guess, EPSILON, options.bounds.maxGuess),
    slip: clamp(p.slip, EPSILON, options.bounds.maxSlip),
    forget: options.fitForget ? clamp(p.forget, 0, 1 - EPSILON) : 0,
  };
}

function longestSequence(data: Sequences): number {
  let longest = 0;
  for (let i = 0; i + 1 < data.starts.length; i++) longest = Math.max(longest, data.starts[i + 1]! - data.starts[i]!);
  return longest;
}

export function expectationMaximisation(data: Sequences, start: BktParams, options: EmOptions): EmResult {
  const longest = longestSequence(data);
  const forward0 = new Float64Array(longest);
  const forward1 = new Float64Array(longest);
  const scales = new Float64Array(longest);
  let params = withinBounds(start, options);
  let objective = Number.NEGATIVE_INFINITY;
  let iterations = 0;
  while (iterations < options.maxIterations) {
    iterations++;
    const counts = expectedCounts(data, params, forward0, forward1, scales);
    const current = counts.logLikelihood + logPrior(params, options.shrinkage, options.fitForget);
    const converged = current - objective < options.tolerance * data.outcomes.length;
    objective = current;
    if (converged) break;
    params = reestimate(counts, params, options);
  }
  return { params, objective, iterations };
}
