/** The SQL of the activity-map import: each listed activity's skills replaced. */
import type { Sql } from '../../db/database.ts';
import { batches } from '../common/write.ts';
import type { ActivityMapPlan } from './validate.ts';

/** Returns how many mappings were removed. Programs match in any letter case, as statements are matched. */
export async function replaceActivityMappings(sql: Sql, districtId: string, plan: ActivityMapPlan): Promise<number> {
  const removed = await sql.query(
    `delete from activity_skills a
     where a.district_id = $1
       and exists (select 1 from jsonb_to_recordset($2::jsonb) as l(program text, activity text)
                   where lower(l.program) = lower(a.program) and l.activity = a.activity)
       and not exists (select 1 from jsonb_to_recordset($3::jsonb) as r(program text, activity text, skill_id uuid)
                       where lower(r.program) = lower(a.program) and r.activity = a.activity and r.skill_id = a.skill_id)`,
    [districtId, JSON.stringify(plan.activities), JSON.stringify(plan.rows)],
  );
  for (const batch of batches(plan.rows, 5000)) {
    await sql.query(
      `insert into activity_skills (district_id, program, activity, skill_id)
       select $1::uuid, r.program, r.activity, r.skill_id from jsonb_to_recordset($2::jsonb) as r(program text, activity text, skill_id uuid)
       where not exists (select 1 from activity_skills a where a.district_id = $1 and lower(a.program) = lower(r.program)
                         and a.activity = r.activity and a.skill_id = r.skill_id)`,
      [districtId, JSON.stringify(batch)],
    );
  }
  return removed.rowCount;
}
