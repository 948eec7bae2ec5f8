/**
 * Stored xAPI statements: insert (with voiding), fetch by id, and the filtered,
 * paged query of the Statement Resource. Every query is limited to one district.
 */
import type { StatementIndex } from '../core/xapi/prepare.ts';
import type { JsonObject } from '../core/xapi/types.ts';
import type { Sql } from './database.ts';
import { jsonBytes, jsonbFromBytes } from './json-bytes.ts';

export interface StoredStatement {
  statement: JsonObject;
  isVoiding: boolean;
  voided: boolean;
}

/**
 * Serialises statement writes within a district until the transaction ends, so
 * that seq order is commit order there: a reader that remembers the last seq it
 * processed never skips a statement that commits late. Also makes the
 * "is this id stored already?" check and the insert one step.
 */
export async function lockDistrictStatements(tx: Sql, districtId: string): Promise<void> {
  await tx.query('select pg_advisory_xact_lock(7240502, hashtext($1))', [districtId]);
}

/**
 * The rows of a district's statements with these ids, looked up one primary-key
 * probe per id: a lateral subquery with a limit cannot be flattened into a
 * join, so it leaves the planner no other way. Written as
 * `id = any($2)` or a plain join, the planner, trusting statistics that lag
 * behind a table growing by thousands of rows a second (and that PGlite, with
 * no autovacuum, updates only when told), reads every statement of the
 * district instead, and each batch then costs more as the store grows.
 */
export const BY_IDS = `unnest($2::uuid[]) as wanted(id)
  cross join lateral (select * from xapi_statements t where t.district_id = $1 and t.id = wanted.id limit 1) s`;

/** The stored statements with these ids (lower-case UUIDs), by id. */
export async function findStatements(sql: Sql, districtId: string, ids: string[]): Promise<Map<string, StoredStatement>> {
  if (ids.length === 0) return new Map();
  const { rows } = await sql.query<{ id: string; statement: JsonObject; isVoiding: boolean; voided: boolean }>(
    `select s.id::text as id, s.statement, s.is_voiding as "isVoiding", s.voided_at is not null as voided from ${BY_IDS}`,
    [districtId, ids],
  );
  return new Map(rows.map((r) => [r.id, { statement: r.statement, isVoiding: r.isVoiding, voided: r.voided }]));
}

export interface NewStatement {
  statement: JsonObject;
  index: StatementIndex;
  /** ISO 8601. */
  stored: string;
}

const INSERT_CHUNK = 1000;

export interface InsertedStatements {
  /** The seq numbers the statements were given: seq order is commit order within a district. */
  firstSeq: number;
  lastSeq: number;
  /** Ids of statements stored voided, because their voiding statement arrived first. */
  voidedOnArrival: Set<string>;
}

/** A text[] value as a PostgreSQL array literal, so a batch's ragged arrays travel as one text[] parameter of literals. */
function arrayLiteral(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
}

/**
 * Inserts new statements (the caller has checked their ids are new) and applies
 * voiding: a voiding statement marks its target voided unless the target is
 * itself a voiding statement; a statement whose voiding statement arrived
 * first is stored voided. Each column of a chunk goes as one array parameter
 * (unnest), so a batch costs one short statement to parse, not sixteen
 * parameters a row.
 */
