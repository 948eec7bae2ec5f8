/**
 * The SQL between stored xAPI statements (xapi_statements, see docs/xapi.md)
 * and evidence: which statements still need mapping, the students, skills and
 * activity mappings a batch names, the unmapped record, and its summary.
 */
import type { ActivitySkill, LookupKeys, UnmappedReason } from '../core/learning/statement-evidence.ts';
import type { SkillIdentity } from '../core/learning/skills.ts';
import type { StudentIdentity } from '../core/learning/students.ts';
import type { Sql } from './database.ts';
import { BY_IDS } from './xapi-statements.ts';

export interface StatementRow {
  seq: number;
  id: string;
  statement: unknown;
}

/**
 * The statements to map among the next `limit` attempts (neither voiding nor
 * voided) stored after `afterSeq`: those never mapped, and with `recheck` those
 * unmapped last time. Returns them and the last seq looked at (null: no more).
 * The outcomes are looked up by key for the window, rather than anti-joined,
 * so the plan stays an index lookup whatever the table statistics say.
 */
export async function statementsToMap(
  sql: Sql,
  districtId: string,
  afterSeq: number,
  limit: number,
  recheck: boolean,
): Promise<{ rows: StatementRow[]; lastSeq: number | null }> {
  const window = await sql.query<{ seq: number; id: string }>(
    `select seq, id::text as id from xapi_statements
     where district_id = $1 and seq > $2 and not is_voiding and voided_at is null
     order by seq limit $3`,
    [districtId, afterSeq, limit],
  );
  const last = window.rows[window.rows.length - 1];
  if (!last) return { rows: [], lastSeq: null };
  const ids = window.rows.map((r) => r.id);
  const mapped = await sql.query<{ id: string }>(
    `select distinct source_key as id from evidence where district_id = $1 and source_kind = 'xapi' and source_key = any($2::text[])`,
    [districtId, ids],
  );
  const done = new Set(mapped.rows.map((r) => r.id));
  if (!recheck) {
    const unmapped = await sql.query<{ id: string }>(
      'select statement_id as id from unmapped_statements where district_id = $1 and statement_id = any($2::text[])',
      [districtId, ids],
    );
    for (const { id } of unmapped.rows) done.add(id);
  }
  const todo = ids.filter((id) => !done.has(id));
  const { rows } = todo.length === 0 ? { rows: [] } : await sql.query<StatementRow>(
    `select s.seq, s.id::text as id, s.statement from ${BY_IDS} order by s.seq`,
    [districtId, todo],
  );
  return { rows, lastSeq: Number(last.seq) };
}

/** The given statements that are attempts (not voiding, not voided). */
export async function statementsByIds(sql: Sql, districtId: string, ids: string[]): Promise<StatementRow[]> {
  if (ids.length === 0) return [];
  const { rows } = await sql.query<StatementRow>(
    `select s.seq, s.id::text as id, s.statement from ${BY_IDS}
     where not s.is_voiding and s.voided_at is null
     order by s.seq`,
    [districtId, ids],
  );
  return rows;
}

/** Removes the evidence and unmapped records of statements voided (since a time); returns how many evidence rows went, and whose. */
export async function forgetVoidedStatements(sql: Sql, districtId: string, since: string | null): Promise<{ removed: number; students: string[] }> {
  const { rows } = await sql.query<{ id: string }>(
    `select id::text as id from xapi_statements
     where district_id = $1 and voided_at is not null and ($2::timestamptz is null or voided_at > $2::timestamptz)`,
    [districtId, since],
  );
  return forgetStatements(sql, districtId, rows.map((r) => r.id));
}

export interface SyncCursor {
  lastSeq: number;
  /** ISO 8601: when the sync that got there started. */
  syncedAt: string;
}

export async function syncCursor(sql: Sql, districtId: string): Promise<SyncCursor | null> {
  const { rows } = await sql.query<{ lastSeq: number; syncedAt: Date | string }>(
    'select last_seq as "lastSeq", synced_at as "syncedAt" from statement_evidence_cursors where district_id = $1',
    [districtId],
  );
  const row = rows[0];
  return row ? { lastSeq: Number(row.lastSeq), syncedAt: new Date(row.syncedAt).toISOString() } : null;
}

