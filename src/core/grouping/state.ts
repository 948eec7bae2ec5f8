/**
 * A plan under construction or search, with everything a move needs kept up to
 * date: who is where, group sizes, each student's adult-led blocks and met
 * needs, adults met today, and the objective itself. Moves are asked first
 * (`relocationDelta`, `swapDelta`: exact change of the objective, or null when
 * a hard rule would break) and then made (`assign`, `setFocus`), so the search
 * never holds a plan that breaks a rule it has already met.
 */
import type { Model } from './model.ts';
import { groupValue, supportsNeed } from './model.ts';
import { blockDeviation, relationshipValue, type Plan } from './objective.ts';

export const UNPLACED = -1;

/** Told of every change to a plan, so caches built on it (the reassignment's move graphs) stay exact. */
export interface StateObserver {
  /** Student s moved in block b from place `from` to place `to` (either may be UNPLACED). */
  moved(s: number, b: number, from: number, to: number): void;
  /** The focus of group p in block b changed (or the group emptied and lost it). */
  refocused(b: number, p: number): void;
}

export interface BlockSnapshot {
  block: number;
  /** Per unit: its place in the block. */
  units: Int32Array;
  /** Per group of the block: its focus. */
  focus: Int32Array;
}

export class SearchState {
  readonly model: Model;
  /** Per block: where its places start in the flat per-place arrays. */
  readonly placeOffset: number[];
  /** Per flat place: capacity, and whether it is an adult group. */
  readonly capacity: Int32Array;
  readonly isGroup: Uint8Array;
  /** Per flat place: the adult for a group, -1 for a station. */
  readonly adultAt: Int32Array;
  /** Per student × block: place index in the block, or UNPLACED. */
  readonly place: Int32Array;
  /** Per group: focus skill, -1 while the group is empty. */
  readonly focus: Int32Array;
  /** Per flat place: students there, and the units there (insertion order, so walks are deterministic). */
  readonly count: Int32Array;
  readonly members: Array<Set<number>>;
  /** Per student: blocks in an adult group so far. */
  readonly adultLed: Int32Array;
  /** Per student: per entry of model.needs[s], blocks with an adult who supports it. */
  readonly needCover: Int32Array[];
  /** Per student × adult: blocks together today. */
  readonly met: Uint8Array;
  /** Per student: adults met today for the first time this week. */
  readonly fresh: Int32Array;
  /** Per block: students in adult groups (N_b) and the deviation sum Σ|n − share|. */
  readonly groupTotal: Int32Array;
  readonly deviation: Float64Array;
  /** The objective of the current (partial) plan: placements + balance + relationships. */
  total = 0;
  /**
   * Student-place evaluations spent by exact reassignments so far. The large
   * moves stop at a budget of these, so a big team's search is bounded by work
   * done, never by the clock, and stays deterministic.
   */
  work = 0;
  readonly observers: StateObserver[] = [];
  private readonly deviationCache: Array<Map<number, number>>;

  constructor(model: Model) {
    this.model = model;
    const { students: S, blocks: B, adults: A } = model;
    this.placeOffset = [];
    let places = 0;
    for (let b = 0; b < B; b++) {
      this.placeOffset.push(places);
      places += model.places[b]!.length;
    }
    this.capacity = new Int32Array(places);
    this.isGroup = new Uint8Array(places);
    this.adultAt = new Int32Array(places).fill(-1);
    for (let b = 0; b < B; b++) {
      model.places[b]!.forEach((place, p) => {
        const at = this.placeOffset[b]! + p;
        this.capacity[at] = place.capacity;
        if (place.kind === 'group') {
          this.isGroup[at] = 1;
          this.adultAt[at] = place.owner;
        }
      });
    }
    this.place = new Int32Array(S * B).fill(UNPLACED);
    this.focus = new Int32Array(model.totalGroups).fill(-1);
    this.count = new Int32Array(places);
    this.members = Array.from({ length: places }, () => new Set<number>());
    this.adultLed = new Int32Array(S);
    this.needCover = model.needs.map((needs) => new Int32Array(needs.length));
    this.met = new Uint8Array(S * A);
    this.fresh = new Int32Array(S);
    this.groupTotal = new Int32Array(B);
    this.deviation = new Float64Array(B);
    this.deviationCache = Array.from({ length: B }, () => new Map());
  }

  unitPlace(u: number, b: number): number {
    return this.place[this.model.units[u]![0]! * this.model.blocks + b]!;
  }

