/**
 * A first plan, block by block. Each adult's group picks the focus skill whose
 * best still-unplaced students gain most from it (demand, weighed by the
 * objective), and takes them; the rest go to stations. Students the day rules
 * are about to fail (no adult-led block yet with few blocks left, a need no
 * later adult can meet) jump the queue, so the plan starts as close to
 * feasible as a greedy pass can get.
 */
import type { Model } from './model.ts';
import { groupValue, supportsNeed } from './model.ts';
import { SearchState, UNPLACED } from './state.ts';

/** Large enough to outrank any placement value: a rule about to break comes first. */
const URGENT = 1000;
/** Students still short of adult-led time, or with a need this adult could meet now, are preferred. */
const SHORT_OF_ADULT_TIME = 4;
const NEED_NOW = 20;

/** Which first plan to build: blocks in this order, large or small groups first in each, and whether to start from yesterday's groups. */
export interface ConstructVariant {
  blockOrder: number[];
  largeGroupsFirst: boolean;
  fromYesterday?: boolean;
}

export function construct(state: SearchState, variant?: ConstructVariant): void {
  const model = state.model;
  const order = variant?.blockOrder ?? Array.from({ length: model.blocks }, (_, b) => b);
  placePins(state);
  if (variant?.fromYesterday) placeYesterday(state);
  const laterSupport = supportLeft(model, order);
  const groupBlocksLeft = groupBlocksFrom(model, order);
  for (const b of order) {
    buildGroups(state, b, laterSupport, groupBlocksLeft, variant?.largeGroupsFirst ?? true);
    fillStations(state, b);
  }
}

function placePins(state: SearchState): void {
  const model = state.model;
  model.units.forEach((_, u) => {
    for (let b = 0; b < model.blocks; b++) {
      const p = state.pinnedPlace(u, b);
      if (p !== -1) state.assign(u, b, p);
    }
  });
  // A pinned focus holds even before anyone is placed, so the group is built around it.
  for (let b = 0; b < model.blocks; b++) {
    for (let p = 0; p < model.groupCount[b]!; p++) {
      const pinned = model.pinnedFocus[model.groupOffset[b]! + p]!;
      if (pinned !== -1) state.setFocus(b, p, pinned);
    }
  }
}

/**
 * Yesterday's groups again, where they still can be: the same adult, block
 * and focus, the same students (most still need the same thing), the same
 * stations. What no longer fits (a pin, a full place, an apart pair, an adult
 * who is away) is left for the usual construction.
 */
function placeYesterday(state: SearchState): void {
  const { model } = state;
  const { instance } = model;
  const blockIndex = new Map(instance.blocks.map((block, b) => [block.id, b]));
  const studentIndex = new Map(instance.students.map((student, s) => [student.id, s]));
  const skillIndex = new Map(instance.skills.map((skill, k) => [skill.id, k]));
  for (const group of instance.previous) {
    const b = blockIndex.get(group.block)!;
    const p = model.places[b]!.findIndex((place) =>
      group.adult !== undefined ? place.kind === 'group' && instance.adults[place.owner]!.id === group.adult : place.kind === 'station' && instance.stations[place.owner]!.id === group.station,
    );
    if (p === -1) continue;
    const at = state.placeOffset[b]! + p;
    if (group.adult !== undefined) {
      const k = group.focusSkill === null ? undefined : skillIndex.get(group.focusSkill);
      const g = model.groupOffset[b]! + p;
      if (k === undefined || (model.pinnedFocus[g] !== -1 && model.pinnedFocus[g] !== k)) continue;
      if (state.count[at] === 0 || state.focus[g] === k) state.setFocus(b, p, k);
      else continue;
    }
    for (const id of group.students) {
      const u = model.unitOf[studentIndex.get(id)!]!;
      if (state.unitPlace(u, b) !== UNPLACED || state.count[at]! + model.units[u]!.length > state.capacity[at]! || !state.apartAllows(u, b, p)) continue;
      state.assign(u, b, p);
    }
  }
}

/** Per block × need: whether some block built later has a group whose adult supports the need. */
function supportLeft(model: Model, order: number[]): Uint8Array {
  const N = model.needNames.length;
  const later = new Uint8Array(model.blocks * N);
  for (let i = order.length - 2; i >= 0; i--) {
    const b = order[i]!;
    const after = order[i + 1]!;
    for (let n = 0; n < N; n++) {
      const next = model.places[after]!.some((place) => place.kind === 'group' && supportsNeed(model, place.owner, n));
      later[b * N + n] = next || later[after * N + n] ? 1 : 0;
    }
  }
  return later;
}

/** Per block: how many blocks with adult groups are built from it on (itself included). */
function groupBlocksFrom(model: Model, order: number[]): number[] {
  const left = new Array<number>(model.blocks).fill(0);
  let count = 0;
  for (let i = order.length - 1; i >= 0; i--) {
    const b = order[i]!;
    if (model.groupCount[b]! > 0) count++;
    left[b] = count;
  }
  return left;
}

