/**
 * The document resources (xAPI 1.0.3 Communication 2.2, 2.3, 2.6, 2.7): State,
 * Activity Profile and Agent Profile. PUT replaces, POST merges JSON objects one
 * level deep, GET returns a document or the list of ids, DELETE removes.
 * ETags (sha1 of the content) give optimistic concurrency: If-Match and
 * If-None-Match are honoured, and a profile PUT must carry one of them.
 */
import { createHash } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import { parseTimestamp } from '../../core/xapi/formats.ts';
import { isObject } from '../../core/xapi/validate.ts';
import type { Database } from '../../db/database.ts';
import {
  deleteDocument,
  deleteDocuments,
  getDocument,
  listDocumentIds,
  putDocument,
  type DocumentKind,
  type DocumentScope,
  type StoredDocument,
} from '../../db/xapi-documents.ts';
import { Problem } from '../problem.ts';
import type { XapiCaller } from './auth.ts';
import { agentParam, iriParam, onlyParams, required, timestampParam, uuidParam } from './params.ts';
import { mediaTypeOf, type XapiRequest } from './request.ts';

interface DocumentResourceSpec {
  kind: DocumentKind;
  /** The parameter naming one document. */
  idParam: 'stateId' | 'profileId';
  activity: boolean;
  agent: boolean;
  registration: boolean;
  /** DELETE without an id deletes every document in scope (State) instead of being refused. */
  deleteAll: boolean;
}

export const STATE: DocumentResourceSpec = { kind: 'state', idParam: 'stateId', activity: true, agent: true, registration: true, deleteAll: true };
export const ACTIVITY_PROFILE: DocumentResourceSpec = { kind: 'activity_profile', idParam: 'profileId', activity: true, agent: false, registration: false, deleteAll: false };
export const AGENT_PROFILE: DocumentResourceSpec = { kind: 'agent_profile', idParam: 'profileId', activity: false, agent: true, registration: false, deleteAll: false };

const etagOf = (content: Buffer) => createHash('sha1').update(content).digest('hex');

