/**
 * Integration credentials: HTTP Basic on /xapi (wrong, malformed, revoked),
 * districts kept apart, the admin API under /api/integrations, and secrets that
 * never reach the database or the logs in clear.
 */
import { createHash, randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import { describeEachEngine } from './engines.ts';
import { seedDistricts } from './fixtures/district.ts';
import { signIn } from './fixtures/session.ts';
import { basic, districtWithCredential, lrsClient, statement, type Credential } from './helpers/xapi.ts';

describeEachEngine('xAPI credentials and tenancy', (ctx) => {
  let app: FastifyInstance;
  let districts: { districtA: string; districtB: string };
  beforeAll(async () => {
    districts = await seedDistricts(ctx.db);
    app = await buildApp({ db: ctx.db });
  });
  afterAll(async () => {
    await app?.close();
  });

  describe('HTTP Basic on /xapi', () => {
    let credential: Credential;
    beforeAll(async () => {
      credential = await districtWithCredential(ctx.db, 'Basic');
    });
    const getWith = (authorization?: string) =>
      app.inject({ method: 'GET', url: '/xapi/statements', headers: { 'x-experience-api-version': '1.0.3', ...(authorization ? { authorization } : {}) } });

    it('answers 401 with a Basic challenge without credentials, with a wrong key or secret, or a malformed header', async () => {
      expect((await getWith(basic(credential.key, credential.secret))).statusCode).toBe(200);
      for (const authorization of [undefined, basic('trellis-000000000000000000000000', credential.secret), basic(credential.key, 'wrong'), 'Basic !!!', `Bearer ${credential.secret}`, basic(credential.key, '')]) {
        const response = await getWith(authorization);
        expect(response.statusCode, String(authorization)).toBe(401);
        expect(response.headers['www-authenticate']).toMatch(/^Basic realm=/);
        expect(response.headers['x-experience-api-version']).toBe('1.0.3');
      }
    });

    it('keeps only the sha256 of the secret', async () => {
      const { rows } = await ctx.db.query<Record<string, string>>('select * from integrations where key = $1', [credential.key]);
      expect(rows[0]!.secret_hash).toBe(createHash('sha256').update(credential.secret).digest('hex'));
      expect(JSON.stringify(rows)).not.toContain(credential.secret);
    });

    it('ignores session cookies: a signed-in admin without Basic credentials gets 401', async () => {
      const admin = await signIn(app, 'admin@a.test');
      const response = await app.inject({ method: 'GET', url: '/xapi/statements', headers: { cookie: admin.cookie, 'x-experience-api-version': '1.0.3' } });
      expect(response.statusCode).toBe(401);
    });
  });

  it('keeps districts apart: a key sees only its own district\'s statements and documents', async () => {
    const a = await districtWithCredential(ctx.db, 'Apart A');
    const b = await districtWithCredential(ctx.db, 'Apart B');
    const lrsA = lrsClient(app, a);
    const lrsB = lrsClient(app, b);
    const id = randomUUID();
    expect((await lrsA.put(`/xapi/statements?statementId=${id}`, statement())).statusCode).toBe(204);
    expect((await lrsB.get(`/xapi/statements?statementId=${id}`)).statusCode).toBe(404);
    expect((await lrsB.get('/xapi/statements')).json().statements).toEqual([]);
    // The same id in another district is another statement, not a conflict.
    expect((await lrsB.put(`/xapi/statements?statementId=${id}`, statement({ verb: { id: 'http://adlnet.gov/expapi/verbs/experienced' } }))).statusCode).toBe(204);
    expect((await lrsA.get(`/xapi/statements?statementId=${id}`)).json().verb.id).toBe('http://adlnet.gov/expapi/verbs/answered');

    const state = `/xapi/activities/state?activityId=${encodeURIComponent('https://x.example/a')}&agent=${encodeURIComponent('{"mbox":"mailto:ana@example.org"}')}&stateId=s`;
    await lrsA.put(state, { from: 'A' });
    expect((await lrsB.get(state)).statusCode).toBe(404);
    const { rows } = await ctx.db.query<{ district: string }>('select district_id::text as district from xapi_statements where id = $1 order by 1', [id]);
    expect(rows.map((r) => r.district).sort()).toEqual([a.districtId, b.districtId].sort());
  });

  describe('/api/integrations', () => {
    it('lets a district admin create a credential (secret shown once), list it without the secret, and revoke it', async () => {
      const admin = await signIn(app, 'admin@a.test');
      const headers = { cookie: admin.cookie, 'x-csrf-token': admin.csrfToken };
      const created = await app.inject({ method: 'POST', url: '/api/integrations', headers, payload: { name: 'MathPath Adaptive Practice' } });
      expect(created.statusCode).toBe(201);
      const { integration, secret } = created.json() as { integration: { id: string; key: string; name: string; createdBy: string }; secret: string };
      expect(integration).toMatchObject({ name: 'MathPath Adaptive Practice', createdBy: 'admin@a.test' });
      expect(secret).toMatch(/^[\w-]{43}$/);

      const lrs = lrsClient(app, { key: integration.key, secret });
      const [statementId] = (await lrs.post('/xapi/statements', statement())).json() as string[];
      const { rows } = await ctx.db.query<{ district: string }>('select district_id::text as district from xapi_statements where id = $1', [statementId]);
      expect(rows[0]!.district).toBe(districts.districtA);

      const listed = await admin.get('/api/integrations');
      expect(listed.statusCode).toBe(200);
      expect(listed.body).not.toContain(secret);
      expect(listed.json().items).toContainEqual(expect.objectContaining({ id: integration.id, key: integration.key, revokedAt: null }));

      // Another district's admin can neither see nor revoke it.
      const otherAdmin = await signIn(app, 'admin@b.test');
      expect((await otherAdmin.get('/api/integrations')).json().items).toEqual([]);
      const foreign = await app.inject({ method: 'DELETE', url: `/api/integrations/${integration.id}`, headers: { cookie: otherAdmin.cookie, 'x-csrf-token': otherAdmin.csrfToken } });
      expect(foreign.statusCode).toBe(404);

      const revoked = await app.inject({ method: 'DELETE', url: `/api/integrations/${integration.id}`, headers });
      expect(revoked.statusCode).toBe(200);
      expect(revoked.json().revokedAt).not.toBeNull();
      expect((await lrs.get('/xapi/statements')).statusCode).toBe(401);
    });

    it('is for district admins only, and state changes need the CSRF token', async () => {
      expect((await app.inject({ method: 'GET', url: '/api/integrations' })).statusCode).toBe(401);
      const teacher = await signIn(app, 'teacher@a.test');
      expect((await teacher.get('/api/integrations')).statusCode).toBe(403);
      const admin = await signIn(app, 'admin@a.test');
      const noToken = await app.inject({ method: 'POST', url: '/api/integrations', headers: { cookie: admin.cookie }, payload: { name: 'x' } });
      expect(noToken.statusCode).toBe(403);
      const blank = await app.inject({ method: 'POST', url: '/api/integrations', headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrfToken }, payload: { name: '   ' } });
      expect(blank.statusCode).toBe(400);
    });
  });

  it('never logs the Basic credentials, even at trace level and in the alternate request syntax', async () => {
    const credential = await districtWithCredential(ctx.db, 'Logs');
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logged = await buildApp({ db: ctx.db, logger: { level: 'trace', stream } });
    try {
      const authorization = basic(credential.key, credential.secret);
      await logged.inject({ method: 'POST', url: '/xapi/statements', headers: { authorization, 'x-experience-api-version': '1.0.3', 'content-type': 'application/json' }, payload: JSON.stringify(statement()) });
      await logged.inject({ method: 'GET', url: '/xapi/statements', headers: { authorization: basic(credential.key, 'wrong-guess'), 'x-experience-api-version': '1.0.3' } });
      const form = new URLSearchParams({ Authorization: authorization, 'X-Experience-API-Version': '1.0.3' });
      await logged.inject({ method: 'POST', url: '/xapi/statements?method=GET', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: form.toString() });
      const log = lines.join('');
      expect(lines.length).toBeGreaterThan(3);
      for (const secret of [credential.secret, authorization.slice(6), 'wrong-guess', encodeURIComponent(authorization.slice(6))]) expect(log).not.toContain(secret);
    } finally {
      await logged.close();
    }
  });
});
