/**
 * The SQL of mastery (migration 0007): the district's fitted model, the current
 * estimate per student and skill, and the struggling flags with their
 * acknowledgement. The code that fills them is src/learning/mastery.ts.
 */
import type { OpenFlag } from '../core/learning/flag-changes.ts';
import type { Flag, FlagKind } from '../core/learning/flags.ts';
import type { Flag as FlagResponse } from '../server/routes/learning-schemas.ts';
import type { Sql } from './database.ts';
import { jsonBytes, jsonbFromBytes } from './json-bytes.ts';

export interface ModelRow {
  kind: 'bkt' | 'logistic';
  /** The stored JSON (src/core/mastery/serialise.ts). */
  model: unknown;
  responses: number;
  students: number;
  skills: number;
  fittedAt: string;
}

export async function saveModel(sql: Sql, districtId: string, row: Omit<ModelRow, 'fittedAt'>): Promise<void> {
  await sql.query(
    `insert into mastery_models (district_id, kind, model, responses, students, skills, fitted_at)
     values ($1, $2, $3::jsonb, $4, $5, $6, clock_timestamp())
     on conflict (district_id) do update set kind = excluded.kind, model = excluded.model, responses = excluded.responses,
       students = excluded.students, skills = excluded.skills, fitted_at = excluded.fitted_at`,
    [districtId, row.kind, JSON.stringify(row.model), row.responses, row.students, row.skills],
  );
}

/** When the district's model was fitted (null: none), so a cached model can be reused until it changes. */
export async function modelFittedAt(sql: Sql, districtId: string): Promise<string | null> {
  const { rows } = await sql.query<{ fittedAt: Date | string }>('select fitted_at as "fittedAt" from mastery_models where district_id = $1', [districtId]);
  return rows[0] ? new Date(rows[0].fittedAt).toISOString() : null;
}

export async function loadModel(sql: Sql, districtId: string): Promise<ModelRow | null> {
  const { rows } = await sql.query<ModelRow & { fittedAt: Date | string }>(
    `select kind, model, responses, students, skills, fitted_at as "fittedAt" from mastery_models where district_id = $1`,
    [districtId],
  );
  const row = rows[0];
  return row ? { ...row, fittedAt: new Date(row.fittedAt).toISOString() } : null;
}

export interface EvidenceRow {
  student: string;
  skill: string;
  /** Milliseconds since the epoch. */
  at: number;
  correct: boolean;
}

interface RawEvidence {
  student: string;
  skill: string;
  /** Milliseconds since 1970 (float8): a number to both drivers, where a timestamp costs a date parse a row. */
  at: number | string;
  correct: boolean;
}

const toEvidence = (row: RawEvidence): EvidenceRow => ({ student: row.student, skill: row.skill, at: Number(row.at), correct: row.correct });
/** SQL: an evidence row's occurred_at as whole milliseconds since 1970, what `toEvidence` reads (`row`: the table or its alias). */
const occurredMs = (row: string) => `floor(date_part('epoch', ${row}.occurred_at) * 1000)`;

/** Every piece of evidence in the district: what a fit learns from. */
export async function districtEvidence(sql: Sql, districtId: string): Promise<EvidenceRow[]> {
  const { rows } = await sql.query<RawEvidence>(
    `select student_sourced_id as student, skill_id::text as skill, ${occurredMs('evidence')} as at, correct
     from evidence where district_id = $1 order by student_sourced_id, occurred_at, source_kind, source_key, skill_id`,
    [districtId],
  );
  return rows.map(toEvidence);
}

/**
 * A row's fingerprint: its skill, outcome and time (whole milliseconds), hashed
 * to an int4. The sum over a student's rows tells whether rows already read
 * are still there unchanged, without sending them again.
 */
const fingerprint = (e: string) => `hashtext(${e}.skill_id::text || ':' || ${e}.correct::text || ':' || ${occurredMs(e)}::text)`;

export interface ReadThrough {
  student: string;
  /** The time (ms) of the last row read before: rows up to it were read. */
  through: number;
  /** How many rows up to then were read, and the sum of their fingerprints. */
  count: number;
  fingerprint: number;
}

