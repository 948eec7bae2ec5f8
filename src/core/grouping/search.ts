/**
 * Local search on a plan that keeps every hard rule. Each round walks every
 * block: the exact reassignment of its students for the current focuses
 * (chains and cycles of moves), single moves for units of several students,
 * the best focus for each group's members, adults trading groups; then
 * refocus-and-refill for groups whose focus could serve more students. A
 * round that finds nothing ends the search.
 */
import { crossBlockSwaps, improveUnit, refocusGroups, swapAdults } from './moves.ts';
import { reassignBlock } from './reassign.ts';
import { refillBlock } from './refill.ts';
import type { SearchState } from './state.ts';

export interface SearchOptions {
  /** Rounds at most; the search also stops at the first round that finds nothing. */
  maxRounds: number;
  /** Refocus-and-refill stops once the state's work (student-place evaluations) reaches this. */
  workBudget: number;
}

export function improve(state: SearchState, options: SearchOptions): number {
  const model = state.model;
  let rounds = 0;
  while (rounds < options.maxRounds) {
    rounds++;
    let improved = false;
    for (let b = 0; b < model.blocks; b++) {
      if (reassignBlock(state, b)) improved = true;
      // The reassignment moves single students into groups that have a focus; units of several, and moves into empty groups, are single moves.
      const emptyGroup = hasEmptyGroup(state, b);
      for (let u = 0; u < model.units.length; u++) {
        if ((emptyGroup || model.units[u]!.length > 1) && improveUnit(state, u, b)) improved = true;
      }
      if (refocusGroups(state, b)) improved = true;
      if (swapAdults(state, b)) improved = true;
    }
    for (let b = 0; b < model.blocks; b++) if (refillBlock(state, b, options.workBudget)) improved = true;
    if (!improved) break;
  }
  return rounds;
}

function hasEmptyGroup(state: SearchState, b: number): boolean {
  for (let p = 0; p < state.model.groupCount[b]!; p++) if (state.count[state.placeOffset[b]! + p] === 0) return true;
  return false;
}

/**
 * The last polish: students trading places in two blocks at once (day rules
 * block some single trades), each gain followed by the ordinary search, until
 * neither finds anything.
 */
export function polishAcrossBlocks(state: SearchState, options: SearchOptions, pairBudget = POLISH_PAIR_BUDGET): void {
  const blocks = state.model.blocks;
  const budget = { pairs: pairBudget };
  for (let round = 0; round < options.maxRounds && budget.pairs > 0; round++) {
    let improved = false;
    for (let b1 = 0; b1 < blocks; b1++) {
      for (let b2 = b1 + 1; b2 < blocks; b2++) if (crossBlockSwaps(state, b1, b2, budget)) improved = true;
    }
    if (!improved) return;
    improve(state, options);
  }
}

/**
 * Pairs of students the polish may look at in all, over every pair of blocks and round: several full
 * rounds for a 150-student team (about 11,000 pairs per pair of blocks), a partial one for 1,500 students,
 * whose 1.1 million pairs per pair of blocks would otherwise take minutes. Counted, not timed, so the
 * result stays deterministic.
 */
export const POLISH_PAIR_BUDGET = 600_000;
