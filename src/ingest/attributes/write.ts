/** The SQL of the student-attributes import. */
import type { Sql } from '../../db/database.ts';
import { batches } from '../common/write.ts';
import type { AttributeRow, StudentKey } from './validate.ts';

export async function districtStudents(sql: Sql, districtId: string): Promise<StudentKey[]> {
  const { rows } = await sql.query<StudentKey>(
    `select sourced_id as "sourcedId", identifier, username from users where district_id = $1 and role = 'student'`,
    [districtId],
  );
  return rows;
}

/** Upserts attributes; rows whose values are unchanged are left alone (updated_at too). */
export async function upsertAttributes(sql: Sql, districtId: string, rows: AttributeRow[], onBatch: (done: number) => void): Promise<void> {
  let done = 0;
  for (const batch of batches(rows, 5000)) {
    await sql.query(
      `insert into student_attributes (district_id, user_sourced_id, english_learner, special_education, economically_disadvantaged, home_language)
       select $1::uuid, r.user_sourced_id, r.english_learner, r.special_education, r.economically_disadvantaged, r.home_language
       from jsonb_to_recordset($2::jsonb)
         as r(user_sourced_id text, english_learner boolean, special_education boolean, economically_disadvantaged boolean, home_language text)
       on conflict (district_id, user_sourced_id) do update
         set english_learner = excluded.english_learner, special_education = excluded.special_education,
             economically_disadvantaged = excluded.economically_disadvantaged, home_language = excluded.home_language,
             updated_at = now()
         where (student_attributes.english_learner, student_attributes.special_education,
                student_attributes.economically_disadvantaged, student_attributes.home_language)
           is distinct from (excluded.english_learner, excluded.special_education,
                             excluded.economically_disadvantaged, excluded.home_language)`,
      [districtId, JSON.stringify(batch)],
    );
    done += batch.length;
    onBatch(done);
  }
}
