/**
 * Brings students the first plan left short of a day rule (adult-led blocks,
 * a need met) into a group that fixes it: straight in when there is room,
 * else by trading places with a student who can spare that seat, else by first
 * moving such a student elsewhere. Among the fixes it takes the one that costs
 * the objective least.
 */
import { supportsNeed } from './model.ts';
import { SearchState, UNPLACED } from './state.ts';

interface Fix {
  delta: number;
  apply: () => void;
}

export function repair(state: SearchState): void {
  const model = state.model;
  for (let pass = 0; pass < 3; pass++) {
    let broken = false;
    for (let s = 0; s < model.students; s++) {
      if (state.dayRulesHold(s)) continue;
      broken = true;
      const fix = bestFix(state, s);
      fix?.apply();
    }
    if (!broken) return;
  }
}

/** Whether group p of block b would bring student s closer to the day rules. */
function helps(state: SearchState, s: number, b: number, p: number): boolean {
  const model = state.model;
  const current = state.place[s * model.blocks + b]!;
  const inGroup = current !== UNPLACED && state.isGroup[state.placeOffset[b]! + current] === 1;
  if (state.adultLed[s]! < model.adultLedPerDay && !inGroup) return true;
  const adult = state.adultAt[state.placeOffset[b]! + p]!;
  const needs = model.needs[s]!;
  for (let i = 0; i < needs.length; i++) if (state.needCover[s]![i] === 0 && supportsNeed(model, adult, needs[i]!)) return true;
  return false;
}

function bestFix(state: SearchState, s: number): Fix | null {
  const model = state.model;
  const u = model.unitOf[s]!;
  let best: Fix | null = null;
  const consider = (delta: number | null, apply: () => void) => {
    if (delta !== null && (best === null || delta > best.delta)) best = { delta, apply };
  };
  for (let b = 0; b < model.blocks; b++) {
    if (state.pinnedPlace(u, b) !== -1) continue;
    for (let p = 0; p < model.groupCount[b]!; p++) {
      if (!helps(state, s, b, p)) continue;
      consider(state.relocationDelta(u, b, p), () => state.assign(u, b, p));
      for (const v of state.members[state.placeOffset[b]! + p]!) {
        if (state.pinnedPlace(v, b) !== -1) continue;
        consider(state.swapDelta(u, v, b), () => {
          const from = state.unitPlace(u, b);
          state.assign(u, b, p);
          state.assign(v, b, from);
        });
      }
    }
  }
  if (best) return best;
  return ejection(state, u, s);
}

/** Frees a seat for unit u: some member v of a helpful group moves to another place first, then u takes the seat. */
function ejection(state: SearchState, u: number, s: number): Fix | null {
  const model = state.model;
  for (let b = 0; b < model.blocks; b++) {
    if (state.pinnedPlace(u, b) !== -1) continue;
    for (let p = 0; p < model.groupCount[b]!; p++) {
      if (!helps(state, s, b, p)) continue;
      for (const v of [...state.members[state.placeOffset[b]! + p]!]) {
        if (v === u || state.pinnedPlace(v, b) !== -1) continue;
        for (let r = 0; r < model.places[b]!.length; r++) {
          if (r === p || state.relocationDelta(v, b, r) === null) continue;
          state.assign(v, b, r);
          if (state.relocationDelta(u, b, p) !== null) return { delta: 0, apply: () => state.assign(u, b, p) };
          state.assign(v, b, p);
        }
      }
    }
  }
  return null;
}