  /** Whether a unit is pinned in a block (by any member). */
  pinnedPlace(u: number, b: number): number {
    const B = this.model.blocks;
    for (const s of this.model.units[u]!) {
      const p = this.model.pinnedPlace[s * B + b]!;
      if (p !== -1) return p;
    }
    return -1;
  }

  groupIndex(b: number, p: number): number {
    return this.model.groupOffset[b]! + p;
  }

  /**
   * The focus a unit would meet in group p of block b: the group's; for an empty
   * group its pinned or reserved focus (set with `setFocus` while empty), else
   * the best one for the unit.
   */
  focusFor(u: number, b: number, p: number): number {
    const g = this.groupIndex(b, p);
    if (this.count[this.placeOffset[b]! + p]! > 0) return this.focus[g]!;
    const pinned = this.model.pinnedFocus[g]!;
    if (pinned !== -1) return pinned;
    if (this.focus[g]! !== -1) return this.focus[g]!;
    return this.bestFocus(u, b, p);
  }

  private bestFocus(u: number, b: number, p: number): number {
    const adult = this.adultAt[this.placeOffset[b]! + p]!;
    let best = 0;
    let bestValue = -Infinity;
    for (let k = 0; k < this.model.skills; k++) {
      let value = 0;
      for (const s of this.model.units[u]!) value += groupValue(this.model, s, b, adult, k);
      if (value > bestValue) {
        bestValue = value;
        best = k;
      }
    }
    return best;
  }

  /** Placement value of unit u in place p of block b (the group's focus, or the best focus if it is empty). */
  unitValue(u: number, b: number, p: number): number {
    const at = this.placeOffset[b]! + p;
    const members = this.model.units[u]!;
    if (!this.isGroup[at]) return this.model.weights.station * members.length;
    const k = this.focusFor(u, b, p);
    const adult = this.adultAt[at]!;
    let value = 0;
    for (const s of members) value += groupValue(this.model, s, b, adult, k);
    return value;
  }

  private unitValueWithFocus(u: number, b: number, adult: number, k: number): number {
    let value = 0;
    for (const s of this.model.units[u]!) value += groupValue(this.model, s, b, adult, k);
    return value;
  }

  /** Σ_g |n_g − cap_g·N/C_b| for block b if N_b were `total` and group counts unchanged; cached until the block changes. */
  private deviationAt(b: number, total: number): number {
    const cache = this.deviationCache[b]!;
    let value = cache.get(total);
    if (value === undefined) {
      const offset = this.placeOffset[b]!;
      const C = this.model.groupCapacity[b]!;
      value = 0;
      for (let g = 0; g < this.model.groupCount[b]!; g++) value += Math.abs(this.count[offset + g]! - (this.capacity[offset + g]! * total) / C);
      cache.set(total, value);
    }
    return value;
  }

  /** Change of the balance term when group places p1, p2 of block b change by d1, d2 students (stations ignored). */
  balanceDelta(b: number, p1: number, d1: number, p2: number, d2: number): number {
    const offset = this.placeOffset[b]!;
    const C = this.model.groupCapacity[b]!;
    if (C === 0) return 0;
    const g1 = p1 !== -1 && this.isGroup[offset + p1] ? offset + p1 : -1;
    const g2 = p2 !== -1 && this.isGroup[offset + p2] ? offset + p2 : -1;
    const change1 = g1 === -1 ? 0 : d1;
    const change2 = g2 === -1 ? 0 : d2;
    if (change1 === 0 && change2 === 0) return 0;
    const N = this.groupTotal[b]!;
    const after = N + change1 + change2;
    let deviation = after === N ? this.deviation[b]! : this.deviationAt(b, after);
    if (g1 !== -1 && change1 !== 0) {
      const share = (this.capacity[g1]! * after) / C;
      deviation += Math.abs(this.count[g1]! + change1 - share) - Math.abs(this.count[g1]! - share);
    }
    if (g2 !== -1 && change2 !== 0) {
      const share = (this.capacity[g2]! * after) / C;
      deviation += Math.abs(this.count[g2]! + change2 - share) - Math.abs(this.count[g2]! - share);
    }
    return -this.model.weights.balance * (deviation - this.deviation[b]!);
  }

