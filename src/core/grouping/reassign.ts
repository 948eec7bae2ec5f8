/**
 * Reassigns one block's students for fixed focuses. With the groups' focuses
 * and the other blocks held, which student goes where is a transportation
 * problem, and a plan is optimal for it when no chain of moves (Ana to Mr
 * Diaz's group, one of his students to Ms Lee's, one of hers to the online
 * station...) and no cycle of moves gains. Such chains are paths and cycles in
 * a small graph over the block's places whose arc p → q carries the student of
 * p who gains most by going to q; Bellman–Ford finds the best one. Each chain
 * found is checked against the apart pairs, scored exactly (balance included)
 * and taken when it gains. In a team's block (up to 24 places) chains of any
 * length are searched, so the result is optimal for the focuses; in larger
 * blocks chains stop at five moves, to stay fast.
 *
 * The graph of a block is built once and then follows every change of the
 * plan (a student moved anywhere, a focus changed), so trying a new focus
 * costs one column of the graph, not a rebuild.
 *
 * Units of several students and pinned students stay where they are here;
 * the single moves of the local search handle them.
 */
import { EPSILON } from './moves.ts';
import type { SearchState, StateObserver } from './state.ts';

const NONE = -1;
/** Blocks with up to this many places search chains of any length. */
const LONG_CHAINS_UP_TO = 24;
const SHORT_CHAIN = 5;

/** Move graphs already built, per state and block; they follow every later change of the state. */
const graphs = new WeakMap<SearchState, Array<ChainSearch | undefined>>();

export function reassignBlock(state: SearchState, b: number): boolean {
  let perBlock = graphs.get(state);
  if (!perBlock) graphs.set(state, (perBlock = []));
  let chains = perBlock[b];
  if (!chains) {
    chains = new ChainSearch(state, b);
    perBlock[b] = chains;
    state.observers.push(chains);
  }
  chains.forgetClashes();
  let improved = false;
  for (let before = state.total; chains.takeBest(); before = state.total) {
    // Chains are scored exactly, so each one raises the objective; stop rather than loop if rounding says otherwise.
    if (state.total <= before + EPSILON) break;
    improved = true;
  }
  return improved;
}

class ChainSearch implements StateObserver {
  private readonly P: number;
  private readonly offset: number;
  /** Per place pair p·P + q: the best gain of moving one of p's students to q, and who. */
  private readonly gain: Float64Array;
  private readonly mover: Int32Array;
  /** Student-to-place moves found to break an apart pair inside a chain: s·P + q. */
  private readonly forbidden = new Set<number>();
  private readonly dist: Float64Array;
  private readonly pred: Int32Array;
  /** The most one student's move can gain in balance: its share shifts by at most one student, its own count by one. */
  private readonly maxBalanceGain: number;
  /** Per place of the block: its adult (-1 for a station) and focus (-1 for a station or a group with none). */
  private readonly adultOf: Int32Array;
  private readonly focusOf: Int32Array;
  /** Moves per chain at most: every length in a team's block, a few where a district-sized block makes long chains slow to search. */
  private readonly maxLength: number;

  constructor(
    private readonly state: SearchState,
    private readonly b: number,
  ) {
    this.P = state.model.places[b]!.length;
    this.offset = state.placeOffset[b]!;
    this.gain = new Float64Array(this.P * this.P);
    this.mover = new Int32Array(this.P * this.P);
    this.dist = new Float64Array(this.P);
    this.pred = new Int32Array(this.P);
    this.maxBalanceGain = 2 * state.model.weights.balance + EPSILON;
    this.adultOf = state.adultAt.slice(this.offset, this.offset + this.P);
    this.focusOf = new Int32Array(this.P).fill(-1);
    this.maxLength = this.P <= LONG_CHAINS_UP_TO ? this.P : SHORT_CHAIN;
    for (let p = 0; p < state.model.groupCount[b]!; p++) this.focusOf[p] = state.focus[state.groupIndex(b, p)]!;
    for (let p = 0; p < this.P; p++) this.computeRow(p);
  }

  moved(s: number, b: number, from: number, to: number): void {
    const { P, state } = this;
    const model = state.model;
    if (b !== this.b) {
      // Another block changed this student's adult-led blocks, needs met and adults met: only their own moves here change.
      const row = state.place[s * model.blocks + this.b]!;
      if (row === NONE) return;
      for (let q = 0; q < P; q++) if (this.mover[row * P + q] === s) this.computeArc(row, q);
      if (this.movable(model.unitOf[s]!)) this.offer(s, row);
      return;
    }
    if (from !== NONE) for (let q = 0; q < P; q++) if (this.mover[from * P + q] === s) this.computeArc(from, q);
    if (to !== NONE && this.movable(model.unitOf[s]!)) this.offer(s, to);
  }

  refocused(b: number, p: number): void {
    if (b !== this.b) return;
    const state = this.state;
    this.focusOf[p] = state.focus[state.groupIndex(b, p)]!;
    // Everyone's value in p changed: the column of moves into p, and the row of moves out (its members' value where they are).
    for (let r = 0; r < this.P; r++) {
      if (this.focusOf[p] === -1) {
        this.gain[r * this.P + p] = -Infinity;
        this.mover[r * this.P + p] = NONE;
      } else if (r !== p) this.computeArc(r, p);
    }
    this.computeRow(p);
  }

