import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadDemoDistrict } from '../../src/demo/load.ts';
import { DEMO_PASSWORD } from '../../src/demo/sign-ins.ts';
import { buildApp } from '../../src/server/app.ts';
import { describeEachEngine } from './engines.ts';

const NOW = new Date(Date.UTC(2026, 2, 15));

describeEachEngine('demo improvement projects', (ctx) => {
  let app: FastifyInstance;
  const cookies: Record<string, string> = {};
  const get = (who: string, url: string) => app.inject({ method: 'GET', url, headers: { cookie: cookies[who]! } });

  beforeAll(async () => {
    await loadDemoDistrict(ctx.db, { students: 600, seed: 3, learning: false, now: NOW });
    app = await buildApp({ db: ctx.db });
    for (const who of ['admin', 'principal', 'leader', 'tutor']) {
      const response = await app.inject({ method: 'POST', url: '/api/session', payload: { email: `${who}@demo.school`, password: DEMO_PASSWORD } });
      expect(response.statusCode).toBe(200);
      cookies[who] = [response.headers['set-cookie']].flat().map((c) => String(c).split(';')[0]).join('; ');
    }
  });
  afterAll(async () => {
    await app?.close();
  });

  it('loads one project per job, each with its playbook, diagram, measures and cycles', async () => {
    const items = (await get('admin', '/api/improvement/projects')).json().items as { id: string; job: string; title: string }[];
    expect(items.map((p) => p.job).sort()).toEqual(['coordinate', 'correct', 'reorient']);
    const correct = items.find((p) => p.job === 'correct')!;
    const detail = (await get('admin', `/api/improvement/projects/${correct.id}`)).json();
    expect(detail.aimCheck.complete).toBe(true);
    expect(detail.members.length).toBeGreaterThanOrEqual(2);
    expect(detail.ramps[0].scales).toEqual(['classroom', 'team', 'school']);
    expect(detail.createdAt.slice(0, 10)).toBe('2025-09-01');
    const steps = Object.fromEntries(detail.playbook.steps.map((s: { id: string; status: string }) => [s.id, s.status]));
    expect(steps).toMatchObject({ coalition: 'done', aim: 'done', diagnosis: 'done', decide: 'done' });
    const summary = (await get('admin', `/api/improvement/projects/${correct.id}/summary`)).json();
    expect(summary.outcome.summary).toMatch(/probably shifted|unlikely to be chance/);
    expect(summary.outcome.svg).toContain('PDSA: College map in one advisory');
    expect(summary.driverOutline[0].children).toHaveLength(2);
    // Five school years of applications imported by school and period, charted by an imported_outcome measure after the monthly share.
    const measures = (await get('admin', `/api/improvement/projects/${correct.id}/measures`)).json().items as { id: string; kind: string; source: string; liveDefinition: { kind: string } | null }[];
    expect(measures.map((m) => [m.kind, m.source, m.liveDefinition?.kind ?? null])).toEqual([['outcome', 'manual', null], ['outcome', 'live', 'imported_outcome'], ['process', 'manual', null]]);
    const applications = (await get('admin', `/api/improvement/projects/${correct.id}/measures/${measures[1]!.id}`)).json();
    expect(applications.values.map((v: { x: string }) => v.x)).toEqual(['2021-07-01', '2022-07-01', '2023-07-01', '2024-07-01', '2025-07-01']);
    expect(applications.values[4]).toMatchObject({ y: 71, n: 224 });
    const applicationsChart = (await get('admin', `/api/improvement/projects/${correct.id}/measures/${measures[1]!.id}/chart`)).json();
    expect(applicationsChart.problem).toBeNull();
    expect(applicationsChart.result.chart).toBe('p');
    const fishbone = (await app.inject({ method: 'GET', url: `/api/improvement/projects/${correct.id}/fishbone`, headers: { cookie: cookies.admin! } })).json();
    expect(fishbone.categories.flatMap((c: { causes: unknown[] }) => c.causes)).toHaveLength(4);
  });

  it('makes the Coordinate outcome and balancing measures live (no learning data here, so no points) and gives the Reorient portfolio all four areas', async () => {
    const items = (await get('leader', '/api/improvement/projects')).json().items as { id: string; job: string }[];
    const coordinate = items.find((p) => p.job === 'coordinate')!;
    const measures = (await get('leader', `/api/improvement/projects/${coordinate.id}/measures`)).json().items;
    expect(measures.map((m: { kind: string; source: string; valueCount: number }) => [m.kind, m.source, m.valueCount > 0])).toEqual([['outcome', 'live', false], ['process', 'manual', true], ['balancing', 'live', false]]);
    expect(measures[0].liveDefinition).toMatchObject({ kind: 'mastery_share', gap: { a: { attribute: 'english_learner', value: false }, b: { attribute: 'english_learner', value: true } } });
    const reorient = items.find((p) => p.job === 'reorient')!;
    const detail = (await get('leader', `/api/improvement/projects/${reorient.id}`)).json();
    expect(detail.playbook.steps.find((s: { id: string }) => s.id === 'portfolio').status).toBe('done');
    // The tutor is on no project and the Correct project belongs to a high school.
    expect((await get('tutor', '/api/improvement/projects')).json().items.map((p: { job: string }) => p.job)).not.toContain('correct');
  });
});

