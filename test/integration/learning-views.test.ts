/**
 * The team learning views on both engines: heatmap, pinpoint, struggling list and
 * a student's skill profile, each for the roles in scope and refused outside it.
 * Estimates, flags and evidence are written with SQL as fixtures: these tests are
 * about the views, not the mastery model that fills the tables.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fitMasteryModel, storeModel } from '../../src/core/mastery/index.ts';
import { saveModel } from '../../src/db/mastery.ts';
import { importCase } from '../../src/ingest/case/index.ts';
import { buildApp } from '../../src/server/app.ts';
import { describeEachEngine } from './engines.ts';
import { seedDistricts } from './fixtures/district.ts';
import { signIn, type Caller } from './fixtures/session.ts';
import { CASE_FILE } from './helpers/learning.ts';
import { checkResponseSchemas, type ResponseCheck } from './helpers/response-schemas.ts';

const DAY = 24 * 60 * 60 * 1000;
const daysAgo = (days: number, minutes = 0) => new Date(Date.now() - days * DAY + minutes * 60_000).toISOString();

describeEachEngine('team learning views API', (ctx) => {
  let app: FastifyInstance;
  let responses: ResponseCheck;
  let district = '';
  const callers: Record<string, Caller> = {};
  const as = (who: string) => callers[who]!;
  const skill: Record<string, string> = {};
  const flag: Record<string, string> = {};

  const addEvidence = async (student: string, code: string, at: string, correct: boolean, key: string) =>
    ctx.db.query(
      `insert into evidence (district_id, student_sourced_id, skill_id, occurred_at, correct, source_kind, source_key, source_ref)
       values ($1, $2, $3, $4, $5, 'csv', $6, $7)`,
      [district, student, skill[code], at, correct, key, `evidence.csv:${key}`],
    );
  const addEstimate = async (student: string, code: string, known: number, attempts: number) =>
    ctx.db.query(
      `insert into mastery_estimates (district_id, student_sourced_id, skill_id, known, next_correct, state, attempts, right_count,
                                      first_at, last_at, mastered_at, explanation)
       values ($1, $2, $3, $4, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [district, student, skill[code], known, known >= 0.95 ? 'mastered' : 'learning', attempts, Math.round(attempts * known), daysAgo(10), daysAgo(1),
        known >= 0.95 ? daysAgo(2) : null, `${student} ${code} at ${Math.round(known * 100)}%`],
    );
  const addFlag = async (name: string, student: string, kind: string, code: string | null, raisedDaysAgo: number, extra = '') => {
    const { rows } = await ctx.db.query<{ id: string }>(
      `insert into learning_flags (district_id, student_sourced_id, kind, skill_id, reason, since, raised_at ${extra ? ', cleared_at' : ''})
       values ($1, $2, $3, $4, $5, $6, $6 ${extra ? ', now()' : ''}) returning id::text as id`,
      [district, student, kind, code ? skill[code] : null, `${kind} on ${code ?? 'everything'}`, daysAgo(raisedDaysAgo)],
    );
    flag[name] = rows[0]!.id;
  };

  beforeAll(async () => {
    await seedDistricts(ctx.db);
    expect((await importCase(ctx.db, CASE_FILE, { districtSourcedId: 'dist-a' })).outcome).toBe('accepted');
    const { rows } = await ctx.db.query<{ id: string }>(`select id::text as id from districts where sourced_id = 'dist-a'`);
    district = rows[0]!.id;
    const skills = await ctx.db.query<{ id: string; code: string }>('select id::text as id, code from skills where district_id = $1', [district]);
    for (const s of skills.rows) skill[s.code] = s.id;
    // Team n3a works on 6.RP.A.1 then 6.RP.A.2. Its reading teacher teaches only s01..s03.
    await ctx.db.query(
      `insert into team_skill_sequences (district_id, team_sourced_id, position, skill_id) values ($1, 'team-n3a', 1, $2), ($1, 'team-n3a', 2, $3)`,
      [district, skill['6.RP.A.1'], skill['6.RP.A.2']],
    );
    await ctx.db.query(`delete from enrollments where district_id = $1 and class_sourced_id = 'cls-read3a' and user_sourced_id in ('s04', 's05', 's06')`, [district]);
    // In the last week s01..s03 get 3 of 10 right on 6.RP.A.1, s04..s06 9 of 10.
    for (const [i, student] of ['s01', 's02', 's03', 's04', 's05', 's06'].entries()) {
      const rightOf10 = i < 3 ? 3 : 9;
      for (let k = 0; k < 10; k++) await addEvidence(student, '6.RP.A.1', daysAgo(7, k), k < rightOf10, `${student}-${k}`);
    }
    await addEvidence('s01', '6.RP.A.2', daysAgo(30), true, 's01-old');
    await addEstimate('s01', '6.RP.A.1', 0.4, 10);
    await addEstimate('s01', '6.RP.A.2', 0.97, 1);
    await addEstimate('s04', '6.RP.A.1', 0.98, 10);
    await addEstimate('s07', '6.RP.A.1', 0.5, 3);
    await addFlag('wheel', 's01', 'wheel_spinning', '6.RP.A.1', 3);
    await addFlag('inactive', 's02', 'inactive', null, 1);
    await addFlag('cleared', 's03', 'regression', '6.RP.A.2', 5, 'cleared');
    await addFlag('otherTeam', 's07', 'behind', '6.RP.A.1', 1);
    await ctx.db.query(`update learning_flags set acknowledged_at = now(), owner_sourced_id = 'u-teacher-n3a', note = 'small group Tuesday' where id = $1`, [
      flag.inactive,
    ]);

    app = await buildApp({ db: ctx.db });
    responses = checkResponseSchemas(app);
    for (const who of ['admin', 'principal', 'leader', 'teacher', 'tutor', 'coach', 'student', 'loner']) callers[who] = await signIn(app, `${who}@a.test`);
    callers.adminB = await signIn(app, 'admin@b.test');
  });
  afterAll(async () => {
    await app?.close();
  });

  describe('GET /api/teams/:id/mastery', () => {
    it("gives the team's students × its sequence, with states, probabilities, mastered counts and open flags", async () => {
      const response = await as('leader').get('/api/teams/team-n3a/mastery');
      expect(response.statusCode).toBe(200);
      const body = response.json();
      expect(body.skills.map((s: { code: string }) => s.code)).toEqual(['6.RP.A.1', '6.RP.A.2']);
      expect(body.students.map((s: { sourcedId: string }) => s.sourcedId).sort()).toEqual(['s01', 's02', 's03', 's04', 's05', 's06']);
      const s01 = body.students.find((s: { sourcedId: string }) => s.sourcedId === 's01');
      expect(s01).toMatchObject({ mastered: 1, openFlags: 1 });
      expect(s01.cells).toEqual([
        { skillId: skill['6.RP.A.1'], state: 'learning', known: 0.4, attempts: 10 },
        { skillId: skill['6.RP.A.2'], state: 'mastered', known: 0.97, attempts: 1 },
      ]);
      const s03 = body.students.find((s: { sourcedId: string }) => s.sourcedId === 's03');
      expect(s03).toMatchObject({ cells: [], mastered: 0, openFlags: 0 });
    });

    it('filters by program attributes and by class', async () => {
      // In the fixture a student is an English learner when their number is a multiple of 3.
      const el = (await as('coach').get('/api/teams/team-n3a/mastery?englishLearner=true')).json();
      expect(el.students.map((s: { sourcedId: string }) => s.sourcedId).sort()).toEqual(['s03', 's06']);
      const reading = (await as('coach').get('/api/teams/team-n3a/mastery?class=cls-read3a')).json();
      expect(reading.students.map((s: { sourcedId: string }) => s.sourcedId).sort()).toEqual(['s01', 's02', 's03']);
    });

    it('is refused outside the scope: another team, a class filter outside it, a student, another district', async () => {
      expect((await as('tutor').get('/api/teams/team-n3a/mastery')).statusCode).toBe(404);
      expect((await as('leader').get('/api/teams/team-n3a/mastery?class=cls-sci7b')).statusCode).toBe(403);
      expect((await as('student').get('/api/teams/team-n3a/mastery')).statusCode).toBe(403);
      // District B reuses the team's sourcedId: its admin sees B's team, with none of A's learning data.
      const b = await as('adminB').get('/api/teams/team-n3a/mastery');
      expect(b.json().skills).toEqual([]);
      expect(b.json().students.every((s: { cells: unknown[]; openFlags: number }) => s.cells.length === 0 && s.openFlags === 0)).toBe(true);
      expect((await as('principal').get('/api/teams/team-n3a/mastery')).statusCode).toBe(200);
    });
  });

  describe('GET /api/teams/:id/pinpoint', () => {
    it("calls out the skill where a teacher's students do worse than the rest of the team", async () => {
      const response = await as('principal').get('/api/teams/team-n3a/pinpoint');
      expect(response.statusCode).toBe(200);
      const body = response.json();
      expect(body.teamStudents).toBe(6);
      const teacher = body.adults.find((a: { sourcedId: string }) => a.sourcedId === 'u-teacher-n3a');
      expect(teacher).toMatchObject({ role: 'teacher', classes: ['cls-read3a'], students: 3 });
      expect(teacher.comparisons[0]).toMatchObject({ code: '6.RP.A.1', group: { right: 9, total: 30 }, rest: { right: 27, total: 30 }, callOut: true });
      // The leader teaches every student: there is no rest to compare with, so nothing is compared.
      const leader = body.adults.find((a: { sourcedId: string }) => a.sourcedId === 'u-leader-n3a');
      expect(leader).toMatchObject({ students: 6, comparisons: [] });
      // Coaches teach no class of the team: they are not compared.
      expect(body.adults.map((a: { sourcedId: string }) => a.sourcedId)).not.toContain('u-coach');
    });

    it('reads only the window asked for, and refuses bad input and other teams', async () => {
      const recent = (await as('leader').get('/api/teams/team-n3a/pinpoint?days=3')).json();
      expect(recent.adults.every((a: { comparisons: unknown[] }) => a.comparisons.length === 0)).toBe(true);
      const bad = await as('leader').get('/api/teams/team-n3a/pinpoint?days=0');
      expect(bad.statusCode).toBe(400);
      expect(bad.json().detail).toMatch(/days/);
      expect((await as('loner').get('/api/teams/team-n3a/pinpoint')).statusCode).toBe(404);
    });
  });

  describe('GET /api/teams/:id/struggling', () => {
    it("lists the team's open flags newest first, acknowledged ones with owner and note", async () => {
      const response = await as('teacher').get('/api/teams/team-n3a/struggling');
      expect(response.statusCode).toBe(200);
      const items = response.json().items;
      expect(items.map((f: { id: string }) => f.id)).toEqual([flag.inactive, flag.wheel]);
      expect(items[0]).toMatchObject({ student: 's02', kind: 'inactive', skillId: null, owner: 'u-teacher-n3a', ownerName: 'Tomas Reyes', note: 'small group Tuesday' });
      expect(items[0].acknowledgedAt).not.toBeNull();
      expect(items[1]).toMatchObject({ student: 's01', kind: 'wheel_spinning', skillCode: '6.RP.A.1', acknowledgedAt: null });
    });

    it('filters to the unacknowledged, and is refused outside the scope', async () => {
      const open = (await as('coach').get('/api/teams/team-n3a/struggling?unacknowledged=true')).json();
      expect(open.items.map((f: { id: string }) => f.id)).toEqual([flag.wheel]);
      expect((await as('tutor').get('/api/teams/team-n3a/struggling')).statusCode).toBe(404);
      expect((await as('student').get('/api/teams/team-n3a/struggling')).statusCode).toBe(403);
    });
  });

  describe('GET /api/students/:id/skill-profile', () => {
    it('gives the estimates and the evidence timeline, with the estimate traced when a model is stored', async () => {
      const before = (await as('leader').get('/api/students/s01/skill-profile')).json();
      expect(before.model).toBeNull();
      expect(before.skills.map((s: { code: string; state: string }) => `${s.code} ${s.state}`)).toEqual(['6.RP.A.1 learning', '6.RP.A.2 mastered']);
      expect(before.skills[0]).toMatchObject({ attempts: 10, explanation: 's01 6.RP.A.1 at 40%' });
      expect(before.timeline).toHaveLength(11);
      expect(before.timeline[0]).toMatchObject({ code: '6.RP.A.2', correct: true, sourceKind: 'csv', sourceRef: 'evidence.csv:s01-old', known: null });

      const responses = (await ctx.db.query<{ student: string; skill: string; at: Date; correct: boolean }>(
        'select student_sourced_id as student, skill_id::text as skill, occurred_at as at, correct from evidence where district_id = $1',
        [district],
      )).rows.map((r) => ({ ...r, at: new Date(r.at).getTime() }));
      await saveModel(ctx.db, district, { kind: 'bkt', model: storeModel(fitMasteryModel('bkt', responses)), responses: responses.length, students: 6, skills: 2 });
      const after = (await as('student').get(`/api/students/s01/skill-profile?skill=${skill['6.RP.A.1']}`)).json();
      expect(after.model.kind).toBe('bkt');
      expect(after.timeline).toHaveLength(10);
      expect(after.timeline.every((t: { known: number | null; code: string }) => t.code === '6.RP.A.1' && t.known !== null && t.known >= 0 && t.known <= 1)).toBe(true);
      // s01 got the first 3 of 10 right, then 7 wrong: the estimate ends lower than after the third attempt.
      expect(after.timeline[9].known).toBeLessThan(after.timeline[2].known);
      // A limit returns the newest attempts, with the estimate traced over the whole history.
      const newest = (await as('leader').get(`/api/students/s01/skill-profile?skill=${skill['6.RP.A.1']}&limit=3`)).json();
      expect(newest.timeline).toEqual(after.timeline.slice(-3));
    });

    it('lets a student see only their own profile, and staff only students in scope', async () => {
      expect((await as('student').get('/api/students/s02/skill-profile')).statusCode).toBe(404);
      expect((await as('tutor').get('/api/students/s01/skill-profile')).statusCode).toBe(404);
      // District B reuses the sourcedId s01: B's admin gets B's student, with none of A's evidence.
      const b = await as('adminB').get('/api/students/s01/skill-profile');
      expect(b.statusCode === 404 || (b.json().skills.length === 0 && b.json().timeline.length === 0)).toBe(true);
      expect((await as('coach').get('/api/students/s01/skill-profile')).statusCode).toBe(200);
      const bad = await as('leader').get('/api/students/s01/skill-profile?skill=not-a-uuid');
      expect(bad.statusCode).toBe(400);
    });
  });

  it('returns what its response schemas describe (the serialiser would hide a mismatch)', () => {
    expect([...responses.routes]).toEqual(
      expect.arrayContaining(['GET /api/students/:id/skill-profile', 'GET /api/teams/:id/mastery', 'GET /api/teams/:id/pinpoint', 'GET /api/teams/:id/struggling']),
    );
    expect(responses.mismatches).toEqual([]);
  });
});