  /** Moves forbidden for clashing with an apart pair inside one chain may be fine in another: allowed again. */
  forgetClashes(): void {
    const forbidden = [...this.forbidden];
    this.forbidden.clear();
    for (const key of forbidden) {
      const s = Math.floor(key / this.P);
      const row = this.state.place[s * this.state.model.blocks + this.b]!;
      if (row !== NONE) this.computeArc(row, key % this.P);
    }
  }

  /** Value of student s at place q of the block (its focus as it stands); -Infinity for a group with no focus yet. */
  private valueAt(s: number, q: number): number {
    const adult = this.adultOf[q]!;
    const model = this.state.model;
    if (adult === -1) return model.weights.station;
    const k = this.focusOf[q]!;
    if (k === -1) return -Infinity;
    const churn = model.churnAdult[s * model.blocks + this.b] === adult && k === model.nextSkill[s] ? model.weights.churn : 0;
    return model.focusValue[s * model.skills + k]! + model.flaggedValue[s * model.adults + adult]! + churn;
  }

  /** Whether student s may take part in chains: alone in their unit and not pinned here. */
  private movable(u: number): boolean {
    return this.state.model.units[u]!.length === 1 && this.state.pinnedPlace(u, this.b) === -1;
  }

  /** Gain of moving student s (worth `here` in p) from p to q, or -Infinity when a rule forbids it. */
  private moveGain(s: number, p: number, q: number, here: number): number {
    if (q === p) return -Infinity;
    const there = this.valueAt(s, q);
    if (there === -Infinity) return -Infinity;
    const state = this.state;
    const model = state.model;
    const fromAdult = this.adultOf[p]!;
    const toAdult = this.adultOf[q]!;
    if (fromAdult !== -1 && !state.keepsDayRules(s, fromAdult, toAdult)) return -Infinity;
    // Apart pairs are not checked here: a chain may move the partner out at the same time. Each chain is checked as a whole.
    if (this.forbidden.size > 0 && this.forbidden.has(s * this.P + q)) return -Infinity;
    const gain = there - here;
    return model.relationshipRoom[s]! > 0 ? gain + state.relationshipDelta(s, fromAdult, toAdult) : gain;
  }

  /** Offers student s (now in p) for every arc out of p. */
  private offer(s: number, p: number): void {
    const row = p * this.P;
    this.state.work += this.P;
    const here = this.valueAt(s, p);
    for (let q = 0; q < this.P; q++) {
      const gain = this.moveGain(s, p, q, here);
      if (gain > this.gain[row + q]!) {
        this.gain[row + q] = gain;
        this.mover[row + q] = s;
      }
    }
  }

  private computeArc(p: number, q: number): void {
    const at = p * this.P + q;
    this.state.work += this.state.count[this.offset + p]!;
    this.gain[at] = -Infinity;
    this.mover[at] = NONE;
    for (const u of this.state.members[this.offset + p]!) {
      if (!this.movable(u)) continue;
      const s = this.state.model.units[u]![0]!;
      const gain = this.moveGain(s, p, q, this.valueAt(s, p));
      if (gain > this.gain[at]!) {
        this.gain[at] = gain;
        this.mover[at] = s;
      }
    }
  }

  private computeRow(p: number): void {
    const row = p * this.P;
    this.gain.fill(-Infinity, row, row + this.P);
    this.mover.fill(NONE, row, row + this.P);
    for (const u of this.state.members[this.offset + p]!) if (this.movable(u)) this.offer(this.state.model.units[u]![0]!, p);
  }

  /** Finds the best improving chain or cycle and makes it; false when there is none. */
  takeBest(): boolean {
    // Each clash with an apart pair forbids one move, so this ends.
    for (;;) {
      const moves = this.shortMove() ?? this.bestChain();
      if (moves === null) return false;
      const clash = this.apartClash(moves);
      if (clash !== null) {
        this.forbidden.add(clash.student * this.P + clash.to);
        this.computeArc(clash.from, clash.to);
        continue;
      }
      this.apply(moves);
      return true;
    }
  }

  /** The best single move into a place with room or exchange of two students, read straight off the arcs; most gains are these. */
  private shortMove(): Array<{ student: number; from: number; to: number }> | null {
    const { P, gain, state } = this;
    let best = EPSILON;
    let found: Array<{ student: number; from: number; to: number }> | null = null;
    for (let p = 0; p < P; p++) {
      for (let q = 0; q < P; q++) {
        const g = gain[p * P + q]!;
        if (g === -Infinity || g + this.maxBalanceGain <= best) continue;
        if (state.count[this.offset + q]! < state.capacity[this.offset + q]!) {
          const total = g + state.balanceDelta(this.b, p, -1, q, 1);
          if (total > best) {
            best = total;
            found = [{ student: this.mover[p * P + q]!, from: p, to: q }];
          }
        }
        const back = gain[q * P + p]!;
        if (q > p && back !== -Infinity && g + back > best) {
          best = g + back;
          found = [
            { student: this.mover[p * P + q]!, from: p, to: q },
            { student: this.mover[q * P + p]!, from: q, to: p },
          ];
        }
      }
    }
    return found;
  }

