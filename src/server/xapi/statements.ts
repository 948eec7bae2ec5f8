/**
 * The Statement Resource (xAPI 1.0.3 Communication 2.1): PUT one statement by id,
 * POST one or a batch, GET one (statementId, voidedStatementId) or a filtered,
 * paged StatementResult. Statements may come as JSON or as multipart/mixed with
 * their attachments; a batch is stored whole or not at all.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import { sameStatement } from '../../core/xapi/compare.ts';
import { formatStatement, parseAcceptLanguage, type StatementFormat } from '../../core/xapi/format.ts';
import { boundaryOf, InvalidMultipart, parseMultipart, writeMultipart, type Part } from '../../core/xapi/multipart.ts';
import { indexStatement, prepareStatement } from '../../core/xapi/prepare.ts';
import { checkSignature, isSignatureAttachment } from '../../core/xapi/signature.ts';
import type { Json, JsonObject } from '../../core/xapi/types.ts';
import { InvalidStatement, isObject, validateStatement } from '../../core/xapi/validate.ts';
import type { Database, Sql } from '../../db/database.ts';
import {
  findStatements,
  getStatement,
  insertStatements,
  loadAttachments,
  lockDistrictStatements,
  queryStatements,
  saveActivityDefinitions,
  saveAttachments,
  type StatementCursor,
  type StatementFilter,
} from '../../db/xapi-statements.ts';
import { mapNewStatements } from '../../ingest/statements/index.ts';
import { notifyStatementsStored } from '../../learning/updater.ts';
import { Problem } from '../problem.ts';
import { GroupCommit } from './group-commit.ts';
import type { XapiCaller } from './auth.ts';
import { agentParam, booleanParam, iriParam, onlyParams, timestampParam, uuidParam } from './params.ts';
import type { XapiRequest } from './request.ts';

export const STATEMENTS_PATH = '/xapi/statements';
/** Statements per page when the request gives no limit (or limit=0), and the most a page holds. */
export const MAX_PAGE = 200;

const QUERY_PARAMS = ['agent', 'verb', 'activity', 'registration', 'related_activities', 'related_agents', 'since', 'until', 'limit', 'format', 'attachments', 'ascending'];
const SINGLE_PARAMS = ['statementId', 'voidedStatementId', 'format', 'attachments'];

interface Attachment {
  sha2: string;
  contentType: string;
  content: Buffer;
}

export function statementResource(db: Database) {
  return {
    GET: (x: XapiRequest, caller: XapiCaller, reply: FastifyReply) => getStatements(db, x, caller, reply),
    PUT: async (x: XapiRequest, caller: XapiCaller, reply: FastifyReply) => {
      onlyParams(x.params, ['statementId']);
      const statementId = uuidParam(x.params, 'statementId');
      if (!statementId) throw new Problem(400, 'PUT a statement with the parameter "statementId".');
      const { statements, attachments } = readStatements(x);
      if (Array.isArray(statements)) throw new Problem(400, 'PUT takes one statement; POST a batch (an array).');
      validate(statements, 'statement');
      if (statements.id !== undefined && String(statements.id).toLowerCase() !== statementId) {
        throw new Problem(400, `The statement's id ${String(statements.id)} differs from the statementId parameter ${statementId}.`);
      }
      const withId = { ...statements, id: statementId };
      checkAttachments([withId], attachments);
      await storeStatements(db, caller, [withId], attachments);
      return reply.code(204).send();
    },
    POST: async (x: XapiRequest, caller: XapiCaller, reply: FastifyReply) => {
      onlyParams(x.params, []);
      const { statements, attachments } = readStatements(x);
      const list = Array.isArray(statements) ? statements : [statements];
      if (list.length === 0) throw new Problem(400, 'The batch is empty: POST one statement or an array of statements.');
      list.forEach((s, i) => validate(s, Array.isArray(statements) ? `statements[${i}]` : 'statement'));
      checkAttachments(list as JsonObject[], attachments);
      const ids = await storeStatements(db, caller, list as JsonObject[], attachments);
      return reply.code(200).type('application/json; charset=utf-8').send(JSON.stringify(ids));
    },
  };
}

function validate(value: unknown, path: string): asserts value is JsonObject {
  try {
    validateStatement(value, path);
  } catch (error) {
    if (error instanceof InvalidStatement) throw new Problem(400, `${error.message}.`);
    throw error;
  }
}

function parseJson(text: string, what: string): Json {
  try {
    return JSON.parse(text) as Json;
  } catch {
    throw new Problem(400, `${what} is not valid JSON.`);
  }
}

