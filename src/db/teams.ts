import type { Scope } from '../core/access/roles.ts';
import { sortGrades } from '../core/roster/grades.ts';
import type { Sql } from './database.ts';
import { Params } from './params.ts';
import { classVisible, teamVisible } from './scope.ts';
import type { Team, TeamRole, TeamSummary } from '../server/schemas.ts';
import { classSummaries, personName } from './summaries.ts';

export type { Team, TeamRole, TeamSummary };




/** Teams (alias `t`) the scope sees matching the filters, by school then name. */
export async function listTeams(sql: Sql, scope: Scope, filters: { school?: string; id?: string }): Promise<TeamSummary[]> {
  const p = new Params();
  const where = [teamVisible(scope, p, 't')];
  if (filters.school) where.push(`t.school_sourced_id = ${p.add(filters.school)}`);
  if (filters.id) where.push(`t.sourced_id = ${p.add(filters.id)}`);
  const { rows } = await sql.query<TeamSummary>(
    `select t.sourced_id as "sourcedId", t.name, t.school_sourced_id as "schoolSourcedId", o.name as "schoolName", t.grades,
            (select count(*)::int from team_student_scope s
             where s.district_id = t.district_id and s.team_sourced_id = t.sourced_id) as "studentCount",
            (select json_build_object('sourcedId', lu.sourced_id, 'name', ${personName('lu')})
             from team_members lm join users lu on lu.district_id = lm.district_id and lu.sourced_id = lm.user_sourced_id
             where lm.district_id = t.district_id and lm.team_sourced_id = t.sourced_id and lm.role = 'teacher_leader'
             order by lu.family_name, lu.given_name, lu.sourced_id limit 1) as leader
     from teams t
     join orgs o on o.district_id = t.district_id and o.sourced_id = t.school_sourced_id
     where ${where.join(' and ')}
     order by o.name, t.name, t.sourced_id`,
    p.values,
  );
  return rows.map((row) => ({ ...row, grades: sortGrades(row.grades) }));
}

const MEMBER_ORDER = `case tm.role when 'teacher_leader' then 0 when 'teacher' then 1 when 'resident' then 2 when 'tutor' then 3 else 4 end`;

/** A team with its members and classes, if the scope sees the team. */
export async function getTeam(sql: Sql, scope: Scope, sourcedId: string): Promise<Team | null> {
  const [summary] = await listTeams(sql, scope, { id: sourcedId });
  if (!summary) return null;
  const members = await sql.query<Team['members'][number]>(
    `select u.sourced_id as "sourcedId", ${personName('u')} as name, tm.role
     from team_members tm join users u on u.district_id = tm.district_id and u.sourced_id = tm.user_sourced_id
     where tm.district_id = $1 and tm.team_sourced_id = $2
     order by ${MEMBER_ORDER}, u.family_name, u.given_name, u.sourced_id`,
    [scope.districtId, sourcedId],
  );
  const p = new Params();
  const classes = await classSummaries(
    sql,
    p,
    `${classVisible(scope, p, 'c')} and exists (select 1 from team_classes tc where tc.district_id = c.district_id
       and tc.class_sourced_id = c.sourced_id and tc.team_sourced_id = ${p.add(sourcedId)})`,
  );
  return { ...summary, members: members.rows, classes };
}
