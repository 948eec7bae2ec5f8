/**
 * Sign-in state and access control for every route, in one place:
 * - the session cookie becomes `request.account` and `request.scope`;
 * - each /api route must declare `config.access` (who may call it, the narrowest
 *   scope it serves); a route without one fails at start-up, not in production;
 * - state-changing requests must carry the session's CSRF token (synchroniser token).
 */
import { timingSafeEqual } from 'node:crypto';
import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hashSessionToken } from '../../auth/session-token.ts';
import { decideAccess, type Access, type Scope } from '../../core/access/roles.ts';
import type { Account } from '../../db/accounts.ts';
import type { Database } from '../../db/database.ts';
import { loadScope } from '../../db/scope.ts';
import { findLiveSession, SESSION_MAX_AGE_MS } from '../../db/sessions.ts';
import { Problem } from '../problem.ts';

export const SESSION_COOKIE = 'trellis_session';
export const CSRF_HEADER = 'x-csrf-token';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access & {
      /** False only for sign-in itself, which has no session (and so no token) yet. */
      csrf?: boolean;
    };
  }
  interface FastifyRequest {
    account: Account | null;
    scope: Scope | null;
    csrfToken: string | null;
    sessionTokenHash: string | null;
  }
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const UNPROTECTED_PREFIXES = ['/api/docs'];

export function installAuth(app: FastifyInstance, db: Database): void {
  app.register(cookie);
  app.decorateRequest('account', null);
  app.decorateRequest('scope', null);
  app.decorateRequest('csrfToken', null);
  app.decorateRequest('sessionTokenHash', null);

  app.addHook('onRoute', (route) => {
    const isApi = route.url.startsWith('/api/') || route.url === '/api';
    if (!isApi || UNPROTECTED_PREFIXES.some((prefix) => route.url.startsWith(prefix))) return;
    if (!route.config?.access) throw new Error(`route ${route.method} ${route.url} does not declare config.access`);
  });

  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config.access;
    if (!access) return;
    await loadSession(db, request);
    const decision = decideAccess(access, request.account?.role ?? null);
    if (decision === 'unauthenticated') throw new Problem(401, 'Sign in to continue.');
    if (request.account && access.csrf !== false && STATE_CHANGING.has(request.method)) checkCsrf(request);
    if (decision === 'forbidden') throw new Problem(403, 'Your role does not give access to this.');
    if (request.account) request.scope = await loadScope(db, request.account);
  });
}

async function loadSession(db: Database, request: FastifyRequest): Promise<void> {
  const token = request.cookies[SESSION_COOKIE];
  if (!token) return;
  const tokenHash = hashSessionToken(token);
  const session = await findLiveSession(db, tokenHash);
  if (!session) return;
  request.account = session.account;
  request.csrfToken = session.csrfToken;
  request.sessionTokenHash = tokenHash;
}

function checkCsrf(request: FastifyRequest): void {
  const sent = request.headers[CSRF_HEADER];
  const expected = request.csrfToken ?? '';
  const ok =
    typeof sent === 'string' &&
    sent.length === expected.length &&
    expected.length > 0 &&
    timingSafeEqual(Buffer.from(sent), Buffer.from(expected));
  if (!ok) {
    throw new Problem(403, 'The request lacks a valid X-CSRF-Token header. Reload the page and try again.');
  }
}

export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: request.protocol === 'https',
    maxAge: Math.floor(SESSION_MAX_AGE_MS / 1000),
  });
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: request.protocol === 'https' });
}

/** The caller's scope in a handler whose route requires sign-in. */
export function scopeOf(request: FastifyRequest): Scope {
  if (!request.scope) throw new Error(`route ${request.routeOptions.url} reads the scope but lets anonymous callers in`);
  return request.scope;
}

export function accountOf(request: FastifyRequest): Account {
  if (!request.account) throw new Error(`route ${request.routeOptions.url} reads the account but lets anonymous callers in`);
  return request.account;
}
