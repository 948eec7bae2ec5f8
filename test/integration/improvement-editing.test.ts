/**
 * Project members (and district admins) change a project; everyone else who can
 * see it reads it. The changing routes are enumerated from the API's own OpenAPI
 * document, so a route added later is covered without touching this test.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import { describeEachEngine } from './engines.ts';
import { seedDistricts } from './fixtures/district.ts';
import { signIn, type Caller } from './fixtures/session.ts';

type Method = Parameters<Caller['send']>[0];

const BASE = '/api/improvement/projects';
// Any well-formed id: the guard answers before the route looks for the thing it names.
const SOME_ID = '00000000-0000-4000-8000-000000000000';

/** Every POST/PUT/PATCH/DELETE under a project, from the OpenAPI document the server publishes. */
function changingProjectRoutes(app: FastifyInstance): { method: Method; path: string }[] {
  const spec = (app as unknown as { swagger(): { paths: Record<string, Record<string, unknown>> } }).swagger();
  const routes: { method: Method; path: string }[] = [];
  for (const [path, operations] of Object.entries(spec.paths)) {
    if (!path.startsWith(`${BASE}/{id}`)) continue;
    for (const method of Object.keys(operations)) {
      const upper = method.toUpperCase();
      if (upper === 'POST' || upper === 'PUT' || upper === 'PATCH' || upper === 'DELETE') routes.push({ method: upper, path });
    }
  }
  return routes;
}

describeEachEngine('API improvement project editing', (ctx) => {
  let app: FastifyInstance;
  let lead: Caller;
  let member: Caller;
  let reader: Caller;
  let principal: Caller;
  let admin: Caller;
  let outsider: Caller;
  let projectId: string;

  beforeAll(async () => {
    await seedDistricts(ctx.db);
    app = await buildApp({ db: ctx.db });
    [lead, member, reader, principal, admin, outsider] = (await Promise.all(
      ['leader@a.test', 'coach@a.test', 'teacher@a.test', 'principal@a.test', 'admin@a.test', 'tutor@a.test'].map((email) => signIn(app, email)),
    )) as [Caller, Caller, Caller, Caller, Caller, Caller];
    const created = await lead.send('POST', BASE, { title: 'Monday lateness', job: 'correct', scope: { kind: 'team', id: 'team-n3a' } });
    expect(created.statusCode, created.body).toBe(201);
    projectId = created.json().id;
    const added = await lead.send('POST', `${BASE}/${projectId}/members`, { userSourcedId: 'u-coach', role: 'coach' });
    expect(added.statusCode, added.body).toBe(201);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('tells each caller whether they may change the project', async () => {
    for (const [caller, canEdit] of [
      [lead, true],
      [member, true],
      [admin, true],
      [reader, false],
      [principal, false],
    ] as const) {
      const response = await caller.get(`${BASE}/${projectId}`);
      expect(response.statusCode).toBe(200);
      expect(response.json().canEdit).toBe(canEdit);
    }
  });

  it('refuses every change from people who only read the project, saying whom to ask, and changes nothing', async () => {
    const routes = changingProjectRoutes(app);
    // The project, members, change ideas, cycles, measures, four diagnosis tools and the driver diagram.
    expect(routes.length).toBeGreaterThan(35);
    for (const section of ['members', 'change-ideas', 'cycles', 'measures', 'fishbone', 'five-whys', 'process-map', 'system-map', 'driver-diagram']) {
      expect(routes.some((r) => r.path.includes(`/${section}`)), section).toBe(true);
    }
    const timelineBefore = (await lead.get(`${BASE}/${projectId}/timeline`)).json().items.length;
    for (const caller of [reader, principal]) {
      for (const { method, path } of routes) {
        const url = path.replace('{id}', projectId).replace(/\{[A-Za-z]+\}/g, SOME_ID);
        const response = await caller.send(method, url, method === 'DELETE' ? undefined : {});
        expect(response.statusCode, `${method} ${path}: ${response.body}`).toBe(403);
        expect(response.json().detail).toBe("Only the project's members can change it; ask Lena Okafor to add you.");
      }
    }
    expect((await lead.get(`${BASE}/${projectId}/timeline`)).json().items).toHaveLength(timelineBefore);
    expect((await lead.get(`${BASE}/${projectId}`)).json().title).toBe('Monday lateness');
  });

  it('answers people who cannot see the project with the same 404 as for no project', async () => {
    for (const { method, path } of changingProjectRoutes(app)) {
      const url = path.replace('{id}', projectId).replace(/\{[A-Za-z]+\}/g, SOME_ID);
      const response = await outsider.send(method, url, method === 'DELETE' ? undefined : {});
      expect(response.statusCode, `${method} ${path}`).toBe(404);
    }
  });

  it('lets readers read everything', async () => {
    for (const tail of ['', '/members', '/timeline', '/cycles', '/measures', '/fishbone', '/five-whys', '/process-map', '/system-map', '/driver-diagram', '/summary']) {
      const response = await reader.get(`${BASE}/${projectId}${tail}`);
      expect(response.statusCode, tail).toBe(200);
    }
  });

  it('lets any member and a district admin change it, and a reader once they are added', async () => {
    expect((await member.send('PATCH', `${BASE}/${projectId}`, { title: 'Monday arrivals' })).statusCode).toBe(200);
    expect((await admin.send('POST', `${BASE}/${projectId}/change-ideas`, { title: 'Greet at the door' })).statusCode).toBe(201);
    expect((await member.send('POST', `${BASE}/${projectId}/five-whys`, { problem: 'Students arrive late on Mondays' })).statusCode).toBe(201);

    expect((await lead.send('POST', `${BASE}/${projectId}/members`, { userSourcedId: 'u-teacher-n3a' })).statusCode).toBe(201);
    expect((await reader.get(`${BASE}/${projectId}`)).json().canEdit).toBe(true);
    expect((await reader.send('PATCH', `${BASE}/${projectId}`, { status: 'paused' })).statusCode).toBe(200);
  });

  it('still answers a malformed project id with 400, not a guess about editing', async () => {
    expect((await reader.send('PATCH', `${BASE}/not-a-uuid`, { title: 'x' })).statusCode).toBe(400);
  });
});
