/**
 * Refocus and refill, the search's large move. Single moves cannot change what
 * a full group works on: every member would have to move at once. So for a
 * group and a skill it could focus on instead, this sets the new focus and
 * reassigns the block exactly (members who are better off elsewhere go, the
 * students who gain most come in, the places they left are refilled). The
 * result is kept only if the objective went up; otherwise the block is put back.
 */
import { groupValue } from './model.ts';
import { EPSILON } from './moves.ts';
import { reassignBlock } from './reassign.ts';
import type { SearchState } from './state.ts';

/** Skills tried per group and round: the most promising by the estimate below. */
const SKILLS_TRIED = 2;

export function refillBlock(state: SearchState, b: number, workBudget: number): boolean {
  let improved = false;
  for (let p = 0; p < state.model.groupCount[b]! && state.work < workBudget; p++) if (refillGroup(state, b, p)) improved = true;
  if (state.work < workBudget && exchangeAdults(state, b, workBudget)) improved = true;
  return improved;
}

/** Tries the most promising other focuses for group p of block b; keeps the first that pays. */
export function refillGroup(state: SearchState, b: number, p: number): boolean {
  if (state.model.pinnedFocus[state.model.groupOffset[b]! + p] !== -1) return false;
  for (const k of promisingSkills(state, b, p)) if (tryRefill(state, b, p, k)) return true;
  return false;
}

/**
 * A group with room and a smaller full group trade focuses, so the larger
 * adult can take more of the students who need the full group's skill; the
 * block is reassigned and the trade kept only if the objective went up.
 */
function exchangeAdults(state: SearchState, b: number, workBudget: number): boolean {
  const model = state.model;
  const offset = state.placeOffset[b]!;
  let improved = false;
  for (let p = 0; p < model.groupCount[b]!; p++) {
    for (let q = 0; q < model.groupCount[b]!; q++) {
      const large = offset + p;
      const small = offset + q;
      // Both must have students (and so a focus) to trade focuses.
      if (state.count[large] === 0 || state.capacity[large]! <= state.capacity[small]! || state.count[large]! >= state.capacity[large]! || state.count[small]! < state.capacity[small]!) continue;
      if (model.pinnedFocus[model.groupOffset[b]! + p] !== -1 || model.pinnedFocus[model.groupOffset[b]! + q] !== -1) continue;
      if (state.work >= workBudget) return improved;
      if (tryExchange(state, b, p, q)) improved = true;
    }
  }
  return improved;
}

function tryExchange(state: SearchState, b: number, p: number, q: number): boolean {
  const before = state.total;
  const snapshot = state.snapshot(b);
  const focusP = state.focus[state.groupIndex(b, p)]!;
  state.setFocus(b, p, state.focus[state.groupIndex(b, q)]!);
  state.setFocus(b, q, focusP);
  reassignBlock(state, b);
  if (state.total > before + EPSILON) return true;
  state.restore(snapshot);
  return false;
}

/**
 * Skills group p could gain by focusing on, best first: the value of the best
 * students for the skill (against where they are now), less what the current
 * members have here (against a station). Only students ready for a skill can
 * gain from it. An estimate to choose what to try; the move itself is judged
 * exactly.
 */
function promisingSkills(state: SearchState, b: number, p: number): number[] {
  const model = state.model;
  const at = state.placeOffset[b]! + p;
  const adult = state.adultAt[at]!;
  const capacity = state.capacity[at]!;
  const current = state.focus[model.groupOffset[b]! + p]!;
  const station = model.weights.station;
  let here = 0;
  for (const u of state.members[at]!) here += state.unitValue(u, b, p) - station * model.units[u]!.length;
  const scored: Array<[number, number]> = [];
  const gains: number[] = [];
  for (let k = 0; k < model.skills; k++) {
    if (k === current) continue;
    gains.length = 0;
    for (const u of model.readyUnits[k]!) {
      const members = model.units[u]!;
      if (members.length > capacity || state.pinnedPlace(u, b) !== -1) continue;
      const place = state.unitPlace(u, b);
      const alternative = place === p ? station * members.length : state.unitValue(u, b, place);
      let value = 0;
      for (const s of members) value += groupValue(model, s, b, adult, k);
      if (value - alternative > EPSILON) gains.push(value - alternative);
    }
    gains.sort((x, y) => y - x);
    let potential = -here;
    for (let i = 0; i < Math.min(capacity, gains.length); i++) potential += gains[i]!;
    if (potential > EPSILON) scored.push([potential, k]);
  }
  scored.sort((x, y) => y[0] - x[0] || x[1] - y[1]);
  return scored.slice(0, SKILLS_TRIED).map(([, k]) => k);
}

/** Group p of block b takes focus k and the block is reassigned exactly; kept only if the objective went up. */
function tryRefill(state: SearchState, b: number, p: number, k: number): boolean {
  const before = state.total;
  const snapshot = state.snapshot(b);
  state.setFocus(b, p, k);
  reassignBlock(state, b);
  if (state.total > before + EPSILON) return true;
  state.restore(snapshot);
  return false;
}