describeEachEngine('demo EL-gap project with learning data', (ctx) => {
  let app: FastifyInstance;
  let cookie: string;

  beforeAll(async () => {
    // The learning data ends today, as `trellis demo` loads it, so the live weeks are this term's.
    await loadDemoDistrict(ctx.db, { students: 400, seed: 5 });
    app = await buildApp({ db: ctx.db });
    const response = await app.inject({ method: 'POST', url: '/api/session', payload: { email: 'leader@demo.school', password: DEMO_PASSWORD } });
    cookie = [response.headers['set-cookie']].flat().map((c) => String(c).split(';')[0]).join('; ');
  }, 180_000);
  afterAll(async () => {
    await app?.close();
  });

  it('charts the live EL gap week by week from the team’s mastery, and the team’s struggling students', async () => {
    const get = (url: string) => app.inject({ method: 'GET', url, headers: { cookie } });
    const coordinate = ((await get('/api/improvement/projects')).json().items as { id: string; job: string }[]).find((p) => p.job === 'coordinate')!;
    const measures = (await get(`/api/improvement/projects/${coordinate.id}/measures`)).json().items as { id: string; name: string; kind: string; liveComputedAt: string | null; liveDescription: string | null }[];
    const gap = measures.find((m) => m.name === 'EL gap in grade 6 math mastery (points)')!;
    expect(gap.liveComputedAt).not.toBeNull();
    expect(gap.liveDescription).toMatch(/English learners/);
    const chart = (await get(`/api/improvement/projects/${coordinate.id}/measures/${gap.id}/chart`)).json();
    expect(chart.problem).toBeNull();
    const points = (chart.result.points as { x: string; y: number | null }[]).filter((p) => p.y !== null);
    expect(points.length).toBeGreaterThanOrEqual(6);
    // Mastery accumulates over the weeks: the classmates' share and the learners' share both start near zero, so the gap opens from there.
    expect(new Set(points.map((p) => p.y)).size).toBeGreaterThan(1);
    for (const p of points) expect(new Date(`${p.x}T00:00:00Z`).getUTCDay()).toBe(1);
    const struggling = measures.find((m) => m.kind === 'balancing')!;
    const values = (await get(`/api/improvement/projects/${coordinate.id}/measures/${struggling.id}`)).json().values as { y: number | null; n: number | null }[];
    expect(values.length).toBeGreaterThanOrEqual(6);
    expect(values.every((v) => v.n !== null && v.n > 0)).toBe(true);
  });
});
