/**
 * The team day's SQL: the roster and learning data a day plan is built from,
 * the stored setup, drafts and publications, and calendar feed tokens. Every
 * query is limited to one district; callers check scope before reading.
 */
import type { DaySetup, TeamMemberRef } from '../grouping/day-setup.ts';
import type { PlanWarning, Publication, StoredPlan } from '../grouping/day-plan.ts';
import type { Sql } from './database.ts';
import { personName } from './summaries.ts';

const iso = (value: Date | string | null): string | null => (value === null ? null : new Date(value).toISOString());

export interface TeamHeader {
  id: string;
  name: string;
  schoolId: string;
}

export async function teamHeader(sql: Sql, districtId: string, team: string): Promise<TeamHeader | null> {
  const { rows } = await sql.query<TeamHeader>(
    `select sourced_id as id, name, school_sourced_id as "schoolId" from teams where district_id = $1 and sourced_id = $2`,
    [districtId, team],
  );
  return rows[0] ?? null;
}

const MEMBER_ORDER = `case tm.role when 'teacher_leader' then 0 when 'teacher' then 1 when 'resident' then 2 when 'tutor' then 3 else 4 end`;

export async function teamMemberRefs(sql: Sql, districtId: string, team: string): Promise<TeamMemberRef[]> {
  const { rows } = await sql.query<TeamMemberRef>(
    `select u.sourced_id as id, ${personName('u')} as name, tm.role
     from team_members tm join users u on u.district_id = tm.district_id and u.sourced_id = tm.user_sourced_id
     where tm.district_id = $1 and tm.team_sourced_id = $2
     order by ${MEMBER_ORDER}, u.family_name, u.given_name, u.sourced_id`,
    [districtId, team],
  );
  return rows;
}

export interface TeamDayStudent {
  id: string;
  name: string;
  needs: string[];
}

/** The team's students in name order, with the needs their program attributes give. */
export async function teamDayStudents(sql: Sql, districtId: string, team: string): Promise<TeamDayStudent[]> {
  const { rows } = await sql.query<{ id: string; name: string; el: boolean | null; sped: boolean | null }>(
    `select u.sourced_id as id, ${personName('u')} as name, a.english_learner as el, a.special_education as sped
     from (select distinct user_sourced_id from team_student_scope where district_id = $1 and team_sourced_id = $2) ts
     join users u on u.district_id = $1 and u.sourced_id = ts.user_sourced_id
     left join student_attributes a on a.district_id = u.district_id and a.user_sourced_id = u.sourced_id
     order by u.family_name, u.given_name, u.sourced_id`,
    [districtId, team],
  );
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    needs: [...(row.el ? ['english_learner'] : []), ...(row.sped ? ['special_education'] : [])],
  }));
}

export interface SequenceSkill {
  id: string;
  code: string | null;
  name: string;
  /** Prerequisites that are themselves in the sequence. */
  prerequisites: string[];
}

export async function teamSequenceSkills(sql: Sql, districtId: string, team: string): Promise<SequenceSkill[]> {
  const { rows } = await sql.query<SequenceSkill>(
    `select q.skill_id::text as id, s.code, s.name,
            coalesce((select array_agg(p.prerequisite_id::text order by pq.position)
                      from skill_prerequisites p
                      join team_skill_sequences pq on pq.district_id = p.district_id and pq.team_sourced_id = q.team_sourced_id
                        and pq.skill_id = p.prerequisite_id
                      where p.district_id = q.district_id and p.skill_id = q.skill_id), '{}') as prerequisites
     from team_skill_sequences q join skills s on s.district_id = q.district_id and s.id = q.skill_id
     where q.district_id = $1 and q.team_sourced_id = $2
     order by q.position`,
    [districtId, team],
  );
  return rows;
}

export interface MasteryRow {
  student: string;
  skill: string;
  known: number;
  attempts: number;
}