export async function saveSyncCursor(sql: Sql, districtId: string, cursor: SyncCursor): Promise<void> {
  await sql.query(
    `insert into statement_evidence_cursors (district_id, last_seq, synced_at) values ($1, $2, $3)
     on conflict (district_id) do update set last_seq = excluded.last_seq, synced_at = excluded.synced_at`,
    [districtId, cursor.lastSeq, cursor.syncedAt],
  );
}

/**
 * Moves the cursor over statements the LRS has just stored and mapped (seq
 * firstSeq..lastSeq, in the transaction that stored them, under the district's
 * statement lock), but only when it already stands at the statement before
 * them: a gap means something stored earlier was not mapped, and the next
 * `trellis learning sync` must still read it.
 */
export async function advanceSyncCursor(sql: Sql, districtId: string, firstSeq: number, lastSeq: number, syncedAt: string): Promise<void> {
  await sql.query(
    `insert into statement_evidence_cursors (district_id, last_seq, synced_at)
     select $1, $3, $4
     where (select coalesce(max(seq), 0) from xapi_statements where district_id = $1 and seq < $2)
        <= coalesce((select last_seq from statement_evidence_cursors where district_id = $1), 0)
     on conflict (district_id) do update set last_seq = excluded.last_seq, synced_at = excluded.synced_at`,
    [districtId, firstSeq, lastSeq, syncedAt],
  );
}

/** Removes the evidence and unmapped records of the statements; returns the students whose evidence went. */
async function forgetStatements(sql: Sql, districtId: string, ids: string[]): Promise<{ removed: number; students: string[] }> {
  if (ids.length === 0) return { removed: 0, students: [] };
  await sql.query('delete from unmapped_statements where district_id = $1 and statement_id = any($2::text[])', [districtId, ids]);
  const { rows, rowCount } = await sql.query<{ student: string }>(
    `delete from evidence where district_id = $1 and source_kind = 'xapi' and source_key = any($2::text[]) returning student_sourced_id as student`,
    [districtId, ids],
  );
  return { removed: rowCount, students: [...new Set(rows.map((r) => r.student))] };
}

/** Removes the evidence and unmapped records of the statements that the given (voiding) statements void; returns the students whose evidence went. */
export async function forgetVoidedTargets(sql: Sql, districtId: string, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const { rows } = await sql.query<{ id: string }>(
    `select s.object_statement_id::text as id from ${BY_IDS} where s.is_voiding`,
    [districtId, ids],
  );
  return (await forgetStatements(sql, districtId, rows.map((r) => r.id))).students;
}

/** Every evidence row and unmapped record derived from statements, and the sync cursor: for a rebuild. */
export async function forgetStatementEvidence(sql: Sql, districtId: string): Promise<void> {
  await sql.query(`delete from evidence where district_id = $1 and source_kind = 'xapi'`, [districtId]);
  await sql.query('delete from unmapped_statements where district_id = $1', [districtId]);
  await sql.query('delete from statement_evidence_cursors where district_id = $1', [districtId]);
}

/** The students a batch names (by any key), so the batch resolves them exactly as against the whole district. */
export async function studentsNamed(sql: Sql, districtId: string, keys: LookupKeys): Promise<StudentIdentity[]> {
  const { rows } = await sql.query<StudentIdentity>(
    `select sourced_id as "sourcedId", identifier, username, email from users
     where district_id = $1 and role = 'student'
       and ($4 or sourced_id = any($2::text[]) or identifier = any($2::text[]) or username = any($2::text[])
            or lower(email) = any($3::text[]))`,
    [districtId, keys.names, [...keys.emails, ...keys.names.map((n) => n.toLowerCase())], keys.hashedEmails],
  );
  return rows;
}

/** The skills a batch's activities could be: by CASE URI, or by the CASE identifier an IRI ends with. */
export async function skillsNamed(sql: Sql, districtId: string, keys: LookupKeys): Promise<SkillIdentity[]> {
  const { rows } = await sql.query<SkillIdentity>(
    `select s.id, s.code, s.case_identifier as "caseIdentifier", s.case_uri as "caseUri", f.title as framework
     from skills s join skill_frameworks f on f.district_id = s.district_id and f.id = s.framework_id
     where s.district_id = $1 and (s.case_uri = any($2::text[]) or lower(s.case_identifier) = any($3::text[]))`,
    [districtId, keys.activities, keys.identifiers],
  );
  return rows;
}

