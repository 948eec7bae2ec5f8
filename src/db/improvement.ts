/**
 * Improvement projects, their members and timeline. Who sees a project: its
 * members always; otherwise by its scope, as for the roster — a team project its
 * team's members and the leaders of its school and district, a school project
 * that school's people, a district project every adult in the district.
 */
import type { Scope } from '../core/access/roles.ts';
import type { Aim, Job, MemberRole, ProjectScopeKind, ProjectStatus } from '../core/improvement/types.ts';
import type { Sql } from './database.ts';
import { Params } from './params.ts';
import { canSee, staffVisible } from './scope.ts';
import { personName } from './summaries.ts';

/** Who is asking: the account's scope and the account itself (members see their projects). */
export interface Viewer {
  scope: Scope;
  accountId: string;
}

export interface ProjectSummary {
  id: string;
  title: string;
  job: Job;
  status: ProjectStatus;
  aim: Aim;
  scope: { kind: ProjectScopeKind; id: string | null; name: string };
  createdBy: { id: string; name: string } | null;
  createdAt: string;
  updatedAt: string;
}

export interface ProjectMember {
  id: string;
  userSourcedId: string | null;
  accountId: string | null;
  name: string;
  role: MemberRole;
  department: string | null;
}

export interface TimelineEntry {
  id: string;
  at: string;
  kind: string;
  summary: string;
  by: string | null;
}

/**
 * SQL: the person is a member of the project whose district and id are given
 * (SQL expressions); a member is named by their account or by their roster record.
 */
function isMember(p: Params, district: string, project: string, person: { accountId: string; userSourcedId: string | null }): string {
  return `exists (select 1 from improvement_members m_v where m_v.district_id = ${district} and m_v.project_id = ${project}
                   and (m_v.account_id = ${p.add(person.accountId)} or m_v.user_sourced_id = ${p.add(person.userSourcedId)}))`;
}

/** Projects (`alias` is an improvement_projects row) the viewer may see. */
export function projectVisible(viewer: Viewer, p: Params, alias: string): string {
  const { scope } = viewer;
  const district = `${alias}.district_id = ${p.add(scope.districtId)}`;
  const member = () => isMember(p, `${alias}.district_id`, `${alias}.id`, { accountId: viewer.accountId, userSourcedId: scope.userSourcedId });
  switch (scope.kind) {
    case 'district':
      return district;
    case 'school': {
      const schools = p.add(scope.schoolIds);
      return `(${district} and (${alias}.scope_kind = 'district'
               or (${alias}.scope_kind = 'school' and ${alias}.scope_id = any(${schools}))
               or (${alias}.scope_kind = 'team' and exists (select 1 from teams t_v where t_v.district_id = ${alias}.district_id
                   and t_v.sourced_id = ${alias}.scope_id and t_v.school_sourced_id = any(${schools})))
               or ${member()}))`;
    }
    case 'team': {
      const teams = p.add(scope.teamIds);
      return `(${district} and (${alias}.scope_kind = 'district'
               or (${alias}.scope_kind = 'team' and ${alias}.scope_id = any(${teams}))
               or (${alias}.scope_kind = 'school' and exists (select 1 from teams t_v where t_v.district_id = ${alias}.district_id
                   and t_v.school_sourced_id = ${alias}.scope_id and t_v.sourced_id = any(${teams})))
               or ${member()}))`;
    }
    case 'self':
      return `(${district} and false)`;
  }
}

/**
 * Whether the viewer may start (or move) a project at this scope: the district
 * admin anywhere; a school leader for their schools and those schools' teams;
 * team roles for their own teams.
 */
export async function mayOwnScope(sql: Sql, scope: Scope, kind: ProjectScopeKind, id: string | null): Promise<boolean> {
  if (kind === 'district') return scope.kind === 'district';
  if (id === null) return false;
  if (kind === 'school') return (scope.kind === 'district' || scope.kind === 'school') && canSee(sql, scope, 'school', id);
  return canSee(sql, scope, 'team', id);
}

const PROJECT_COLUMNS = `pr.id, pr.title, pr.job, pr.status,
  json_build_object('what', pr.aim_what, 'forWhom', pr.aim_for_whom, 'howMuch', pr.aim_how_much, 'byWhen', to_char(pr.aim_by_when, 'YYYY-MM-DD')) as aim,
  json_build_object('kind', pr.scope_kind, 'id', pr.scope_id, 'name', coalesce(st.name, so.name, d.name)) as scope,
  case when ca.id is null then null else json_build_object('id', ca.id, 'name', ca.display_name) end as "createdBy",
  to_char(pr.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "createdAt",
  to_char(pr.updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "updatedAt"`;

