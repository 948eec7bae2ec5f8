import type { Scope } from '../core/access/roles.ts';
import type { Sql } from './database.ts';
import { Params } from './params.ts';
import { courseVisible } from './scope.ts';

export interface AcademicSession {
  sourcedId: string;
  title: string;
  type: string;
  startDate: string;
  endDate: string;
  schoolYear: string;
  parentSourcedId: string | null;
}

/** The district's calendar: school years, terms and grading periods, by start date. Not scoped further. */
export async function listAcademicSessions(sql: Sql, scope: Scope): Promise<AcademicSession[]> {
  const { rows } = await sql.query<AcademicSession>(
    `select sourced_id as "sourcedId", title, type, start_date as "startDate", end_date as "endDate",
            school_year as "schoolYear", parent_sourced_id as "parentSourcedId"
     from academic_sessions where district_id = $1
     order by start_date, end_date desc, title, sourced_id`,
    [scope.districtId],
  );
  return rows;
}

export interface Course {
  sourcedId: string;
  title: string;
  courseCode: string | null;
  grades: string[];
  orgSourcedId: string;
}

/** Courses the scope sees; with `school`, those the school offers (its own or with classes there). */
export async function listCourses(sql: Sql, scope: Scope, filters: { school?: string }): Promise<Course[]> {
  const p = new Params();
  const where = [courseVisible(scope, p, 'co')];
  if (filters.school) {
    const school = p.add(filters.school);
    where.push(`(co.org_sourced_id = ${school} or exists (select 1 from classes f_c where f_c.district_id = co.district_id
                 and f_c.course_sourced_id = co.sourced_id and f_c.school_sourced_id = ${school}))`);
  }
  const { rows } = await sql.query<Course>(
    `select co.sourced_id as "sourcedId", co.title, co.course_code as "courseCode", co.grades, co.org_sourced_id as "orgSourcedId"
     from courses co where ${where.join(' and ')}
     order by co.title, co.sourced_id`,
    p.values,
  );
  return rows;
}
