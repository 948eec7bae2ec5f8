import { hashPassword } from '../auth/password.ts';
import { isRole, type Role } from '../core/access/roles.ts';
import type { Sql } from './database.ts';

export interface Account {
  id: string;
  districtId: string;
  email: string;
  role: Role;
  userSourcedId: string | null;
  displayName: string;
  disabled: boolean;
}

export interface NewAccount {
  districtId: string;
  email: string;
  password: string;
  role: Role;
  userSourcedId: string | null;
  displayName: string;
}

const ACCOUNT_COLUMNS = `a.id, a.district_id as "districtId", a.email, a.role, a.user_sourced_id as "userSourcedId",
  a.display_name as "displayName", a.disabled`;

/** Creates a sign-in account with an argon2id hash of its password. */
export async function createAccount(sql: Sql, input: NewAccount): Promise<{ id: string }> {
  if (!isRole(input.role)) throw new Error(`"${input.role}" is not a role`);
  if (input.role !== 'district_admin' && input.userSourcedId === null) {
    throw new Error(`a ${input.role} account must be tied to a roster person (userSourcedId)`);
  }
  const passwordHash = await hashPassword(input.password);
  const { rows } = await sql.query<{ id: string }>(
    `insert into accounts (district_id, email, password_hash, role, user_sourced_id, display_name)
     values ($1, $2, $3, $4, $5, $6) returning id`,
    [input.districtId, input.email.trim(), passwordHash, input.role, input.userSourcedId, input.displayName],
  );
  return rows[0]!;
}

/** The account signing in with `email` (any case), with its password hash. */
export async function findAccountForSignIn(sql: Sql, email: string): Promise<(Account & { passwordHash: string }) | null> {
  const { rows } = await sql.query<Account & { passwordHash: string }>(
    `select ${ACCOUNT_COLUMNS}, a.password_hash as "passwordHash" from accounts a where lower(a.email) = lower($1)`,
    [email.trim()],
  );
  return rows[0] ?? null;
}

export async function findAccountByEmail(sql: Sql, email: string): Promise<Account | null> {
  const account = await findAccountForSignIn(sql, email);
  if (!account) return null;
  const { passwordHash: _, ...rest } = account;
  return rest;
}

export interface AccountListing extends Account {
  districtName: string;
  createdAt: string;
}

/** Every account, or one district's, by district then email. */
export async function listAccounts(sql: Sql, districtId?: string): Promise<AccountListing[]> {
  const { rows } = await sql.query<AccountListing & { createdAt: Date | string }>(
    `select ${ACCOUNT_COLUMNS}, d.name as "districtName", a.created_at as "createdAt"
     from accounts a join districts d on d.id = a.district_id
     ${districtId ? 'where a.district_id = $1' : ''}
     order by d.name, lower(a.email)`,
    districtId ? [districtId] : [],
  );
  return rows.map((r) => ({ ...r, createdAt: new Date(r.createdAt).toISOString() }));
}

export interface District {
  id: string;
  sourcedId: string;
  name: string;
}

export async function findDistrict(sql: Sql, id: string): Promise<District | null> {
  const { rows } = await sql.query<District>(`select id, sourced_id as "sourcedId", name from districts where id = $1`, [id]);
  return rows[0] ?? null;
}

/** A district by its id or the sourcedId of its OneRoster org. */
export async function findDistrictByKey(sql: Sql, key: string): Promise<District | null> {
  const { rows } = await sql.query<District>(
    `select id, sourced_id as "sourcedId", name from districts where id::text = $1 or sourced_id = $1`,
    [key],
  );
  return rows[0] ?? null;
}

export async function listDistricts(sql: Sql): Promise<District[]> {
  const { rows } = await sql.query<District>(`select id, sourced_id as "sourcedId", name from districts order by name`);
  return rows;
}

/** The roster person's display name, for accounts created without one. */
export async function rosterPersonName(sql: Sql, districtId: string, userSourcedId: string): Promise<string | null> {
  const { rows } = await sql.query<{ name: string }>(
    `select coalesce(preferred_given_name, given_name) || ' ' || family_name as name
     from users where district_id = $1 and sourced_id = $2`,
    [districtId, userSourcedId],
  );
  return rows[0]?.name ?? null;
}
