import type { Scope } from '../core/access/roles.ts';
import type { Sql } from './database.ts';
import { Params } from './params.ts';
import { classVisible, studentVisible } from './scope.ts';
import { classSummaries, studentSummaries, type ClassSummary, type StudentSummary } from './summaries.ts';

/** The classes the scope sees, optionally of one school or one team. */
export async function listClasses(sql: Sql, scope: Scope, filters: { school?: string; team?: string }): Promise<ClassSummary[]> {
  const p = new Params();
  const where = [classVisible(scope, p, 'c')];
  if (filters.school) where.push(`c.school_sourced_id = ${p.add(filters.school)}`);
  if (filters.team) {
    where.push(`exists (select 1 from team_classes f_tc where f_tc.district_id = c.district_id
                and f_tc.class_sourced_id = c.sourced_id and f_tc.team_sourced_id = ${p.add(filters.team)})`);
  }
  return classSummaries(sql, p, where.join(' and '));
}

/** A class and its students, if the scope sees the class. */
export async function getClass(
  sql: Sql,
  scope: Scope,
  sourcedId: string,
): Promise<(ClassSummary & { students: StudentSummary[] }) | null> {
  const p = new Params();
  const [summary] = await classSummaries(sql, p, `${classVisible(scope, p, 'c')} and c.sourced_id = ${p.add(sourcedId)}`);
  if (!summary) return null;
  const sp = new Params();
  const students = await studentSummaries(
    sql,
    sp,
    `${studentVisible(scope, sp, 'u')} and exists (select 1 from enrollments ce where ce.district_id = u.district_id
       and ce.user_sourced_id = u.sourced_id and ce.class_sourced_id = ${sp.add(sourcedId)} and ce.role = 'student')`,
  );
  return { ...summary, students };
}