const PROJECT_FROM = `improvement_projects pr
  join districts d on d.id = pr.district_id
  left join teams st on pr.scope_kind = 'team' and st.district_id = pr.district_id and st.sourced_id = pr.scope_id
  left join orgs so on pr.scope_kind = 'school' and so.district_id = pr.district_id and so.sourced_id = pr.scope_id
  left join accounts ca on ca.id = pr.created_by`;

export async function listProjects(sql: Sql, viewer: Viewer, filters: { job?: Job; status?: ProjectStatus } = {}): Promise<ProjectSummary[]> {
  const p = new Params();
  const where = [projectVisible(viewer, p, 'pr')];
  if (filters.job) where.push(`pr.job = ${p.add(filters.job)}`);
  if (filters.status) where.push(`pr.status = ${p.add(filters.status)}`);
  const { rows } = await sql.query<ProjectSummary>(
    `select ${PROJECT_COLUMNS} from ${PROJECT_FROM} where ${where.join(' and ')} order by pr.updated_at desc, pr.id`,
    p.values,
  );
  return rows;
}

export async function getProject(sql: Sql, viewer: Viewer, id: string): Promise<ProjectSummary | null> {
  const p = new Params();
  const { rows } = await sql.query<ProjectSummary>(
    `select ${PROJECT_COLUMNS} from ${PROJECT_FROM} where pr.id = ${p.add(id)} and ${projectVisible(viewer, p, 'pr')}`,
    p.values,
  );
  return rows[0] ?? null;
}

export interface NewProject {
  title: string;
  job: Job;
  aim: Aim;
  scope: { kind: ProjectScopeKind; id: string | null };
}

export async function insertProject(sql: Sql, districtId: string, accountId: string, input: NewProject): Promise<string> {
  const { rows } = await sql.query<{ id: string }>(
    `insert into improvement_projects (district_id, title, job, aim_what, aim_for_whom, aim_how_much, aim_by_when, scope_kind, scope_id, created_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) returning id`,
    [districtId, input.title, input.job, input.aim.what, input.aim.forWhom, input.aim.howMuch, input.aim.byWhen, input.scope.kind, input.scope.id, accountId],
  );
  return rows[0]!.id;
}

export interface ProjectChanges {
  title?: string;
  status?: ProjectStatus;
  aim?: Partial<Aim>;
  scope?: { kind: ProjectScopeKind; id: string | null };
}

export async function updateProject(sql: Sql, districtId: string, id: string, changes: ProjectChanges): Promise<void> {
  const p = new Params();
  const sets: string[] = [];
  const set = (column: string, value: unknown) => sets.push(`${column} = ${p.add(value)}`);
  if (changes.title !== undefined) set('title', changes.title);
  if (changes.status !== undefined) set('status', changes.status);
  if (changes.aim?.what !== undefined) set('aim_what', changes.aim.what);
  if (changes.aim?.forWhom !== undefined) set('aim_for_whom', changes.aim.forWhom);
  if (changes.aim?.howMuch !== undefined) set('aim_how_much', changes.aim.howMuch);
  if (changes.aim?.byWhen !== undefined) set('aim_by_when', changes.aim.byWhen);
  if (changes.scope !== undefined) {
    set('scope_kind', changes.scope.kind);
    set('scope_id', changes.scope.id);
  }
  await touchProject(sql, districtId, id, sets, p);
}

/** Applies `sets` (may be empty) and moves updated_at, so lists show recent work first. */
export async function touchProject(sql: Sql, districtId: string, id: string, sets: string[] = [], p = new Params()): Promise<void> {
  await sql.query(
    `update improvement_projects set ${[...sets, 'updated_at = now()'].join(', ')} where district_id = ${p.add(districtId)} and id = ${p.add(id)}`,
    p.values,
  );
}

// Members

export async function listMembers(sql: Sql, districtId: string, projectId: string): Promise<ProjectMember[]> {
  const { rows } = await sql.query<ProjectMember>(
    `select m.id, m.user_sourced_id as "userSourcedId", m.account_id as "accountId",
            coalesce(${personName('u')}, a.display_name, '(unknown)') as name, m.role, m.department
     from improvement_members m
     left join users u on u.district_id = m.district_id and u.sourced_id = m.user_sourced_id
     left join accounts a on a.id = m.account_id
     where m.district_id = $1 and m.project_id = $2
     order by case m.role when 'lead' then 0 when 'sponsor' then 1 when 'coach' then 2 else 3 end, name, m.id`,
    [districtId, projectId],
  );
  return rows;
}

/** Whether the person (by account, or by their roster record) is on the project. */
export async function isProjectMember(sql: Sql, districtId: string, projectId: string, person: { accountId: string; userSourcedId: string | null }): Promise<boolean> {
  const p = new Params();
  const { rows } = await sql.query<{ member: boolean }>(
    `select ${isMember(p, `${p.add(districtId)}::uuid`, `${p.add(projectId)}::uuid`, person)} as member`,
    p.values,
  );
  return rows[0]?.member === true;
}

