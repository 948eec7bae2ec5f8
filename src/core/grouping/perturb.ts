/**
 * Kicks out of local optima. Some better plans need several groups to change
 * at once, in different blocks: the skill one group serves moves to another
 * block and the first group takes up a skill nobody served, or two groups
 * trade adults although a student then needs their support elsewhere. No
 * single improving move reaches them. A kick makes such a change (drawn from a
 * seeded pseudo-random sequence, so the same instance gets the same kicks),
 * the blocks are reassigned and polished, and the result is kept if it keeps
 * every rule and is at least as good as the plan it started from (so the
 * search can cross plateaus); otherwise the blocks go back. The longer nothing
 * better turns up, the more changes a kick makes. The best plan seen wins.
 */
import { EPSILON, refocusGroups } from './moves.ts';
import { seededRandom } from './random.ts';
import { reassignBlock } from './reassign.ts';
import { refillGroup } from './refill.ts';
import { repair } from './repair.ts';
import type { BlockSnapshot, SearchState } from './state.ts';

/** Kicks without a better plan before kicks grow stronger. */
const STRENGTHEN_AFTER = 40;

export interface PerturbOptions {
  kicks: number;
  seed: number;
  /** No kick starts once the state's work (student-place evaluations) reaches this. */
  workBudget: number;
}

export function perturb(state: SearchState, options: PerturbOptions): number {
  const next = seededRandom(options.seed);
  let best = state.total;
  let bestPlan = snapshotAll(state);
  let current = state.total;
  let saved = bestPlan;
  let accepted = 0;
  let failures = 0;
  for (let kick = 0; kick < options.kicks && state.work < options.workBudget; kick++) {
    // The longer nothing better turns up, the further each kick goes: up to three changes before polishing.
    const strength = 1 + Math.min(2, Math.floor(failures / STRENGTHEN_AFTER));
    let kicked = false;
    for (let i = 0; i < strength; i++) {
      const kind = Math.floor(next() * 3);
      if (kind === 0 ? moveSkillService(state, next) : kind === 1 ? refocusAtRandom(state, next) : tradeAdultsAtRandom(state, next)) kicked = true;
    }
    if (!kicked) continue;
    polish(state);
    failures++;
    if (!dayRulesHold(state)) {
      for (const snapshot of saved) state.restore(snapshot);
      continue;
    }
    if (state.total > best + EPSILON) {
      best = state.total;
      bestPlan = snapshotAll(state);
      accepted++;
      failures = 0;
    }
    // Plans as good as the current one are kept too, so the search can walk across a plateau.
    if (state.total > current - EPSILON) {
      current = state.total;
      saved = snapshotAll(state);
    } else {
      for (const snapshot of saved) state.restore(snapshot);
    }
  }
  if (state.total < best - EPSILON) for (const snapshot of bestPlan) state.restore(snapshot);
  return accepted;
}

/**
 * Two groups of a block trade adults (members and focus move together), even
 * if a student thereby loses the only adult who meets one of their needs; the
 * day rules are then repaired elsewhere, which single moves never try.
 */
function tradeAdultsAtRandom(state: SearchState, next: () => number): boolean {
  const model = state.model;
  const b = Math.floor(next() * model.blocks);
  const offset = state.placeOffset[b]!;
  const free = Array.from({ length: model.groupCount[b]! }, (_, p) => p).filter(
    (p) => model.pinnedFocus[model.groupOffset[b]! + p] === -1 && [...state.members[offset + p]!].every((u) => state.pinnedPlace(u, b) === -1),
  );
  if (free.length < 2) return false;
  const p = pick(free, next)!;
  const q = pick(
    free.filter((other) => other !== p),
    next,
  )!;
  if (state.count[offset + p]! > state.capacity[offset + q]! || state.count[offset + q]! > state.capacity[offset + p]!) return false;
  state.swapAdults(b, p, q);
  repair(state);
  return true;
}

function dayRulesHold(state: SearchState): boolean {
  for (let s = 0; s < state.model.students; s++) if (!state.dayRulesHold(s)) return false;
  return true;
}

/** A group takes up another skill some student is ready for; its block is reassigned. */
function refocusAtRandom(state: SearchState, next: () => number): boolean {
  const model = state.model;
  const b = Math.floor(next() * model.blocks);
  const open = Array.from({ length: model.groupCount[b]! }, (_, p) => p).filter((p) => model.pinnedFocus[model.groupOffset[b]! + p] === -1);
  const p = pick(open, next);
  if (p === undefined) return false;
  const current = state.focus[state.groupIndex(b, p)]!;
  const k = pick(
    model.readyUnits.flatMap((units, skill) => (units.length > 0 && skill !== current ? [skill] : [])),
    next,
  );
  if (k === undefined) return false;
  state.setFocus(b, p, k);
  reassignBlock(state, b);
  return true;
}

function snapshotAll(state: SearchState): BlockSnapshot[] {
  return Array.from({ length: state.model.blocks }, (_, b) => state.snapshot(b));
}

function pick<T>(items: readonly T[], next: () => number): T | undefined {
  return items[Math.floor(next() * items.length)];
}

/**
 * A group in another block takes up the skill a group serves; then the first
 * group looks for a better focus (refocus and refill), such as a skill nobody
 * served. False when the draw found nothing to change.
 */
function moveSkillService(state: SearchState, next: () => number): boolean {
  const model = state.model;
  if (model.blocks < 2) return false;
  const open = (b: number) =>
    Array.from({ length: model.groupCount[b]! }, (_, p) => p).filter((p) => model.pinnedFocus[model.groupOffset[b]! + p] === -1 && state.count[state.placeOffset[b]! + p]! > 0);
  const b1 = Math.floor(next() * model.blocks);
  const p1 = pick(open(b1), next);
  if (p1 === undefined) return false;
  const served = state.focus[state.groupIndex(b1, p1)]!;
  const b2 = (b1 + 1 + Math.floor(next() * (model.blocks - 1))) % model.blocks;
  const p2 = pick(
    open(b2).filter((p) => state.focus[state.groupIndex(b2, p)] !== served),
    next,
  );
  if (p2 === undefined) return false;
  state.setFocus(b2, p2, served);
  reassignBlock(state, b2);
  refillGroup(state, b1, p1);
  reassignBlock(state, b1);
  return true;
}

/** Reassigns every block and refocuses every group until neither finds more (a few rounds at most). */
function polish(state: SearchState): void {
  for (let round = 0; round < 3; round++) {
    let improved = false;
    for (let b = 0; b < state.model.blocks; b++) {
      if (reassignBlock(state, b)) improved = true;
      if (refocusGroups(state, b)) improved = true;
    }
    if (!improved) return;
  }
}
