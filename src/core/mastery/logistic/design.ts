/**
 * The training data as a sparse matrix: one row per response, holding the
 * features the student had just before it (compressed sparse rows), and
 * whether it was right.
 */
import { byStudent } from '../histories.ts';
import type { Response } from '../types.ts';
import { SparseRow, StudentFeatures, type SkillIndex } from './features.ts';
import type { Layout } from './layout.ts';

export interface Design {
  columns: number;
  /** Row r's entries are rowStarts[r] .. rowStarts[r+1]-1. */
  rowStarts: Int32Array;
  indices: Int32Array;
  values: Float64Array;
  labels: Uint8Array;
}

class Growing {
  indices = new Int32Array(1 << 20);
  values = new Float64Array(1 << 20);
  length = 0;

  append(row: SparseRow): void {
    const needed = this.length + row.length;
    if (needed > this.indices.length) {
      const capacity = Math.max(needed, this.indices.length * 2);
      const indices = new Int32Array(capacity);
      indices.set(this.indices.subarray(0, this.length));
      this.indices = indices;
      const values = new Float64Array(capacity);
      values.set(this.values.subarray(0, this.length));
      this.values = values;
    }
    this.indices.set(row.indices.subarray(0, row.length), this.length);
    this.values.set(row.values.subarray(0, row.length), this.length);
    this.length = needed;
  }
}

export function buildDesign(responses: readonly Response[], layout: Layout, index: SkillIndex): Design {
  const rowStarts = new Int32Array(responses.length + 1);
  const labels = new Uint8Array(responses.length);
  const entries = new Growing();
  const row = new SparseRow();
  let r = 0;
  for (const history of byStudent(responses).values()) {
    const student = new StudentFeatures(layout, index);
    for (const response of history) {
      student.encode(response.skill, row);
      entries.append(row);
      labels[r] = response.correct ? 1 : 0;
      rowStarts[++r] = entries.length;
      student.observe(response.skill, response.correct);
    }
  }
  return {
    columns: layout.size,
    rowStarts,
    // Views, not copies: a copy of a matrix this size would double the peak memory.
    indices: entries.indices.subarray(0, entries.length),
    values: entries.values.subarray(0, entries.length),
    labels,
  };
}