  /**
   * Longest chains from any place (Bellman–Ford with a queue), of at most
   * `maxLength` moves. A loop in the predecessor links is a gaining cycle.
   * Each candidate chain is then scored exactly from its own arcs.
   */
  private bestChain(): Array<{ student: number; from: number; to: number }> | null {
    const { P, gain, dist, pred, state, maxLength } = this;
    dist.fill(0);
    pred.fill(NONE);
    const length = new Int32Array(P);
    const queued = new Uint8Array(P).fill(1);
    const queue: number[] = Array.from({ length: P }, (_, p) => p);
    let cycleAt = NONE;
    for (let head = 0; head < queue.length && cycleAt === NONE; head++) {
      const p = queue[head]!;
      queued[p] = 0;
      if (length[p]! >= maxLength) continue;
      const row = p * P;
      for (let q = 0; q < P; q++) {
        const g = gain[row + q]!;
        if (g === -Infinity || dist[p]! + g <= dist[q]! + EPSILON) continue;
        dist[q] = dist[p]! + g;
        pred[q] = p;
        length[q] = length[p]! + 1;
        if (length[q]! >= P) {
          cycleAt = q;
          break;
        }
        if (!queued[q]) {
          queued[q] = 1;
          queue.push(q);
        }
      }
    }
    if (cycleAt === NONE) cycleAt = this.cycleInPredecessors();
    if (cycleAt !== NONE) {
      // Walking back P steps from a node on or after a cycle lands on the cycle.
      let x = cycleAt;
      for (let i = 0; i < P; i++) x = pred[x]!;
      const cycle: number[] = [x];
      for (let y = pred[x]!; y !== x; y = pred[y]!) cycle.push(y);
      cycle.reverse();
      const moves = cycle.map((from, i) => this.arc(from, cycle[(i + 1) % cycle.length]!));
      if (moves.reduce((sum, move) => sum + move.gain, 0) > EPSILON) return moves;
    }
    // A chain must end where there is room; its first place just gives up a student.
    const ends: number[] = [];
    for (let q = 0; q < P; q++) {
      if (pred[q] !== NONE && dist[q]! > EPSILON && state.count[this.offset + q]! < state.capacity[this.offset + q]!) ends.push(q);
    }
    ends.sort((x, y) => dist[y]! - dist[x]! || x - y);
    for (const end of ends) {
      const path: number[] = [end];
      const seen = new Set(path);
      while (pred[path[path.length - 1]!] !== NONE && !seen.has(pred[path[path.length - 1]!]!)) {
        const before = pred[path[path.length - 1]!]!;
        path.push(before);
        seen.add(before);
      }
      path.reverse();
      const moves = [];
      for (let i = 0; i + 1 < path.length; i++) moves.push(this.arc(path[i]!, path[i + 1]!));
      const total = moves.reduce((sum, move) => sum + move.gain, 0) + state.balanceDelta(this.b, path[0]!, -1, end, 1);
      if (moves.length > 0 && total > EPSILON) return moves;
    }
    return null;
  }

  private arc(from: number, to: number): { student: number; from: number; to: number; gain: number } {
    return { student: this.mover[from * this.P + to]!, from, to, gain: this.gain[from * this.P + to]! };
  }

  /**
   * The queue can settle while the predecessor links still close a loop (a
   * gaining cycle relaxed in an order that never made a path P long); a walk
   * of P steps from each node finds it.
   */
  private cycleInPredecessors(): number {
    const { P, pred } = this;
    const seen = new Int32Array(P).fill(-1);
    for (let start = 0; start < P; start++) {
      let x = start;
      for (let step = 0; step <= P && x !== NONE; step++) {
        if (seen[x] === start) return x;
        if (seen[x] !== -1) break;
        seen[x] = start;
        x = pred[x]!;
      }
    }
    return NONE;
  }

  /** A move of the chain that would put a student with someone they must be apart from, after all its moves. */
  private apartClash(moves: Array<{ student: number; from: number; to: number }>): { student: number; from: number; to: number } | null {
    const { model, place } = this.state;
    const B = model.blocks;
    const after = new Map(moves.map((move) => [move.student, move.to]));
    for (const move of moves) {
      for (const t of model.apart[move.student]!) {
        if ((after.get(t) ?? place[t * B + this.b]) === move.to) return move;
      }
    }
    return null;
  }

  /** Makes the moves; the state tells this graph (and the other blocks' graphs) what changed. */
  private apply(moves: Array<{ student: number; from: number; to: number }>): void {
    const { state, b } = this;
    // Last move first, so each place has room when its newcomer arrives.
    for (let i = moves.length - 1; i >= 0; i--) {
      const { student, to } = moves[i]!;
      state.assign(state.model.unitOf[student]!, b, to);
    }
  }
}
