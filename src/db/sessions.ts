import type { Account } from './accounts.ts';
import type { Sql } from './database.ts';

/** A session ends after this long without a request... */
export const SESSION_IDLE_MS = 12 * 60 * 60_000;
/** ...and after this long in any case. */
export const SESSION_MAX_AGE_MS = 7 * 24 * 60 * 60_000;
// Sliding the idle expiry costs a write, so it is done at most this often per session.
const TOUCH_INTERVAL_MS = 5 * 60_000;

export async function createSession(sql: Sql, input: { tokenHash: string; accountId: string; csrfToken: string }): Promise<void> {
  await sql.query(
    `insert into sessions (token_hash, account_id, csrf_token, expires_at)
     values ($1, $2, $3, now() + $4 * interval '1 millisecond')`,
    [input.tokenHash, input.accountId, input.csrfToken, SESSION_IDLE_MS],
  );
}

export interface LiveSession {
  csrfToken: string;
  account: Account;
}

/**
 * The live session with this token hash and its (enabled) account, or null if it
 * does not exist, has expired or belongs to a disabled account. Slides the idle expiry.
 */
export async function findLiveSession(sql: Sql, tokenHash: string): Promise<LiveSession | null> {
  const { rows } = await sql.query<Account & { csrfToken: string; needsTouch: boolean }>(
    `select s.csrf_token as "csrfToken",
            s.expires_at < now() + $2 * interval '1 millisecond' as "needsTouch",
            a.id, a.district_id as "districtId", a.email, a.role, a.user_sourced_id as "userSourcedId",
            a.display_name as "displayName", a.disabled
     from sessions s join accounts a on a.id = s.account_id
     where s.token_hash = $1 and s.expires_at > now()
       and s.created_at > now() - $3 * interval '1 millisecond' and not a.disabled`,
    [tokenHash, SESSION_IDLE_MS - TOUCH_INTERVAL_MS, SESSION_MAX_AGE_MS],
  );
  const row = rows[0];
  if (!row) return null;
  if (row.needsTouch) {
    await sql.query(`update sessions set expires_at = now() + $2 * interval '1 millisecond' where token_hash = $1`, [
      tokenHash,
      SESSION_IDLE_MS,
    ]);
  }
  const { csrfToken, needsTouch: _, ...account } = row;
  return { csrfToken, account };
}

export async function deleteSession(sql: Sql, tokenHash: string): Promise<void> {
  await sql.query('delete from sessions where token_hash = $1', [tokenHash]);
}

/** Removes sessions past their expiry; returns how many. */
export async function deleteExpiredSessions(sql: Sql): Promise<number> {
  const { rowCount } = await sql.query(
    `delete from sessions where expires_at <= now() or created_at <= now() - $1 * interval '1 millisecond'`,
    [SESSION_MAX_AGE_MS],
  );
  return rowCount;
}
