/** The SQL of a teams import: teams upserted, each listed team's links replaced. */
import type { Sql } from '../../db/database.ts';
import { batches } from '../common/write.ts';
import type { TeamPlan, TeamRow } from './validate.ts';

const BATCH = 5000;

export async function existingTeamIds(sql: Sql, districtId: string): Promise<Set<string>> {
  const { rows } = await sql.query<{ id: string }>('select sourced_id as id from teams where district_id = $1', [districtId]);
  return new Set(rows.map((r) => r.id));
}

export async function upsertTeams(sql: Sql, districtId: string, teams: TeamRow[]): Promise<void> {
  for (const batch of batches(teams, BATCH)) {
    await sql.query(
      `insert into teams (district_id, sourced_id, school_sourced_id, name, grades)
       select $1::uuid, r.sourced_id, r.school_sourced_id, r.name, r.grades
       from jsonb_to_recordset($2::jsonb) as r(sourced_id text, school_sourced_id text, name text, grades text[])
       on conflict (district_id, sourced_id) do update
         set school_sourced_id = excluded.school_sourced_id, name = excluded.name, grades = excluded.grades
         where (teams.school_sourced_id, teams.name, teams.grades)
           is distinct from (excluded.school_sourced_id, excluded.name, excluded.grades)`,
      [districtId, JSON.stringify(batch)],
    );
  }
}

/** Replaces the members of the listed teams; returns how many memberships were removed. */
export async function replaceMembers(sql: Sql, districtId: string, plan: NonNullable<TeamPlan['members']>): Promise<number> {
  const removed = await sql.query(
    `delete from team_members tm
     where tm.district_id = $1 and tm.team_sourced_id = any($2::text[])
       and not exists (select 1 from jsonb_to_recordset($3::jsonb) as r(team text, "user" text)
                       where r.team = tm.team_sourced_id and r."user" = tm.user_sourced_id)`,
    [districtId, plan.teams, JSON.stringify(plan.rows)],
  );
  for (const batch of batches(plan.rows, BATCH)) {
    await sql.query(
      `insert into team_members (district_id, team_sourced_id, user_sourced_id, role)
       select $1::uuid, r.team, r."user", r.role from jsonb_to_recordset($2::jsonb) as r(team text, "user" text, role text)
       on conflict (district_id, team_sourced_id, user_sourced_id) do update set role = excluded.role
         where team_members.role is distinct from excluded.role`,
      [districtId, JSON.stringify(batch)],
    );
  }
  return removed.rowCount;
}

export async function replaceClasses(sql: Sql, districtId: string, plan: NonNullable<TeamPlan['classes']>): Promise<number> {
  const removed = await sql.query(
    `delete from team_classes tc
     where tc.district_id = $1 and tc.team_sourced_id = any($2::text[])
       and not exists (select 1 from jsonb_to_recordset($3::jsonb) as r(team text, class text)
                       where r.team = tc.team_sourced_id and r.class = tc.class_sourced_id)`,
    [districtId, plan.teams, JSON.stringify(plan.rows)],
  );
  for (const batch of batches(plan.rows, BATCH)) {
    await sql.query(
      `insert into team_classes (district_id, team_sourced_id, class_sourced_id)
       select $1::uuid, r.team, r.class from jsonb_to_recordset($2::jsonb) as r(team text, class text)
       on conflict do nothing`,
      [districtId, JSON.stringify(batch)],
    );
  }
  return removed.rowCount;
}

export async function replaceStudents(sql: Sql, districtId: string, plan: NonNullable<TeamPlan['students']>): Promise<number> {
  const removed = await sql.query(
    `delete from team_students ts
     where ts.district_id = $1 and ts.team_sourced_id = any($2::text[])
       and not exists (select 1 from jsonb_to_recordset($3::jsonb) as r(team text, "user" text)
                       where r.team = ts.team_sourced_id and r."user" = ts.user_sourced_id)`,
    [districtId, plan.teams, JSON.stringify(plan.rows)],
  );
  for (const batch of batches(plan.rows, BATCH)) {
    await sql.query(
      `insert into team_students (district_id, team_sourced_id, user_sourced_id)
       select $1::uuid, r.team, r."user" from jsonb_to_recordset($2::jsonb) as r(team text, "user" text)
       on conflict do nothing`,
      [districtId, JSON.stringify(batch)],
    );
  }
  return removed.rowCount;
}

/** Writes a validated team plan; counts.deleted gets the links removed. */
export async function writeTeams(sql: Sql, districtId: string, plan: TeamPlan): Promise<void> {
  await upsertTeams(sql, districtId, plan.teams);
  if (plan.members) plan.counts.teamMembers!.deleted = await replaceMembers(sql, districtId, plan.members);
  if (plan.classes) plan.counts.teamClasses!.deleted = await replaceClasses(sql, districtId, plan.classes);
  if (plan.students) plan.counts.teamStudents!.deleted = await replaceStudents(sql, districtId, plan.students);
}