export function documentResource(db: Database, spec: DocumentResourceSpec) {
  const scopeOf = (x: XapiRequest, caller: XapiCaller, extra: string[]): DocumentScope => {
    const allowed = [spec.activity ? 'activityId' : '', spec.agent ? 'agent' : '', spec.registration ? 'registration' : '', spec.idParam, ...extra];
    onlyParams(x.params, allowed.filter(Boolean));
    return {
      districtId: caller.districtId,
      kind: spec.kind,
      activityId: spec.activity ? iriParam(x.params, 'activityId', true)! : '',
      agentIfi: spec.agent ? agentParam(x.params, 'agent', true)!.ifi : '',
      registration: spec.registration ? (uuidParam(x.params, 'registration') ?? '') : '',
    };
  };

  return {
    GET: async (x: XapiRequest, caller: XapiCaller, reply: FastifyReply) => {
      const scope = scopeOf(x, caller, ['since']);
      const id = x.params[spec.idParam];
      if (id === undefined) {
        const since = timestampParam(x.params, 'since');
        const ids = await listDocumentIds(db, scope, since === undefined ? undefined : new Date(parseTimestamp(since)!).toISOString());
        return reply.code(200).type('application/json; charset=utf-8').send(JSON.stringify(ids));
      }
      if ('since' in x.params) throw new Problem(400, `The parameter "since" applies only to listing ids (without ${spec.idParam}).`);
      const document = await getDocument(db, scope, id);
      if (!document) throw new Problem(404, `There is no document "${id}" here.`);
      return reply
        .code(200)
        .header('etag', `"${document.etag}"`)
        .header('last-modified', new Date(document.updatedAt).toUTCString())
        .type(document.contentType)
        .send(document.content);
    },
    PUT: async (x: XapiRequest, caller: XapiCaller, reply: FastifyReply) => {
      const scope = scopeOf(x, caller, []);
      const id = required(x.params, spec.idParam);
      const existing = await getDocument(db, scope, id);
      checkPreconditions(x, existing, spec.kind !== 'state');
      const contentType = x.contentType || 'application/octet-stream';
      await putDocument(db, scope, id, { contentType, content: x.body, etag: etagOf(x.body) });
      return reply.code(204).header('etag', `"${etagOf(x.body)}"`).send();
    },
    POST: async (x: XapiRequest, caller: XapiCaller, reply: FastifyReply) => {
      const scope = scopeOf(x, caller, []);
      const id = required(x.params, spec.idParam);
      const existing = await getDocument(db, scope, id);
      checkPreconditions(x, existing, false);
      const incomingJson = mediaTypeOf(x.contentType) === 'application/json';
      let content = x.body;
      let contentType = x.contentType || 'application/octet-stream';
      if (incomingJson) {
        const incoming = parseJsonDocument(x.body);
        if (existing) {
          if (mediaTypeOf(existing.contentType) !== 'application/json') {
            throw new Problem(400, 'The stored document is not JSON, so a POST cannot merge into it; PUT to replace it.');
          }
          const before = parseJsonDocument(existing.content);
          if (!isObject(before) || !isObject(incoming)) throw new Problem(400, 'Only JSON objects can be merged; PUT to replace the document.');
          content = Buffer.from(JSON.stringify({ ...before, ...incoming }));
          contentType = 'application/json';
        }
      } else if (existing) {
        throw new Problem(400, 'A POST merges JSON into the stored document: send application/json, or PUT to replace it.');
      }
      await putDocument(db, scope, id, { contentType, content, etag: etagOf(content) });
      return reply.code(204).header('etag', `"${etagOf(content)}"`).send();
    },
    DELETE: async (x: XapiRequest, caller: XapiCaller, reply: FastifyReply) => {
      const scope = scopeOf(x, caller, []);
      const id = x.params[spec.idParam];
      if (id === undefined) {
        if (!spec.deleteAll) throw new Problem(400, `The parameter "${spec.idParam}" is required.`);
        await deleteDocuments(db, scope);
        return reply.code(204).send();
      }
      const existing = await getDocument(db, scope, id);
      checkPreconditions(x, existing, false);
      await deleteDocument(db, scope, id);
      return reply.code(204).send();
    },
  };
}

function parseJsonDocument(content: Buffer): unknown {
  try {
    return JSON.parse(content.toString('utf8'));
  } catch {
    throw new Problem(400, 'The document has the Content-Type application/json but is not valid JSON.');
  }
}

/** The ETags listed in an If-Match or If-None-Match header, unquoted; '*' stays '*'. */
function etagsIn(header: string): string[] {
  return header.split(',').map((tag) => tag.trim().replace(/^W\//, '').replace(/^"(.*)"$/, '$1'));
}

/**
 * If-Match: the document must exist and have one of the ETags (or any, for *).
 * If-None-Match: the document must not exist (*) or not have the ETag. A failed
 * precondition is 412. Profiles (`requireHeader`) refuse a PUT with neither header:
 * 409 when the document exists (someone may have changed it), else 400.
 */
function checkPreconditions(x: XapiRequest, existing: StoredDocument | null, requireHeader: boolean): void {
  const ifMatch = x.headers['if-match'];
  const ifNoneMatch = x.headers['if-none-match'];
  if (ifMatch !== undefined) {
    const tags = etagsIn(ifMatch);
    if (!existing || !(tags.includes('*') || tags.includes(existing.etag))) {
      throw new Problem(412, 'The document has changed since you read it (If-Match does not match its ETag).');
    }
  }
  if (ifNoneMatch !== undefined && existing) {
    const tags = etagsIn(ifNoneMatch);
    if (tags.includes('*') || tags.includes(existing.etag)) throw new Problem(412, 'The document exists already (If-None-Match).');
  }
  if (requireHeader && ifMatch === undefined && ifNoneMatch === undefined) {
    if (existing) {
      throw new Problem(409, 'The document exists: send If-Match with its ETag to replace it (or If-None-Match: * to create one only if absent).');
    }
    throw new Problem(400, 'Send If-Match with the ETag of the document you replace, or If-None-Match: * to create it.');
  }
}
