/**
 * Live measures' SQL: checking a definition against the roster and skills, the
 * rows a series is computed from, and writing the recomputed series into the
 * measure's values, so charts, the summary PDF and reports read live values
 * exactly as typed ones. The arithmetic is src/core/improvement/live-measures.ts.
 */
import {
  computeLiveSeries,
  inGroup,
  LiveDefinitionError,
  livePeriods,
  parseLiveDefinition,
  type FlagRow,
  type LiveDefinition,
  type LiveData,
  type MasteryRow,
  type OutcomeLiveDefinition,
  type PublishedPlan,
  type TeamLiveDefinition,
} from '../core/improvement/live-measures.ts';
import { outcomeSeries } from '../core/improvement/outcomes.ts';
import type { Database, Sql } from './database.ts';
import { listValues, replaceValues, type MeasureValue } from './improvement-measures.ts';
import { importedOutcomeKeys, outcomeRows, schoolsOfProject } from './outcomes.ts';

/**
 * Why a definition cannot be used: an unknown team or skill, an outcome never
 * imported, a school outside the project — named for the person who wrote it.
 */
export async function liveDefinitionProblem(sql: Sql, districtId: string, definition: LiveDefinition, projectId: string): Promise<string | null> {
  if (definition.kind === 'imported_outcome') return outcomeDefinitionProblem(sql, districtId, definition, projectId);
  const { rows: teams } = await sql.query('select 1 from teams where district_id = $1 and sourced_id = $2', [districtId, definition.team]);
  if (teams.length === 0) return `team "${definition.team}": no such team in the district.`;
  if (definition.skills) {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
    const malformed = definition.skills.find((s) => !uuid.test(s));
    if (malformed) return `skills: "${malformed}" is not a skill id.`;
    const { rows } = await sql.query<{ id: string }>('select id::text as id from skills where district_id = $1 and id = any($2::uuid[])', [districtId, definition.skills]);
    const known = new Set(rows.map((r) => r.id.toLowerCase()));
    const missing = definition.skills.find((s) => !known.has(s.toLowerCase()));
    if (missing) return `skills: no skill ${missing} in the district.`;
  } else if (definition.kind === 'mastery_share') {
    const { rows } = await sql.query('select 1 from team_skill_sequences where district_id = $1 and team_sourced_id = $2 limit 1', [districtId, definition.team]);
    if (rows.length === 0) return `skills: team "${definition.team}" has no skill sequence yet; choose the skills.`;
  }
  return null;
}

async function outcomeDefinitionProblem(sql: Sql, districtId: string, definition: OutcomeLiveDefinition, projectId: string): Promise<string | null> {
  const keys = await importedOutcomeKeys(sql, districtId);
  if (!keys.includes(definition.outcome)) {
    const known = keys.length > 0 ? `imported so far: ${keys.join(', ')}` : 'import outcomes first with trellis import outcomes';
    return `outcome "${definition.outcome}": no values of this outcome in the district (${known}).`;
  }
  if (definition.school) {
    const { rows } = await sql.query(`select 1 from orgs where district_id = $1 and sourced_id = $2 and type = 'school'`, [districtId, definition.school]);
    if (rows.length === 0) return `school "${definition.school}": no such school in the district.`;
    const covered = await schoolsOfProject(sql, districtId, projectId);
    if (covered !== null && !covered.includes(definition.school)) return `school "${definition.school}": outside the project’s scope; leave it out to count the project’s own school.`;
  }
  return null;
}

interface StudentRow {
  student: string;
  english_learner: boolean;
  special_education: boolean;
  economically_disadvantaged: boolean;
  home_language: string | null;
}

const ms = (value: Date | string | null): number | null => (value === null ? null : new Date(value).getTime());

