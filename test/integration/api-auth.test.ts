import { createHash } from 'node:crypto';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { buildApp } from '../../src/server/app.ts';
import { describeEachEngine } from './engines.ts';
import { FIXTURE_PASSWORD, seedDistricts } from './fixtures/district.ts';
import { sessionCookie, signIn } from './fixtures/session.ts';

function problemOf(response: { statusCode: number; headers: Record<string, unknown>; json(): unknown }) {
  expect(String(response.headers['content-type'])).toMatch(/^application\/problem\+json/);
  return response.json() as { type: string; title: string; status: number; detail: string };
}

describeEachEngine('API sign-in and sessions', (ctx) => {
  let app: FastifyInstance;
  beforeAll(async () => {
    await seedDistricts(ctx.db);
    app = await buildApp({ db: ctx.db });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('signs in with the right password: the account, a CSRF token and an HttpOnly SameSite=Lax cookie', async () => {
    const response = await app.inject({ method: 'POST', url: '/api/session', payload: { email: 'Leader@A.test', password: FIXTURE_PASSWORD } });
    expect(response.statusCode).toBe(200);
    const me = response.json();
    expect(me).toMatchObject({
      email: 'leader@a.test',
      role: 'teacher_leader',
      userSourcedId: 'u-leader-n3a',
      district: { name: 'Alder Unified' },
      scope: { teams: [{ sourcedId: 'team-n3a', name: 'Grade 3 Team A', schoolSourcedId: 'sch-north' }] },
    });
    expect(me.csrfToken).toMatch(/^[\w-]{32,}$/);
    const cookie = response.cookies.find((c) => c.name === 'trellis_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie.secure).toBeFalsy();
    expect(cookie.value).toMatch(/^[\w-]{40,}$/);
  });

  it('marks the cookie Secure when the request came over https (behind a trusted proxy)', async () => {
    const proxied = await buildApp({ db: ctx.db, trustProxy: true });
    try {
      const response = await proxied.inject({
        method: 'POST',
        url: '/api/session',
        headers: { 'x-forwarded-proto': 'https' },
        payload: { email: 'teacher@a.test', password: FIXTURE_PASSWORD },
      });
      expect(response.statusCode).toBe(200);
      expect(response.cookies.find((c) => c.name === 'trellis_session')?.secure).toBe(true);
    } finally {
      await proxied.close();
    }
  });

  it('stores only the sha256 of the session token', async () => {
    const caller = await signIn(app, 'coach@a.test');
    const token = caller.cookie.split('=')[1]!;
    const { rows } = await ctx.db.query<{ token_hash: string }>(
      'select s.token_hash from sessions s join accounts a on a.id = s.account_id where a.email = $1',
      ['coach@a.test'],
    );
    expect(rows.map((r) => r.token_hash)).toContain(createHash('sha256').update(token).digest('hex'));
    expect(rows.map((r) => r.token_hash)).not.toContain(token);
  });

  it('refuses a wrong password and an unknown email with the same message, and sets no cookie', async () => {
    const wrong = await app.inject({ method: 'POST', url: '/api/session', payload: { email: 'teacher@a.test', password: 'nope' }, remoteAddress: '10.1.0.1' });
    const unknown = await app.inject({ method: 'POST', url: '/api/session', payload: { email: 'nobody@a.test', password: 'nope' }, remoteAddress: '10.1.0.1' });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(problemOf(wrong).detail).toBe(problemOf(unknown).detail);
    expect(wrong.cookies).toEqual([]);
    expect(unknown.cookies).toEqual([]);
  });

  it('refuses a sign-in without email or password as a validation problem', async () => {
    const response = await app.inject({ method: 'POST', url: '/api/session', payload: { email: 'teacher@a.test' } });
    expect(response.statusCode).toBe(400);
    expect(problemOf(response).detail).toMatch(/password/);
  });

  it('answers GET /api/me with the account, and anonymous callers with 401', async () => {
    const caller = await signIn(app, 'principal@a.test');
    const me = await caller.get('/api/me');
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({
      role: 'school_leader',
      csrfToken: caller.csrfToken,
      scope: { schools: [{ sourcedId: 'sch-north', name: 'North Elementary' }] },
    });
    const anonymous = await app.inject({ method: 'GET', url: '/api/me' });
    expect(anonymous.statusCode).toBe(401);
    expect(problemOf(anonymous)).toMatchObject({ status: 401, title: 'Unauthorized' });
    const forged = await app.inject({ method: 'GET', url: '/api/me', headers: { cookie: 'trellis_session=forged-token' } });
    expect(forged.statusCode).toBe(401);
  });

  it('signs out: the session is deleted and its cookie no longer works', async () => {
    const caller = await signIn(app, 'resident@a.test');
    const out = await app.inject({ method: 'DELETE', url: '/api/session', headers: { cookie: caller.cookie, 'x-csrf-token': caller.csrfToken } });
    expect(out.statusCode).toBe(204);
    const cleared = out.cookies.find((c) => c.name === 'trellis_session');
    expect(cleared?.value).toBe('');
    expect((await caller.get('/api/me')).statusCode).toBe(401);
  });

  it('refuses a state-changing request without the right X-CSRF-Token (and keeps the session)', async () => {
    const caller = await signIn(app, 'tutor@a.test');
    const missing = await app.inject({ method: 'DELETE', url: '/api/session', headers: { cookie: caller.cookie } });
    expect(missing.statusCode).toBe(403);
    expect(problemOf(missing).detail).toMatch(/CSRF/);
    const wrong = await app.inject({ method: 'DELETE', url: '/api/session', headers: { cookie: caller.cookie, 'x-csrf-token': 'x'.repeat(caller.csrfToken.length) } });
    expect(wrong.statusCode).toBe(403);
    const other = await signIn(app, 'tutor@a.test');
    const someoneElses = await app.inject({ method: 'DELETE', url: '/api/session', headers: { cookie: caller.cookie, 'x-csrf-token': other.csrfToken } });
    expect(someoneElses.statusCode).toBe(403);
    expect((await caller.get('/api/me')).statusCode).toBe(200);
  });

  it('ends sessions that have expired or whose account was disabled', async () => {
    const caller = await signIn(app, 'loner@a.test');
    await ctx.db.query(
      `update sessions set expires_at = now() - interval '1 minute'
       where account_id = (select id from accounts where email = 'loner@a.test')`,
    );
    expect((await caller.get('/api/me')).statusCode).toBe(401);

    const again = await signIn(app, 'loner@a.test');
    await ctx.db.query(`update accounts set disabled = true where email = 'loner@a.test'`);
    try {
      expect((await again.get('/api/me')).statusCode).toBe(401);
      const refused = await app.inject({ method: 'POST', url: '/api/session', payload: { email: 'loner@a.test', password: FIXTURE_PASSWORD } });
      expect(refused.statusCode).toBe(401);
    } finally {
      await ctx.db.query(`update accounts set disabled = false where email = 'loner@a.test'`);
    }
  });

  it('answers 429 with Retry-After after 10 failed sign-ins for one email from one address, even with the right password', async () => {
    const attempt = (password: string, email = 'student@a.test', remoteAddress = '10.9.9.9') =>
      app.inject({ method: 'POST', url: '/api/session', payload: { email, password }, remoteAddress });
    for (let i = 0; i < 10; i++) expect((await attempt(`wrong-${i}`)).statusCode).toBe(401);
    const limited = await attempt(FIXTURE_PASSWORD);
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(15 * 60);
    expect(problemOf(limited).detail).toMatch(/Too many failed sign-ins/);
    // Another address, or another email from the same address, is not held up.
    expect((await attempt(FIXTURE_PASSWORD, 'student@a.test', '10.9.9.10')).statusCode).toBe(200);
    expect((await attempt(FIXTURE_PASSWORD, 'teacher@a.test')).statusCode).toBe(200);
  });
});

describeEachEngine('API logs and server errors', (ctx) => {
  it('never logs the password, the session token or the CSRF token', async () => {
    await seedDistricts(ctx.db);
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const app = await buildApp({ db: ctx.db, logger: { level: 'trace', stream } });
    try {
      const signInResponse = await app.inject({
        method: 'POST',
        url: '/api/session',
        payload: { email: 'admin@a.test', password: FIXTURE_PASSWORD },
        headers: { authorization: 'Bearer should-not-appear' },
      });
      expect(signInResponse.statusCode).toBe(200);
      const cookie = sessionCookie(signInResponse);
      const csrfToken = signInResponse.json().csrfToken as string;
      await app.inject({ method: 'GET', url: '/api/me', headers: { cookie } });
      await app.inject({ method: 'POST', url: '/api/session', payload: { email: 'admin@a.test', password: 'wrong-secret-guess' } });
      await app.inject({ method: 'DELETE', url: '/api/session', headers: { cookie, 'x-csrf-token': csrfToken } });

      const log = lines.join('');
      expect(lines.length).toBeGreaterThan(3); // the capture works: requests are logged
      for (const secret of [FIXTURE_PASSWORD, 'wrong-secret-guess', cookie.split('=')[1]!, csrfToken, 'should-not-appear']) {
        expect(log).not.toContain(secret);
      }
    } finally {
      await app.close();
    }
  });

  it('answers an unexpected failure with a generic 500 problem and logs the error server-side', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const broken = {
      ...ctx.db,
      engine: ctx.db.engine,
      query: async () => {
        throw new Error('connection to server lost at secret-host:5432');
      },
    } as unknown as Database;
    const app = await buildApp({ db: broken, logger: { level: 'error', stream } });
    try {
      const response = await app.inject({ method: 'GET', url: '/api/health' });
      expect(response.statusCode).toBe(500);
      expect(String(response.headers['content-type'])).toMatch(/^application\/problem\+json/);
      expect(response.body).not.toContain('secret-host');
      expect(response.body).not.toMatch(/at .*\.ts:\d+/);
      expect(response.json().detail).toMatch(/went wrong/);
      expect(lines.join('')).toContain('secret-host');
    } finally {
      await app.close();
    }
  });
});