/** The current estimates of the team's students on the team's sequence. */
export async function teamMastery(sql: Sql, districtId: string, team: string): Promise<MasteryRow[]> {
  const { rows } = await sql.query<MasteryRow>(
    `select m.student_sourced_id as student, m.skill_id::text as skill, m.known, m.attempts
     from mastery_estimates m
     join team_skill_sequences q on q.district_id = m.district_id and q.skill_id = m.skill_id and q.team_sourced_id = $2
     where m.district_id = $1
       and m.student_sourced_id in (select user_sourced_id from team_student_scope where district_id = $1 and team_sourced_id = $2)
     order by m.student_sourced_id, q.position`,
    [districtId, team],
  );
  return rows;
}

export interface OpenFlag {
  student: string;
  kind: string;
  reason: string;
  since: string;
  skill: string | null;
}

/** Open struggling flags of the given students. */
export async function openFlags(sql: Sql, districtId: string, students: string[]): Promise<OpenFlag[]> {
  if (students.length === 0) return [];
  const { rows } = await sql.query<OpenFlag & { since: Date | string }>(
    `select f.student_sourced_id as student, f.kind, f.reason, f.since, f.skill_id::text as skill
     from learning_flags f
     where f.district_id = $1 and f.student_sourced_id = any($2) and f.cleared_at is null
     order by f.student_sourced_id, f.since, f.kind`,
    [districtId, students],
  );
  return rows.map((row) => ({ ...row, since: iso(row.since)! }));
}

export interface RecentEvidence {
  student: string;
  skillId: string;
  skillCode: string | null;
  skillName: string;
  occurredAt: string;
  correct: boolean;
  score: number | null;
}

/** The last `limit` pieces of evidence of each student, newest first. */
export async function recentEvidence(sql: Sql, districtId: string, students: string[], limit: number): Promise<RecentEvidence[]> {
  if (students.length === 0) return [];
  const { rows } = await sql.query<RecentEvidence & { occurredAt: Date | string }>(
    `select st.id as student, e.skill_id::text as "skillId", s.code as "skillCode", s.name as "skillName", e.occurred_at as "occurredAt", e.correct, e.score
     from unnest($2::text[]) as st(id)
     cross join lateral (select * from evidence e where e.district_id = $1 and e.student_sourced_id = st.id
                         order by e.occurred_at desc, e.skill_id limit $3) e
     join skills s on s.district_id = e.district_id and s.id = e.skill_id
     order by st.id, e.occurred_at desc, e.skill_id`,
    [districtId, students, limit],
  );
  return rows.map((row) => ({ ...row, occurredAt: iso(row.occurredAt)! }));
}

export interface StoredSetup {
  setup: DaySetup;
  updatedAt: string;
  updatedBy: string | null;
}

export async function loadSetup(sql: Sql, districtId: string, team: string): Promise<StoredSetup | null> {
  const { rows } = await sql.query<{ setup: DaySetup; updatedAt: Date | string; updatedBy: string | null }>(
    `select s.setup, s.updated_at as "updatedAt", a.display_name as "updatedBy"
     from team_day_setups s left join accounts a on a.id = s.updated_by
     where s.district_id = $1 and s.team_sourced_id = $2`,
    [districtId, team],
  );
  const row = rows[0];
  return row ? { setup: row.setup, updatedAt: iso(row.updatedAt)!, updatedBy: row.updatedBy } : null;
}

export async function saveSetup(sql: Sql, districtId: string, team: string, setup: DaySetup, accountId: string): Promise<void> {
  await sql.query(
    `insert into team_day_setups (district_id, team_sourced_id, setup, updated_by) values ($1, $2, $3, $4)
     on conflict (district_id, team_sourced_id) do update set setup = excluded.setup, updated_by = excluded.updated_by, updated_at = now()`,
    [districtId, team, JSON.stringify(setup), accountId],
  );
}

const PLAN_COLUMNS = `groups, pins, reasons, objective, generated_at as "generatedAt"`;
type PlanRow = Omit<StoredPlan, 'generatedAt'> & { generatedAt: Date | string | null };
const toPlan = (row: PlanRow): StoredPlan => ({
  groups: row.groups,
  pins: row.pins,
  reasons: row.reasons,
  objective: row.objective === null ? null : Number(row.objective),
  generatedAt: iso(row.generatedAt),
});