export interface StudentEvidence {
  /** All the student's rows (complete), or only those after `through` (the rows read before are unchanged). */
  complete: boolean;
  rows: EvidenceRow[];
  /** The sum of the returned rows' fingerprints. */
  fingerprint: number;
}

/**
 * The evidence of some students, in time order per student, for the mastery
 * updater: for a student it read before (given in `read`), only the rows
 * after that read, when the rows up to it are still there unchanged (same
 * count and fingerprint sum); otherwise, and for other students, all rows. A
 * refresh after new evidence then moves the new rows, not a year of them.
 */
export async function newEvidenceOfStudents(
  sql: Sql,
  districtId: string,
  students: readonly string[],
  read: ReadonlyMap<string, ReadThrough>,
): Promise<Map<string, StudentEvidence>> {
  const known = students.map((s) => read.get(s)).filter((r): r is ReadThrough => r !== undefined);
  const unchanged = new Map<string, number>();
  if (known.length > 0) {
    // Up to `through` inclusive is before the next whole millisecond.
    const { rows } = await sql.query<{ student: string; count: number; fingerprint: number | string }>(
      `select w.student, e.count, e.fingerprint
       from unnest($2::text[], $3::float8[]) as w(student, through)
       cross join lateral (
         select count(*)::int as count, coalesce(sum(${fingerprint('e')}), 0) as fingerprint from evidence e
         where e.district_id = $1 and e.student_sourced_id = w.student and e.occurred_at < to_timestamp((w.through + 1) / 1000.0)
       ) e`,
      [districtId, known.map((r) => r.student), known.map((r) => r.through)],
    );
    for (const row of rows) {
      const before = read.get(row.student)!;
      if (row.count === before.count && Number(row.fingerprint) === before.fingerprint) unchanged.set(row.student, before.through);
    }
  }
  const { rows } = await sql.query<RawEvidence & { fingerprint: number }>(
    `select e.student_sourced_id as student, e.skill_id::text as skill, ${occurredMs('e')} as at, e.correct,
            ${fingerprint('e')} as fingerprint
     from unnest($2::text[], $3::float8[]) as w(student, after)
     cross join lateral (
       select * from evidence e where e.district_id = $1 and e.student_sourced_id = w.student
         and e.occurred_at >= coalesce(to_timestamp((w.after + 1) / 1000.0), '-infinity')
       -- not flattened into a join: one index range per student, whatever the statistics say
       offset 0
     ) e
     order by e.student_sourced_id, e.occurred_at, e.source_kind, e.source_key, e.skill_id`,
    [districtId, students, students.map((s) => unchanged.get(s) ?? null)],
  );
  const result = new Map<string, StudentEvidence>(students.map((s) => [s, { complete: !unchanged.has(s), rows: [], fingerprint: 0 }]));
  for (const row of rows) {
    const entry = result.get(row.student)!;
    entry.rows.push(toEvidence(row));
    entry.fingerprint += row.fingerprint;
  }
  return result;
}

/** Students with any evidence or any estimate (an estimate may be left from evidence since removed). */
export async function studentsToEstimate(sql: Sql, districtId: string): Promise<string[]> {
  const { rows } = await sql.query<{ student: string }>(
    `select student_sourced_id as student from evidence where district_id = $1
     union select student_sourced_id from mastery_estimates where district_id = $1
     order by 1`,
    [districtId],
  );
  return rows.map((r) => r.student);
}

/** How sentences name skills: the code (e.g. 6.RP.3), else the name. */
export async function skillLabels(sql: Sql, districtId: string, skills: readonly string[]): Promise<Map<string, string>> {
  if (skills.length === 0) return new Map();
  const { rows } = await sql.query<{ id: string; label: string }>(
    `select id::text as id, coalesce(nullif(code, ''), name) as label from skills where district_id = $1 and id = any($2::uuid[])`,
    [districtId, skills],
  );
  return new Map(rows.map((r) => [r.id, r.label]));
}