/** Everything the definition's series reads, for the team's current students, and the time of the first data. */
async function liveData(sql: Sql, districtId: string, definition: TeamLiveDefinition): Promise<{ data: LiveData; firstData: number | null }> {
  const { rows: students } = await sql.query<StudentRow>(
    `select s.user_sourced_id as student, coalesce(a.english_learner, false) as english_learner, coalesce(a.special_education, false) as special_education,
            coalesce(a.economically_disadvantaged, false) as economically_disadvantaged, a.home_language
     from team_student_scope s
     join users u on u.district_id = s.district_id and u.sourced_id = s.user_sourced_id and u.role = 'student'
     left join student_attributes a on a.district_id = s.district_id and a.user_sourced_id = s.user_sourced_id
     where s.district_id = $1 and s.team_sourced_id = $2
     order by s.user_sourced_id`,
    [districtId, definition.team],
  );
  const ids = students.map((s) => s.student);
  const data: LiveData = { students: ids, skills: [], mastery: [], flags: [], plans: [] };
  if (definition.gap) {
    const { a, b } = definition.gap;
    data.groups = { a: students.filter((s) => inGroup(s, a)).map((s) => s.student), b: students.filter((s) => inGroup(s, b)).map((s) => s.student) };
  }
  let firstData: number | null = null;
  switch (definition.kind) {
    case 'mastery_share': {
      const skills = definition.skills ?? (
        await sql.query<{ id: string }>('select skill_id::text as id from team_skill_sequences where district_id = $1 and team_sourced_id = $2 order by position', [districtId, definition.team])
      ).rows.map((r) => r.id);
      const { rows } = await sql.query<{ student: string; skill: string; state: 'learning' | 'mastered'; masteredAt: Date | string | null; firstAt: Date | string }>(
        `select student_sourced_id as student, skill_id::text as skill, state, mastered_at as "masteredAt", first_at as "firstAt"
         from mastery_estimates where district_id = $1 and student_sourced_id = any($2::text[]) and skill_id = any($3::uuid[])`,
        [districtId, ids, skills],
      );
      data.skills = skills;
      data.mastery = rows.map((r): MasteryRow => ({ student: r.student, skill: r.skill, state: r.state, masteredAt: ms(r.masteredAt) }));
      for (const r of rows) firstData = Math.min(firstData ?? Infinity, ms(r.firstAt)!);
      break;
    }
    case 'struggling': {
      const { rows } = await sql.query<{ student: string; since: Date | string; clearedAt: Date | string | null }>(
        `select student_sourced_id as student, since, cleared_at as "clearedAt" from learning_flags where district_id = $1 and student_sourced_id = any($2::text[])`,
        [districtId, ids],
      );
      data.flags = rows.map((r): FlagRow => ({ student: r.student, since: ms(r.since)!, clearedAt: ms(r.clearedAt) }));
      // Flags come from evidence: the series starts with the team's first evidence.
      const { rows: first } = await sql.query<{ at: Date | string | null }>(
        'select min(first_at) as at from mastery_estimates where district_id = $1 and student_sourced_id = any($2::text[])',
        [districtId, ids],
      );
      firstData = ms(first[0]?.at ?? null);
      break;
    }
    case 'regrouping_frequency':
    case 'adults_per_student': {
      // The day's plan is its latest publication.
      const { rows } = await sql.query<{ planDate: string; groups: PublishedPlan['groups'] }>(
        `select distinct on (plan_date) to_char(plan_date, 'YYYY-MM-DD') as "planDate", groups
         from team_day_publications where district_id = $1 and team_sourced_id = $2
         order by plan_date, version desc`,
        [districtId, definition.team],
      );
      data.plans = rows.map((r) => ({ planDate: r.planDate, groups: (typeof r.groups === 'string' ? JSON.parse(r.groups) : r.groups) as PublishedPlan['groups'] }));
      if (rows.length > 0) firstData = Date.parse(`${rows[0]!.planDate}T00:00:00Z`);
      break;
    }
  }
  return { data, firstData };
}

/** The definition's series as of `now`; an imported outcome's over the schools of the project's scope (or the one it names). */
export async function computeLiveValues(sql: Sql, districtId: string, definition: LiveDefinition, now: Date, projectId: string): Promise<MeasureValue[]> {
  if (definition.kind === 'imported_outcome') {
    const schools = definition.school ? [definition.school] : await schoolsOfProject(sql, districtId, projectId);
    return outcomeSeries(await outcomeRows(sql, districtId, definition.outcome, schools));
  }
  const { data, firstData } = await liveData(sql, districtId, definition);
  const periods = livePeriods(now.getTime(), definition.period, definition.periods, firstData);
  return computeLiveSeries(definition, data, periods);
}

const sameValues = (a: readonly MeasureValue[], b: readonly MeasureValue[]) =>
  a.length === b.length && a.every((v, i) => v.x === b[i]!.x && v.y === b[i]!.y && v.n === b[i]!.n);

/**
 * Recomputes every live measure of the project that has a definition and keeps
 * the values when they changed; stamps when it did so. Each measure's row is
 * locked first, so two readers recomputing at once take turns.
 */
export async function refreshLiveMeasures(
  db: Database,
  districtId: string,
  projectId: string,
  options: { measureId?: string; now?: Date } = {},
): Promise<void> {
  const now = options.now ?? new Date();
  const { rows } = await db.query<{ id: string; definition: unknown }>(
    `select id, live_definition as definition from improvement_measures
     where district_id = $1 and project_id = $2 and source = 'live' and live_definition is not null and ($3::uuid is null or id = $3::uuid)`,
    [districtId, projectId, options.measureId ?? null],
  );
  for (const row of rows) {
    let definition: LiveDefinition;
    try {
      definition = parseLiveDefinition(typeof row.definition === 'string' ? JSON.parse(row.definition) : row.definition, null);
    } catch (error) {
      // A definition stored by an older version that no longer parses keeps its last values rather than breaking every read.
      if (error instanceof LiveDefinitionError) continue;
      throw error;
    }
    await db.transaction(async (tx) => {
      await tx.query('select 1 from improvement_measures where district_id = $1 and id = $2 for update', [districtId, row.id]);
      const values = await computeLiveValues(tx, districtId, definition, now, projectId);
      if (!sameValues(values, await listValues(tx, districtId, row.id))) await replaceValues(tx, districtId, row.id, values);
      await tx.query('update improvement_measures set live_computed_at = $3 where district_id = $1 and id = $2', [districtId, row.id, now.toISOString()]);
    });
  }
}
