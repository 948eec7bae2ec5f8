import type { Scope } from '../core/access/roles.ts';
import { sortGrades } from '../core/roster/grades.ts';
import type { School } from '../server/schemas.ts';
import type { Sql } from './database.ts';
import { Params } from './params.ts';
import { classVisible, personInSchools, schoolVisible, studentVisible, teamVisible } from './scope.ts';

export type { School };

/** The schools the scope sees (or the one with `id`), by name; the counts are of what the scope sees in each. */
export async function listSchools(sql: Sql, scope: Scope, filters: { id?: string } = {}): Promise<School[]> {
  const p = new Params();
  const where = [schoolVisible(scope, p, 'o'), `o.type = 'school'`];
  if (filters.id) where.push(`o.sourced_id = ${p.add(filters.id)}`);
  const { rows } = await sql.query<School>(
    `select o.sourced_id as "sourcedId", o.name, o.identifier,
            coalesce((select array_agg(distinct g.grade) from classes gc, unnest(gc.grades) as g(grade)
                      where gc.district_id = o.district_id and gc.school_sourced_id = o.sourced_id), '{}') as grades,
            (select count(*)::int from users u
             where u.role = 'student' and u.status <> 'tobedeleted' and ${personInSchools('u', 'array[o.sourced_id]')}
               and ${studentVisible(scope, p, 'u')}) as "studentCount",
            (select count(*)::int from teams t where t.school_sourced_id = o.sourced_id and ${teamVisible(scope, p, 't')}) as "teamCount",
            (select count(*)::int from classes c where c.school_sourced_id = o.sourced_id and ${classVisible(scope, p, 'c')}) as "classCount"
     from orgs o
     where ${where.join(' and ')}
     order by o.name, o.sourced_id`,
    p.values,
  );
  return rows.map((row) => ({ ...row, grades: sortGrades(row.grades) }));
}