/** Students' names as teams know them, for the sentences. */
export async function studentNames(sql: Sql, districtId: string, students: readonly string[]): Promise<Map<string, string>> {
  if (students.length === 0) return new Map();
  const { rows } = await sql.query<{ id: string; name: string }>(
    `select sourced_id as id, coalesce(nullif(preferred_given_name, ''), given_name) as name
     from users where district_id = $1 and sourced_id = any($2::text[])`,
    [districtId, students],
  );
  return new Map(rows.map((r) => [r.id, r.name]));
}

export interface EstimateWrite {
  student: string;
  skill: string;
  known: number;
  nextCorrect: number;
  state: 'learning' | 'mastered';
  attempts: number;
  rightCount: number;
  firstAt: string;
  lastAt: string;
  masteredAt: string | null;
  explanation: string;
}

/**
 * Writes the estimates of the given students: upserts `estimates` and removes
 * their other estimates (skills whose evidence has gone). `updated_at` is the
 * wall clock at the write, so latency can be measured from it.
 */
export async function replaceStudentEstimates(sql: Sql, districtId: string, students: readonly string[], estimates: readonly EstimateWrite[]): Promise<void> {
  if (students.length === 0) return;
  await sql.query(
    `delete from mastery_estimates m where m.district_id = $1 and m.student_sourced_id = any($2::text[])
       and not exists (select 1 from jsonb_to_recordset($3::jsonb) as k(student text, skill uuid)
                       where k.student = m.student_sourced_id and k.skill = m.skill_id)`,
    [districtId, students, JSON.stringify(estimates.map(({ student, skill }) => ({ student, skill })))],
  );
  if (estimates.length === 0) return;
  await sql.query(
    `insert into mastery_estimates (district_id, student_sourced_id, skill_id, known, next_correct, state, attempts, right_count,
                                    first_at, last_at, mastered_at, explanation, updated_at)
     select $1::uuid, r.student, r.skill, r.known, r."nextCorrect", r.state, r.attempts, r."rightCount",
            r."firstAt", r."lastAt", r."masteredAt", r.explanation, clock_timestamp()
     from jsonb_to_recordset(${jsonbFromBytes('$2')}) as r(student text, skill uuid, known double precision, "nextCorrect" double precision, state text,
          attempts integer, "rightCount" integer, "firstAt" timestamptz, "lastAt" timestamptz, "masteredAt" timestamptz, explanation text)
     on conflict (district_id, student_sourced_id, skill_id) do update
       set known = excluded.known, next_correct = excluded.next_correct, state = excluded.state, attempts = excluded.attempts,
           right_count = excluded.right_count, first_at = excluded.first_at, last_at = excluded.last_at,
           mastered_at = excluded.mastered_at, explanation = excluded.explanation, updated_at = excluded.updated_at`,
    [districtId, jsonBytes(estimates)],
  );
}

/** Open flags of the given kinds, of some students or (null) of the whole district. */
export async function openFlags(sql: Sql, districtId: string, students: readonly string[] | null, kinds: readonly FlagKind[]): Promise<OpenFlag[]> {
  const { rows } = await sql.query<OpenFlag>(
    `select id::text as id, student_sourced_id as student, kind, skill_id::text as skill, reason
     from learning_flags
     where district_id = $1 and cleared_at is null and kind = any($2::text[]) and ($3::text[] is null or student_sourced_id = any($3::text[]))
     order by raised_at, id`,
    [districtId, kinds, students],
  );
  return rows;
}

/** Raises, clears and rewords flags (src/core/learning/flag-changes.ts); never deletes one. */
export async function writeFlagChanges(
  sql: Sql,
  districtId: string,
  changes: { raise: readonly Flag[]; clear: readonly string[]; reword: readonly { id: string; reason: string }[] },
  now: Date,
): Promise<void> {
  if (changes.clear.length > 0) {
    await sql.query('update learning_flags set cleared_at = $3 where district_id = $1 and id = any($2::uuid[]) and cleared_at is null', [
      districtId,
      changes.clear,
      now.toISOString(),
    ]);
  }
  if (changes.reword.length > 0) {
    await sql.query(
      `update learning_flags f set reason = r.reason
       from jsonb_to_recordset($2::jsonb) as r(id uuid, reason text)
       where f.district_id = $1 and f.id = r.id`,
      [districtId, JSON.stringify(changes.reword)],
    );
  }
  if (changes.raise.length > 0) {
    await sql.query(
      `insert into learning_flags (district_id, student_sourced_id, kind, skill_id, reason, since, raised_at)
       select $1::uuid, r.student, r.kind, r.skill, r.reason, r.since, $3
       from jsonb_to_recordset($2::jsonb) as r(student text, kind text, skill uuid, reason text, since timestamptz)
       on conflict do nothing`,
      [districtId, JSON.stringify(changes.raise), now.toISOString()],
    );
  }
}