  /** Change of the relationship term for student s leaving adult `from` and joining adult `to` (-1: a station or nowhere). */
  relationshipDelta(s: number, from: number, to: number): number {
    const room = this.model.relationshipRoom[s]!;
    if (room === 0 || from === to) return 0;
    const A = this.model.adults;
    let fresh = this.fresh[s]!;
    if (from !== -1 && !this.model.metBefore[s * A + from] && this.met[s * A + from] === 1) fresh--;
    if (to !== -1 && !this.model.metBefore[s * A + to] && this.met[s * A + to] === 0) fresh++;
    return relationshipValue(this.model, s, fresh) - relationshipValue(this.model, s, this.fresh[s]!);
  }

  /** Whether student s can leave adult `from` for place `toAdult` (-1: station) without breaking the adult-led or needs rule. */
  keepsDayRules(s: number, from: number, toAdult: number): boolean {
    if (from === -1) return true;
    if (toAdult === -1 && this.adultLed[s]! - 1 < this.model.adultLedPerDay) return false;
    const needs = this.model.needs[s]!;
    for (let i = 0; i < needs.length; i++) {
      const need = needs[i]!;
      if (supportsNeed(this.model, from, need) && !(toAdult !== -1 && supportsNeed(this.model, toAdult, need)) && this.needCover[s]![i]! - 1 < 1) return false;
    }
    return true;
  }

  /** Whether unit u can be in place p of block b given apart pairs, ignoring the students of unit `leaving`. */
  apartAllows(u: number, b: number, p: number, leaving = -1): boolean {
    const { blocks: B, apart, unitOf } = this.model;
    for (const s of this.model.units[u]!) {
      for (const t of apart[s]!) {
        if (this.place[t * B + b] === p && unitOf[t] !== leaving && unitOf[t] !== u) return false;
      }
    }
    return true;
  }

  /** Exact change of the objective if unit u moves to place q in block b, or null if a hard rule would break. */
  relocationDelta(u: number, b: number, q: number): number | null {
    const p = this.unitPlace(u, b);
    if (p === q) return null;
    const members = this.model.units[u]!;
    const size = members.length;
    const to = this.placeOffset[b]! + q;
    if (this.count[to]! + size > this.capacity[to]!) return null;
    if (!this.apartAllows(u, b, q)) return null;
    const fromAdult = p === UNPLACED ? -1 : this.adultAt[this.placeOffset[b]! + p]!;
    const toAdult = this.adultAt[to]!;
    for (const s of members) if (!this.keepsDayRules(s, fromAdult, toAdult)) return null;
    let delta = this.unitValue(u, b, q) - (p === UNPLACED ? 0 : this.unitValue(u, b, p));
    delta += this.balanceDelta(b, p, -size, q, size);
    for (const s of members) delta += this.relationshipDelta(s, fromAdult, toAdult);
    return delta;
  }

  /** Exact change of the objective if units u and v (in different places of block b) trade places, or null. */
  swapDelta(u: number, v: number, b: number): number | null {
    const p = this.unitPlace(u, b);
    const q = this.unitPlace(v, b);
    if (p === q || p === UNPLACED || q === UNPLACED) return null;
    const offset = this.placeOffset[b]!;
    const su = this.model.units[u]!.length;
    const sv = this.model.units[v]!.length;
    if (su !== sv && (this.count[offset + p]! - su + sv > this.capacity[offset + p]! || this.count[offset + q]! - sv + su > this.capacity[offset + q]!)) return null;
    if (!this.apartAllows(u, b, q, v) || !this.apartAllows(v, b, p, u)) return null;
    const adultP = this.adultAt[offset + p]!;
    const adultQ = this.adultAt[offset + q]!;
    for (const s of this.model.units[u]!) if (!this.keepsDayRules(s, adultP, adultQ)) return null;
    for (const s of this.model.units[v]!) if (!this.keepsDayRules(s, adultQ, adultP)) return null;
    // A unit that empties a group would reset its focus; the search only swaps into occupied places, so focuses stand.
    let delta = 0;
    if (this.isGroup[offset + q]) delta += this.unitValueWithFocus(u, b, adultQ, this.focus[this.groupIndex(b, q)]!);
    else delta += this.model.weights.station * su;
    if (this.isGroup[offset + p]) delta += this.unitValueWithFocus(v, b, adultP, this.focus[this.groupIndex(b, p)]!);
    else delta += this.model.weights.station * sv;
    delta -= this.unitValue(u, b, p) + this.unitValue(v, b, q);
    if (su !== sv) delta += this.balanceDelta(b, p, sv - su, q, su - sv);
    for (const s of this.model.units[u]!) delta += this.relationshipDelta(s, adultP, adultQ);
    for (const s of this.model.units[v]!) delta += this.relationshipDelta(s, adultQ, adultP);
    return delta;
  }

