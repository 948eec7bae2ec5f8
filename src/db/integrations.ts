/**
 * Learning-program credentials for the LRS: HTTP Basic key and secret, per
 * district. Only a sha256 of the secret is stored; the secret is returned once,
 * when the credential is created.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Sql } from './database.ts';

export interface Integration {
  id: string;
  districtId: string;
  name: string;
  key: string;
  createdAt: string;
  createdBy: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

export interface NewCredential {
  integration: Integration;
  /** Shown to the person who created it, once; never stored. */
  secret: string;
}

const hashSecret = (secret: string) => createHash('sha256').update(secret, 'utf8').digest();

const COLUMNS = `id, district_id as "districtId", name, key, created_at as "createdAt", created_by as "createdBy",
  revoked_at as "revokedAt", last_used_at as "lastUsedAt"`;

type Row = Omit<Integration, 'createdAt' | 'revokedAt' | 'lastUsedAt'> & {
  createdAt: Date | string;
  revokedAt: Date | string | null;
  lastUsedAt: Date | string | null;
};

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());
const toIntegration = (row: Row): Integration => ({
  ...row,
  createdAt: iso(row.createdAt)!,
  revokedAt: iso(row.revokedAt),
  lastUsedAt: iso(row.lastUsedAt),
});

export const MAX_INTEGRATION_NAME = 120;

/** Creates a credential: a random key (the Basic user name) and a 32-byte random secret. */
export async function createIntegration(sql: Sql, input: { districtId: string; name: string; createdBy: string }): Promise<NewCredential> {
  const name = input.name.trim();
  if (name === '' || name.length > MAX_INTEGRATION_NAME) throw new Error(`an integration name has 1 to ${MAX_INTEGRATION_NAME} characters`);
  const key = `trellis-${randomBytes(12).toString('hex')}`;
  const secret = randomBytes(32).toString('base64url');
  const { rows } = await sql.query<Row>(
    `insert into integrations (district_id, name, key, secret_hash, created_by) values ($1, $2, $3, $4, $5)
     returning ${COLUMNS}`,
    [input.districtId, name, key, hashSecret(secret).toString('hex'), input.createdBy],
  );
  return { integration: toIntegration(rows[0]!), secret };
}

/** A district's credentials, live ones first, newest first. */
export async function listIntegrations(sql: Sql, districtId?: string): Promise<Integration[]> {
  const { rows } = await sql.query<Row>(
    `select ${COLUMNS} from integrations ${districtId ? 'where district_id = $1' : ''}
     order by revoked_at is not null, created_at desc, name`,
    districtId ? [districtId] : [],
  );
  return rows.map(toIntegration);
}

/**
 * Revokes a credential (by id or key) in the district; requests with it are
 * refused from then on. Returns the credential, or null when the district has none such.
 */
export async function revokeIntegration(sql: Sql, districtId: string, idOrKey: string): Promise<Integration | null> {
  const { rows } = await sql.query<Row>(
    `update integrations set revoked_at = coalesce(revoked_at, now())
     where district_id = $1 and (id::text = $2 or key = $2)
     returning ${COLUMNS}`,
    [districtId, idOrKey],
  );
  return rows[0] ? toIntegration(rows[0]) : null;
}

/** Revokes a credential by key in any district (the operator's CLI). */
export async function revokeIntegrationByKey(sql: Sql, key: string): Promise<Integration | null> {
  const { rows } = await sql.query<Row>(
    `update integrations set revoked_at = coalesce(revoked_at, now()) where key = $1 returning ${COLUMNS}`,
    [key],
  );
  return rows[0] ? toIntegration(rows[0]) : null;
}

// Compared against when the key is unknown, so a wrong key costs the same as a wrong secret.
const DUMMY_HASH = hashSecret('no such credential');

/**
 * The live credential for a Basic key and secret, or null. The secret's hash is
 * compared in constant time; last use is recorded at most once a minute.
 */
export async function authenticateIntegration(sql: Sql, key: string, secret: string): Promise<Integration | null> {
  const { rows } = await sql.query<Row & { secretHash: string }>(
    `select ${COLUMNS}, secret_hash as "secretHash" from integrations where key = $1 and revoked_at is null`,
    [key],
  );
  const row = rows[0];
  const expected = row ? Buffer.from(row.secretHash, 'hex') : DUMMY_HASH;
  const matches = timingSafeEqual(hashSecret(secret), expected) && row !== undefined;
  if (!matches || !row) return null;
  const { secretHash: _, ...integration } = row;
  const last = row.lastUsedAt === null ? 0 : new Date(row.lastUsedAt).getTime();
  if (Date.now() - last > 60_000) {
    await sql.query('update integrations set last_used_at = now() where district_id = $1 and id = $2', [row.districtId, row.id]);
  }
  return toIntegration(integration);
}
