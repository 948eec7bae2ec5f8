/** Writing outcome values: upserted by (school, outcome, period), so a re-import replaces a figure. */
import type { Sql } from '../../db/database.ts';
import { batches } from '../common/write.ts';
import type { OutcomeWrite } from './validate.ts';

export interface OutcomeChanges {
  inserted: number;
  updated: number;
  unchanged: number;
}

const BATCH = 5000;

export async function upsertOutcomes(sql: Sql, districtId: string, rows: readonly OutcomeWrite[]): Promise<OutcomeChanges> {
  const changes: OutcomeChanges = { inserted: 0, updated: 0, unchanged: 0 };
  for (const batch of batches([...rows], BATCH)) {
    // xmax is 0 for a freshly inserted row and not 0 for one the conflict updated.
    const result = await sql.query<{ inserted: boolean }>(
      `insert into outcome_values (district_id, school_sourced_id, outcome, period, value, denominator)
       select $1::uuid, r.school_sourced_id, r.outcome, r.period, r.value, r.denominator
       from jsonb_to_recordset($2::jsonb) as r(school_sourced_id text, outcome text, period text, value double precision, denominator double precision)
       on conflict (district_id, school_sourced_id, outcome, period) do update
         set value = excluded.value, denominator = excluded.denominator, imported_at = now()
         where (outcome_values.value, outcome_values.denominator) is distinct from (excluded.value, excluded.denominator)
       returning (xmax = 0) as inserted`,
      [districtId, JSON.stringify(batch)],
    );
    const inserted = result.rows.filter((r) => r.inserted).length;
    changes.inserted += inserted;
    changes.updated += result.rows.length - inserted;
    changes.unchanged += batch.length - result.rows.length;
  }
  return changes;
}

/** The district's schools: orgs of type school. */
export async function districtSchoolIds(sql: Sql, districtId: string): Promise<Set<string>> {
  const { rows } = await sql.query<{ id: string }>(`select sourced_id as id from orgs where district_id = $1 and type = 'school'`, [districtId]);
  return new Set(rows.map((r) => r.id));
}