  /**
   * Exact change of the objective if groups p and q of block b trade adults:
   * each group's members and focus move to the other adult. Null when a group
   * would not fit, a pin is involved, or a student would lose their only
   * adult with a need's support.
   */
  adultSwapDelta(b: number, p: number, q: number): number | null {
    const model = this.model;
    const offset = this.placeOffset[b]!;
    const gp = this.groupIndex(b, p);
    const gq = this.groupIndex(b, q);
    if (this.count[offset + p]! > this.capacity[offset + q]! || this.count[offset + q]! > this.capacity[offset + p]!) return null;
    if (model.pinnedFocus[gp] !== -1 || model.pinnedFocus[gq] !== -1) return null;
    const adultP = this.adultAt[offset + p]!;
    const adultQ = this.adultAt[offset + q]!;
    let delta = 0;
    const moveAll = (from: number, fromAdult: number, toAdult: number, k: number): boolean => {
      for (const u of this.members[offset + from]!) {
        if (this.pinnedPlace(u, b) !== -1) return false;
        for (const s of model.units[u]!) {
          if (!this.keepsDayRules(s, fromAdult, toAdult)) return false;
          delta += groupValue(model, s, b, toAdult, k) - groupValue(model, s, b, fromAdult, k) + this.relationshipDelta(s, fromAdult, toAdult);
        }
      }
      return true;
    };
    if (!moveAll(p, adultP, adultQ, this.focus[gp]!) || !moveAll(q, adultQ, adultP, this.focus[gq]!)) return null;
    const C = model.groupCapacity[b]!;
    const N = this.groupTotal[b]!;
    const np = this.count[offset + p]!;
    const nq = this.count[offset + q]!;
    const shareP = (this.capacity[offset + p]! * N) / C;
    const shareQ = (this.capacity[offset + q]! * N) / C;
    const deviation = Math.abs(nq - shareP) + Math.abs(np - shareQ) - Math.abs(np - shareP) - Math.abs(nq - shareQ);
    return delta - model.weights.balance * deviation;
  }

  /** Makes the trade `adultSwapDelta` describes. */
  swapAdults(b: number, p: number, q: number): void {
    const offset = this.placeOffset[b]!;
    const fromP = [...this.members[offset + p]!];
    const fromQ = [...this.members[offset + q]!];
    const focusP = this.focus[this.groupIndex(b, p)]!;
    const focusQ = this.focus[this.groupIndex(b, q)]!;
    for (const u of [...fromP, ...fromQ]) this.assign(u, b, UNPLACED);
    this.setFocus(b, p, focusQ);
    this.setFocus(b, q, focusP);
    for (const u of fromP) this.assign(u, b, q);
    for (const u of fromQ) this.assign(u, b, p);
  }

  /** Change of the objective if group p of block b took focus k (its current members stay). */
  focusDelta(b: number, p: number, k: number): number {
    const g = this.groupIndex(b, p);
    const current = this.focus[g]!;
    if (current === k || current === -1) return 0;
    const adult = this.adultAt[this.placeOffset[b]! + p]!;
    let delta = 0;
    for (const u of this.members[this.placeOffset[b]! + p]!) {
      for (const s of this.model.units[u]!) delta += groupValue(this.model, s, b, adult, k) - groupValue(this.model, s, b, adult, current);
    }
    return delta;
  }

  setFocus(b: number, p: number, k: number): void {
    const g = this.groupIndex(b, p);
    if (this.focus[g] === k) return;
    if (k === -1 && this.count[this.placeOffset[b]! + p]! > 0) throw new Error('a group with students must keep a focus');
    if (this.count[this.placeOffset[b]! + p]! > 0) this.total += this.focusDelta(b, p, k);
    this.focus[g] = k;
    for (const observer of this.observers) observer.refocused(b, p);
  }

