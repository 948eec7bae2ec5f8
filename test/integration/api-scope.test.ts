/**
 * Each role sees exactly its scope. The expected students are worked out here from
 * the fixture's plain data (teams, classes, schools), not with the server's queries.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import { describeEachEngine } from './engines.ts';
import { CLASSES, DISTRICT_B, seedDistricts, STUDENTS, TEAMS, type FixtureStudent } from './fixtures/district.ts';
import { signIn, type Caller } from './fixtures/session.ts';

const ALL = STUDENTS.map((s) => s.id);

function onTeams(teamIds: string[]): string[] {
  const teams = TEAMS.filter((t) => teamIds.includes(t.id));
  const classes = new Set(teams.flatMap((t) => t.classes));
  return STUDENTS.filter((s) => s.teams.some((t) => teamIds.includes(t)) || s.classes.some((c) => classes.has(c))).map((s) => s.id);
}

function inSchools(schoolIds: string[]): string[] {
  const schoolOf = (classId: string) => CLASSES.find((c) => c.id === classId)!.school;
  return STUDENTS.filter((s) => s.schools.some((x) => schoolIds.includes(x)) || s.classes.some((c) => schoolIds.includes(schoolOf(c)))).map(
    (s) => s.id,
  );
}

const where = (test: (s: FixtureStudent) => boolean) => STUDENTS.filter(test).map((s) => s.id);

interface Listed {
  sourcedId: string;
  givenName: string;
  familyName: string;
}

/** Every page of a list, following `next`, failing on a repeated item. */
async function allPages(caller: Caller, path: string, limit = 7): Promise<Listed[]> {
  const items: Listed[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 100; page++) {
    const separator = path.includes('?') ? '&' : '?';
    const response = await caller.get(`${path}${separator}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json() as { items: Listed[]; next: string | null };
    expect(body.items.length).toBeLessThanOrEqual(limit);
    items.push(...body.items);
    if (!body.next) return items;
    cursor = body.next;
  }
  throw new Error('paging did not end');
}

const ids = (items: Listed[]) => items.map((i) => i.sourcedId).sort();

describeEachEngine('API scope: who sees which students', (ctx) => {
  let app: FastifyInstance;
  const callers: Record<string, Caller> = {};
  const as = (who: string) => callers[who]!;

  beforeAll(async () => {
    await seedDistricts(ctx.db);
    app = await buildApp({ db: ctx.db });
    for (const who of ['admin', 'principal', 'leader', 'teacher', 'tutor', 'resident', 'coach', 'student', 'loner']) {
      callers[who] = await signIn(app, `${who}@a.test`);
    }
    callers.adminB = await signIn(app, 'admin@b.test');
    callers.leaderB = await signIn(app, 'leader@b.test');
  });
  afterAll(async () => {
    await app?.close();
  });

  const expected: Record<string, () => string[]> = {
    admin: () => ALL,
    principal: () => inSchools(['sch-north']),
    leader: () => onTeams(['team-n3a']),
    teacher: () => onTeams(['team-n3a']),
    resident: () => onTeams(['team-n3a']),
    tutor: () => onTeams(['team-n3b']),
    coach: () => onTeams(['team-n3a', 'team-s7']),
    loner: () => [],
    adminB: () => DISTRICT_B.students,
    leaderB: () => DISTRICT_B.students,
  };

  for (const [who, students] of Object.entries(expected)) {
    it(`${who} pages through exactly their students, each once`, async () => {
      const listed = await allPages(as(who), '/api/students');
      expect(new Set(listed.map((i) => i.sourcedId)).size).toBe(listed.length);
      expect(ids(listed)).toEqual([...students()].sort());
    });
  }

  it('the fixture gives the roles different scopes (so the checks above can tell them apart)', () => {
    const sizes = new Set(['admin', 'principal', 'leader', 'tutor', 'coach'].map((who) => expected[who]!().length));
    expect(sizes.size).toBe(5);
    expect(expected.principal!()).toContain('s30');
    expect(expected.principal!()).not.toContain('s15');
    expect(expected.tutor!()).toContain('s13'); // placed on the team directly
  });

  it('pages in the same order as one big page, breaking name ties by id', async () => {
    const paged = await allPages(as('admin'), '/api/students', 4);
    const whole = await allPages(as('admin'), '/api/students', 500);
    expect(whole).toHaveLength(30);
    expect(paged.map((i) => i.sourcedId)).toEqual(whole.map((i) => i.sourcedId));
    const anaGarcias = whole.filter((s) => s.givenName === 'Ana' && s.familyName === 'Garcia').map((s) => s.sourcedId);
    expect(anaGarcias.length).toBeGreaterThan(1);
    expect(anaGarcias).toEqual([...anaGarcias].sort());
  });

  it('keeps other districts invisible, even where sourcedIds collide', async () => {
    // District B has a student s01 and a team team-n3a of its own.
    const s01 = await as('admin').get('/api/students/s01');
    expect(s01.json().givenName).not.toMatch(/^Bee/);
    const s01b = await as('adminB').get('/api/students/s01');
    expect(s01b.json().givenName).toBe('Bee0');
    expect((await as('admin').get('/api/students/b-s02')).statusCode).toBe(404);
    expect((await as('admin').get(`/api/classes/${DISTRICT_B.class}`)).statusCode).toBe(404);
    const teamB = await as('leaderB').get('/api/teams/team-n3a');
    expect(teamB.json().name).toBe('Birch Team');
    expect((await as('adminB').get('/api/schools')).json().items.map((s: { name: string }) => s.name)).toEqual(['Birch North']);
  });

  it('answers 404 for a student outside the scope and 200 inside it', async () => {
    expect((await as('leader').get('/api/students/s01')).statusCode).toBe(200);
    const outside = await as('leader').get('/api/students/s15');
    expect(outside.statusCode).toBe(404);
    expect(outside.headers['content-type']).toMatch(/problem\+json/);
    expect((await as('principal').get('/api/students/s30')).statusCode).toBe(200);
    expect((await as('principal').get('/api/students/s21')).statusCode).toBe(404);
    expect((await as('loner').get('/api/students/s21')).statusCode).toBe(404);
    expect((await as('coach').get('/api/students/s15')).statusCode).toBe(200);
  });

  it('lets a student see only themself: their profile, no lists', async () => {
    const own = await as('student').get('/api/students/s01');
    expect(own.statusCode).toBe(200);
    expect(own.json().sourcedId).toBe('s01');
    expect((await as('student').get('/api/students/s02')).statusCode).toBe(404);
    for (const path of ['/api/students', '/api/schools', '/api/teams', '/api/classes', '/api/staff', '/api/courses', '/api/students?q=Garcia']) {
      expect((await as('student').get(path)).statusCode, path).toBe(403);
    }
  });

  it('answers 401 to anonymous callers', async () => {
    for (const path of ['/api/students', '/api/students/s01', '/api/schools', '/api/teams/team-n3a', '/api/stats']) {
      expect((await app.inject({ method: 'GET', url: path })).statusCode, path).toBe(401);
    }
  });

  it('refuses (403) a filter outside the scope', async () => {
    const cases: [string, string][] = [
      ['leader', '/api/students?team=team-n3b'],
      ['leader', '/api/students?class=cls-sci7a'],
      ['leader', '/api/students?school=sch-south'],
      ['principal', '/api/students?school=sch-south'],
      ['principal', '/api/students?team=team-s7'],
      ['principal', '/api/classes?school=sch-south'],
      ['tutor', '/api/teams?school=sch-south'],
      ['leaderB', '/api/students?team=team-n3b'],
      ['leader', '/api/staff?team=team-s7'],
    ];
    for (const [who, path] of cases) {
      const response = await as(who).get(path);
      expect(response.statusCode, `${who} ${path}`).toBe(403);
      expect(response.json().detail).toMatch(/not in your scope/);
    }
  });

  it('applies filters within the scope', async () => {
    const check = async (who: string, query: string, expectedIds: string[]) => {
      expect(ids(await allPages(as(who), `/api/students?${query}`)), `${who} ${query}`).toEqual([...expectedIds].sort());
    };
    await check('admin', 'school=sch-south', inSchools(['sch-south']));
    await check('admin', 'team=team-n3b', onTeams(['team-n3b']));
    await check('admin', 'class=cls-art', where((s) => s.classes.includes('cls-art')));
    await check('admin', 'grade=07', where((s) => s.grade === '07'));
    await check('admin', 'englishLearner=true', where((s) => s.englishLearner));
    await check('admin', 'specialEducation=false&economicallyDisadvantaged=true', where((s) => !s.specialEducation && s.economicallyDisadvantaged));
    await check('leader', 'englishLearner=true', onTeams(['team-n3a']).filter((id) => STUDENTS.find((s) => s.id === id)!.englishLearner));
    await check('coach', 'school=sch-south', onTeams(['team-s7']));
    await check('principal', 'team=team-n3b', onTeams(['team-n3b']));
    await check('admin', 'q=garcia', where((s) => s.family === 'Garcia'));
    await check('admin', 'q=ID-s14', ['s14']);
    await check('admin', 'q=ana%20garcia', where((s) => s.given === 'Ana' && s.family === 'Garcia'));
    await check('leader', 'q=garcia', onTeams(['team-n3a']).filter((id) => STUDENTS.find((s) => s.id === id)!.family === 'Garcia'));
    await check('admin', 'q=%25', []); // LIKE wildcards are taken literally
  });

  it('limits teams, classes, schools and staff to the scope too', async () => {
    const listIds = async (who: string, path: string) =>
      ((await as(who).get(path)).json().items as { sourcedId: string }[]).map((i) => i.sourcedId).sort();
    expect(await listIds('admin', '/api/teams')).toEqual(['team-n3a', 'team-n3b', 'team-s7']);
    expect(await listIds('principal', '/api/teams')).toEqual(['team-n3a', 'team-n3b']);
    expect(await listIds('coach', '/api/teams')).toEqual(['team-n3a', 'team-s7']);
    expect(await listIds('loner', '/api/teams')).toEqual([]);
    expect(await listIds('leader', '/api/classes')).toEqual(['cls-math3a', 'cls-read3a']);
    expect(await listIds('principal', '/api/classes')).toEqual(['cls-art', 'cls-math3a', 'cls-math3b', 'cls-read3a']);
    expect(await listIds('coach', '/api/schools')).toEqual(['sch-north', 'sch-south']);
    expect(await listIds('tutor', '/api/schools')).toEqual(['sch-north']);
    expect(await listIds('leader', '/api/staff')).toEqual(['u-coach', 'u-leader-n3a', 'u-resident-n3a', 'u-teacher-n3a']);
    expect((await as('leader').get('/api/teams/team-n3b')).statusCode).toBe(404);
    expect((await as('leader').get('/api/classes/cls-sci7a')).statusCode).toBe(404);
    expect((await as('principal').get('/api/schools/sch-south')).statusCode).toBe(404);
    expect((await as('principal').get('/api/teams/team-s7')).statusCode).toBe(404);
  });

  it('counts only what the scope sees on school cards', async () => {
    const [north] = (await as('leader').get('/api/schools')).json().items;
    expect(north).toMatchObject({ sourcedId: 'sch-north', studentCount: onTeams(['team-n3a']).length, teamCount: 1, classCount: 2 });
    const schools = (await as('admin').get('/api/schools')).json().items;
    expect(schools.find((s: { sourcedId: string }) => s.sourcedId === 'sch-north').studentCount).toBe(inSchools(['sch-north']).length);
  });

  it('refuses a cursor it did not give out', async () => {
    const response = await as('admin').get('/api/students?cursor=not-a-cursor');
    expect(response.statusCode).toBe(400);
    expect(response.json().detail).toMatch(/cursor/);
  });
});
