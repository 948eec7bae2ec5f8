/**
 * The list shapes shared by several areas (a class or a student in a list), as
 * query builders: the caller supplies the scope predicate and filters.
 */
import { sortGrades } from '../core/roster/grades.ts';
import type { Sql } from './database.ts';
import type { ClassSummary, StudentSummary } from '../server/schemas.ts';
import type { Params } from './params.ts';

export type { ClassSummary, StudentSummary };

/** `First Last` of a users row, preferring the name the person goes by. */
export const personName = (alias: string) => `coalesce(${alias}.preferred_given_name, ${alias}.given_name) || ' ' || ${alias}.family_name`;


/** Classes (alias `c`) matching `where`, by title. */
export async function classSummaries(sql: Sql, p: Params, where: string): Promise<ClassSummary[]> {
  const { rows } = await sql.query<ClassSummary>(
    `select c.sourced_id as "sourcedId", c.title, c.class_code as "classCode", co.title as "courseTitle",
            c.school_sourced_id as "schoolSourcedId", c.grades, c.periods,
            (select count(*)::int from enrollments e
             where e.district_id = c.district_id and e.class_sourced_id = c.sourced_id and e.role = 'student') as "studentCount",
            coalesce((select array_agg(${personName('tu')} order by tu.family_name, tu.given_name, tu.sourced_id)
                      from enrollments te join users tu on tu.district_id = te.district_id and tu.sourced_id = te.user_sourced_id
                      where te.district_id = c.district_id and te.class_sourced_id = c.sourced_id and te.role = 'teacher'),
                     '{}') as teachers
     from classes c
     join courses co on co.district_id = c.district_id and co.sourced_id = c.course_sourced_id
     where ${where}
     order by c.title, c.sourced_id`,
    p.values,
  );
  return rows.map((row) => ({ ...row, grades: sortGrades(row.grades) }));
}


/** The columns of a StudentSummary for a users row `u` left-joined to student_attributes `sa`. */
export const STUDENT_SUMMARY_COLUMNS = `
  u.sourced_id as "sourcedId", u.given_name as "givenName", u.family_name as "familyName", u.identifier, u.grades,
  coalesce((select json_agg(json_build_object('sourcedId', so.sourced_id, 'name', so.name) order by so.name, so.sourced_id)
            from orgs so
            where so.district_id = u.district_id and so.type = 'school'
              and so.sourced_id in (select uo.org_sourced_id from user_orgs uo where uo.district_id = u.district_id and uo.user_sourced_id = u.sourced_id
                                    union
                                    select se.school_sourced_id from enrollments se where se.district_id = u.district_id and se.user_sourced_id = u.sourced_id)),
           '[]') as schools,
  coalesce(sa.english_learner, false) as "englishLearner",
  coalesce(sa.special_education, false) as "specialEducation",
  coalesce(sa.economically_disadvantaged, false) as "economicallyDisadvantaged",
  sa.home_language as "homeLanguage"`;

export const STUDENT_FROM = `users u
  left join student_attributes sa on sa.district_id = u.district_id and sa.user_sourced_id = u.sourced_id`;

/** Students (alias `u`) matching `where`, by family name, given name and id; at most `limit` if given. */
export async function studentSummaries(sql: Sql, p: Params, where: string, limit?: number): Promise<StudentSummary[]> {
  const { rows } = await sql.query<StudentSummary>(
    `select ${STUDENT_SUMMARY_COLUMNS}
     from ${STUDENT_FROM}
     where u.role = 'student' and u.status <> 'tobedeleted' and ${where}
     order by u.family_name, u.given_name, u.sourced_id
     ${limit === undefined ? '' : `limit ${p.add(limit)}`}`,
    p.values,
  );
  return rows.map((row) => ({ ...row, grades: sortGrades(row.grades) }));
}