export async function insertStatements(sql: Sql, districtId: string, integrationId: string, statements: NewStatement[]): Promise<InsertedStatements> {
  let firstSeq = Infinity;
  let lastSeq = -Infinity;
  for (let start = 0; start < statements.length; start += INSERT_CHUNK) {
    const chunk = statements.slice(start, start + INSERT_CHUNK);
    const column = <T>(pick: (s: NewStatement) => T) => chunk.map(pick);
    const inserted = await sql.query<{ seq: number }>(
      `insert into xapi_statements (district_id, integration_id, id, statement, stored, "timestamp", verb_id, actor_ifi, object_type,
         object_activity_id, object_agent_ifi, object_statement_id, registration, is_voiding, related_activity_ids, related_agent_ifis)
       select $1::uuid, $2::uuid, r.id, j.statement, r.stored, r.ts, r.verb_id, r.actor_ifi, r.object_type, r.object_activity_id,
         r.object_agent_ifi, r.object_statement_id, r.registration, r.is_voiding, r.related_activity_ids::text[], r.related_agent_ifis::text[]
       from unnest($3::uuid[], $5::timestamptz[], $6::timestamptz[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[],
         $12::uuid[], $13::uuid[], $14::boolean[], $15::text[], $16::text[]) with ordinality
         as r(id, stored, ts, verb_id, actor_ifi, object_type, object_activity_id, object_agent_ifi,
              object_statement_id, registration, is_voiding, related_activity_ids, related_agent_ifis, ord)
       -- the statements travel as one JSON array, as bytes (src/db/json-bytes.ts): parsed once, not quoted as array elements and parsed again
       join jsonb_array_elements(${jsonbFromBytes('$4')}) with ordinality as j(statement, ord) on j.ord = r.ord
       -- seq follows the batch's order
       order by r.ord
       returning seq`,
      [
        districtId,
        integrationId,
        column((s) => s.index.id),
        jsonBytes(column((s) => s.statement)),
        column((s) => s.stored),
        column((s) => new Date(s.index.timestamp).toISOString()),
        column((s) => s.index.verbId),
        column((s) => s.index.actorIfi),
        column((s) => s.index.objectType),
        column((s) => s.index.objectActivityId),
        column((s) => s.index.objectAgentIfi),
        column((s) => s.index.objectStatementId),
        column((s) => s.index.registration),
        column((s) => s.index.isVoiding),
        column((s) => arrayLiteral(s.index.relatedActivityIds)),
        column((s) => arrayLiteral(s.index.relatedAgentIfis)),
      ],
    );
    for (const { seq } of inserted.rows) {
      firstSeq = Math.min(firstSeq, Number(seq));
      lastSeq = Math.max(lastSeq, Number(seq));
    }
  }
  const voiding = statements.filter((s) => s.index.isVoiding).map((s) => s.index.id);
  if (voiding.length > 0) {
    await sql.query(
      `update xapi_statements target set voided_at = voiding.stored
       from (select s.stored, s.object_statement_id from ${BY_IDS} where s.is_voiding) voiding
       where target.district_id = $1 and target.id = voiding.object_statement_id
         and not target.is_voiding and target.voided_at is null`,
      [districtId, voiding],
    );
  }
  // A voiding statement may arrive before its target: the target is then stored
  // voided. Looked up from the voiding side (a partial index on the targets), as
  // almost every batch has none: a probe per statement would cost far more.
  const attempts = statements.filter((s) => !s.index.isVoiding).map((s) => s.index.id);
  const voidedTargets =
    attempts.length === 0
      ? []
      : (
          await sql.query<{ id: string }>(
            `select v.object_statement_id::text as id from unnest($2::uuid[]) as wanted(id)
             cross join lateral (select object_statement_id from xapi_statements t
                                 where t.district_id = $1 and t.object_statement_id = wanted.id and t.is_voiding offset 0) v`,
            [districtId, attempts],
          )
        ).rows.map((r) => r.id);
  const voidedOnArrival =
    voidedTargets.length === 0
      ? { rows: [] }
      : await sql.query<{ id: string }>(
          `update xapi_statements target set voided_at = voiding.stored
           from unnest($2::uuid[]) as wanted(id), xapi_statements voiding
           where target.district_id = $1 and target.id = wanted.id and not target.is_voiding and target.voided_at is null
             and voiding.district_id = $1 and voiding.is_voiding and voiding.object_statement_id = target.id
           returning target.id::text as id`,
          [districtId, voidedTargets],
        );
  return { firstSeq, lastSeq, voidedOnArrival: new Set(voidedOnArrival.rows.map((r) => r.id)) };
}

/** One statement by id: a statement that is not voided, or (voided = true) one that is. */
export async function getStatement(sql: Sql, districtId: string, id: string, voided: boolean): Promise<JsonObject | null> {
  const { rows } = await sql.query<{ statement: JsonObject }>(
    `select statement from xapi_statements
     where district_id = $1 and id = $2::uuid and (voided_at is not null) = $3`,
    [districtId, id.toLowerCase(), voided],
  );
  return rows[0]?.statement ?? null;
}

export interface StatementFilter {
  agentIfi?: string;
  relatedAgents?: boolean;
  verbId?: string;
  activityId?: string;
  relatedActivities?: boolean;
  registration?: string;
  /** ISO 8601: stored after (exclusive). */
  since?: string;
  /** ISO 8601: stored at or before. */
  until?: string;
  ascending: boolean;
}

/** Where the previous page stopped: the last statement returned. */
export interface StatementCursor {
  stored: string;
  seq: number;
}

export interface StatementPage {
  statements: JsonObject[];
  /** Set when more statements follow. */
  next: StatementCursor | null;
}

/**
 * The statements matching the filter, not voided, ordered by stored time
 * (newest first unless ascending). As xAPI requires, a statement that targets
 * (through a StatementRef object, transitively) a statement matching the agent,
 * verb, activity and registration filters is included too; since and until
 * apply to the returned statements themselves.
 */