export async function activityMappingsNamed(sql: Sql, districtId: string, keys: LookupKeys): Promise<ActivitySkill[]> {
  const { rows } = await sql.query<ActivitySkill>(
    'select program, activity, skill_id as "skillId" from activity_skills where district_id = $1 and activity = any($2::text[])',
    [districtId, keys.activities],
  );
  return rows;
}

export interface UnmappedRow {
  statement_id: string;
  reason: UnmappedReason;
  activity_id: string | null;
  platform: string | null;
  actor: string | null;
  occurred_at: string | null;
}

/** Records why statements map to nothing, and forgets that for `mapped` statements that now do. */
export async function recordUnmapped(sql: Sql, districtId: string, unmapped: UnmappedRow[], mapped: string[]): Promise<void> {
  if (mapped.length > 0) {
    await sql.query('delete from unmapped_statements where district_id = $1 and statement_id = any($2::text[])', [districtId, mapped]);
  }
  if (unmapped.length === 0) return;
  await sql.query(
    `insert into unmapped_statements (district_id, statement_id, reason, activity_id, platform, actor, occurred_at)
     select $1::uuid, r.statement_id, r.reason, r.activity_id, r.platform, r.actor, r.occurred_at
     from jsonb_to_recordset($2::jsonb)
       as r(statement_id text, reason text, activity_id text, platform text, actor text, occurred_at timestamptz)
     on conflict (district_id, statement_id) do update
       set reason = excluded.reason, activity_id = excluded.activity_id, platform = excluded.platform,
           actor = excluded.actor, occurred_at = excluded.occurred_at, recorded_at = now()
       where (unmapped_statements.reason, unmapped_statements.activity_id, unmapped_statements.platform,
              unmapped_statements.actor, unmapped_statements.occurred_at)
         is distinct from (excluded.reason, excluded.activity_id, excluded.platform, excluded.actor, excluded.occurred_at)`,
    [districtId, JSON.stringify(unmapped)],
  );
}

export interface UnmappedCount {
  count: number;
}

export interface UnmappedSummary {
  total: number;
  /** Statements stored, for scale: how many of them the unmapped are. */
  statements: number;
  byReason: (UnmappedCount & { reason: UnmappedReason })[];
  byActivity: (UnmappedCount & { reason: UnmappedReason; activityId: string | null; platform: string | null })[];
  byActor: (UnmappedCount & { reason: UnmappedReason; actor: string | null })[];
}

/** Counts of unmapped statements by reason, and the most frequent activities and actors behind them. */
export async function unmappedSummary(sql: Sql, districtId: string, top: number): Promise<UnmappedSummary> {
  const byReason = await sql.query<UnmappedSummary['byReason'][number]>(
    `select reason, count(*)::int as count from unmapped_statements where district_id = $1 group by reason order by count desc, reason`,
    [districtId],
  );
  const byActivity = await sql.query<UnmappedSummary['byActivity'][number]>(
    `select reason, activity_id as "activityId", platform, count(*)::int as count
     from unmapped_statements where district_id = $1 and reason <> 'no student'
     group by reason, activity_id, platform order by count desc, activity_id, platform limit $2`,
    [districtId, top],
  );
  const byActor = await sql.query<UnmappedSummary['byActor'][number]>(
    `select reason, actor, count(*)::int as count
     from unmapped_statements where district_id = $1 and reason = 'no student'
     group by reason, actor order by count desc, actor limit $2`,
    [districtId, top],
  );
  const statements = await sql.query<{ n: number }>('select count(*)::int as n from xapi_statements where district_id = $1', [districtId]);
  return {
    total: byReason.rows.reduce((sum, r) => sum + r.count, 0),
    statements: statements.rows[0]!.n,
    byReason: byReason.rows,
    byActivity: byActivity.rows,
    byActor: byActor.rows,
  };
}