/** The statement(s) of a PUT or POST body, and the attachment parts of a multipart one. */
function readStatements(x: XapiRequest): { statements: Json; attachments: Attachment[] } {
  if (x.mediaType === 'application/json') {
    return { statements: parseJson(x.body.toString('utf8'), 'The body'), attachments: [] };
  }
  if (x.mediaType !== 'multipart/mixed') {
    throw new Problem(400, 'Send statements as application/json, or as multipart/mixed with their attachments.');
  }
  const boundary = boundaryOf(x.contentType);
  if (!boundary) throw new Problem(400, 'The multipart/mixed Content-Type has no boundary parameter.');
  let parts: Part[];
  try {
    parts = parseMultipart(x.body, boundary);
  } catch (error) {
    if (error instanceof InvalidMultipart) throw new Problem(400, `The multipart body cannot be read: ${error.message}.`);
    throw error;
  }
  const [first, ...rest] = parts;
  if (!first || !(first.headers['content-type'] ?? '').toLowerCase().startsWith('application/json')) {
    throw new Problem(400, 'The first part of a multipart/mixed request must be the statements, as application/json.');
  }
  return { statements: parseJson(first.body.toString('utf8'), 'The statements part'), attachments: rest.map(readAttachmentPart) };
}

const HASHES: Record<number, string> = { 64: 'sha256', 96: 'sha384', 128: 'sha512', 56: 'sha224' };

function readAttachmentPart(part: Part, index: number): Attachment {
  const where = `Attachment part ${index + 1}`;
  const sha2 = part.headers['x-experience-api-hash']?.toLowerCase();
  if (!sha2) throw new Problem(400, `${where} has no X-Experience-API-Hash header.`);
  if ((part.headers['content-transfer-encoding'] ?? '').toLowerCase() !== 'binary') {
    throw new Problem(400, `${where} must have the header Content-Transfer-Encoding: binary.`);
  }
  const algorithm = HASHES[sha2.length];
  if (!algorithm || createHash(algorithm).update(part.body).digest('hex') !== sha2) {
    throw new Problem(400, `${where}'s content does not match its X-Experience-API-Hash ${sha2}.`);
  }
  return { sha2, contentType: part.headers['content-type'] ?? 'application/octet-stream', content: part.body };
}

function attachmentsOf(statement: JsonObject): JsonObject[] {
  const own = Array.isArray(statement.attachments) ? (statement.attachments as JsonObject[]) : [];
  const object = statement.object as JsonObject;
  const sub = object.objectType === 'SubStatement' && Array.isArray(object.attachments) ? (object.attachments as JsonObject[]) : [];
  return [...own, ...sub];
}

/**
 * Every attachment without a fileUrl needs its part (by sha2); every part must
 * belong to an attachment; signatures must be valid JWS of their statement.
 */
function checkAttachments(statements: JsonObject[], parts: Attachment[]): void {
  const sent = new Map(parts.map((p) => [p.sha2, p]));
  const declared = new Set<string>();
  statements.forEach((statement, i) => {
    for (const attachment of attachmentsOf(statement)) {
      const sha2 = String(attachment.sha2).toLowerCase();
      declared.add(sha2);
      const part = sent.get(sha2);
      if (isSignatureAttachment(attachment)) {
        if (String(attachment.contentType).toLowerCase() !== 'application/octet-stream') {
          throw new Problem(400, `Statement ${i + 1}'s signature attachment must have the contentType application/octet-stream.`);
        }
        if (!part) throw new Problem(400, `Statement ${i + 1}'s signature attachment was not sent as a part.`);
        try {
          checkSignature(statement, part.content.toString('utf8'), `Statement ${i + 1}'s signature`);
        } catch (error) {
          if (error instanceof InvalidStatement) throw new Problem(400, `${error.message}.`);
          throw error;
        }
      } else if (attachment.fileUrl === undefined && !part) {
        throw new Problem(400, `Statement ${i + 1} has an attachment (sha2 ${sha2}) with no fileUrl and no part holding its content.`);
      }
    }
  });
  for (const part of parts) {
    if (!declared.has(part.sha2)) throw new Problem(400, `An attachment part (hash ${part.sha2}) belongs to no statement's attachments.`);
  }
}

interface StoreRequest {
  caller: XapiCaller;
  inputs: JsonObject[];
  ids: string[];
  attachments: Attachment[];
}

/** One group commit per database (so per server). */
const writers = new WeakMap<Database, GroupCommit<StoreRequest>>();

/**
 * Stores the statements and returns their ids, once the transaction holding
 * them has committed. A statement whose id is stored already is skipped when
 * it says the same, and refused with 409 when it differs. Requests of one
 * integration that arrive while another is being stored share the next
 * transaction (group-commit.ts).
 */
