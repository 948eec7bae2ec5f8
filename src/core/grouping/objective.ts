/**
 * The objective of a plan, from scratch, term by term (docs/regrouping.md states
 * it as math). The local search keeps the same total incrementally; this is the
 * reference it is checked against, and what the MILP's optimum is compared with.
 */
import type { Model } from './model.ts';
import type { ObjectiveTerms } from './types.ts';

/** A plan in compiled form: a place per student and block, a focus per group (-1 when none). */
export interface Plan {
  /** Per student × block: index into `model.places[b]`. */
  place: Int32Array;
  /** Per group (see `model.groupOffset`): skill index, or -1. */
  focus: Int32Array;
}

export function emptyTerms(): ObjectiveTerms {
  return { next: 0, ready: 0, notReady: 0, depth: 0, station: 0, flagged: 0, churn: 0, balance: 0, relationship: 0 };
}

export function totalOf(terms: ObjectiveTerms): number {
  return Object.values(terms).reduce((sum, value) => sum + value, 0);
}

/** |n_g − cap_g · N_b / C_b| summed over a block's groups: the L1 deviation from fair shares. */
export function blockDeviation(model: Model, b: number, counts: ArrayLike<number>): number {
  const groups = model.groupCount[b]!;
  const capacity = model.groupCapacity[b]!;
  if (groups === 0 || capacity === 0) return 0;
  let total = 0;
  for (let g = 0; g < groups; g++) total += counts[g]!;
  let deviation = 0;
  for (let g = 0; g < groups; g++) deviation += Math.abs(counts[g]! - (model.places[b]![g]!.capacity * total) / capacity);
  return deviation;
}

/** Value of the relationship term for one student: new adults met today, up to their room. */
export function relationshipValue(model: Model, s: number, newAdults: number): number {
  return model.weights.relationship * Math.min(model.relationshipRoom[s]!, newAdults);
}

export function evaluate(model: Model, plan: Plan): { total: number; terms: ObjectiveTerms } {
  const { weights, blocks: B, adults: A } = model;
  const terms = emptyTerms();
  const met = new Uint8Array(A);
  for (let s = 0; s < model.students; s++) {
    const state = model.readiness[s]!;
    met.fill(0);
    for (let b = 0; b < B; b++) {
      const p = plan.place[s * B + b]!;
      const place = model.places[b]![p]!;
      if (place.kind === 'station') {
        terms.station += weights.station;
        continue;
      }
      const k = plan.focus[model.groupOffset[b]! + p]!;
      const a = place.owner;
      met[a] = 1;
      if (state.ready[k]) {
        if (k === state.next) terms.next += weights.next;
        else terms.ready += weights.ready;
        terms.depth += weights.depth * (1 - state.probability[k]!);
      } else {
        terms.notReady -= weights.notReady;
      }
      terms.flagged += model.flaggedValue[s * A + a]!;
      if (model.churnAdult[s * B + b] === a && k === state.next) terms.churn += weights.churn;
    }
    if (model.relationshipRoom[s]! > 0) {
      let fresh = 0;
      for (let a = 0; a < A; a++) if (met[a] && !model.metBefore[s * A + a]) fresh++;
      terms.relationship += relationshipValue(model, s, fresh);
    }
  }
  for (let b = 0; b < B; b++) {
    const counts = new Int32Array(model.groupCount[b]!);
    for (let s = 0; s < model.students; s++) {
      const p = plan.place[s * B + b]!;
      if (p < counts.length) counts[p]!++;
    }
    terms.balance -= weights.balance * blockDeviation(model, b, counts);
  }
  return { total: totalOf(terms), terms };
}
