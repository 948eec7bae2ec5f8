/**
 * The queue of students whose mastery estimates are behind their evidence
 * (migration 0012): filled in the transaction that adds the evidence, emptied by
 * the mastery updater (src/learning/updater.ts) after it refreshes them.
 */
import type { Sql } from './database.ts';

export interface QueuedStudent {
  student: string;
  mark: number;
}

/** Puts students on the queue (again: a new mark tells a pass under way that they changed once more). */
export async function queueStudents(sql: Sql, districtId: string, students: readonly string[]): Promise<void> {
  if (students.length === 0) return;
  await sql.query(
    `insert into mastery_refresh_queue (district_id, student_sourced_id)
     select $1::uuid, s from unnest($2::text[]) as s
     on conflict (district_id, student_sourced_id) do update set mark = nextval('mastery_refresh_marks')`,
    [districtId, [...new Set(students)].sort()],
  );
}

/** Puts every student with evidence from the source on the queue: before that evidence is rebuilt. */
export async function queueStudentsWithEvidence(sql: Sql, districtId: string, source: string): Promise<void> {
  await sql.query(
    `insert into mastery_refresh_queue (district_id, student_sourced_id)
     select distinct $1::uuid, student_sourced_id from evidence where district_id = $1 and source_kind = $2
     on conflict (district_id, student_sourced_id) do update set mark = nextval('mastery_refresh_marks')`,
    [districtId, source],
  );
}

/** The students waiting in the district, oldest first, at most `limit`. */
export async function queuedStudents(sql: Sql, districtId: string, limit: number): Promise<QueuedStudent[]> {
  const { rows } = await sql.query<QueuedStudent>(
    `select student_sourced_id as student, mark from mastery_refresh_queue where district_id = $1 order by mark limit $2`,
    [districtId, limit],
  );
  return rows.map((r) => ({ student: r.student, mark: Number(r.mark) }));
}

/** Takes refreshed students off the queue, unless they were queued again since they were read. */
export async function dequeueStudents(sql: Sql, districtId: string, done: readonly QueuedStudent[]): Promise<void> {
  if (done.length === 0) return;
  await sql.query(
    `delete from mastery_refresh_queue q using unnest($2::text[], $3::bigint[]) as d(student, mark)
     where q.district_id = $1 and q.student_sourced_id = d.student and q.mark = d.mark`,
    [districtId, done.map((d) => d.student), done.map((d) => d.mark)],
  );
}

/** Empties the district's queue: before a refresh of every student (a model fit). */
export async function clearMasteryQueue(sql: Sql, districtId: string): Promise<void> {
  await sql.query('delete from mastery_refresh_queue where district_id = $1', [districtId]);
}

/** The districts with students waiting: what a starting server catches up on. */
export async function districtsWithQueue(sql: Sql): Promise<string[]> {
  const { rows } = await sql.query<{ id: string }>('select distinct district_id::text as id from mastery_refresh_queue order by 1');
  return rows.map((r) => r.id);
}