async function storeStatements(db: Database, caller: XapiCaller, inputs: JsonObject[], attachments: Attachment[]): Promise<string[]> {
  const ids = inputs.map((input) => (typeof input.id === 'string' ? input.id.toLowerCase() : randomUUID()));
  const repeated = ids.find((id, i) => ids.indexOf(id) !== i);
  if (repeated) throw new Problem(400, `The batch has the statement id ${repeated} more than once.`);
  let writer = writers.get(db);
  if (!writer) writers.set(db, (writer = new GroupCommit<StoreRequest>((requests) => storeGroup(db, requests), (request) => request.inputs.length)));
  await writer.write(`${caller.districtId} ${caller.integrationId}`, { caller, inputs, ids, attachments });
  return ids;
}

/** Stores a group of requests of one integration in one transaction; per request, the Problem that refused it or undefined. */
async function storeGroup(db: Database, requests: readonly StoreRequest[]): Promise<(Problem | undefined)[]> {
  const { caller } = requests[0]!;
  const outcomes: (Problem | undefined)[] = requests.map(() => undefined);
  let stored = 0;
  await db.transaction(async (tx) => {
    await lockDistrictStatements(tx, caller.districtId);
    // Taken under the lock, so stored times rise in commit order too.
    const storedAt = new Date().toISOString();
    const existing = await findStatements(tx, caller.districtId, requests.flatMap((request) => request.ids));
    // What earlier requests of the group store: a later one must agree with it as with a stored statement.
    const accepted = new Map<string, JsonObject>();
    const fresh: JsonObject[] = [];
    const attachments: Attachment[] = [];
    requests.forEach((request, r) => {
      const mine: JsonObject[] = [];
      for (let i = 0; i < request.inputs.length; i++) {
        const id = request.ids[i]!;
        const input = request.inputs[i]!;
        const before = existing.get(id)?.statement ?? accepted.get(id);
        if (!before) {
          mine.push(prepareStatement(input, { id, stored: storedAt, authority: caller.authority }));
        } else if (!sameStatement(input, before)) {
          outcomes[r] = new Problem(409, `A different statement with the id ${id} is stored already; statements cannot be changed.`);
          return;
        }
      }
      for (const statement of mine) accepted.set(statement.id as string, statement);
      fresh.push(...mine);
      attachments.push(...request.attachments);
    });
    if (fresh.length === 0) return;
    const rows = fresh.map((statement) => ({ statement, index: indexStatement(statement), stored: storedAt }));
    const inserted = await insertStatements(tx, caller.districtId, caller.integrationId, rows);
    await saveAttachments(tx, caller.districtId, attachments);
    await saveActivityDefinitions(tx, caller.districtId, activityDefinitions(fresh));
    // Evidence for the learning model, committed with the statements (docs/learning-data.md); a failure there never fails the store.
    await mapNewStatements(tx, caller.districtId, {
      statements: rows.map((row) => ({ id: row.index.id, statement: row.statement, isVoiding: row.index.isVoiding })),
      ...inserted,
      stored: storedAt,
    });
    stored = fresh.length;
  });
  if (stored > 0) notifyStatementsStored(db, caller.districtId);
  return outcomes;
}

/** The activity definitions the statements give, merged by activity id. */
function activityDefinitions(statements: JsonObject[]): Map<string, JsonObject> {
  const definitions = new Map<string, JsonObject>();
  const visit = (activity: JsonObject) => {
    if (!isObject(activity.definition)) return;
    const id = activity.id as string;
    const before = definitions.get(id);
    definitions.set(id, before ? mergeDefinition(before, activity.definition) : activity.definition);
  };
  const walk = (statement: JsonObject) => {
    const object = statement.object as JsonObject;
    if ((object.objectType ?? 'Activity') === 'Activity') visit(object);
    if (object.objectType === 'SubStatement') walk(object);
    const contextActivities = ((statement.context as JsonObject | undefined)?.contextActivities ?? {}) as JsonObject;
    for (const list of Object.values(contextActivities)) for (const activity of list as JsonObject[]) visit(activity);
  };
  statements.forEach(walk);
  return definitions;
}

function mergeDefinition(before: JsonObject, after: JsonObject): JsonObject {
  const merged: JsonObject = { ...before, ...after };
  for (const key of ['name', 'description']) {
    if (isObject(before[key]) && isObject(after[key])) merged[key] = { ...before[key], ...after[key] };
  }
  return merged;
}

