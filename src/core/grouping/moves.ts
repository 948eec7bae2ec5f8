/**
 * The small moves of the local search, each taken only when its exact change of
 * the objective is positive and every hard rule still holds: move a unit to
 * another place, trade two units' places, change a group's focus. Candidates
 * are walked in a fixed order and ties keep the earlier one, so the same
 * instance always gives the same plan.
 */
import { groupValue } from './model.ts';
import type { SearchState } from './state.ts';

export const EPSILON = 1e-9;

/**
 * The best single move for unit u in block b: a relocation, or a swap with a
 * unit of a full group the unit would rather be in.
 */
export function improveUnit(state: SearchState, u: number, b: number): boolean {
  if (state.pinnedPlace(u, b) !== -1) return false;
  const model = state.model;
  const p = state.unitPlace(u, b);
  const offset = state.placeOffset[b]!;
  const size = model.units[u]!.length;
  const here = state.unitValue(u, b, p);
  // Balance and relationships can move the objective by at most this much per student, so a worse placement by more is never a gain.
  const slack = (2 * model.weights.balance + model.weights.relationship) * size + EPSILON;
  let bestDelta = EPSILON;
  let bestPlace = -1;
  let bestPartner = -1;
  let stationTried = false;
  const places = model.places[b]!.length;
  for (let q = 0; q < places; q++) {
    if (q === p) continue;
    const at = offset + q;
    const isGroup = state.isGroup[at] === 1;
    // Every station is worth the same, so only the first one with room is worth asking about.
    if (!isGroup && (stationTried || !state.isGroup[offset + p])) continue;
    const there = state.unitValue(u, b, q);
    if (there - here + slack <= EPSILON) continue;
    if (state.count[at]! + size <= state.capacity[at]!) {
      const delta = state.relocationDelta(u, b, q);
      if (!isGroup && delta !== null) stationTried = true;
      if (delta !== null && delta > bestDelta) {
        bestDelta = delta;
        bestPlace = q;
        bestPartner = -1;
      }
      continue;
    }
    if (!isGroup) continue;
    for (const v of state.members[at]!) {
      if (state.pinnedPlace(v, b) !== -1) continue;
      const delta = state.swapDelta(u, v, b);
      if (delta !== null && delta > bestDelta) {
        bestDelta = delta;
        bestPlace = q;
        bestPartner = v;
      }
    }
  }
  if (bestPlace === -1) return false;
  state.assign(u, b, bestPlace);
  if (bestPartner !== -1) state.assign(bestPartner, b, p);
  return true;
}

/** Gives each group of block b the focus that is worth most to its current members. */
export function refocusGroups(state: SearchState, b: number): boolean {
  const model = state.model;
  let improved = false;
  for (let p = 0; p < model.groupCount[b]!; p++) {
    const at = state.placeOffset[b]! + p;
    const g = model.groupOffset[b]! + p;
    if (state.count[at] === 0 || model.pinnedFocus[g] !== -1) continue;
    const adult = state.adultAt[at]!;
    const current = state.focus[g]!;
    let currentValue = 0;
    const values = new Float64Array(model.skills);
    for (const u of state.members[at]!) {
      for (const s of model.units[u]!) {
        for (let k = 0; k < model.skills; k++) values[k]! += groupValue(model, s, b, adult, k);
      }
    }
    currentValue = values[current]!;
    let best = current;
    for (let k = 0; k < model.skills; k++) if (values[k]! > values[best]! + EPSILON) best = k;
    if (best !== current && values[best]! > currentValue + EPSILON) {
      state.setFocus(b, p, best);
      improved = true;
    }
  }
  return improved;
}

/** Lets two groups of block b trade adults when that is worth more (flags, relationships, churn, balance). */
export function swapAdults(state: SearchState, b: number): boolean {
  let improved = false;
  const groups = state.model.groupCount[b]!;
  for (let p = 0; p < groups; p++) {
    for (let q = p + 1; q < groups; q++) {
      const delta = state.adultSwapDelta(b, p, q);
      if (delta !== null && delta > EPSILON) {
        state.swapAdults(b, p, q);
        improved = true;
      }
    }
  }
  return improved;
}

/**
 * Units u and v trade places in two blocks at once. One trade alone can break a
 * day rule that the pair keeps: when u's only adult-led block is b1 and v's is
 * b2, u can give v its group seat in b1 only by taking v's group seat in b2.
 * Only same-size units that leave no group empty are tried, so every focus
 * stands and undoing the four moves restores the plan exactly.
 */
/** A trial trade costs about as much as this many pairs looked at (eight reassignments and the day rules; measured on 1,500 students). */
const TRADE_COST = 100;

export function crossBlockSwaps(state: SearchState, b1: number, b2: number, budget: { pairs: number } = { pairs: Infinity }): boolean {
  const model = state.model;
  const units = model.units.length;
  const slack = 2 * (2 * model.weights.balance + model.weights.relationship) * 2 + EPSILON;
  let improved = false;
  for (let u = 0; u < units; u++) {
    if (state.pinnedPlace(u, b1) !== -1 || state.pinnedPlace(u, b2) !== -1) continue;
    for (let v = u + 1; v < units; v++) {
      if (model.units[u]!.length !== model.units[v]!.length) continue;
      // Pairs grow with the square of the team: the budget keeps a 1,500-student day inside its time.
      if (--budget.pairs < 0) return improved;
      if (state.pinnedPlace(v, b1) !== -1 || state.pinnedPlace(v, b2) !== -1) continue;
      const p1 = state.unitPlace(u, b1);
      const q1 = state.unitPlace(v, b1);
      const p2 = state.unitPlace(u, b2);
      const q2 = state.unitPlace(v, b2);
      if (p1 === q1 || p2 === q2) continue;
      const gain =
        state.unitValue(u, b1, q1) - state.unitValue(u, b1, p1) + state.unitValue(v, b1, p1) - state.unitValue(v, b1, q1) +
        state.unitValue(u, b2, q2) - state.unitValue(u, b2, p2) + state.unitValue(v, b2, p2) - state.unitValue(v, b2, q2);
      if (gain + slack <= EPSILON) continue;
      budget.pairs -= TRADE_COST;
      if (tradeBoth(state, u, v, b1, b2)) improved = true;
    }
  }
  return improved;
}

function leavesEmpty(state: SearchState, u: number, b: number): boolean {
  const at = state.placeOffset[b]! + state.unitPlace(u, b);
  return state.isGroup[at] === 1 && state.count[at] === state.model.units[u]!.length;
}

/** Makes the double trade if it keeps every hard rule and raises the objective; otherwise leaves the plan as it was. */
function tradeBoth(state: SearchState, u: number, v: number, b1: number, b2: number): boolean {
  for (const b of [b1, b2]) {
    if (leavesEmpty(state, u, b) || leavesEmpty(state, v, b)) return false;
    if (!state.apartAllows(u, b, state.unitPlace(v, b), v) || !state.apartAllows(v, b, state.unitPlace(u, b), u)) return false;
  }
  const before = state.total;
  const places = [b1, b2].map((b) => [state.unitPlace(u, b), state.unitPlace(v, b)] as const);
  for (const [i, b] of [b1, b2].entries()) {
    state.assign(u, b, places[i]![1]);
    state.assign(v, b, places[i]![0]);
  }
  const members = [...state.model.units[u]!, ...state.model.units[v]!];
  if (state.total - before > EPSILON && members.every((s) => state.dayRulesHold(s))) return true;
  for (const [i, b] of [b1, b2].entries()) {
    state.assign(u, b, places[i]![0]);
    state.assign(v, b, places[i]![1]);
  }
  return false;
}
