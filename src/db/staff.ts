import type { Scope } from '../core/access/roles.ts';
import type { StaffSummary } from '../server/schemas.ts';
import type { Sql } from './database.ts';
import { containsPattern, Params } from './params.ts';
import { personInSchools, staffVisible, teamVisible } from './scope.ts';
import type { NameKey, PageOf } from './students.ts';


export type { StaffSummary };

/** OneRoster roles that are not staff. */
const NOT_STAFF = `('student', 'parent', 'guardian', 'relative')`;

/** One page of the adults the scope sees, in name order (keyset paging as for students). */
export async function listStaff(
  sql: Sql,
  scope: Scope,
  filters: { q?: string; school?: string; team?: string },
  page: { limit: number; after: NameKey | null },
): Promise<PageOf<StaffSummary>> {
  const p = new Params();
  const where = [staffVisible(scope, p, 'u'), `u.role not in ${NOT_STAFF}`, `u.status <> 'tobedeleted'`];
  if (filters.q) {
    const pattern = p.add(containsPattern(filters.q.trim()));
    where.push(`(u.given_name ilike ${pattern} or u.family_name ilike ${pattern} or u.email ilike ${pattern}
                 or u.identifier ilike ${pattern} or (u.given_name || ' ' || u.family_name) ilike ${pattern})`);
  }
  if (filters.school) where.push(personInSchools('u', `array[${p.add(filters.school)}]::text[]`));
  if (filters.team) {
    where.push(`exists (select 1 from team_members f_tm where f_tm.district_id = u.district_id
                and f_tm.user_sourced_id = u.sourced_id and f_tm.team_sourced_id = ${p.add(filters.team)})`);
  }
  if (page.after) {
    const [family, given, id] = page.after;
    where.push(`(u.family_name, u.given_name, u.sourced_id) > (${p.add(family)}, ${p.add(given)}, ${p.add(id)})`);
  }
  const { rows } = await sql.query<StaffSummary>(
    `select u.sourced_id as "sourcedId", u.given_name as "givenName", u.family_name as "familyName", u.email, u.role,
            coalesce((select json_agg(json_build_object('sourcedId', so.sourced_id, 'name', so.name) order by so.name, so.sourced_id)
                      from orgs so
                      where so.district_id = u.district_id and so.type = 'school'
                        and so.sourced_id in (select uo.org_sourced_id from user_orgs uo where uo.district_id = u.district_id and uo.user_sourced_id = u.sourced_id
                                              union
                                              select se.school_sourced_id from enrollments se where se.district_id = u.district_id and se.user_sourced_id = u.sourced_id)),
                     '[]') as schools,
            coalesce((select json_agg(json_build_object('sourcedId', t.sourced_id, 'name', t.name, 'role', tm.role) order by t.name, t.sourced_id)
                      from team_members tm join teams t on t.district_id = tm.district_id and t.sourced_id = tm.team_sourced_id
                      where tm.district_id = u.district_id and tm.user_sourced_id = u.sourced_id and ${teamVisible(scope, p, 't')}),
                     '[]') as teams
     from users u
     where ${where.join(' and ')}
     order by u.family_name, u.given_name, u.sourced_id
     limit ${p.add(page.limit + 1)}`,
    p.values,
  );
  const items = rows.slice(0, page.limit);
  const last = items[items.length - 1];
  return { items, nextKey: rows.length > page.limit && last ? [last.familyName, last.givenName, last.sourcedId] : null };
}