/** Each student's latest evidence time among their estimates: what inactivity is measured from. */
export async function lastEvidenceTimes(sql: Sql, districtId: string): Promise<Map<string, string>> {
  const { rows } = await sql.query<{ student: string; last: Date | string }>(
    'select student_sourced_id as student, max(last_at) as last from mastery_estimates where district_id = $1 group by student_sourced_id',
    [districtId],
  );
  return new Map(rows.map((r) => [r.student, new Date(r.last).toISOString()]));
}

export interface TeamStanding {
  team: string;
  /** Skills of the team's sequence started by `today` (no start date counts as started), in order. */
  sequence: string[];
  /** The team's students with how many of those skills each has mastered. */
  students: { student: string; mastered: number }[];
}

/** For every team with a skill sequence: its students and their mastered count over the part of the sequence begun by `today`. */
export async function teamStandings(sql: Sql, districtId: string, today: string): Promise<TeamStanding[]> {
  const sequences = await sql.query<{ team: string; skill: string }>(
    `select team_sourced_id as team, skill_id::text as skill from team_skill_sequences
     where district_id = $1 and (starts_on is null or starts_on <= $2::date)
     order by team_sourced_id, position`,
    [districtId, today],
  );
  const students = await sql.query<{ team: string; student: string; mastered: number }>(
    `select s.team_sourced_id as team, s.user_sourced_id as student,
            (select count(*)::int from mastery_estimates m
             join team_skill_sequences q on q.district_id = m.district_id and q.skill_id = m.skill_id
             where m.district_id = s.district_id and m.student_sourced_id = s.user_sourced_id and m.state = 'mastered'
               and q.team_sourced_id = s.team_sourced_id and (q.starts_on is null or q.starts_on <= $2::date)) as mastered
     from team_student_scope s
     where s.district_id = $1 and s.team_sourced_id in (select team_sourced_id from team_skill_sequences where district_id = $1)
     order by s.team_sourced_id, s.user_sourced_id`,
    [districtId, today],
  );
  const byTeam = new Map<string, TeamStanding>();
  for (const { team, skill } of sequences.rows) {
    const standing = byTeam.get(team) ?? { team, sequence: [], students: [] };
    standing.sequence.push(skill);
    byTeam.set(team, standing);
  }
  for (const { team, student, mastered } of students.rows) byTeam.get(team)?.students.push({ student, mastered });
  return [...byTeam.values()];
}

/** A flag as the flags API returns it: the `Flag` schema is the one description of it. */
export type FlagView = FlagResponse;

const FLAG_COLUMNS = `id::text as id, student_sourced_id as student, kind, skill_id::text as skill, reason, since, raised_at as "raisedAt",
  cleared_at as "clearedAt", acknowledged_at as "acknowledgedAt", acknowledged_by::text as "acknowledgedBy",
  owner_sourced_id as owner, note`;

