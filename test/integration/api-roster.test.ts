import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import { describeEachEngine } from './engines.ts';
import { seedDistricts } from './fixtures/district.ts';
import { signIn, type Caller } from './fixtures/session.ts';
import { checkResponseSchemas, type ResponseCheck } from './helpers/response-schemas.ts';

function multipart(fields: Record<string, string>, file?: { name: string; bytes: Buffer }) {
  const boundary = '----trellis-test-boundary';
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  if (file) {
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/zip\r\n\r\n`),
      file.bytes,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describeEachEngine('API roster resources', (ctx) => {
  let app: FastifyInstance;
  let admin: Caller;
  let leader: Caller;
  let responses: ResponseCheck;

  beforeAll(async () => {
    await seedDistricts(ctx.db);
    app = await buildApp({ db: ctx.db });
    responses = checkResponseSchemas(app);
    admin = await signIn(app, 'admin@a.test');
    leader = await signIn(app, 'leader@a.test');
  });
  afterAll(async () => {
    await app?.close();
  });

  it('GET /api/health answers without sign-in', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok', engine: ctx.engine });
  });

  it('describes schools with their teams', async () => {
    const response = await admin.get('/api/schools/sch-north');
    expect(response.statusCode).toBe(200);
    const school = response.json();
    expect(school).toMatchObject({ sourcedId: 'sch-north', name: 'North Elementary', identifier: 'N-100', grades: ['03'], teamCount: 2, classCount: 4 });
    expect(school.studentCount).toBe(18);
    expect(school.teams.map((t: { sourcedId: string }) => t.sourcedId)).toEqual(['team-n3a', 'team-n3b']);
    expect((await admin.get('/api/schools/no-such-school')).statusCode).toBe(404);
  });

  it('describes a team: summary, members in role order, classes', async () => {
    const team = (await leader.get('/api/teams/team-n3a')).json();
    expect(team).toEqual({
      sourcedId: 'team-n3a',
      name: 'Grade 3 Team A',
      schoolSourcedId: 'sch-north',
      schoolName: 'North Elementary',
      grades: ['03'],
      studentCount: 6,
      leader: { sourcedId: 'u-leader-n3a', name: 'Lena Okafor' },
      members: [
        { sourcedId: 'u-leader-n3a', name: 'Lena Okafor', role: 'teacher_leader' },
        { sourcedId: 'u-teacher-n3a', name: 'Tomas Reyes', role: 'teacher' },
        { sourcedId: 'u-resident-n3a', name: 'Rita Novak', role: 'resident' },
        { sourcedId: 'u-coach', name: 'Cole Baker', role: 'coach' },
      ],
      classes: [
        {
          sourcedId: 'cls-math3a',
          title: 'Math 3 - A',
          classCode: 'CLS-MATH3A',
          courseTitle: 'Math 3',
          schoolSourcedId: 'sch-north',
          grades: ['03'],
          periods: ['1'],
          studentCount: 6,
          teachers: ['Lena Okafor'],
        },
        expect.objectContaining({ sourcedId: 'cls-read3a', teachers: ['Tomas Reyes'] }),
      ],
    });
    const teamB = (await admin.get('/api/teams/team-n3b')).json();
    expect(teamB.studentCount).toBe(7); // six through the class, one placed directly
  });

  it('describes a class with its students', async () => {
    const cls = (await admin.get('/api/classes/cls-art')).json();
    expect(cls).toMatchObject({ sourcedId: 'cls-art', courseTitle: 'Art', studentCount: 4, teachers: ['Ari Kim'] });
    expect(cls.students.map((s: { sourcedId: string }) => s.sourcedId).sort()).toEqual(['s01', 's02', 's03', 's14']);
    const filtered = (await admin.get('/api/classes?team=team-n3a')).json();
    expect(filtered.items.map((c: { sourcedId: string }) => c.sourcedId)).toEqual(['cls-math3a', 'cls-read3a']);
  });

  it('lists students in the StudentSummary shape', async () => {
    const page = (await admin.get('/api/students?q=ID-s01')).json();
    expect(page).toEqual({
      items: [
        {
          sourcedId: 's01',
          givenName: 'Ben',
          familyName: 'Nguyen',
          identifier: 'ID-s01',
          grades: ['03'],
          schools: [{ sourcedId: 'sch-north', name: 'North Elementary' }],
          englishLearner: false,
          specialEducation: false,
          economicallyDisadvantaged: false,
          homeLanguage: 'eng',
        },
      ],
      next: null,
    });
  });

  it("gives a student's profile: demographics, classes, teams and the adults who know them", async () => {
    const profile = (await leader.get('/api/students/s01')).json();
    expect(profile).toMatchObject({
      sourcedId: 's01',
      email: 's01@school.test',
      username: 's01',
      demographics: { birthDate: '2016-04-02', sex: 'female', races: ['asian', 'white'], hispanicOrLatino: false },
      teams: [{ sourcedId: 'team-n3a', name: 'Grade 3 Team A' }],
    });
    expect(profile.classes.map((c: { sourcedId: string }) => c.sourcedId)).toEqual(['cls-art', 'cls-math3a', 'cls-read3a']);
    expect(profile.adults).toContainEqual({ sourcedId: 'u-art', name: 'Ari Kim', role: 'teacher', via: 'Art 3' });
    expect(profile.adults).toContainEqual({ sourcedId: 'u-coach', name: 'Cole Baker', role: 'coach', via: 'Grade 3 Team A' });
    expect(profile.adults).toContainEqual({ sourcedId: 'u-leader-n3a', name: 'Lena Okafor', role: 'teacher', via: 'Math 3 - A' });
    expect(profile.adults).toContainEqual({ sourcedId: 'u-leader-n3a', name: 'Lena Okafor', role: 'teacher_leader', via: 'Grade 3 Team A' });
    const noDemographics = (await admin.get('/api/students/s02')).json();
    expect(noDemographics.demographics).toBeNull();
  });

  it('lists staff, academic sessions and courses', async () => {
    const staff = (await admin.get('/api/staff?team=team-n3b')).json();
    expect(staff.items).toEqual([
      {
        sourcedId: 'u-leader-n3b',
        givenName: 'Bea',
        familyName: 'Lindqvist',
        email: 'u-leader-n3b@school.test',
        role: 'teacher',
        schools: [{ sourcedId: 'sch-north', name: 'North Elementary' }],
        teams: [{ sourcedId: 'team-n3b', name: 'Grade 3 Team B', role: 'teacher_leader' }],
      },
      expect.objectContaining({ sourcedId: 'u-tutor-n3b', role: 'aide' }),
    ]);
    const firstPage = (await admin.get('/api/staff?limit=3')).json();
    expect(firstPage.items).toHaveLength(3);
    const secondPage = (await admin.get(`/api/staff?limit=3&cursor=${firstPage.next}`)).json();
    expect(secondPage.items[0].sourcedId).not.toBe(firstPage.items[2].sourcedId);

    const sessions = (await leader.get('/api/academic-sessions')).json();
    expect(sessions.items[0]).toEqual({
      sourcedId: 'year-2025',
      title: '2025-26',
      type: 'schoolYear',
      startDate: '2025-08-20',
      endDate: '2026-06-12',
      schoolYear: '2026',
      parentSourcedId: null,
    });
    const courses = (await admin.get('/api/courses?school=sch-north')).json();
    expect(courses.items.map((c: { sourcedId: string }) => c.sourcedId)).toEqual(['crs-art', 'crs-math3', 'crs-read3']);
    expect(courses.items[1]).toEqual({ sourcedId: 'crs-math3', title: 'Math 3', courseCode: 'CRS-MATH3', grades: ['03'], orgSourcedId: 'sch-north' });
    expect((await leader.get('/api/courses')).json().items.map((c: { sourcedId: string }) => c.sourcedId)).toEqual(['crs-math3', 'crs-read3']);
  });

  it("gives the district's counts to a district admin only", async () => {
    const stats = await admin.get('/api/stats');
    expect(stats.json()).toEqual({
      districts: 1,
      schools: 2,
      academicSessions: 3,
      courses: 4,
      classes: 6,
      students: 30,
      staff: 10,
      enrollments: 40,
      teams: 3,
    });
    expect((await leader.get('/api/stats')).statusCode).toBe(403);
  });

  it('lists the district’s imports to a district admin only', async () => {
    const { rows } = await ctx.db.query<{ id: string }>('select id from districts where sourced_id = $1', ['dist-a']);
    await ctx.db.query(
      `insert into import_runs (district_id, kind, source, outcome, counts, problems, started_at, finished_at) values
       ($1, 'oneroster', 'first.zip', 'accepted', '{"users":{"read":3,"accepted":3,"skipped":0,"deleted":0}}', '[]', now() - interval '2 hours', now() - interval '2 hours'),
       ($1, 'oneroster', 'second.zip', 'rejected', '{}', '[{"file":"users.csv","line":2,"field":"role","value":"x","message":"bad"}]', now() - interval '1 hour', now() - interval '1 hour')`,
      [rows[0]!.id],
    );
    const runs = (await admin.get('/api/imports')).json().items;
    expect(runs.map((r: { source: string }) => r.source)).toEqual(['second.zip', 'first.zip']);
    expect(runs[0]).toMatchObject({ kind: 'oneroster', outcome: 'rejected', problemCount: 1, counts: {} });
    expect(runs[1].counts.users).toEqual({ read: 3, accepted: 3, skipped: 0, deleted: 0 });
    expect(new Date(runs[0].startedAt).getTime()).toBeGreaterThan(0);
    expect((await leader.get('/api/imports')).statusCode).toBe(403);
    const adminB = await signIn(app, 'admin@b.test');
    expect((await adminB.get('/api/imports')).json().items).toEqual([]);
  });

  it('guards the OneRoster upload: admins only, CSRF, a file required', async () => {
    const body = multipart({ strict: 'true' }, { name: 'roster.zip', bytes: Buffer.from('PK\u0003\u0004 not really a zip') });
    const anonymous = await app.inject({ method: 'POST', url: '/api/imports/oneroster', ...body });
    expect(anonymous.statusCode).toBe(401);
    const byLeader = await app.inject({
      method: 'POST',
      url: '/api/imports/oneroster',
      payload: body.payload,
      headers: { ...body.headers, cookie: leader.cookie, 'x-csrf-token': leader.csrfToken },
    });
    expect(byLeader.statusCode).toBe(403);
    const noCsrf = await app.inject({ method: 'POST', url: '/api/imports/oneroster', payload: body.payload, headers: { ...body.headers, cookie: admin.cookie } });
    expect(noCsrf.statusCode).toBe(403);
    const noFile = multipart({ strict: 'true' });
    const withoutFile = await app.inject({
      method: 'POST',
      url: '/api/imports/oneroster',
      payload: noFile.payload,
      headers: { ...noFile.headers, cookie: admin.cookie, 'x-csrf-token': admin.csrfToken },
    });
    expect(withoutFile.statusCode).toBe(400);
    expect(withoutFile.json().detail).toMatch(/file/);
    const notMultipart = await app.inject({
      method: 'POST',
      url: '/api/imports/oneroster',
      payload: { file: 'x' },
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrfToken },
    });
    expect(notMultipart.statusCode).toBe(415);
  });

  it('publishes the OpenAPI document with every route', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(response.statusCode).toBe(200);
    const doc = response.json();
    expect(doc.openapi).toMatch(/^3\./);
    const routes = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([p, methods]) =>
      Object.keys(methods).map((m) => `${m.toUpperCase()} ${p}`),
    );
    for (const route of [
      'GET /api/health',
      'POST /api/session',
      'DELETE /api/session',
      'GET /api/me',
      'GET /api/schools',
      'GET /api/schools/{id}',
      'GET /api/teams',
      'GET /api/teams/{id}',
      'GET /api/classes',
      'GET /api/classes/{id}',
      'GET /api/students',
      'GET /api/students/{id}',
      'GET /api/staff',
      'GET /api/academic-sessions',
      'GET /api/courses',
      'GET /api/stats',
      'POST /api/imports/oneroster',
      'GET /api/imports',
    ]) {
      expect(routes).toContain(route);
    }
    const students = doc.paths['/api/students'].get;
    expect(students.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['limit', 'cursor', 'q', 'school', 'grade', 'team', 'class', 'englishLearner']),
    );
    const ui = await app.inject({ method: 'GET', url: '/api/docs' });
    expect([200, 302]).toContain(ui.statusCode);
  });

  it('answers invalid requests and unknown routes with problem+json', async () => {
    for (const [url, status, detail] of [
      ['/api/students?limit=abc', 400, /limit/],
      ['/api/students?limit=0', 400, /limit/],
      ['/api/students?limit=501', 400, /limit/],
      ['/api/students?englishLearner=maybe', 400, /englishLearner/],
      ['/api/no-such-thing', 404, /no-such-thing/],
    ] as const) {
      const response = await admin.get(url);
      expect(response.statusCode, url).toBe(status);
      expect(response.headers['content-type'], url).toMatch(/^application\/problem\+json/);
      const problem = response.json();
      expect(problem).toMatchObject({ type: 'about:blank', status });
      expect(problem.detail).toMatch(detail);
      expect(typeof problem.title).toBe('string');
    }
  });

  it('refuses to start with an /api route that declares no access rule', async () => {
    const bare = await buildApp({ db: ctx.db });
    try {
      expect(() => bare.get('/api/unguarded', async () => ({}))).toThrow(/config\.access/);
    } finally {
      await bare.close();
    }
  });

  it('serves the built web app with a fallback to index.html outside /api', async () => {
    const webDir = mkdtempSync(path.join(os.tmpdir(), 'trellis-web-'));
    try {
      writeFileSync(path.join(webDir, 'index.html'), '<!doctype html><title>Trellis</title>');
      mkdirSync(path.join(webDir, 'assets'));
      writeFileSync(path.join(webDir, 'assets', 'app.js'), 'console.log("app")');
      const web = await buildApp({ db: ctx.db, webDir });
      try {
        const root = await web.inject({ method: 'GET', url: '/' });
        expect(root.statusCode).toBe(200);
        expect(root.body).toContain('<title>Trellis</title>');
        const deep = await web.inject({ method: 'GET', url: '/students/s01?tab=classes' });
        expect(deep.statusCode).toBe(200);
        expect(deep.headers['content-type']).toMatch(/text\/html/);
        expect(deep.headers['content-security-policy']).toMatch(/script-src 'self'/);
        expect(deep.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
        const asset = await web.inject({ method: 'GET', url: '/assets/app.js' });
        expect(asset.body).toContain('console.log');
        const api = await web.inject({ method: 'GET', url: '/api/nothing-here' });
        expect(api.statusCode).toBe(404);
        expect(api.headers['content-type']).toMatch(/problem\+json/);
        expect((await web.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
      } finally {
        await web.close();
      }
    } finally {
      rmSync(webDir, { recursive: true, force: true });
    }
  });

  it('returns what its response schemas describe, which are also the types the queries and pages use', () => {
    expect([...responses.routes]).toEqual(expect.arrayContaining(['GET /api/schools/:id', 'GET /api/teams/:id', 'GET /api/classes/:id', 'GET /api/students', 'GET /api/students/:id', 'GET /api/staff', 'GET /api/imports']));
    expect(responses.mismatches).toEqual([]);
  });
});