  /** Moves unit u to place q of block b (UNPLACED to take it out), keeping every count and the objective up to date. */
  assign(u: number, b: number, q: number): void {
    const { blocks: B, adults: A } = this.model;
    const p = this.unitPlace(u, b);
    if (p === q) return;
    const members = this.model.units[u]!;
    const size = members.length;
    const offset = this.placeOffset[b]!;
    if (p !== UNPLACED) {
      this.total -= this.unitValue(u, b, p);
      this.leave(u, b, p);
    }
    if (q !== UNPLACED) {
      const at = offset + q;
      if (this.isGroup[at] && this.count[at] === 0) {
        const g = this.groupIndex(b, q);
        const k = this.focusFor(u, b, q);
        if (this.focus[g] !== k) {
          this.focus[g] = k;
          for (const observer of this.observers) observer.refocused(b, q);
        }
      }
      this.total += this.unitValue(u, b, q);
      this.members[at]!.add(u);
      this.count[at]! += size;
      const adult = this.adultAt[at]!;
      for (const s of members) {
        this.place[s * B + b] = q;
        if (adult === -1) continue;
        this.adultLed[s]!++;
        this.cover(s, adult, 1);
        const before = relationshipValue(this.model, s, this.fresh[s]!);
        if (this.met[s * A + adult]!++ === 0 && !this.model.metBefore[s * A + adult]) this.fresh[s]!++;
        this.total += relationshipValue(this.model, s, this.fresh[s]!) - before;
      }
      if (adult !== -1) this.groupTotal[b]! += size;
    }
    this.refreshBalance(b);
    for (const observer of this.observers) for (const s of members) observer.moved(s, b, p, q);
    if (p !== UNPLACED && this.isGroup[offset + p] && this.count[offset + p] === 0) for (const observer of this.observers) observer.refocused(b, p);
  }

  private leave(u: number, b: number, p: number): void {
    const { blocks: B, adults: A } = this.model;
    const members = this.model.units[u]!;
    const at = this.placeOffset[b]! + p;
    this.members[at]!.delete(u);
    this.count[at]! -= members.length;
    const adult = this.adultAt[at]!;
    for (const s of members) {
      this.place[s * B + b] = UNPLACED;
      if (adult === -1) continue;
      this.adultLed[s]!--;
      this.cover(s, adult, -1);
      const before = relationshipValue(this.model, s, this.fresh[s]!);
      if (--this.met[s * A + adult]! === 0 && !this.model.metBefore[s * A + adult]) this.fresh[s]!--;
      this.total += relationshipValue(this.model, s, this.fresh[s]!) - before;
    }
    if (adult !== -1) {
      this.groupTotal[b]! -= members.length;
      if (this.count[at] === 0) this.focus[this.groupIndex(b, p)] = -1;
    }
  }

  private cover(s: number, adult: number, change: number): void {
    const needs = this.model.needs[s]!;
    for (let i = 0; i < needs.length; i++) if (supportsNeed(this.model, adult, needs[i]!)) this.needCover[s]![i]! += change;
  }

  private refreshBalance(b: number): void {
    const offset = this.placeOffset[b]!;
    const deviation = blockDeviation(this.model, b, this.count.subarray(offset, offset + this.model.groupCount[b]!));
    this.total -= this.model.weights.balance * (deviation - this.deviation[b]!);
    this.deviation[b] = deviation;
    this.deviationCache[b]!.clear();
  }

  /** Where every unit is in block b and every group's focus there, to go back to with `restore`. */
  snapshot(b: number): BlockSnapshot {
    const units = new Int32Array(this.model.units.length);
    for (let u = 0; u < units.length; u++) units[u] = this.unitPlace(u, b);
    const start = this.model.groupOffset[b]!;
    return { block: b, units, focus: this.focus.slice(start, start + this.model.groupCount[b]!) };
  }

  /** Puts block b back as it was at the snapshot; the objective follows exactly, move by move. */
  restore(snapshot: BlockSnapshot): void {
    const b = snapshot.block;
    const moved: number[] = [];
    for (let u = 0; u < snapshot.units.length; u++) {
      if (this.unitPlace(u, b) !== snapshot.units[u]) {
        moved.push(u);
        this.assign(u, b, UNPLACED);
      }
    }
    for (const u of moved) this.assign(u, b, snapshot.units[u]!);
    snapshot.focus.forEach((k, p) => {
      if (this.focus[this.groupIndex(b, p)] !== k) this.setFocus(b, p, k);
    });
  }

  /** Whether every student meets the adult-led and needs rules. */
  dayRulesHold(s: number): boolean {
    if (this.adultLed[s]! < this.model.adultLedPerDay) return false;
    return this.needCover[s]!.every((count) => count > 0);
  }

  toPlan(): Plan {
    return { place: this.place.slice(), focus: this.focus.slice() };
  }
}