export async function loadDraft(sql: Sql, districtId: string, team: string, date: string): Promise<StoredPlan | null> {
  const { rows } = await sql.query<PlanRow>(
    `select ${PLAN_COLUMNS} from team_day_drafts where district_id = $1 and team_sourced_id = $2 and plan_date = $3`,
    [districtId, team, date],
  );
  return rows[0] ? toPlan(rows[0]) : null;
}

export async function saveDraft(sql: Sql, districtId: string, team: string, date: string, plan: StoredPlan, accountId: string | null): Promise<void> {
  await sql.query(
    `insert into team_day_drafts (district_id, team_sourced_id, plan_date, groups, pins, reasons, objective, generated_at, updated_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     on conflict (district_id, team_sourced_id, plan_date) do update set groups = excluded.groups, pins = excluded.pins,
       reasons = excluded.reasons, objective = excluded.objective, generated_at = excluded.generated_at,
       updated_by = excluded.updated_by, updated_at = now()`,
    [districtId, team, date, JSON.stringify(plan.groups), JSON.stringify(plan.pins), JSON.stringify(plan.reasons), plan.objective, plan.generatedAt, accountId],
  );
}

const PUBLICATION_COLUMNS = `p.team_sourced_id as team, p.plan_date::text as date, p.version, ${PLAN_COLUMNS}, p.warnings, p.setup,
  p.published_at as "publishedAt", p.published_by_name as "publishedBy"`;
type PublicationRow = PlanRow & { team: string; date: string; version: number; warnings: PlanWarning[]; setup: DaySetup; publishedAt: Date | string; publishedBy: string };
const toPublication = (row: PublicationRow): Publication => ({
  ...toPlan(row),
  team: row.team,
  date: row.date,
  version: row.version,
  warnings: row.warnings,
  setup: row.setup,
  publishedAt: iso(row.publishedAt)!,
  publishedBy: row.publishedBy,
});

/** The latest publication per team and date, for the teams between two dates (inclusive), by date then team. */
export async function publishedPlans(sql: Sql, districtId: string, teams: string[], from: string, to: string): Promise<Publication[]> {
  if (teams.length === 0) return [];
  const { rows } = await sql.query<PublicationRow>(
    `select ${PUBLICATION_COLUMNS}
     from team_day_publications p
     where p.district_id = $1 and p.team_sourced_id = any($2) and p.plan_date between $3::date and $4::date
       and p.version = (select max(v.version) from team_day_publications v where v.district_id = p.district_id
                        and v.team_sourced_id = p.team_sourced_id and v.plan_date = p.plan_date)
     order by p.plan_date, p.team_sourced_id`,
    [districtId, teams, from, to],
  );
  return rows.map(toPublication);
}

/** The latest publication of the last date before `date` that has one. */
export async function lastPublishedBefore(sql: Sql, districtId: string, team: string, date: string): Promise<Publication | null> {
  const { rows } = await sql.query<PublicationRow>(
    `select ${PUBLICATION_COLUMNS} from team_day_publications p
     where p.district_id = $1 and p.team_sourced_id = $2 and p.plan_date < $3::date
     order by p.plan_date desc, p.version desc limit 1`,
    [districtId, team, date],
  );
  return rows[0] ? toPublication(rows[0]) : null;
}

/** Publications per date of one team between two dates (every version counted). */
export async function publicationCounts(sql: Sql, districtId: string, team: string, from: string, to: string): Promise<{ date: string; count: number }[]> {
  const { rows } = await sql.query<{ date: string; count: number }>(
    `select plan_date::text as date, count(*)::int as count from team_day_publications
     where district_id = $1 and team_sourced_id = $2 and plan_date between $3::date and $4::date
     group by plan_date order by plan_date`,
    [districtId, team, from, to],
  );
  return rows;
}

export interface NewPublication {
  plan: StoredPlan;
  warnings: PlanWarning[];
  setup: DaySetup;
  /** Null when published from the command line. */
  accountId: string | null;
  publishedByName: string;
}

