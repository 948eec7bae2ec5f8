/**
 * The regrouping model as a mixed-integer linear program (docs/regrouping.md,
 * "The model as a MILP"), built from the same compiled model and the same
 * coefficients as the heuristic, so an exact solver's optimum is the yardstick
 * for the heuristic's plans. Pure: sparse arrays out, no solver here; and a
 * decoder from a solver's column values back to a plan.
 *
 * Variables, per block b and adult group p of b:
 *   y[b,p,k]   binary, group p's focus is skill k
 *   x[s,b,p,k] binary, student s is in group p with focus k, for k ready for s
 *   u[s,b,p]   binary, student s is in group p whose focus is not ready for s
 *   w[s,b,t]   binary, student s is at station t
 *   n[b,p]     group size;  d⁺[b,p], d⁻[b,p] ≥ 0 its deviation from the fair share
 *   m[s,a]     0..1, student s meets adult a for the first time this week (relationship bonus)
 * z[s,b,p] = Σ_k x[s,b,p,k] + u[s,b,p] is "s in group p"; it is an expression, not a variable.
 */
import type { Model } from './model.ts';
import { groupValue, supportsNeed } from './model.ts';
import type { Plan } from './objective.ts';

/** Maximise colCost · x subject to rowLower ≤ Ax ≤ rowUpper, colLower ≤ x ≤ colUpper. */
export interface SparseMilp {
  numCols: number;
  numRows: number;
  colCost: Float64Array;
  colLower: Float64Array;
  colUpper: Float64Array;
  /** 1 integer, 0 continuous. */
  integrality: Int32Array;
  rowLower: Float64Array;
  rowUpper: Float64Array;
  /** Compressed sparse columns. */
  starts: Int32Array;
  indices: Int32Array;
  values: Float64Array;
  /** The plan a solver's column values describe. */
  decode(colValue: ArrayLike<number>): Plan;
  /** Column values describing a plan (a start for the solver). */
  encode(plan: Plan): Float64Array;
}

export interface MilpOptions {
  /**
   * How x is tied to y. 'per-group' (Σ_s x[s,b,p,k] ≤ capacity · y[b,p,k]) is
   * small; 'both' adds x ≤ y for each student, a tighter LP relaxation for a
   * larger model. Both state exactly the same integer model.
   */
  linking?: 'both' | 'per-group';
}

const INFINITY = Number.POSITIVE_INFINITY;

/** Growable coordinate lists for the matrix, and the bounds of rows and columns. */
class Builder {
  rows = 0;
  cols = 0;
  rowLower: number[] = [];
  rowUpper: number[] = [];
  cost: number[] = [];
  lower: number[] = [];
  upper: number[] = [];
  integer: number[] = [];
  private entryRow = new Int32Array(1 << 16);
  private entryCol = new Int32Array(1 << 16);
  private entryValue = new Float64Array(1 << 16);
  private entries = 0;

  row(lower: number, upper: number): number {
    this.rowLower.push(lower);
    this.rowUpper.push(upper);
    return this.rows++;
  }

  col(cost: number, lower: number, upper: number, integer: boolean): number {
    this.cost.push(cost);
    this.lower.push(lower);
    this.upper.push(upper);
    this.integer.push(integer ? 1 : 0);
    return this.cols++;
  }

  entry(row: number, col: number, value: number): void {
    if (this.entries === this.entryRow.length) {
      const grow = <T extends Int32Array | Float64Array>(array: T): T => {
        const next = new (array.constructor as new (n: number) => T)(array.length * 2);
        next.set(array);
        return next;
      };
      this.entryRow = grow(this.entryRow);
      this.entryCol = grow(this.entryCol);
      this.entryValue = grow(this.entryValue);
    }
    this.entryRow[this.entries] = row;
    this.entryCol[this.entries] = col;
    this.entryValue[this.entries] = value;
    this.entries++;
  }