async function getStatements(db: Database, x: XapiRequest, caller: XapiCaller, reply: FastifyReply) {
  reply.header('x-experience-api-consistent-through', new Date().toISOString());
  const languages = parseAcceptLanguage(x.headers['accept-language']);
  if ('statementId' in x.params || 'voidedStatementId' in x.params) {
    onlyParams(x.params, SINGLE_PARAMS);
    if ('statementId' in x.params && 'voidedStatementId' in x.params) throw new Problem(400, 'Give statementId or voidedStatementId, not both.');
    const voided = 'voidedStatementId' in x.params;
    const id = uuidParam(x.params, voided ? 'voidedStatementId' : 'statementId')!;
    const format = formatParam(x.params);
    const withAttachments = booleanParam(x.params, 'attachments');
    const statement = await getStatement(db, caller.districtId, id, voided);
    if (!statement) throw new Problem(404, voided ? `There is no voided statement ${id}.` : `There is no statement ${id} (or it was voided: ask with voidedStatementId).`);
    reply.header('last-modified', new Date(statement.stored as string).toUTCString());
    return send(db, caller, reply, formatStatement(statement, format, languages), [statement], withAttachments);
  }

  let params = x.params;
  let cursor: StatementCursor | null = null;
  if ('more' in params) {
    onlyParams(params, ['more']);
    ({ params, cursor } = readMoreToken(params.more!));
  }
  onlyParams(params, QUERY_PARAMS);
  const filter = readFilter(params);
  const format = formatParam(params);
  const withAttachments = booleanParam(params, 'attachments');
  const limit = limitParam(params);
  const page = await queryStatements(db, caller.districtId, filter, limit, cursor);
  const result = {
    statements: page.statements.map((s) => formatStatement(s, format, languages)),
    more: page.next ? `${STATEMENTS_PATH}?more=${moreToken(params, page.next)}` : '',
  };
  return send(db, caller, reply, result, page.statements, withAttachments);
}

function readFilter(params: Record<string, string>): StatementFilter {
  const agent = agentParam(params, 'agent', false);
  return {
    agentIfi: agent?.ifi,
    relatedAgents: booleanParam(params, 'related_agents'),
    verbId: iriParam(params, 'verb', false),
    activityId: iriParam(params, 'activity', false),
    relatedActivities: booleanParam(params, 'related_activities'),
    registration: uuidParam(params, 'registration'),
    since: timestampParam(params, 'since'),
    until: timestampParam(params, 'until'),
    ascending: booleanParam(params, 'ascending'),
  };
}

function formatParam(params: Record<string, string>): StatementFormat {
  const format = params.format ?? 'exact';
  if (format !== 'exact' && format !== 'ids' && format !== 'canonical') throw new Problem(400, 'The parameter "format" must be exact, ids or canonical.');
  return format;
}

function limitParam(params: Record<string, string>): number {
  if (params.limit === undefined) return MAX_PAGE;
  if (!/^\d+$/.test(params.limit)) throw new Problem(400, 'The parameter "limit" must be a whole number (0 for the server maximum).');
  const limit = Number(params.limit);
  return limit === 0 ? MAX_PAGE : Math.min(limit, MAX_PAGE);
}

/** The `more` token: the query's parameters and where its last page stopped, in base64url JSON. */
function moreToken(params: Record<string, string>, cursor: StatementCursor): string {
  return Buffer.from(JSON.stringify({ p: params, c: cursor })).toString('base64url');
}

function readMoreToken(token: string): { params: Record<string, string>; cursor: StatementCursor } {
  try {
    const { p, c } = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { p: Record<string, string>; c: StatementCursor };
    if (isObject(p) && Object.values(p).every((v) => typeof v === 'string') && typeof c.stored === 'string' && Number.isInteger(c.seq)) {
      return { params: p, cursor: c };
    }
  } catch {
    // reported below
  }
  throw new Problem(400, 'The "more" parameter is not one this server gave out.');
}

/** Sends JSON, or multipart/mixed with the statements' attachments when asked for them. */
async function send(db: Sql, caller: XapiCaller, reply: FastifyReply, body: unknown, statements: JsonObject[], withAttachments: boolean) {
  const json = JSON.stringify(body);
  if (!withAttachments) return reply.code(200).type('application/json; charset=utf-8').send(json);
  const hashes = [...new Set(statements.flatMap(attachmentsOf).map((a) => String(a.sha2).toLowerCase()))];
  const contents = await loadAttachments(db, caller.districtId, hashes);
  const parts: Part[] = [{ headers: { 'Content-Type': 'application/json' }, body: Buffer.from(json) }];
  for (const [sha2, attachment] of contents) {
    parts.push({
      headers: { 'Content-Type': attachment.contentType, 'Content-Transfer-Encoding': 'binary', 'X-Experience-API-Hash': sha2 },
      body: attachment.content,
    });
  }
  const multipart = writeMultipart(parts);
  return reply.code(200).type(multipart.contentType).send(multipart.body);
}