/** Call inside a transaction: the next version of the day's plan is numbered under a lock. */
export async function insertPublication(sql: Sql, districtId: string, team: string, date: string, input: NewPublication): Promise<void> {
  const { plan } = input;
  // Two leaders pressing Publish at once would both read the same max(version); the lock (held to the
  // end of the transaction) makes the second wait and take the next number instead of failing.
  await sql.query('select pg_advisory_xact_lock(7240503, hashtext($1))', [`${districtId}/${team}/${date}`]);
  await sql.query(
    `insert into team_day_publications (district_id, team_sourced_id, plan_date, version, groups, pins, reasons, objective, warnings, setup,
                                        generated_at, published_by, published_by_name)
     values ($1, $2, $3, (select coalesce(max(version), 0) + 1 from team_day_publications
                          where district_id = $1 and team_sourced_id = $2 and plan_date = $3::date),
             $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
    [
      districtId,
      team,
      date,
      JSON.stringify(plan.groups),
      JSON.stringify(plan.pins),
      JSON.stringify(plan.reasons),
      plan.objective,
      JSON.stringify(input.warnings),
      JSON.stringify(input.setup),
      plan.generatedAt,
      input.accountId,
      input.publishedByName,
    ],
  );
}

/** Teams the person is a member of (any role). */
export async function teamsOfMember(sql: Sql, districtId: string, user: string): Promise<string[]> {
  const { rows } = await sql.query<{ id: string }>(
    `select team_sourced_id as id from team_members where district_id = $1 and user_sourced_id = $2 order by 1`,
    [districtId, user],
  );
  return rows.map((row) => row.id);
}

/** Teams that share the student. */
export async function teamsOfStudent(sql: Sql, districtId: string, student: string): Promise<string[]> {
  const { rows } = await sql.query<{ id: string }>(
    `select distinct team_sourced_id as id from team_student_scope where district_id = $1 and user_sourced_id = $2 order by 1`,
    [districtId, student],
  );
  return rows.map((row) => row.id);
}

export interface PersonRef {
  id: string;
  name: string;
  role: string;
}

export async function person(sql: Sql, districtId: string, sourcedId: string): Promise<PersonRef | null> {
  const { rows } = await sql.query<PersonRef>(
    `select sourced_id as id, ${personName('u')} as name, role from users u where district_id = $1 and sourced_id = $2`,
    [districtId, sourcedId],
  );
  return rows[0] ?? null;
}

export async function personNames(sql: Sql, districtId: string, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const { rows } = await sql.query<{ id: string; name: string }>(
    `select sourced_id as id, ${personName('u')} as name from users u where district_id = $1 and sourced_id = any($2)`,
    [districtId, ids],
  );
  return new Map(rows.map((row) => [row.id, row.name]));
}

export async function skillRefs(sql: Sql, districtId: string, ids: string[]): Promise<Map<string, { id: string; code: string | null; name: string }>> {
  if (ids.length === 0) return new Map();
  const { rows } = await sql.query<{ id: string; code: string | null; name: string }>(
    `select id::text as id, code, name from skills where district_id = $1 and id::text = any($2)`,
    [districtId, ids],
  );
  return new Map(rows.map((row) => [row.id, row]));
}

/** Replaces the account's calendar feed token (its SHA-256) with a new one. */
export async function setCalendarTokenHash(sql: Sql, districtId: string, accountId: string, tokenHash: string): Promise<void> {
  await sql.query(
    `insert into calendar_feed_tokens (district_id, account_id, token_hash) values ($1, $2, $3)
     on conflict (district_id, account_id) do update set token_hash = excluded.token_hash, created_at = now()`,
    [districtId, accountId, tokenHash],
  );
}

export async function deleteCalendarToken(sql: Sql, districtId: string, accountId: string): Promise<void> {
  await sql.query(`delete from calendar_feed_tokens where district_id = $1 and account_id = $2`, [districtId, accountId]);
}

/** The roster person whose enabled account holds the token. */
export async function calendarTokenOwner(sql: Sql, districtId: string, tokenHash: string): Promise<string | null> {
  const { rows } = await sql.query<{ user: string | null }>(
    `select a.user_sourced_id as user from calendar_feed_tokens t join accounts a on a.id = t.account_id and a.district_id = t.district_id
     where t.district_id = $1 and t.token_hash = $2 and not a.disabled`,
    [districtId, tokenHash],
  );
  return rows[0]?.user ?? null;
}