  /** Coordinates to compressed sparse columns (a counting sort by column). */
  csc(): { starts: Int32Array; indices: Int32Array; values: Float64Array } {
    const starts = new Int32Array(this.cols + 1);
    for (let e = 0; e < this.entries; e++) starts[this.entryCol[e]! + 1]!++;
    for (let c = 0; c < this.cols; c++) starts[c + 1]! += starts[c]!;
    const next = starts.slice(0, this.cols);
    const indices = new Int32Array(this.entries);
    const values = new Float64Array(this.entries);
    for (let e = 0; e < this.entries; e++) {
      const at = next[this.entryCol[e]!]!++;
      indices[at] = this.entryRow[e]!;
      values[at] = this.entryValue[e]!;
    }
    return { starts, indices, values };
  }
}

export function buildMilp(model: Model, options: MilpOptions = {}): SparseMilp {
  const linking = options.linking ?? 'both';
  const { weights, students: S, blocks: B, skills: K, adults: A } = model;
  const m = new Builder();

  // y and the one-focus rows.
  const yCol: number[] = [];
  for (let b = 0; b < B; b++) {
    for (let p = 0; p < model.groupCount[b]!; p++) {
      const g = model.groupOffset[b]! + p;
      const row = m.row(-INFINITY, 1);
      const pinned = model.pinnedFocus[g]!;
      for (let k = 0; k < K; k++) {
        const col = m.col(0, pinned === k ? 1 : 0, 1, true);
        yCol.push(col);
        m.entry(row, col, 1);
      }
    }
  }
  const y = (g: number, k: number) => yCol[g * K + k]!;

  // n, d⁺, d⁻ and the balance rows: n[b,p] − (cap_p / C_b) Σ_q n[b,q] − d⁺ + d⁻ = 0; n's rows tie it to the students.
  const sizeRow: number[] = [];
  const sizeCol: number[] = [];
  const deviationCols: Array<[number, number]> = [];
  for (let b = 0; b < B; b++) {
    const groups = model.groupCount[b]!;
    const C = model.groupCapacity[b]!;
    const nCol: number[] = [];
    for (let p = 0; p < groups; p++) {
      const col = m.col(0, 0, model.places[b]![p]!.capacity, false);
      nCol.push(col);
      sizeCol.push(col);
      const row = m.row(0, 0);
      m.entry(row, col, -1);
      sizeRow.push(row);
    }
    for (let p = 0; p < groups; p++) {
      const row = m.row(0, 0);
      const share = model.places[b]![p]!.capacity / C;
      for (let q = 0; q < groups; q++) m.entry(row, nCol[q]!, (p === q ? 1 : 0) - share);
      const above = m.col(-weights.balance, 0, INFINITY, false);
      const below = m.col(-weights.balance, 0, INFINITY, false);
      m.entry(row, above, -1);
      m.entry(row, below, 1);
      deviationCols.push([above, below]);
    }
  }

  // Station capacity rows.
  const stationRow: number[][] = [];
  for (let b = 0; b < B; b++) {
    stationRow.push(model.places[b]!.map((place) => (place.kind === 'station' ? m.row(-INFINITY, place.capacity) : -1)));
  }

  // Per-group linking rows: Σ_s x[s,b,p,k] − cap · y[b,p,k] ≤ 0.
  const groupLinkRow: number[] = [];
  for (let b = 0; b < B; b++) {
    for (let p = 0; p < model.groupCount[b]!; p++) {
      const g = model.groupOffset[b]! + p;
      for (let k = 0; k < K; k++) {
        const row = m.row(-INFINITY, 0);
        m.entry(row, y(g, k), -model.places[b]![p]!.capacity);
        groupLinkRow.push(row);
      }
    }
  }

  // Rows that gather z: per (student, block) exactly one place; per student adult-led blocks and needs; relationships.
  // Every z[s,b,p] (group) or w[s,b,t] column is listed here so apart/together/pinned rows can find them.
  const placeCols: number[][][][] = [];
  // Per student: the relationship column m[s,a] per adult.
  const meetCols: Map<number, number>[] = [];
  // Per student, block, group: the column of x for each ready skill, and of u.
  const focusCols: Map<number, number>[][][] = [];
  for (let s = 0; s < S; s++) {
    const state = model.readiness[s]!;
    const readySkills: number[] = [];
    const otherSkills: number[] = [];
    for (let k = 0; k < K; k++) (state.ready[k] ? readySkills : otherSkills).push(k);
    const adultRow = model.adultLedPerDay > 0 ? m.row(model.adultLedPerDay, INFINITY) : -1;
    const needRows = model.needs[s]!.map(() => m.row(1, INFINITY));
    const room = model.relationshipRoom[s]!;
    const metRows = new Map<number, number>();
    const metCols = new Map<number, number>();
    if (room > 0) {
      const roomRow = m.row(-INFINITY, room);
      for (let a = 0; a < A; a++) {
        if (model.metBefore[s * A + a]) continue;
        const row = m.row(-INFINITY, 0);
        const col = m.col(weights.relationship, 0, 1, false);
        m.entry(row, col, 1);
        m.entry(roomRow, col, 1);
        metRows.set(a, row);
        metCols.set(a, col);
      }
    }
    meetCols.push(metCols);
    const perBlock: number[][][] = [];
    const focusPerBlock: Map<number, number>[][] = [];
    for (let b = 0; b < B; b++) {
      const focusPerGroup: Map<number, number>[] = [];
      focusPerBlock.push(focusPerGroup);
      const oneRow = m.row(1, 1);
      const pinned = model.pinnedPlace[s * B + b]!;
      const perPlace: number[][] = [];
      model.places[b]!.forEach((place, p) => {
        const allowed = pinned === -1 || pinned === p ? 1 : 0;
        const cols: number[] = [];
        if (place.kind === 'station') {
          const col = m.col(weights.station, 0, allowed, true);
          m.entry(oneRow, col, 1);
          m.entry(stationRow[b]![p]!, col, 1);
          cols.push(col);
          perPlace.push(cols);
          return;
        }
        const g = model.groupOffset[b]! + p;
        const adult = place.owner;
        const byFocus = new Map<number, number>();
        focusPerGroup.push(byFocus);
        const zRows = [oneRow, sizeRow[g]!];
        if (adultRow !== -1) zRows.push(adultRow);
        model.needs[s]!.forEach((need, i) => {
          if (supportsNeed(model, adult, need)) zRows.push(needRows[i]!);
        });
        const metRow = metRows.get(adult);
        if (metRow !== undefined) zRows.push(metRow);
        const addZ = (cost: number): number => {
          const col = m.col(cost, 0, allowed, true);
          for (const row of zRows) m.entry(row, col, row === metRow ? -1 : 1);
          cols.push(col);
          return col;
        };
        for (const k of readySkills) {
          const col = addZ(groupValue(model, s, b, adult, k));
          byFocus.set(k, col);
          m.entry(groupLinkRow[g * K + k]!, col, 1);
          if (linking === 'both') {
            const row = m.row(-INFINITY, 0);
            m.entry(row, col, 1);
            m.entry(row, y(g, k), -1);
          }
        }
        if (otherSkills.length > 0) {
          const col = addZ(-weights.notReady + model.flaggedValue[s * A + adult]!);
          for (const k of otherSkills) byFocus.set(k, col);
          // u[s,b,p] ≤ Σ_{k not ready} y[b,p,k]: the per-student form in both linkings, as there is one u per student and group.
          const row = m.row(-INFINITY, 0);
          m.entry(row, col, 1);
          for (const k of otherSkills) m.entry(row, y(g, k), -1);
        }
        perPlace.push(cols);
      });
      perBlock.push(perPlace);
    }
    placeCols.push(perBlock);
    focusCols.push(focusPerBlock);
  }

  const index = new Map(model.instance.students.map((student, s) => [student.id, s]));
  for (const [first, second] of model.instance.constraints.apart) {
    const s = index.get(first)!;
    const t = index.get(second)!;
    for (let b = 0; b < B; b++) {
      model.places[b]!.forEach((_, p) => {
        const row = m.row(-INFINITY, 1);
        for (const col of placeCols[s]![b]![p]!) m.entry(row, col, 1);
        for (const col of placeCols[t]![b]![p]!) m.entry(row, col, 1);
      });
    }
  }
  for (const [first, second] of model.instance.constraints.together) {
    const s = index.get(first)!;
    const t = index.get(second)!;
    for (let b = 0; b < B; b++) {
      model.places[b]!.forEach((_, p) => {
        const row = m.row(0, 0);
        for (const col of placeCols[s]![b]![p]!) m.entry(row, col, 1);
        for (const col of placeCols[t]![b]![p]!) m.entry(row, col, -1);
      });
    }
  }

  const { starts, indices, values } = m.csc();
  return {
    numCols: m.cols,
    numRows: m.rows,
    colCost: Float64Array.from(m.cost),
    colLower: Float64Array.from(m.lower),
    colUpper: Float64Array.from(m.upper),
    integrality: Int32Array.from(m.integer),
    rowLower: Float64Array.from(m.rowLower),
    rowUpper: Float64Array.from(m.rowUpper),
    starts,
    indices,
    values,
    decode(colValue) {
      const place = new Int32Array(S * B).fill(-1);
      const focus = new Int32Array(model.totalGroups).fill(-1);
      for (let s = 0; s < S; s++) {
        for (let b = 0; b < B; b++) {
          placeCols[s]![b]!.forEach((cols, p) => {
            if (cols.some((col) => colValue[col]! > 0.5)) place[s * B + b] = p;
          });
        }
      }
      for (let g = 0; g < model.totalGroups; g++) {
        for (let k = 0; k < K; k++) if (colValue[y(g, k)]! > 0.5) focus[g] = k;
      }
      return { place, focus };
    },
    encode(plan) {
      const values = new Float64Array(m.cols);
      const counts = new Float64Array(model.totalGroups);
      for (let s = 0; s < S; s++) {
        const met = new Set<number>();
        for (let b = 0; b < B; b++) {
          const p = plan.place[s * B + b]!;
          const place = model.places[b]![p]!;
          if (place.kind === 'station') {
            values[placeCols[s]![b]![p]![0]!] = 1;
            continue;
          }
          const g = model.groupOffset[b]! + p;
          values[focusCols[s]![b]![p]!.get(plan.focus[g]!)!] = 1;
          counts[g]!++;
          met.add(place.owner);
        }
        let room = model.relationshipRoom[s]!;
        for (const [a, col] of meetCols[s]!) {
          if (room > 0 && met.has(a)) {
            values[col] = 1;
            room--;
          }
        }
      }
      for (let b = 0; b < B; b++) {
        let total = 0;
        for (let p = 0; p < model.groupCount[b]!; p++) total += counts[model.groupOffset[b]! + p]!;
        for (let p = 0; p < model.groupCount[b]!; p++) {
          const g = model.groupOffset[b]! + p;
          const k = plan.focus[g]!;
          if (counts[g]! > 0) values[y(g, k)] = 1;
          else if (model.pinnedFocus[g] !== -1) values[y(g, model.pinnedFocus[g]!)] = 1;
          values[sizeCol[g]!] = counts[g]!;
          const excess = counts[g]! - (model.places[b]![p]!.capacity * total) / model.groupCapacity[b]!;
          values[deviationCols[g]![0]] = Math.max(0, excess);
          values[deviationCols[g]![1]] = Math.max(0, -excess);
        }
      }
      return values;
    },
  };
}
