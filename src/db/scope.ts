/**
 * Scopes in SQL: what an account may see, loaded from the roster, and the
 * predicates every roster query applies. Each predicate starts with the district,
 * so no query built from them can cross districts.
 */
import type { Role, Scope } from '../core/access/roles.ts';
import { scopeKindOf } from '../core/access/roles.ts';
import type { Sql } from './database.ts';
import { Params } from './params.ts';

export interface ScopeSubject {
  districtId: string;
  role: Role;
  userSourcedId: string | null;
}

/** The scope of an account: its schools (school leader) or teams (team roles) from the roster. */
export async function loadScope(sql: Sql, subject: ScopeSubject): Promise<Scope> {
  const kind = scopeKindOf(subject.role);
  const scope: Scope = { kind, districtId: subject.districtId, schoolIds: [], teamIds: [], userSourcedId: subject.userSourcedId };
  if (subject.userSourcedId === null) return scope;
  if (kind === 'school') {
    const { rows } = await sql.query<{ id: string }>(
      `select uo.org_sourced_id as id
       from user_orgs uo
       join orgs o on o.district_id = uo.district_id and o.sourced_id = uo.org_sourced_id and o.type = 'school'
       where uo.district_id = $1 and uo.user_sourced_id = $2
       order by 1`,
      [subject.districtId, subject.userSourcedId],
    );
    scope.schoolIds = rows.map((r) => r.id);
  } else if (kind === 'team') {
    const { rows } = await sql.query<{ id: string }>(
      `select team_sourced_id as id from team_members where district_id = $1 and user_sourced_id = $2 order by 1`,
      [subject.districtId, subject.userSourcedId],
    );
    scope.teamIds = rows.map((r) => r.id);
  }
  return scope;
}

/** A person (`alias` is a users row) belongs to one of the schools: by org membership or enrollment. */
export function personInSchools(alias: string, schools: string): string {
  return `(exists (select 1 from user_orgs uo_s where uo_s.district_id = ${alias}.district_id
                   and uo_s.user_sourced_id = ${alias}.sourced_id and uo_s.org_sourced_id = any(${schools}))
        or exists (select 1 from enrollments e_s where e_s.district_id = ${alias}.district_id
                   and e_s.user_sourced_id = ${alias}.sourced_id and e_s.school_sourced_id = any(${schools})))`;
}

/** Students (`alias` is a users row) the scope may see. */
export function studentVisible(scope: Scope, p: Params, alias: string): string {
  const district = `${alias}.district_id = ${p.add(scope.districtId)}`;
  switch (scope.kind) {
    case 'district':
      return district;
    case 'school':
      return `(${district} and ${personInSchools(alias, p.add(scope.schoolIds))})`;
    case 'team':
      return `(${district} and exists (select 1 from team_student_scope tss_v where tss_v.district_id = ${alias}.district_id
               and tss_v.user_sourced_id = ${alias}.sourced_id and tss_v.team_sourced_id = any(${p.add(scope.teamIds)})))`;
    case 'self':
      return `(${district} and ${alias}.sourced_id = ${p.add(scope.userSourcedId)})`;
  }
}

/** Staff (`alias` is a users row) the scope may see: the schools' or teams' adults. */
export function staffVisible(scope: Scope, p: Params, alias: string): string {
  const district = `${alias}.district_id = ${p.add(scope.districtId)}`;
  switch (scope.kind) {
    case 'district':
      return district;
    case 'school': {
      const schools = p.add(scope.schoolIds);
      return `(${district} and (${personInSchools(alias, schools)}
               or exists (select 1 from team_members tm_v join teams t_v on t_v.district_id = tm_v.district_id and t_v.sourced_id = tm_v.team_sourced_id
                          where tm_v.district_id = ${alias}.district_id and tm_v.user_sourced_id = ${alias}.sourced_id
                            and t_v.school_sourced_id = any(${schools}))))`;
    }
    case 'team': {
      const teams = p.add(scope.teamIds);
      return `(${district} and (exists (select 1 from team_members tm_v where tm_v.district_id = ${alias}.district_id
                          and tm_v.user_sourced_id = ${alias}.sourced_id and tm_v.team_sourced_id = any(${teams}))
               or exists (select 1 from enrollments e_v join team_classes tc_v on tc_v.district_id = e_v.district_id and tc_v.class_sourced_id = e_v.class_sourced_id
                          where e_v.district_id = ${alias}.district_id and e_v.user_sourced_id = ${alias}.sourced_id
                            and e_v.role <> 'student' and tc_v.team_sourced_id = any(${teams}))))`;
    }
    case 'self':
      return `(${district} and false)`;
  }
}

