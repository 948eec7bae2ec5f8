import type { Sql } from './database.ts';

export interface RosterStats {
  districts: number;
  schools: number;
  academicSessions: number;
  courses: number;
  classes: number;
  students: number;
  staff: number;
  enrollments: number;
  teams: number;
}

/** Row counts of the roster, across districts or for one. */
export async function rosterStats(sql: Sql, districtId?: string): Promise<RosterStats> {
  const where = districtId ? 'where district_id = $1' : '';
  const and = districtId ? 'and district_id = $1' : '';
  const params = districtId ? [districtId] : [];
  const { rows } = await sql.query<RosterStats>(
    `select
       (select count(*)::int from districts ${districtId ? 'where id = $1' : ''}) as "districts",
       (select count(*)::int from orgs where type = 'school' ${and}) as "schools",
       (select count(*)::int from academic_sessions ${where}) as "academicSessions",
       (select count(*)::int from courses ${where}) as "courses",
       (select count(*)::int from classes ${where}) as "classes",
       (select count(*)::int from users where role = 'student' ${and}) as "students",
       (select count(*)::int from users where role not in ('student', 'parent', 'guardian', 'relative') ${and}) as "staff",
       (select count(*)::int from enrollments ${where}) as "enrollments",
       (select count(*)::int from teams ${where}) as "teams"`,
    params,
  );
  return rows[0]!;
}