type RawFlag = Omit<FlagView, 'since' | 'raisedAt' | 'clearedAt' | 'acknowledgedAt'> & Record<'since' | 'raisedAt' | 'clearedAt' | 'acknowledgedAt', Date | string | null>;

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());
const toFlagView = (row: RawFlag): FlagView => ({
  ...row,
  since: iso(row.since)!,
  raisedAt: iso(row.raisedAt)!,
  clearedAt: iso(row.clearedAt),
  acknowledgedAt: iso(row.acknowledgedAt),
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function findFlag(sql: Sql, districtId: string, id: string): Promise<FlagView | null> {
  if (!UUID.test(id)) return null;
  const { rows } = await sql.query<RawFlag>(`select ${FLAG_COLUMNS} from learning_flags where district_id = $1 and id = $2`, [districtId, id]);
  return rows[0] ? toFlagView(rows[0]) : null;
}

/** Every flag of a student, newest first: the history acknowledgements leave. */
export async function studentFlagHistory(sql: Sql, districtId: string, student: string): Promise<FlagView[]> {
  const { rows } = await sql.query<RawFlag>(
    `select ${FLAG_COLUMNS} from learning_flags where district_id = $1 and student_sourced_id = $2 order by raised_at desc, id`,
    [districtId, student],
  );
  return rows.map(toFlagView);
}

/** Records who acknowledged a flag, its owner and note; returns the flag as it now stands. */
export async function acknowledgeFlag(
  sql: Sql,
  districtId: string,
  id: string,
  ack: { accountId: string; owner: string | null; note: string },
): Promise<FlagView | null> {
  const { rows } = await sql.query<RawFlag>(
    `update learning_flags set acknowledged_at = clock_timestamp(), acknowledged_by = $3, owner_sourced_id = $4, note = $5
     where district_id = $1 and id = $2
     returning ${FLAG_COLUMNS}`,
    [districtId, id, ack.accountId, ack.owner, ack.note],
  );
  return rows[0] ? toFlagView(rows[0]) : null;
}

/** Whether a staff member of the district exists with that sourcedId (an owner must be an adult). */
export async function isStaff(sql: Sql, districtId: string, sourcedId: string): Promise<boolean> {
  const { rows } = await sql.query(`select 1 from users where district_id = $1 and sourced_id = $2 and role <> 'student'`, [districtId, sourcedId]);
  return rows.length > 0;
}

/** Open flags by kind in the district. */
export async function openFlagCounts(sql: Sql, districtId: string): Promise<Record<FlagKind, number>> {
  const { rows } = await sql.query<{ kind: FlagKind; count: number }>(
    'select kind, count(*)::int as count from learning_flags where district_id = $1 and cleared_at is null group by kind',
    [districtId],
  );
  const counts: Record<FlagKind, number> = { wheel_spinning: 0, regression: 0, inactive: 0, behind: 0 };
  for (const row of rows) counts[row.kind] = row.count;
  return counts;
}

/**
 * Students whose evidence no longer matches their estimates (attempts, right
 * answers or the last time differ, or a pair has evidence without an estimate
 * or the reverse): what an import has changed, including evidence it removed.
 */
export async function staleStudents(sql: Sql, districtId: string): Promise<string[]> {
  const { rows } = await sql.query<{ student: string }>(
    `select distinct coalesce(e.student, m.student_sourced_id) as student
     from (select student_sourced_id as student, skill_id as skill, count(*)::int as attempts,
                  count(*) filter (where correct)::int as right_count, max(occurred_at) as last_at
           from evidence where district_id = $1 group by student_sourced_id, skill_id) e
     full join (select * from mastery_estimates where district_id = $1) m
       on m.student_sourced_id = e.student and m.skill_id = e.skill
     where e.attempts is distinct from m.attempts or e.right_count is distinct from m.right_count
        -- estimates keep times to the millisecond; evidence may hold microseconds
        or abs(extract(epoch from e.last_at - m.last_at)) >= 0.001
     order by 1`,
    [districtId],
  );
  return rows.map((r) => r.student);
}

/** Records that the district flag pass ran at `at` (table flag_passes). */
export async function recordFlagPass(sql: Sql, districtId: string, at: Date): Promise<void> {
  await sql.query(
    `insert into flag_passes (district_id, passed_at) values ($1, $2)
     on conflict (district_id) do update set passed_at = excluded.passed_at`,
    [districtId, at.toISOString()],
  );
}

/** Every district with when its flag pass last ran; null if it never has. */
export async function flagPassTimes(sql: Sql): Promise<{ districtId: string; passedAt: Date | null }[]> {
  const { rows } = await sql.query<{ districtId: string; passedAt: Date | string | null }>(
    `select d.id::text as "districtId", p.passed_at as "passedAt"
     from districts d left join flag_passes p on p.district_id = d.id
     order by d.id`,
  );
  return rows.map((r) => ({ districtId: r.districtId, passedAt: r.passedAt === null ? null : new Date(r.passedAt) }));
}
