/**
 * The SQL of the team learning views: the mastery heatmap (a team's students ×
 * its skill sequence), a student's skill profile, the attempts the pinpoint
 * comparison reads, and the team's open struggling flags. Read-only: the
 * estimates and flags are written by src/learning/mastery.ts. Callers check the
 * team or student is in scope first; student lists are also limited to the scope.
 */
import type { Scope } from '../core/access/roles.ts';
import type { Tally } from '../core/learning/pinpoint.ts';
import type {
  HeatmapQuery,
  HeatmapStudent,
  SkillEstimate,
  SkillRef,
  TeamFlag,
  TimelineItem,
} from '../server/routes/learning-schemas.ts';
import type { Sql } from './database.ts';
import { Params } from './params.ts';
import { personInSchools, studentVisible } from './scope.ts';
import { personName } from './summaries.ts';

const iso = (value: Date | string | null): string | null => (value === null ? null : new Date(value).toISOString());

/** A heatmap row as the database gives it; the route adds the count of mastered skills. */
export type HeatmapRow = Omit<HeatmapStudent, 'mastered'>;

/** The team's students in the scope, matching the filters, by name (alias `u` is a users row). */
function teamStudentsWhere(scope: Scope, p: Params, team: string, filters: HeatmapQuery): string {
  const where = [
    studentVisible(scope, p, 'u'),
    `u.role = 'student'`,
    `exists (select 1 from team_student_scope ts where ts.district_id = u.district_id and ts.user_sourced_id = u.sourced_id
             and ts.team_sourced_id = ${p.add(team)})`,
  ];
  if (filters.school) where.push(personInSchools('u', `array[${p.add(filters.school)}]::text[]`));
  if (filters.class) {
    where.push(`exists (select 1 from enrollments f_e where f_e.district_id = u.district_id and f_e.user_sourced_id = u.sourced_id
                and f_e.class_sourced_id = ${p.add(filters.class)} and f_e.role = 'student')`);
  }
  if (filters.englishLearner !== undefined) where.push(`coalesce(sa.english_learner, false) = ${p.add(filters.englishLearner)}`);
  if (filters.specialEducation !== undefined) where.push(`coalesce(sa.special_education, false) = ${p.add(filters.specialEducation)}`);
  if (filters.economicallyDisadvantaged !== undefined) {
    where.push(`coalesce(sa.economically_disadvantaged, false) = ${p.add(filters.economicallyDisadvantaged)}`);
  }
  return where.join(' and ');
}

/** The team's current sequence, in order. */
export async function sequenceSkills(sql: Sql, districtId: string, team: string): Promise<SkillRef[]> {
  const { rows } = await sql.query<SkillRef>(
    `select q.skill_id::text as "skillId", s.code, s.name
     from team_skill_sequences q join skills s on s.district_id = q.district_id and s.id = q.skill_id
     where q.district_id = $1 and q.team_sourced_id = $2 order by q.position`,
    [districtId, team],
  );
  return rows;
}

/** Students of the team with their estimates on the sequence's skills and their open flag count. */
export async function heatmapStudents(sql: Sql, scope: Scope, team: string, filters: HeatmapQuery): Promise<HeatmapRow[]> {
  const p = new Params();
  const where = teamStudentsWhere(scope, p, team, filters);
  const teamParam = p.add(team);
  const { rows } = await sql.query<HeatmapRow>(
    `select u.sourced_id as "sourcedId", ${personName('u')} as name, u.family_name as "familyName", u.given_name as "givenName",
            coalesce(sa.english_learner, false) as "englishLearner", coalesce(sa.special_education, false) as "specialEducation",
            coalesce(sa.economically_disadvantaged, false) as "economicallyDisadvantaged",
            (select count(*)::int from learning_flags f where f.district_id = u.district_id and f.student_sourced_id = u.sourced_id
               and f.cleared_at is null) as "openFlags",
            coalesce((select json_agg(json_build_object('skillId', m.skill_id::text, 'state', m.state, 'known', m.known, 'attempts', m.attempts)
                                      order by q.position)
                      from team_skill_sequences q
                      join mastery_estimates m on m.district_id = q.district_id and m.skill_id = q.skill_id and m.student_sourced_id = u.sourced_id
                      where q.district_id = u.district_id and q.team_sourced_id = ${teamParam}), '[]'::json) as cells
     from users u
     left join student_attributes sa on sa.district_id = u.district_id and sa.user_sourced_id = u.sourced_id
     where ${where}
     order by u.family_name, u.given_name, u.sourced_id`,
    p.values,
  );
  return rows;
}

