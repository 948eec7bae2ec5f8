/**
 * The LRS's documents: state (per activity, agent and optional registration),
 * activity profiles and agent profiles. Contents are kept as bytes with their
 * content type; the ETag is the sha1 of the bytes.
 */
import type { Sql } from './database.ts';

export type DocumentKind = 'state' | 'activity_profile' | 'agent_profile';

/** Where documents live: '' stands for "none" in activityId, agentIfi and registration. */
export interface DocumentScope {
  districtId: string;
  kind: DocumentKind;
  activityId: string;
  agentIfi: string;
  registration: string;
}

export interface StoredDocument {
  contentType: string;
  content: Buffer;
  etag: string;
  updatedAt: string;
}

const SCOPE = 'district_id = $1 and kind = $2 and activity_id = $3 and agent_ifi = $4 and registration = $5';
const scopeParams = (s: DocumentScope) => [s.districtId, s.kind, s.activityId, s.agentIfi, s.registration];

export async function getDocument(sql: Sql, scope: DocumentScope, documentId: string): Promise<StoredDocument | null> {
  const { rows } = await sql.query<{ contentType: string; content: Uint8Array; etag: string; updatedAt: Date | string }>(
    `select content_type as "contentType", content, etag, updated_at as "updatedAt" from xapi_documents
     where ${SCOPE} and document_id = $6`,
    [...scopeParams(scope), documentId],
  );
  const row = rows[0];
  if (!row) return null;
  return {
    contentType: row.contentType,
    content: Buffer.from(row.content.buffer, row.content.byteOffset, row.content.byteLength),
    etag: row.etag,
    updatedAt: new Date(row.updatedAt).toISOString(),
  };
}

/** The ids of the documents in the scope, optionally only those updated after `since` (ISO 8601). */
export async function listDocumentIds(sql: Sql, scope: DocumentScope, since?: string): Promise<string[]> {
  const { rows } = await sql.query<{ id: string }>(
    `select document_id as id from xapi_documents where ${SCOPE} ${since ? 'and updated_at > $6::timestamptz' : ''}
     order by updated_at, document_id`,
    since ? [...scopeParams(scope), since] : scopeParams(scope),
  );
  return rows.map((r) => r.id);
}

export async function putDocument(
  sql: Sql,
  scope: DocumentScope,
  documentId: string,
  document: { contentType: string; content: Buffer; etag: string },
): Promise<void> {
  await sql.query(
    `insert into xapi_documents (district_id, kind, activity_id, agent_ifi, registration, document_id, content_type, content, etag, updated_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, now())
     on conflict (district_id, kind, activity_id, agent_ifi, registration, document_id)
     do update set content_type = excluded.content_type, content = excluded.content, etag = excluded.etag, updated_at = now()`,
    [...scopeParams(scope), documentId, document.contentType, document.content, document.etag],
  );
}

export async function deleteDocument(sql: Sql, scope: DocumentScope, documentId: string): Promise<void> {
  await sql.query(`delete from xapi_documents where ${SCOPE} and document_id = $6`, [...scopeParams(scope), documentId]);
}

/** Deletes every document in the scope (the State Resource's DELETE without stateId). */
export async function deleteDocuments(sql: Sql, scope: DocumentScope): Promise<void> {
  await sql.query(`delete from xapi_documents where ${SCOPE}`, scopeParams(scope));
}