export async function queryStatements(
  sql: Sql,
  districtId: string,
  filter: StatementFilter,
  limit: number,
  cursor: StatementCursor | null,
): Promise<StatementPage> {
  const params: unknown[] = [districtId];
  const add = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const matching: string[] = [];
  if (filter.agentIfi !== undefined) {
    const p = add(filter.agentIfi);
    matching.push(filter.relatedAgents ? `related_agent_ifis @> array[${p}]::text[]` : `(actor_ifi = ${p} or object_agent_ifi = ${p})`);
  }
  if (filter.verbId !== undefined) matching.push(`verb_id = ${add(filter.verbId)}`);
  if (filter.activityId !== undefined) {
    const p = add(filter.activityId);
    matching.push(filter.relatedActivities ? `related_activity_ids @> array[${p}]::text[]` : `object_activity_id = ${p}`);
  }
  if (filter.registration !== undefined) matching.push(`registration = ${add(filter.registration.toLowerCase())}::uuid`);

  const outer: string[] = ['s.district_id = $1', 's.voided_at is null'];
  if (filter.since !== undefined) outer.push(`s.stored > ${add(filter.since)}::timestamptz`);
  if (filter.until !== undefined) outer.push(`s.stored <= ${add(filter.until)}::timestamptz`);
  const direction = filter.ascending ? 'asc' : 'desc';
  if (cursor) {
    const op = filter.ascending ? '>' : '<';
    outer.push(`(s.stored, s.seq) ${op} (${add(cursor.stored)}::timestamptz, ${add(cursor.seq)}::bigint)`);
  }
  const limitParam = add(limit + 1);

  const text =
    matching.length === 0
      ? `select s.seq, s.stored, s.statement from xapi_statements s
         where ${outer.join(' and ')}
         order by s.stored ${direction}, s.seq ${direction} limit ${limitParam}`
      : `with recursive matched(id) as (
           select id from xapi_statements where district_id = $1 and ${matching.join(' and ')}
           union
           select t.id from xapi_statements t join matched m on t.object_statement_id = m.id
           where t.district_id = $1
         )
         select s.seq, s.stored, s.statement from xapi_statements s join matched m on m.id = s.id
         where ${outer.join(' and ')}
         order by s.stored ${direction}, s.seq ${direction} limit ${limitParam}`;
  const { rows } = await sql.query<{ seq: number; stored: Date | string; statement: JsonObject }>(text, params);
  const more = rows.length > limit;
  const page = more ? rows.slice(0, limit) : rows;
  const last = page[page.length - 1];
  return {
    statements: page.map((r) => r.statement),
    next: more && last ? { stored: toIsoMicros(last.stored), seq: Number(last.seq) } : null,
  };
}

/** A timestamptz as text precise enough to page on (both drivers give a Date; microseconds are lost, so the seq breaks ties). */
function toIsoMicros(value: Date | string): string {
  return value instanceof Date ? value.toISOString() : value;
}

/** Stores attachment contents, once per district and hash. */
export async function saveAttachments(sql: Sql, districtId: string, attachments: { sha2: string; contentType: string; content: Buffer }[]): Promise<void> {
  for (const a of attachments) {
    await sql.query(
      `insert into xapi_attachments (district_id, sha2, content_type, content) values ($1, $2, $3, $4)
       on conflict (district_id, sha2) do nothing`,
      [districtId, a.sha2.toLowerCase(), a.contentType, a.content],
    );
  }
}

export async function loadAttachments(sql: Sql, districtId: string, hashes: string[]): Promise<Map<string, { contentType: string; content: Buffer }>> {
  if (hashes.length === 0) return new Map();
  const { rows } = await sql.query<{ sha2: string; contentType: string; content: Uint8Array }>(
    `select sha2, content_type as "contentType", content from xapi_attachments where district_id = $1 and sha2 = any($2::text[])`,
    [districtId, hashes.map((h) => h.toLowerCase())],
  );
  return new Map(rows.map((r) => [r.sha2, { contentType: r.contentType, content: Buffer.from(r.content.buffer, r.content.byteOffset, r.content.byteLength) }]));
}

/**
 * Merges each activity definition a statement gave into the stored one (the
 * Activities Resource returns it): later properties win, language maps gain languages.
 */
export async function saveActivityDefinitions(sql: Sql, districtId: string, definitions: Map<string, JsonObject>): Promise<void> {
  if (definitions.size === 0) return;
  // One statement for the batch; the map's ids are distinct, as one INSERT ... ON CONFLICT needs.
  await sql.query(
    `insert into xapi_activities (district_id, id, definition)
     select $1::uuid, d.id, d.definition::jsonb from unnest($2::text[], $3::text[]) as d(id, definition)
     on conflict (district_id, id) do update set
       definition = xapi_activities.definition || excluded.definition
         || jsonb_strip_nulls(jsonb_build_object(
              'name', (xapi_activities.definition->'name') || (excluded.definition->'name'),
              'description', (xapi_activities.definition->'description') || (excluded.definition->'description'))),
       updated_at = now()`,
    [districtId, [...definitions.keys()], [...definitions.values()].map((d) => JSON.stringify(d))],
  );
}

export async function getActivityDefinition(sql: Sql, districtId: string, id: string): Promise<JsonObject | null> {
  const { rows } = await sql.query<{ definition: JsonObject }>(`select definition from xapi_activities where district_id = $1 and id = $2`, [districtId, id]);
  return rows[0]?.definition ?? null;
}

/** Names an agent was given in the district's statements (for the Agents Resource's Person). */
export async function agentNames(sql: Sql, districtId: string, ifi: string): Promise<string[]> {
  const { rows } = await sql.query<{ name: string }>(
    `select distinct statement->'actor'->>'name' as name from xapi_statements
     where district_id = $1 and actor_ifi = $2 and statement->'actor'->>'name' is not null limit 20`,
    [districtId, ifi],
  );
  return rows.map((r) => r.name);
}