/** How much the day rules want unit u in adult a's group in block b (not part of the objective). */
function urgency(state: SearchState, u: number, b: number, adult: number, laterSupport: Uint8Array, groupBlocksLeft: number[]): number {
  const model = state.model;
  let score = 0;
  for (const s of model.units[u]!) {
    const deficit = model.adultLedPerDay - state.adultLed[s]!;
    if (deficit > 0) score += deficit >= groupBlocksLeft[b]! ? URGENT : SHORT_OF_ADULT_TIME;
    const needs = model.needs[s]!;
    for (let i = 0; i < needs.length; i++) {
      if (state.needCover[s]![i]! > 0 || !supportsNeed(model, adult, needs[i]!)) continue;
      score += laterSupport[b * model.needNames.length + needs[i]!] ? NEED_NOW : URGENT;
    }
  }
  return score;
}

function buildGroups(state: SearchState, b: number, laterSupport: Uint8Array, groupBlocksLeft: number[], largeFirst: boolean): void {
  const model = state.model;
  const offset = state.placeOffset[b]!;
  // Large groups first take the skills most students need, smaller groups the rest; small first suits flagged students' tutor time.
  const sign = largeFirst ? 1 : -1;
  const order = Array.from({ length: model.groupCount[b]! }, (_, p) => p).sort((p, q) => sign * (state.capacity[offset + q]! - state.capacity[offset + p]!) || p - q);
  const station = model.weights.station;
  const pull = new Float64Array(model.units.length);
  const seen = new Int32Array(model.units.length).fill(-1);
  let unplaced = model.units.map((_, u) => u).filter((u) => state.unitPlace(u, b) === UNPLACED);
  for (const p of order) {
    const at = offset + p;
    const adult = state.adultAt[at]!;
    const room = state.capacity[at]! - state.count[at]!;
    if (room <= 0) continue;
    unplaced = unplaced.filter((u) => state.unitPlace(u, b) === UNPLACED);
    // Students the day rules press for can be worth a place even on a focus they are not ready for.
    const pressing: number[] = [];
    for (const u of unplaced) {
      pull[u] = urgency(state, u, b, adult, laterSupport, groupBlocksLeft);
      let best = pull[u]!;
      for (const s of model.units[u]!) best += -model.weights.notReady + model.flaggedValue[s * model.adults + adult]! - station;
      if (best > 0) pressing.push(u);
    }
    const pinned = model.pinnedFocus[model.groupOffset[b]! + p]!;
    const current = state.focus[model.groupOffset[b]! + p]!;
    let best: { k: number; quality: number; chosen: number[] } | null = null;
    for (let k = 0; k < model.skills; k++) {
      if (pinned !== -1 && k !== pinned) continue;
      const scored: Array<[number, number]> = [];
      const consider = (u: number) => {
        if (seen[u] === k || model.units[u]!.length > room || state.unitPlace(u, b) !== UNPLACED) return;
        seen[u] = k;
        let value = pull[u]!;
        for (const s of model.units[u]!) value += groupValue(model, s, b, adult, k) - station;
        if (value > 0) scored.push([value, u]);
      };
      for (const u of model.readyUnits[k]!) consider(u);
      for (const u of pressing) consider(u);
      scored.sort((x, y) => y[0] - x[0] || x[1] - y[1]);
      let quality = 0;
      for (const u of state.members[at]!) for (const s of model.units[u]!) quality += groupValue(model, s, b, adult, k);
      let free = room;
      const chosen: number[] = [];
      for (const [value, u] of scored) {
        const size = model.units[u]!.length;
        if (size > free) continue;
        chosen.push(u);
        quality += value;
        free -= size;
        if (free === 0) break;
      }
      if (best === null || quality > best.quality + 1e-9 || (current === k && quality > best.quality - 1e-9)) best = { k, quality, chosen };
    }
    seen.fill(-1);
    if (best === null) continue;
    state.setFocus(b, p, best.k);
    for (const u of best.chosen) {
      if (state.count[at]! + model.units[u]!.length <= state.capacity[at]! && state.apartAllows(u, b, p)) state.assign(u, b, p);
    }
  }
}

/** The rest of the block goes to stations; a student no station can take goes to the adult group where they lose least. */
function fillStations(state: SearchState, b: number): void {
  const model = state.model;
  const places = model.places[b]!;
  const units = model.units.map((_, u) => u).filter((u) => state.unitPlace(u, b) === UNPLACED);
  // Larger units first: they are the hardest to fit.
  units.sort((u, v) => model.units[v]!.length - model.units[u]!.length || u - v);
  for (const u of units) {
    let target = -1;
    for (let q = model.groupCount[b]!; q < places.length && target === -1; q++) {
      if (state.relocationDelta(u, b, q) !== null) target = q;
    }
    if (target === -1) {
      let bestDelta = -Infinity;
      for (let q = 0; q < model.groupCount[b]!; q++) {
        const delta = state.relocationDelta(u, b, q);
        if (delta !== null && delta > bestDelta) {
          bestDelta = delta;
          target = q;
        }
      }
    }
    if (target !== -1) state.assign(u, b, target);
  }
}
