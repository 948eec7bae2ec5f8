/** The learning API on both engines: skills, a student's evidence, a team's sequence, the unmapped summary; each role in its scope. */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCase } from '../../src/ingest/case/index.ts';
import { importEvidence } from '../../src/ingest/evidence/index.ts';
import { buildApp } from '../../src/server/app.ts';
import { describeEachEngine } from './engines.ts';
import { seedDistricts } from './fixtures/district.ts';
import { signIn, type Caller } from './fixtures/session.ts';
import type { SkillNode } from '../../src/server/routes/learning-schemas.ts';
import { CASE_FILE, tempFile } from './helpers/learning.ts';
import { checkResponseSchemas, type ResponseCheck } from './helpers/response-schemas.ts';

describeEachEngine('learning API', (ctx) => {
  let app: FastifyInstance;
  let responses: ResponseCheck;
  const callers: Record<string, Caller> = {};
  const as = (who: string) => callers[who]!;
  const skillId: Record<string, string> = {};

  const put = (who: string, url: string, payload: object, csrf = true) =>
    app.inject({ method: 'PUT', url, payload, headers: { cookie: as(who).cookie, ...(csrf ? { 'x-csrf-token': as(who).csrfToken } : {}) } });

  beforeAll(async () => {
    await seedDistricts(ctx.db);
    expect((await importCase(ctx.db, CASE_FILE, { districtSourcedId: 'dist-a' })).outcome).toBe('accepted');
    const evidence = await importEvidence(
      ctx.db,
      tempFile(
        'evidence.csv',
        'student,skill,timestamp,correct,score\n' +
          's01,6.RP.A.1,2025-09-02T10:00:00Z,1,\n' +
          's01,6.RP.A.2,2025-09-03T10:00:00Z,,0.6\n' +
          's01,6.RP.A.1,2025-09-04T10:00:00Z,0,\n' +
          's07,6.RP.A.1,2025-09-02T11:00:00Z,1,\n' +
          's15,6.RP.A.2,2025-09-02T12:00:00Z,1,\n',
      ),
      { districtSourcedId: 'dist-a' },
    );
    expect(evidence.problems).toEqual([]);
    app = await buildApp({ db: ctx.db });
    responses = checkResponseSchemas(app);
    for (const who of ['admin', 'principal', 'leader', 'teacher', 'tutor', 'coach', 'student', 'loner']) callers[who] = await signIn(app, `${who}@a.test`);
    callers.adminB = await signIn(app, 'admin@b.test');
    callers.leaderB = await signIn(app, 'leader@b.test');
    const skills = await as('teacher').get('/api/skills');
    for (const skill of skills.json().frameworks[0].skills as SkillNode[]) if (skill.code) skillId[skill.code] = skill.id;
  });
  afterAll(async () => {
    await app?.close();
  });

  describe('GET /api/skills', () => {
    it('gives each framework as a tree in reading order, with prerequisites by id', async () => {
      const response = await as('tutor').get('/api/skills');
      expect(response.statusCode).toBe(200);
      const [framework] = response.json().frameworks;
      expect(framework).toMatchObject({ source: 'case', title: 'Grade 6 Mathematics: Ratios (Trellis sample)', version: '2025.1' });
      const skills = framework.skills as SkillNode[];
      expect(skills.map((s) => `${'  '.repeat(s.depth)}${s.code}`)).toEqual([
        '6.RP',
        '  6.RP.A',
        '    6.RP.A.1',
        '    6.RP.A.2',
        '    6.RP.A.3',
        '      6.RP.A.3a',
        '      6.RP.A.3b',
        '      6.RP.A.3c',
        '      6.RP.A.3d',
      ]);
      const byCode = Object.fromEntries(skills.map((s) => [s.code, s]));
      expect(byCode['6.RP.A.3b']!.prerequisites.sort()).toEqual([skillId['6.RP.A.2'], skillId['6.RP.A.3a']].sort());
      expect(byCode['6.RP.A.3a']!.parentId).toBe(skillId['6.RP.A.3']);
    });

    it("is the district's own: district B has none; students are refused", async () => {
      expect((await as('adminB').get('/api/skills')).json()).toEqual({ frameworks: [] });
      expect((await as('student').get('/api/skills')).statusCode).toBe(403);
      expect((await app.inject({ method: 'GET', url: '/api/skills' })).statusCode).toBe(401);
    });
  });

  describe('GET /api/students/:id/evidence', () => {
    it('lists recent evidence newest first, with its source', async () => {
      const response = await as('leader').get('/api/students/s01/evidence');
      expect(response.statusCode).toBe(200);
      expect(response.json().items).toEqual([
        { skillId: skillId['6.RP.A.1'], skillCode: '6.RP.A.1', skillName: expect.any(String), occurredAt: '2025-09-04T10:00:00.000Z', correct: false, score: null, sourceKind: 'csv', sourceRef: 'evidence.csv:4' },
        { skillId: skillId['6.RP.A.2'], skillCode: '6.RP.A.2', skillName: expect.any(String), occurredAt: '2025-09-03T10:00:00.000Z', correct: false, score: 0.6, sourceKind: 'csv', sourceRef: 'evidence.csv:3' },
        { skillId: skillId['6.RP.A.1'], skillCode: '6.RP.A.1', skillName: expect.any(String), occurredAt: '2025-09-02T10:00:00.000Z', correct: true, score: null, sourceKind: 'csv', sourceRef: 'evidence.csv:2' },
      ]);
      const filtered = await as('leader').get(`/api/students/s01/evidence?skill=${skillId['6.RP.A.1']}&limit=1`);
      expect(filtered.json().items.map((i: { occurredAt: string }) => i.occurredAt)).toEqual(['2025-09-04T10:00:00.000Z']);
      const since = await as('leader').get('/api/students/s01/evidence?since=2025-09-03T00:00:00Z');
      expect(since.json().items).toHaveLength(2);
    });

    it('shows each role only the students in its scope, and a student only themself', async () => {
      const status = async (who: string, student: string) => (await as(who).get(`/api/students/${student}/evidence`)).statusCode;
      expect(await status('leader', 's15')).toBe(404);
      expect(await status('tutor', 's07')).toBe(200);
      expect(await status('tutor', 's01')).toBe(404);
      expect(await status('coach', 's15')).toBe(200);
      expect(await status('principal', 's15')).toBe(404);
      expect(await status('principal', 's07')).toBe(200);
      expect(await status('loner', 's21')).toBe(404);
      expect(await status('student', 's01')).toBe(200);
      expect(await status('student', 's02')).toBe(404);
      expect((await as('admin').get('/api/students/s15/evidence')).json().items).toHaveLength(1);
      // District B has a student s01 of its own, with no evidence.
      expect((await as('adminB').get('/api/students/s01/evidence')).json()).toEqual({ items: [] });
      expect((await as('leader').get('/api/students/s01/evidence?skill=not-a-uuid')).statusCode).toBe(400);
    });
  });

  describe('/api/teams/:id/sequence', () => {
    const sequence = () => ({
      items: [
        { skillId: skillId['6.RP.A.1'], startsOn: '2025-09-01', endsOn: '2025-09-12' },
        { skillId: skillId['6.RP.A.2'] },
        { skillId: skillId['6.RP.A.3a'], startsOn: '2025-09-22', endsOn: null },
      ],
    });

    it("lets the team's teacher-leader set it, and the team read it", async () => {
      expect((await as('teacher').get('/api/teams/team-n3a/sequence')).json()).toEqual({ team: 'team-n3a', items: [] });
      const saved = await put('leader', '/api/teams/team-n3a/sequence', sequence());
      expect(saved.statusCode, saved.body).toBe(200);
      const expected = {
        team: 'team-n3a',
        items: [
          { position: 1, skillId: skillId['6.RP.A.1'], skillCode: '6.RP.A.1', skillName: expect.any(String), startsOn: '2025-09-01', endsOn: '2025-09-12' },
          { position: 2, skillId: skillId['6.RP.A.2'], skillCode: '6.RP.A.2', skillName: expect.any(String), startsOn: null, endsOn: null },
          { position: 3, skillId: skillId['6.RP.A.3a'], skillCode: '6.RP.A.3a', skillName: expect.any(String), startsOn: '2025-09-22', endsOn: null },
        ],
      };
      expect(saved.json()).toEqual(expected);
      expect((await as('teacher').get('/api/teams/team-n3a/sequence')).json()).toEqual(expected);
      // Reordered and shortened: replaced, not merged.
      const reordered = await put('admin', '/api/teams/team-n3a/sequence', { items: [{ skillId: skillId['6.RP.A.3a'] }, { skillId: skillId['6.RP.A.1'] }] });
      expect(reordered.json().items.map((i: { skillCode: string }) => i.skillCode)).toEqual(['6.RP.A.3a', '6.RP.A.1']);
    });

    it('refuses everyone else, and bad sequences, with a reason', async () => {
      expect((await put('teacher', '/api/teams/team-n3a/sequence', sequence())).statusCode).toBe(403);
      expect((await put('coach', '/api/teams/team-n3a/sequence', sequence())).statusCode).toBe(403);
      expect((await put('principal', '/api/teams/team-n3a/sequence', sequence())).statusCode).toBe(403);
      expect((await put('leader', '/api/teams/team-s7/sequence', sequence())).statusCode).toBe(404);
      expect((await put('leaderB', '/api/teams/team-n3a/sequence', sequence())).statusCode).toBe(400);
      expect((await put('leader', '/api/teams/team-n3a/sequence', sequence(), false)).statusCode).toBe(403);
      const detail = async (payload: object) => {
        const response = await put('leader', '/api/teams/team-n3a/sequence', payload);
        expect(response.statusCode).toBe(400);
        return response.json().detail as string;
      };
      expect(await detail({ items: [{ skillId: skillId['6.RP.A.1'] }, { skillId: skillId['6.RP.A.1'] }] })).toBe(
        `Item 2: the skill ${skillId['6.RP.A.1']} is already in the sequence.`,
      );
      expect(await detail({ items: [{ skillId: skillId['6.RP.A.1'], startsOn: '2025-09-10', endsOn: '2025-09-01' }] })).toBe(
        'Item 1: endsOn 2025-09-01 is before startsOn 2025-09-10.',
      );
      expect(await detail({ items: [{ skillId: '00000000-0000-4000-8000-000000000000' }] })).toBe(
        'Item 1: there is no skill 00000000-0000-4000-8000-000000000000 in the district.',
      );
      expect((await as('student').get('/api/teams/team-n3a/sequence')).statusCode).toBe(403);
      expect((await as('tutor').get('/api/teams/team-n3a/sequence')).statusCode).toBe(404);
    });
  });

  describe('GET /api/learning/unmapped', () => {
    it('is for district admins only', async () => {
      const response = await as('admin').get('/api/learning/unmapped');
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ total: 0, statements: 0, byReason: [], byActivity: [], byActor: [] });
      for (const who of ['principal', 'leader', 'student']) expect((await as(who).get('/api/learning/unmapped')).statusCode, who).toBe(403);
    });
  });

  it('returns what its response schemas describe (the serialiser would hide a mismatch)', () => {
    expect([...responses.routes]).toEqual(
      expect.arrayContaining(['GET /api/skills', 'GET /api/students/:id/evidence', 'GET /api/teams/:id/sequence', 'PUT /api/teams/:id/sequence', 'GET /api/learning/unmapped']),
    );
    expect(responses.mismatches).toEqual([]);
  });
});