/** Whether the scope sees this adult (only they can be added as members). */
export async function staffInScope(sql: Sql, scope: Scope, userSourcedId: string): Promise<boolean> {
  const p = new Params();
  const { rows } = await sql.query(
    `select 1 from users u where u.sourced_id = ${p.add(userSourcedId)} and u.role <> 'student' and ${staffVisible(scope, p, 'u')}`,
    p.values,
  );
  return rows.length > 0;
}

export interface NewMember {
  userSourcedId: string | null;
  accountId: string | null;
  role: MemberRole;
  department: string | null;
}

/** Adds a member; null when that person is already a member. */
export async function insertMember(sql: Sql, districtId: string, projectId: string, member: NewMember): Promise<string | null> {
  const { rows } = await sql.query<{ id: string }>(
    `insert into improvement_members (district_id, project_id, user_sourced_id, account_id, role, department)
     values ($1, $2, $3, $4, $5, $6) on conflict do nothing returning id`,
    [districtId, projectId, member.userSourcedId, member.userSourcedId === null ? member.accountId : null, member.role, member.department],
  );
  return rows[0]?.id ?? null;
}

export async function updateMember(sql: Sql, districtId: string, projectId: string, memberId: string, changes: { role?: MemberRole; department?: string | null }): Promise<boolean> {
  const p = new Params();
  const sets: string[] = [];
  if (changes.role !== undefined) sets.push(`role = ${p.add(changes.role)}`);
  if (changes.department !== undefined) sets.push(`department = ${p.add(changes.department)}`);
  if (sets.length === 0) sets.push('role = role');
  const { rowCount } = await sql.query(
    `update improvement_members set ${sets.join(', ')} where district_id = ${p.add(districtId)} and project_id = ${p.add(projectId)} and id = ${p.add(memberId)}`,
    p.values,
  );
  return rowCount > 0;
}

export async function deleteMember(sql: Sql, districtId: string, projectId: string, memberId: string): Promise<boolean> {
  const { rowCount } = await sql.query('delete from improvement_members where district_id = $1 and project_id = $2 and id = $3', [districtId, projectId, memberId]);
  return rowCount > 0;
}

// Timeline

export async function recordTimeline(sql: Sql, districtId: string, projectId: string, accountId: string, kind: string, summary: string): Promise<void> {
  await sql.query(
    `insert into improvement_timeline (district_id, project_id, account_id, kind, summary) values ($1, $2, $3, $4, $5)`,
    [districtId, projectId, accountId, kind, summary],
  );
  await touchProject(sql, districtId, projectId);
}

export async function listTimeline(sql: Sql, districtId: string, projectId: string): Promise<TimelineEntry[]> {
  const { rows } = await sql.query<TimelineEntry>(
    `select e.id, to_char(e.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at, e.kind, e.summary, a.display_name as by
     from improvement_timeline e left join accounts a on a.id = e.account_id
     where e.district_id = $1 and e.project_id = $2
     order by e.at desc, e.id`,
    [districtId, projectId],
  );
  return rows;
}

// For the demo district's example projects (src/demo/improvement.ts)

/** Up to `limit` adults of a school, by sourcedId, for a deterministic choice of members. */
export async function adultsOfSchool(sql: Sql, districtId: string, schoolSourcedId: string, limit: number): Promise<string[]> {
  const { rows } = await sql.query<{ id: string }>(
    `select u.sourced_id as id from users u join user_orgs uo on uo.district_id = u.district_id and uo.user_sourced_id = u.sourced_id
     where u.district_id = $1 and uo.org_sourced_id = $2 and u.role <> 'student' order by u.sourced_id limit $3`,
    [districtId, schoolSourcedId, limit],
  );
  return rows.map((r) => r.id);
}

/** The teams a person is a member of, with their school. */
export async function teamsOfPerson(sql: Sql, districtId: string, userSourcedId: string): Promise<{ id: string; schoolId: string }[]> {
  const { rows } = await sql.query<{ id: string; schoolId: string }>(
    `select t.sourced_id as id, t.school_sourced_id as "schoolId" from team_members tm
     join teams t on t.district_id = tm.district_id and t.sourced_id = tm.team_sourced_id
     where tm.district_id = $1 and tm.user_sourced_id = $2 order by t.sourced_id`,
    [districtId, userSourcedId],
  );
  return rows;
}

/** Moves a project's start back to `on` (an ISO date), so an example project's history reads in order. */
export async function backdateProject(sql: Sql, districtId: string, projectId: string, on: string): Promise<void> {
  await sql.query(`update improvement_projects set created_at = $3::date where district_id = $1 and id = $2`, [districtId, projectId, on]);
  await sql.query(`update improvement_cycles set created_at = greatest($3::date, coalesce(do_started_on - 3, $3::date)) where district_id = $1 and project_id = $2`, [districtId, projectId, on]);
}
