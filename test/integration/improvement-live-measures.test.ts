/**
 * Live measures through the API on both engines: a gap in mastery between
 * English learners and their classmates and a count of struggling students,
 * defined on a team project, recomputed as evidence arrives; bad definitions
 * refused with the reason; typed values refused on a live measure.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { importCase } from '../../src/ingest/case/index.ts';
import { importEvidence } from '../../src/ingest/evidence/index.ts';
import { importOutcomes } from '../../src/ingest/outcomes/index.ts';
import { buildApp } from '../../src/server/app.ts';
import { describeEachEngine } from './engines.ts';
import { seedDistricts } from './fixtures/district.ts';
import { signIn, type Caller } from './fixtures/session.ts';
import { CASE_FILE, tempFile } from './helpers/learning.ts';
import { checkResponseSchemas, type ResponseCheck } from './helpers/response-schemas.ts';

const BASE = '/api/improvement/projects';
const START = Date.now() - 3 * 3_600_000;
const at = (minute: number) => new Date(START + minute * 60_000).toISOString();
const EL_GAP = { a: { attribute: 'english_learner', value: false }, b: { attribute: 'english_learner', value: true } };

describeEachEngine('live improvement measures', (ctx) => {
  let app: FastifyInstance;
  let responses: ResponseCheck;
  let leader: Caller;
  let otherAdmin: Caller;
  let projectId: string;
  let gapId: string;
  let strugglingId: string;
  const skill: Record<string, string> = {};

  const send = (who: Caller, method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, body?: unknown): Promise<LightMyRequestResponse> =>
    app.inject({ method, url, headers: { cookie: who.cookie, 'x-csrf-token': who.csrfToken }, ...(body === undefined ? {} : { payload: body as object }) });
  const evidence = async (lines: string[]) => {
    const report = await importEvidence(ctx.db, tempFile('evidence.csv', `student,skill,timestamp,correct\n${lines.join('\n')}\n`), { districtSourcedId: 'dist-a' });
    expect(report.outcome).toBe('accepted');
  };
  const lastValue = async (measureId: string) => {
    const chart = await send(leader, 'GET', `${BASE}/${projectId}/measures/${measureId}`);
    expect(chart.statusCode).toBe(200);
    const values = chart.json().values as { x: string; y: number | null; n: number | null }[];
    return values.at(-1) ?? null;
  };

  beforeAll(async () => {
    await seedDistricts(ctx.db);
    expect((await importCase(ctx.db, CASE_FILE, { districtSourcedId: 'dist-a' })).outcome).toBe('accepted');
    const districtId = (await ctx.db.query<{ id: string }>(`select id from districts where sourced_id = 'dist-a'`)).rows[0]!.id;
    const { rows } = await ctx.db.query<{ id: string; code: string }>('select id::text as id, code from skills where district_id = $1 and code is not null', [districtId]);
    for (const row of rows) skill[row.code] = row.id;
    app = await buildApp({ db: ctx.db });
    responses = checkResponseSchemas(app);
    leader = await signIn(app, 'leader@a.test');
    otherAdmin = await signIn(app, 'admin@b.test');
    const project = await send(leader, 'POST', BASE, { title: 'Close the EL gap in ratios', job: 'coordinate', scope: { kind: 'team', id: 'team-n3a' } });
    expect(project.statusCode).toBe(201);
    projectId = project.json().id;
  });
  afterAll(async () => {
    await app?.close();
  });

  it('refuses a live measure without a definition, or with an unknown team, skill or attribute, saying why', async () => {
    const post = (body: object) => send(leader, 'POST', `${BASE}/${projectId}/measures`, { kind: 'outcome', name: 'Gap', source: 'live', ...body });
    const cases: [object, RegExp][] = [
      [{}, /needs its definition/],
      [{ liveDefinition: { kind: 'mastery_share', team: 'team-nowhere', skills: [skill['6.RP.A.2']] } }, /team "team-nowhere": no such team/],
      [{ liveDefinition: { kind: 'mastery_share', skills: ['00000000-0000-4000-8000-000000000000'] } }, /no skill 00000000/],
      // Team n3a has no skill sequence, so the skills must be named.
      [{ liveDefinition: { kind: 'mastery_share' } }, /no skill sequence/],
      [{ liveDefinition: { kind: 'mastery_share', skills: [skill['6.RP.A.2']], gap: { a: { attribute: 'shoe_size', value: true }, b: EL_GAP.b } } }, /attribute/],
      [{ liveDefinition: { kind: 'regrouping_frequency', gap: EL_GAP } }, /no gap between groups/],
      [{ source: 'manual', liveDefinition: { kind: 'struggling' } }, /needs the source "live"/],
    ];
    for (const [body, message] of cases) {
      const response = await post(body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(response.json().detail ?? response.json().title).toMatch(message);
    }
  });

  it('creates live measures whose values follow the evidence as it arrives', async () => {
    const gap = await send(leader, 'POST', `${BASE}/${projectId}/measures`, {
      kind: 'outcome',
      name: 'EL gap in ratio mastery (points)',
      source: 'live',
      chartOptions: { chart: 'run' },
      liveDefinition: { kind: 'mastery_share', skills: [skill['6.RP.A.2']], gap: EL_GAP },
    });
    expect(gap.statusCode).toBe(201);
    // The team is filled in from the project; no evidence yet, so no points.
    expect(gap.json()).toMatchObject({ source: 'live', liveDefinition: { kind: 'mastery_share', team: 'team-n3a', period: 'week', periods: 12 }, values: [] });
    expect(gap.json().liveDescription).toMatch(/students who are not English learners minus English learners/);
    gapId = gap.json().id;
    const struggling = await send(leader, 'POST', `${BASE}/${projectId}/measures`, { kind: 'balancing', name: 'Struggling students', source: 'live', liveDefinition: { kind: 'struggling' } });
    expect(struggling.statusCode).toBe(201);
    strugglingId = struggling.json().id;

    // Team n3a is s01..s06; s03 and s06 are English learners. s01 masters the skill: 1 of 4 classmates, 0 of 2 learners.
    await evidence([`s01,6.RP.A.2,${at(1)},1`, `s01,6.RP.A.2,${at(2)},1`, `s01,6.RP.A.2,${at(3)},1`]);
    expect(await lastValue(gapId)).toMatchObject({ y: 25, n: null });
    // s03, an English learner, masters it too: 25% of classmates, 50% of learners.
    await evidence([`s03,6.RP.A.2,${at(4)},1`, `s03,6.RP.A.2,${at(5)},1`, `s03,6.RP.A.2,${at(6)},1`]);
    expect(await lastValue(gapId)).toMatchObject({ y: -25 });

    expect(await lastValue(strugglingId)).toMatchObject({ y: 0, n: 6 });
    // s02 spins its wheels: a flag opens, and the count follows.
    await evidence(Array.from({ length: 12 }, (_, i) => `s02,6.RP.A.1,${at(10 + i)},0`));
    expect(await lastValue(strugglingId)).toMatchObject({ y: 1, n: 6 });

    const chart = await send(leader, 'GET', `${BASE}/${projectId}/measures/${gapId}/chart`);
    expect(chart.statusCode).toBe(200);
    expect(chart.json().problem).toBeNull();
    const list = (await send(leader, 'GET', `${BASE}/${projectId}/measures`)).json().items as { id: string; liveComputedAt: string | null; valueCount: number }[];
    expect(list.find((m) => m.id === gapId)).toMatchObject({ valueCount: 1 });
    expect(Date.parse(list.find((m) => m.id === gapId)!.liveComputedAt!)).toBeGreaterThan(START);
    // The summary reads the same values.
    const summary = await send(leader, 'GET', `${BASE}/${projectId}/summary`);
    expect(summary.statusCode).toBe(200);
    expect(summary.json().outcome.name).toBe('EL gap in ratio mastery (points)');
  });

  it('keeps typed values off a live measure, and lets it become manual again', async () => {
    const typed = await send(leader, 'PUT', `${BASE}/${projectId}/measures/${gapId}/values`, { values: [{ x: '2026-01-05', y: 3 }] });
    expect(typed.statusCode).toBe(400);
    expect(typed.json().detail).toMatch(/is live/);
    const manual = await send(leader, 'PATCH', `${BASE}/${projectId}/measures/${strugglingId}`, { source: 'manual' });
    expect(manual.statusCode).toBe(200);
    expect(manual.json()).toMatchObject({ source: 'manual', liveDefinition: null });
    expect((await send(leader, 'PUT', `${BASE}/${projectId}/measures/${strugglingId}/values`, { values: [{ x: '2026-01-05', y: 3 }] })).statusCode).toBe(200);
  });

  it('counts published plan days and the adults each student met, from the latest version of each day’s plan', async () => {
    const districtId = (await ctx.db.query<{ id: string }>(`select id from districts where sourced_id = 'dist-a'`)).rows[0]!.id;
    const today = new Date();
    const monday = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()) - ((today.getUTCDay() + 6) % 7) * 86_400_000;
    const day = (offset: number) => new Date(monday + offset * 86_400_000).toISOString().slice(0, 10);
    const publish = (date: string, version: number, groups: object[]) =>
      ctx.db.query(
        `insert into team_day_publications (district_id, team_sourced_id, plan_date, version, groups, setup, published_by_name)
         values ($1, 'team-n3a', $2, $3, $4::jsonb, '{}'::jsonb, 'Test')`,
        [districtId, date, version, JSON.stringify(groups)],
      );
    // Last week: Monday published twice (the second replaces the first), Tuesday once.
    await publish(day(-7), 1, [{ block: 'b1', adult: 'u-teacher-n3a', students: ['s01', 's02'] }, { block: 'b1', adult: 'u-leader-n3a', students: ['s03'] }]);
    await publish(day(-7), 2, [{ block: 'b1', adult: 'u-leader-n3a', students: ['s01', 's02', 's03'] }]);
    await publish(day(-6), 1, [{ block: 'b1', adult: 'u-teacher-n3a', students: ['s01'] }]);
    const add = async (name: string, kind: string) => {
      const response = await send(leader, 'POST', `${BASE}/${projectId}/measures`, { kind: 'process', name, source: 'live', liveDefinition: { kind } });
      expect(response.statusCode).toBe(201);
      return response.json().values as { x: string; y: number | null; n: number | null }[];
    };
    expect(await add('Plan days', 'regrouping_frequency')).toEqual([{ x: day(-7), y: 2, n: null }, { x: day(0), y: 0, n: null }]);
    // s01 met the leader (Monday) and the teacher (Tuesday); s02 and s03 the leader only.
    expect(await add('Adults per student', 'adults_per_student')).toEqual([{ x: day(-7), y: 1.33, n: 3 }, { x: day(0), y: null, n: 0 }]);
  });

  it('charts imported outcomes by period: the project’s school, or every school for a district project, recomputed after a re-import', async () => {
    const outcomes = async (lines: string[]) => {
      const report = await importOutcomes(ctx.db, tempFile('outcomes.csv', `school,outcome,period,value,denominator\n${lines.join('\n')}\n`), { districtSourcedId: 'dist-a' });
      expect(report.outcome).toBe('accepted');
    };
    await outcomes([
      'sch-north,college_applications_nonlocal,2024-25,20,100',
      'sch-north,college_applications_nonlocal,2023-24,15,90',
      'sch-south,college_applications_nonlocal,2024-25,10,50',
      'sch-north,discipline_incidents,2025-09,4,',
      'sch-south,discipline_incidents,2025-09,6,',
    ]);
    const post = (who: Caller, project: string, name: string, liveDefinition: object) =>
      send(who, 'POST', `${BASE}/${project}/measures`, { kind: 'outcome', name, source: 'live', chartOptions: { chart: 'p' }, liveDefinition });
    for (const [definition, message] of [
      [{ kind: 'imported_outcome', outcome: 'graduation_rate' }, /outcome "graduation_rate": no values of this outcome.*college_applications_nonlocal, discipline_incidents/],
      [{ kind: 'imported_outcome', outcome: 'college_applications_nonlocal', school: 'sch-south' }, /school "sch-south": outside the project’s scope/],
      [{ kind: 'imported_outcome', outcome: 'college_applications_nonlocal', school: 'sch-east' }, /school "sch-east": no such school/],
      [{ kind: 'imported_outcome', outcome: 'college_applications_nonlocal', period: 'week' }, /period: not part of an imported_outcome/],
    ] as [object, RegExp][]) {
      const response = await post(leader, projectId, 'Applications', definition);
      expect(response.statusCode, JSON.stringify(definition)).toBe(400);
      expect(response.json().detail).toMatch(message);
    }

    // The team project counts its team's school, North, only: a proportion per school year, oldest first.
    const team = await post(leader, projectId, 'Seniors applying beyond the county', { kind: 'imported_outcome', outcome: 'college_applications_nonlocal' });
    expect(team.statusCode).toBe(201);
    expect(team.json().liveDefinition).toEqual({ kind: 'imported_outcome', outcome: 'college_applications_nonlocal' });
    expect(team.json().liveDescription).toMatch(/Imported outcome “college_applications_nonlocal” for every school of the project/);
    expect(team.json().values).toEqual([{ x: '2023-07-01', y: 15, n: 90 }, { x: '2024-07-01', y: 20, n: 100 }]);
    const chart = (await send(leader, 'GET', `${BASE}/${projectId}/measures/${team.json().id}/chart`)).json();
    expect(chart.problem).toBeNull();
    // The chart plots sum(value) / sum(denominator).
    expect(chart.result.points.map((p: { y: number }) => p.y)).toEqual([15 / 90, 0.2].map((v) => expect.closeTo(v, 9)));

    // A district project sums every school: (20 + 10) / (100 + 50) in 2024-25; counts without denominators are summed.
    const admin = await signIn(app, 'admin@a.test');
    const district = await send(admin, 'POST', BASE, { title: 'Fewer incidents everywhere', job: 'reorient', scope: { kind: 'district', id: null } });
    expect(district.statusCode).toBe(201);
    const all = await post(admin, district.json().id, 'Applications, all schools', { kind: 'imported_outcome', outcome: 'college_applications_nonlocal' });
    expect(all.json().values).toEqual([{ x: '2023-07-01', y: 15, n: 90 }, { x: '2024-07-01', y: 30, n: 150 }]);
    const incidents = await post(admin, district.json().id, 'Incidents', { kind: 'imported_outcome', outcome: 'discipline_incidents' });
    expect(incidents.json().values).toEqual([{ x: '2025-09-01', y: 10, n: null }]);
    const south = await post(admin, district.json().id, 'Incidents at South', { kind: 'imported_outcome', outcome: 'discipline_incidents', school: 'sch-south' });
    expect(south.json().values).toEqual([{ x: '2025-09-01', y: 6, n: null }]);

    // A corrected figure and a new year show on the next read.
    await outcomes(['sch-north,college_applications_nonlocal,2024-25,25,100', 'sch-north,college_applications_nonlocal,2025-26,31,105']);
    const reread = await send(leader, 'GET', `${BASE}/${projectId}/measures/${team.json().id}`);
    expect(reread.json().values).toEqual([{ x: '2023-07-01', y: 15, n: 90 }, { x: '2024-07-01', y: 25, n: 100 }, { x: '2025-07-01', y: 31, n: 105 }]);
  });

  it('shows live measures only to those who see the project, and every response fits its schema', async () => {
    expect((await send(otherAdmin, 'GET', `${BASE}/${projectId}/measures/${gapId}/chart`)).statusCode).toBe(404);
    expect(responses.mismatches).toEqual([]);
  });
});