/** Schools (`alias` is an orgs row of type school) the scope may see. */
export function schoolVisible(scope: Scope, p: Params, alias: string): string {
  const district = `${alias}.district_id = ${p.add(scope.districtId)}`;
  switch (scope.kind) {
    case 'district':
      return district;
    case 'school':
      return `(${district} and ${alias}.sourced_id = any(${p.add(scope.schoolIds)}))`;
    case 'team':
      return `(${district} and ${alias}.sourced_id in (select t_v.school_sourced_id from teams t_v
               where t_v.district_id = ${alias}.district_id and t_v.sourced_id = any(${p.add(scope.teamIds)})))`;
    case 'self':
      return `(${district} and false)`;
  }
}

/** Teams (`alias` is a teams row) the scope may see. */
export function teamVisible(scope: Scope, p: Params, alias: string): string {
  const district = `${alias}.district_id = ${p.add(scope.districtId)}`;
  switch (scope.kind) {
    case 'district':
      return district;
    case 'school':
      return `(${district} and ${alias}.school_sourced_id = any(${p.add(scope.schoolIds)}))`;
    case 'team':
      return `(${district} and ${alias}.sourced_id = any(${p.add(scope.teamIds)}))`;
    case 'self':
      return `(${district} and false)`;
  }
}

/** Classes (`alias` is a classes row) the scope may see: a team sees the classes it shares. */
export function classVisible(scope: Scope, p: Params, alias: string): string {
  const district = `${alias}.district_id = ${p.add(scope.districtId)}`;
  switch (scope.kind) {
    case 'district':
      return district;
    case 'school':
      return `(${district} and ${alias}.school_sourced_id = any(${p.add(scope.schoolIds)}))`;
    case 'team':
      return `(${district} and exists (select 1 from team_classes tc_v where tc_v.district_id = ${alias}.district_id
               and tc_v.class_sourced_id = ${alias}.sourced_id and tc_v.team_sourced_id = any(${p.add(scope.teamIds)})))`;
    case 'self':
      return `(${district} and false)`;
  }
}

/** Courses (`alias` is a courses row) the scope may see: those of its schools or with classes it sees. */
export function courseVisible(scope: Scope, p: Params, alias: string): string {
  const district = `${alias}.district_id = ${p.add(scope.districtId)}`;
  switch (scope.kind) {
    case 'district':
      return district;
    case 'school': {
      const schools = p.add(scope.schoolIds);
      return `(${district} and (${alias}.org_sourced_id = any(${schools})
               or exists (select 1 from classes c_v where c_v.district_id = ${alias}.district_id
                          and c_v.course_sourced_id = ${alias}.sourced_id and c_v.school_sourced_id = any(${schools}))))`;
    }
    case 'team':
      return `(${district} and exists (select 1 from classes c_v join team_classes tc_v on tc_v.district_id = c_v.district_id and tc_v.class_sourced_id = c_v.sourced_id
               where c_v.district_id = ${alias}.district_id and c_v.course_sourced_id = ${alias}.sourced_id
                 and tc_v.team_sourced_id = any(${p.add(scope.teamIds)})))`;
    case 'self':
      return `(${district} and false)`;
  }
}

export type ScopedRecord = 'school' | 'team' | 'class' | 'student';

const RECORD_QUERIES: Record<ScopedRecord, { from: string; visible: typeof schoolVisible }> = {
  school: { from: `orgs o where o.type = 'school' and`, visible: schoolVisible },
  team: { from: 'teams o where', visible: teamVisible },
  class: { from: 'classes o where', visible: classVisible },
  student: { from: `users o where o.role = 'student' and`, visible: studentVisible },
};

/** Whether the scope may see one record; used for 404s on detail routes and 403s on filters. */
export async function canSee(sql: Sql, scope: Scope, record: ScopedRecord, sourcedId: string): Promise<boolean> {
  const { from, visible } = RECORD_QUERIES[record];
  const p = new Params();
  const predicate = visible(scope, p, 'o');
  const { rows } = await sql.query(`select 1 from ${from} o.sourced_id = ${p.add(sourcedId)} and ${predicate}`, p.values);
  return rows.length > 0;
}

export interface ScopeListing {
  schools: { sourcedId: string; name: string }[];
  teams: { sourcedId: string; name: string; schoolSourcedId: string }[];
}

/** The schools and teams in a scope, by name, for the signed-in account's summary. */
export async function describeScope(sql: Sql, scope: Scope): Promise<ScopeListing> {
  const sp = new Params();
  const schools = await sql.query<ScopeListing['schools'][number]>(
    `select o.sourced_id as "sourcedId", o.name from orgs o
     where o.type = 'school' and ${schoolVisible(scope, sp, 'o')} order by o.name, o.sourced_id`,
    sp.values,
  );
  const tp = new Params();
  const teams = await sql.query<ScopeListing['teams'][number]>(
    `select t.sourced_id as "sourcedId", t.name, t.school_sourced_id as "schoolSourcedId" from teams t
     where ${teamVisible(scope, tp, 't')} order by t.name, t.sourced_id`,
    tp.values,
  );
  return { schools: schools.rows, teams: teams.rows };
}