/** A student's current estimate on every skill with evidence, by skill code. */
export async function studentEstimates(sql: Sql, districtId: string, student: string): Promise<SkillEstimate[]> {
  const { rows } = await sql.query<SkillEstimate & Record<'firstAt' | 'lastAt' | 'masteredAt', Date | string | null>>(
    `select m.skill_id::text as "skillId", s.code, s.name, m.state, m.known, m.next_correct as "nextCorrect", m.attempts,
            m.right_count as "rightCount", m.first_at as "firstAt", m.last_at as "lastAt", m.mastered_at as "masteredAt", m.explanation
     from mastery_estimates m join skills s on s.district_id = m.district_id and s.id = m.skill_id
     where m.district_id = $1 and m.student_sourced_id = $2
     order by s.sort_order, s.code, s.id`,
    [districtId, student],
  );
  return rows.map((row) => ({ ...row, firstAt: iso(row.firstAt)!, lastAt: iso(row.lastAt)!, masteredAt: iso(row.masteredAt) }));
}

/** A timeline item as the database gives it; the route adds the skill's code and name and the traced estimate. */
export type TimelineEvidence = Omit<TimelineItem, 'code' | 'name' | 'known'>;

/** A student's evidence in time order, oldest first: the order the estimate is traced in. */
export async function studentTimeline(sql: Sql, districtId: string, student: string): Promise<TimelineEvidence[]> {
  const { rows } = await sql.query<Omit<TimelineEvidence, 'at'> & { at: Date | string }>(
    `select e.skill_id::text as "skillId", e.occurred_at as at, e.correct, e.source_kind as "sourceKind", e.source_ref as "sourceRef"
     from evidence e where e.district_id = $1 and e.student_sourced_id = $2
     order by e.occurred_at, e.source_kind, e.source_key, e.skill_id`,
    [districtId, student],
  );
  return rows.map((row) => ({ ...row, at: iso(row.at)! }));
}

/** The student's name, if a student of the district. */
export async function studentName(sql: Sql, districtId: string, student: string): Promise<string | null> {
  const { rows } = await sql.query<{ name: string }>(
    `select ${personName('u')} as name from users u where u.district_id = $1 and u.sourced_id = $2 and u.role = 'student'`,
    [districtId, student],
  );
  return rows[0]?.name ?? null;
}

export interface TeamAdult {
  sourcedId: string;
  name: string;
  role: 'teacher_leader' | 'teacher' | 'tutor' | 'resident';
  /** Students enrolled in the team's classes this adult teaches. */
  students: string[];
  classes: string[];
}

/** The team's teaching adults (not coaches) with the students of the team classes they are enrolled in as staff. */
export async function teachingAdults(sql: Sql, districtId: string, team: string): Promise<TeamAdult[]> {
  const { rows } = await sql.query<TeamAdult>(
    `select u.sourced_id as "sourcedId", ${personName('u')} as name, tm.role,
            coalesce((select array_agg(distinct se.user_sourced_id order by se.user_sourced_id)
                      from enrollments te
                      join team_classes tc on tc.district_id = te.district_id and tc.class_sourced_id = te.class_sourced_id and tc.team_sourced_id = tm.team_sourced_id
                      join enrollments se on se.district_id = te.district_id and se.class_sourced_id = te.class_sourced_id and se.role = 'student'
                      where te.district_id = tm.district_id and te.user_sourced_id = tm.user_sourced_id and te.role <> 'student'), '{}') as students,
            coalesce((select array_agg(distinct te.class_sourced_id order by te.class_sourced_id)
                      from enrollments te
                      join team_classes tc on tc.district_id = te.district_id and tc.class_sourced_id = te.class_sourced_id and tc.team_sourced_id = tm.team_sourced_id
                      where te.district_id = tm.district_id and te.user_sourced_id = tm.user_sourced_id and te.role <> 'student'), '{}') as classes
     from team_members tm join users u on u.district_id = tm.district_id and u.sourced_id = tm.user_sourced_id
     where tm.district_id = $1 and tm.team_sourced_id = $2 and tm.role in ('teacher_leader', 'teacher', 'tutor', 'resident')
     order by case tm.role when 'teacher_leader' then 0 when 'teacher' then 1 when 'resident' then 2 else 3 end, u.family_name, u.given_name, u.sourced_id`,
    [districtId, team],
  );
  return rows;
}

