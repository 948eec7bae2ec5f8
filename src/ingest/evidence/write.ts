/** Writing evidence, whatever its source: upserted by (source kind, source key, skill), so re-imports change nothing. */
import type { Sql } from '../../db/database.ts';
import { jsonBytes, jsonbFromBytes } from '../../db/json-bytes.ts';
import { batches } from '../common/write.ts';

export type EvidenceSource = 'xapi' | 'csv' | 'oneroster';

export interface EvidenceWrite {
  student_sourced_id: string;
  skill_id: string;
  /** ISO 8601. */
  occurred_at: string;
  correct: boolean;
  score: number | null;
  source_key: string;
  source_ref: string;
}

const BATCH = 5000;

/** Inserts new evidence and updates changed evidence; returns how many rows were inserted or changed. */
export async function upsertEvidence(
  sql: Sql,
  districtId: string,
  source: EvidenceSource,
  rows: EvidenceWrite[],
  onBatch: (done: number) => void = () => {},
): Promise<number> {
  let changed = 0;
  let done = 0;
  for (const batch of batches(rows, BATCH)) {
    const result = await sql.query(
      `insert into evidence (district_id, student_sourced_id, skill_id, occurred_at, correct, score, source_kind, source_key, source_ref)
       select $1::uuid, r.student_sourced_id, r.skill_id, r.occurred_at, r.correct, r.score, $2, r.source_key, r.source_ref
       from jsonb_to_recordset(${jsonbFromBytes('$3')})
         as r(student_sourced_id text, skill_id uuid, occurred_at timestamptz, correct boolean, score double precision,
              source_key text, source_ref text)
       on conflict (district_id, source_kind, source_key, skill_id) do update
         set student_sourced_id = excluded.student_sourced_id, occurred_at = excluded.occurred_at, correct = excluded.correct,
             score = excluded.score, source_ref = excluded.source_ref
         where (evidence.student_sourced_id, evidence.occurred_at, evidence.correct, evidence.score, evidence.source_ref)
           is distinct from (excluded.student_sourced_id, excluded.occurred_at, excluded.correct, excluded.score, excluded.source_ref)`,
      [districtId, source, jsonBytes(batch)],
    );
    changed += result.rowCount;
    done += batch.length;
    onBatch(done);
  }
  return changed;
}

/**
 * Removes evidence of the given source keys, except the (key, skill) pairs in
 * `keep`: a result deleted from a gradebook, or whose skills changed. Returns how many rows went.
 */
export async function deleteEvidence(
  sql: Sql,
  districtId: string,
  source: EvidenceSource,
  keys: string[],
  keep: { source_key: string; skill_id: string }[] = [],
): Promise<number> {
  if (keys.length === 0) return 0;
  const result = await sql.query(
    `delete from evidence e
     where e.district_id = $1 and e.source_kind = $2 and e.source_key = any($3::text[])
       and not exists (select 1 from jsonb_to_recordset($4::jsonb) as k(source_key text, skill_id uuid)
                       where k.source_key = e.source_key and k.skill_id = e.skill_id)`,
    [districtId, source, keys, JSON.stringify(keep.map(({ source_key, skill_id }) => ({ source_key, skill_id })))],
  );
  return result.rowCount;
}

/** Removes the evidence whose source reference is one of `refs` (the results of line items deleted from a gradebook). */
export async function deleteEvidenceByRef(sql: Sql, districtId: string, source: EvidenceSource, refs: string[]): Promise<number> {
  if (refs.length === 0) return 0;
  const result = await sql.query('delete from evidence where district_id = $1 and source_kind = $2 and source_ref = any($3::text[])', [
    districtId,
    source,
    refs,
  ]);
  return result.rowCount;
}