/** Every student of the team (no scope narrowing: the caller sees the team, and pinpoint compares the whole team). */
export async function teamStudentIds(sql: Sql, districtId: string, team: string): Promise<string[]> {
  const { rows } = await sql.query<{ id: string }>(
    `select distinct user_sourced_id as id from team_student_scope where district_id = $1 and team_sourced_id = $2 order by 1`,
    [districtId, team],
  );
  return rows.map((r) => r.id);
}

/** Right and total attempts per student per skill of the team's students since a time. */
export async function teamTallies(sql: Sql, districtId: string, team: string, since: string): Promise<Map<string, Map<string, Tally>>> {
  const { rows } = await sql.query<{ student: string; skill: string; right: number; total: number }>(
    `select e.student_sourced_id as student, e.skill_id::text as skill, count(*) filter (where e.correct)::int as right, count(*)::int as total
     from evidence e
     where e.district_id = $1 and e.occurred_at >= $3::timestamptz
       and e.student_sourced_id in (select user_sourced_id from team_student_scope where district_id = $1 and team_sourced_id = $2)
     group by 1, 2`,
    [districtId, team, since],
  );
  const tallies = new Map<string, Map<string, Tally>>();
  for (const row of rows) {
    const bySkill = tallies.get(row.student) ?? new Map<string, Tally>();
    bySkill.set(row.skill, { right: row.right, total: row.total });
    tallies.set(row.student, bySkill);
  }
  return tallies;
}

/** Codes and names of some skills. */
export async function skillNames(sql: Sql, districtId: string, ids: readonly string[]): Promise<Map<string, SkillRef>> {
  if (ids.length === 0) return new Map();
  const { rows } = await sql.query<SkillRef>(
    `select id::text as "skillId", code, name from skills where district_id = $1 and id = any($2::uuid[])`,
    [districtId, ids],
  );
  return new Map(rows.map((r) => [r.skillId, r]));
}

/** The open flags of the team's students in the scope, newest first. */
export async function teamOpenFlags(sql: Sql, scope: Scope, team: string, options: { unacknowledged: boolean }): Promise<TeamFlag[]> {
  const p = new Params();
  const where = teamStudentsWhere(scope, p, team, {});
  const { rows } = await sql.query<TeamFlag & Record<'since' | 'raisedAt' | 'acknowledgedAt', Date | string | null>>(
    `select f.id::text as id, f.student_sourced_id as student, ${personName('u')} as "studentName", f.kind,
            f.skill_id::text as "skillId", s.code as "skillCode", s.name as "skillName", f.reason, f.since, f.raised_at as "raisedAt",
            f.acknowledged_at as "acknowledgedAt", f.owner_sourced_id as owner, ${personName('o')} as "ownerName", f.note
     from learning_flags f
     join users u on u.district_id = f.district_id and u.sourced_id = f.student_sourced_id
     left join student_attributes sa on sa.district_id = u.district_id and sa.user_sourced_id = u.sourced_id
     left join skills s on s.district_id = f.district_id and s.id = f.skill_id
     left join users o on o.district_id = f.district_id and o.sourced_id = f.owner_sourced_id
     where f.cleared_at is null and ${where} ${options.unacknowledged ? 'and f.acknowledged_at is null' : ''}
     order by f.raised_at desc, f.since desc, f.id`,
    p.values,
  );
  return rows.map((row) => ({ ...row, since: iso(row.since)!, raisedAt: iso(row.raisedAt)!, acknowledgedAt: iso(row.acknowledgedAt) }));
}
