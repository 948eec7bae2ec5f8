import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { analyseChart } from '../../src/core/spc/analyse.ts';
import { buildApp } from '../../src/server/app.ts';
import { describeEachEngine } from './engines.ts';
import { seedDistricts } from './fixtures/district.ts';
import { signIn, type Caller } from './fixtures/session.ts';

const BASE = '/api/improvement/projects';

describeEachEngine('API improvement projects', (ctx) => {
  let app: FastifyInstance;
  let leader: Caller;
  let teacher: Caller;
  let tutor: Caller;
  let principal: Caller;
  let admin: Caller;
  let otherAdmin: Caller;
  let student: Caller;
  let projectId: string;

  beforeAll(async () => {
    await seedDistricts(ctx.db);
    app = await buildApp({ db: ctx.db });
    const emails = ['leader@a.test', 'teacher@a.test', 'tutor@a.test', 'principal@a.test', 'admin@a.test', 'admin@b.test', 'student@a.test'] as const;
    [leader, teacher, tutor, principal, admin, otherAdmin, student] = (await Promise.all(emails.map((email) => signIn(app, email)))) as [Caller, Caller, Caller, Caller, Caller, Caller, Caller];
  });
  afterAll(async () => {
    await app?.close();
  });

  it('lets a teacher-leader start a Correct project for their team, as its lead, with the Correct playbook', async () => {
    const response = await leader.send('POST', BASE, { title: 'Monday lateness', job: 'correct', scope: { kind: 'team', id: 'team-n3a' } });
    expect(response.statusCode).toBe(201);
    const project = response.json();
    projectId = project.id;
    expect(project).toMatchObject({
      title: 'Monday lateness',
      job: 'correct',
      status: 'active',
      scope: { kind: 'team', id: 'team-n3a', name: 'Grade 3 Team A' },
      aim: { what: '', forWhom: '', howMuch: '', byWhen: null },
      aimSentence: 'We will improve [what?] [for whom?] [how much?] by [when?].',
      aimCheck: { complete: false },
      members: [{ name: 'Lena Okafor', role: 'lead', userSourcedId: 'u-leader-n3a' }],
      playbook: { name: 'Correct' },
    });
    expect(project.playbook.steps.map((s: { id: string }) => s.id)).toEqual(['coalition', 'aim', 'diagnosis', 'first-pdsa', 'decide']);
    expect(project.playbook.steps.every((s: { status: string }) => s.status !== 'done')).toBe(true);
  });

  it('shows a team project to its team and wider roles only', async () => {
    for (const caller of [leader, teacher, principal, admin]) {
      expect((await caller.get(`${BASE}/${projectId}`)).statusCode).toBe(200);
      expect((await caller.get(BASE)).json().items.map((p: { id: string }) => p.id)).toContain(projectId);
    }
    for (const caller of [tutor, otherAdmin]) {
      expect((await caller.get(`${BASE}/${projectId}`)).statusCode).toBe(404);
      expect((await caller.get(BASE)).json().items.map((p: { id: string }) => p.id)).not.toContain(projectId);
      expect((await caller.send('PATCH', `${BASE}/${projectId}`, { title: 'hijacked' })).statusCode).toBe(404);
    }
    expect((await student.get(BASE)).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: BASE })).statusCode).toBe(401);
    expect((await leader.get(`${BASE}/not-a-uuid`)).statusCode).toBe(400);
  });

  it('refuses projects outside the caller’s scope and requests without the CSRF token', async () => {
    expect((await leader.send('POST', BASE, { title: 'x', job: 'correct', scope: { kind: 'team', id: 'team-n3b' } })).statusCode).toBe(403);
    expect((await leader.send('POST', BASE, { title: 'x', job: 'correct', scope: { kind: 'school', id: 'sch-north' } })).statusCode).toBe(403);
    expect((await principal.send('POST', BASE, { title: 'x', job: 'reorient', scope: { kind: 'district', id: null } })).statusCode).toBe(403);
    expect((await principal.send('POST', BASE, { title: 'x', job: 'coordinate', scope: { kind: 'school', id: 'sch-south' } })).statusCode).toBe(403);
    const school = await principal.send('POST', BASE, { title: 'Ninth-grade pass rates', job: 'coordinate', scope: { kind: 'school', id: 'sch-north' } });
    expect(school.statusCode).toBe(201);
    // A school project is seen by the school's teams, not by another school's.
    expect((await teacher.get(`${BASE}/${school.json().id}`)).statusCode).toBe(200);
    expect((await admin.send('POST', BASE, { title: 'x', job: 'correct', job2: 1, scope: { kind: 'team', id: null } })).statusCode).toBe(400);
    expect((await admin.send('POST', BASE, { title: '  ', job: 'correct', scope: { kind: 'district', id: null } })).statusCode).toBe(400);
    expect((await admin.send('POST', BASE, { title: 'x', job: 'fix', scope: { kind: 'district', id: null } })).statusCode).toBe(400);
    const noCsrf = await app.inject({ method: 'POST', url: BASE, headers: { cookie: admin.cookie }, payload: { title: 'x', job: 'correct', scope: { kind: 'district', id: null } } });
    expect(noCsrf.statusCode).toBe(403);
    expect((await admin.send('POST', BASE, { title: 'District reset', job: 'reorient', scope: { kind: 'district', id: null } })).statusCode).toBe(201);
  });

  it('checks and saves the aim, recording it on the timeline', async () => {
    const bad = await leader.send('PATCH', `${BASE}/${projectId}`, { aim: { byWhen: '2026-02-30' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().detail).toMatch(/aim\.byWhen.*2026-02-30/);
    const vague = (await leader.send('PATCH', `${BASE}/${projectId}`, { aim: { what: 'on-time arrival', forWhom: 'grade 3 students', howMuch: 'a lot' } })).json();
    expect(vague.aimCheck.problems.map((p: { part: string }) => p.part)).toEqual(['howMuch', 'byWhen']);
    const done = await leader.send('PATCH', `${BASE}/${projectId}`, { aim: { howMuch: 'from 80% to 92%', byWhen: '2026-06-01' } });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({
      aimSentence: 'We will improve on-time arrival for grade 3 students from 80% to 92% by 1 June 2026.',
      aimCheck: { complete: true, problems: [] },
    });
    const timeline = (await teacher.get(`${BASE}/${projectId}/timeline`)).json().items;
    expect(timeline[0]).toMatchObject({ kind: 'aim.updated', summary: 'Aim: We will improve on-time arrival for grade 3 students from 80% to 92% by 1 June 2026.', by: expect.any(String) });
    expect(timeline.map((e: { kind: string }) => e.kind)).toEqual(['aim.updated', 'aim.updated', 'project.created']);
  });

  it('adds members in scope with role and department, once', async () => {
    const added = await leader.send('POST', `${BASE}/${projectId}/members`, { userSourcedId: 'u-teacher-n3a', department: 'Reading' });
    expect(added.statusCode).toBe(201);
    expect(added.json()).toMatchObject({ name: 'Tomas Reyes', role: 'member', department: 'Reading' });
    expect((await leader.send('POST', `${BASE}/${projectId}/members`, { userSourcedId: 'u-teacher-n3a' })).statusCode).toBe(409);
    expect((await leader.send('POST', `${BASE}/${projectId}/members`, { userSourcedId: 's01' })).statusCode).toBe(400);
    expect((await leader.send('POST', `${BASE}/${projectId}/members`, { userSourcedId: 'u-leader-s7' })).statusCode).toBe(400);
    const changed = await leader.send('PATCH', `${BASE}/${projectId}/members/${added.json().id}`, { role: 'data' });
    expect(changed.json()).toMatchObject({ role: 'data', department: 'Reading' });
    const project = (await leader.get(`${BASE}/${projectId}`)).json();
    expect(project.playbook.steps.find((s: { id: string }) => s.id === 'coalition').status).toBe('done');
    expect((await leader.get(`${BASE}/${projectId}/timeline`)).json().items[0].summary).toBe('Tomas Reyes is now data (Reading).');
  });

  const weeks = Array.from({ length: 20 }, (_, i) => new Date(Date.UTC(2025, 8, 1 + 7 * i)).toISOString().slice(0, 10));
  // Ten weeks around 80% on time, then ten around 90% after the cycle started.
  const onTime = [80, 82, 79, 81, 78, 80, 83, 79, 81, 80, 90, 91, 89, 92, 90, 88, 91, 90, 92, 89];
  let measureId: string;

  it('keeps a measure’s typed values and replaces them all-or-nothing from CSV', async () => {
    const created = await leader.send('POST', `${BASE}/${projectId}/measures`, {
      kind: 'outcome',
      name: 'on-time arrivals',
      operationalDefinition: 'Students in class by 8:05 / students present, each Monday',
      chartOptions: { chart: 'p', multiply: 100 },
    });
    expect(created.statusCode).toBe(201);
    measureId = created.json().id;
    const url = `${BASE}/${projectId}/measures/${measureId}`;

    const typed = await leader.send('PUT', `${url}/values`, { values: weeks.map((x, i) => ({ x, y: onTime[i], n: 100 })) });
    expect(typed.statusCode).toBe(200);
    expect(typed.json()).toMatchObject({ valueCount: 20, source: 'manual' });
    expect(typed.json().values[10]).toEqual({ x: weeks[10], y: 90, n: 100 });

    const badTyped = await leader.send('PUT', `${url}/values`, { values: [{ x: '2025-09-01', y: 1 }, { x: 'Sept 8', y: 2 }] });
    expect(badTyped.statusCode).toBe(400);
    expect(badTyped.json().detail).toBe('Row 2: date "Sept 8": write it as YYYY-MM-DD, e.g. 2025-09-01.');

    const csv = ['week,on_time,present', '2025-09-01,80,100', '2025-09-08,81,100', '2025-09-15,about 79,100', '2025-09-22,80,100'].join('\n');
    const badCsv = await leader.send('POST', `${url}/values/csv`, { text: csv, fileName: 'arrivals.csv', columns: { x: 'week', y: 'on_time', n: 'present' } });
    expect(badCsv.statusCode).toBe(400);
    expect(badCsv.json().detail).toBe('arrivals.csv:4: on_time "about 79": not a number');
    const missingColumn = await leader.send('POST', `${url}/values/csv`, { text: csv, fileName: 'arrivals.csv', columns: { x: 'date', y: 'on_time' } });
    expect(missingColumn.json().detail).toMatch(/^arrivals\.csv: there is no column "date"/);
    expect((await leader.get(url)).json().valueCount).toBe(20);

    const good = await leader.send('POST', `${url}/values/csv`, { text: csv.replace('about 79', '79'), fileName: 'arrivals.csv', columns: { x: 'week', y: 'on_time', n: 'present' } });
    expect(good.json()).toMatchObject({ valueCount: 4, source: 'csv' });
    expect((await leader.send('PUT', `${url}/values`, { values: weeks.map((x, i) => ({ x, y: onTime[i], n: 100 })) })).statusCode).toBe(200);
    expect((await tutor.get(url)).statusCode).toBe(404);
  });

  let cycleId: string;

  it('writes a PDSA cycle phase by phase, flags it overdue, and refuses loops and foreign links', async () => {
    const planned = await leader.send('POST', `${BASE}/${projectId}/cycles`, {
      title: 'Greet at the door',
      measureId,
      dueOn: '2025-11-01',
      plan: { question: 'Does a greeting at the door get students in by 8:05?', prediction: 'On-time arrival rises to 90%' },
    });
    expect(planned.statusCode).toBe(201);
    cycleId = planned.json().id;
    expect(planned.json()).toMatchObject({ phase: 'do', overdue: true, scale: 'classroom' });

    const did = await leader.send('PATCH', `${BASE}/${projectId}/cycles/${cycleId}`, { do: { startedOn: weeks[10], endedOn: weeks[19], whatHappened: 'Both teachers greeted every student.' } });
    expect(did.json()).toMatchObject({ phase: 'study', overdue: true });
    const backwards = await leader.send('PATCH', `${BASE}/${projectId}/cycles/${cycleId}`, { do: { endedOn: '2025-01-01' } });
    expect(backwards.statusCode).toBe(400);
    const studied = await leader.send('PATCH', `${BASE}/${projectId}/cycles/${cycleId}`, { study: { results: 'Up from 80% to 90%, as predicted.' } });
    expect(studied.json()).toMatchObject({ phase: 'act', overdue: false });
    const acted = await leader.send('PATCH', `${BASE}/${projectId}/cycles/${cycleId}`, { act: { decision: 'adopt', nextStep: 'Whole team greets' } });
    expect(acted.json().phase).toBe('done');

    const next = await leader.send('POST', `${BASE}/${projectId}/cycles`, { title: 'Team greets', previousCycleId: cycleId, scale: 'team' });
    expect(next.statusCode).toBe(201);
    const loop = await leader.send('PATCH', `${BASE}/${projectId}/cycles/${cycleId}`, { previousCycleId: next.json().id });
    expect(loop.statusCode).toBe(400);
    const other = (await admin.get(BASE)).json().items.find((p: { title: string }) => p.title === 'District reset');
    const foreign = await admin.send('POST', `${BASE}/${other.id}/cycles`, { title: 'x', previousCycleId: cycleId });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().detail).toBe('The field "previousCycleId" names no cycle of this project.');

    const project = (await leader.get(`${BASE}/${projectId}`)).json();
    expect(project.ramps).toEqual([{ cycleIds: [cycleId, next.json().id], scales: ['classroom', 'team'], spread: true }]);
    expect(project.playbook.steps.find((s: { id: string }) => s.id === 'decide').status).toBe('done');
    const kinds = (await leader.get(`${BASE}/${projectId}/timeline`)).json().items.map((e: { kind: string }) => e.kind);
    expect(kinds.slice(0, 5)).toEqual(['cycle.created', 'cycle.decided', 'cycle.studied', 'cycle.updated', 'cycle.created']);
  });

  it('charts the measure with the engine, the cycle as an event named in the summary', async () => {
    const response = await teacher.get(`${BASE}/${projectId}/measures/${measureId}/chart`);
    expect(response.statusCode).toBe(200);
    const chart = response.json();
    const expected = analyseChart(weeks.map((x, i) => ({ x, y: onTime[i]!, n: 100 })), { chart: 'p', multiply: 100 });
    expect(chart.result.points.map((p: { y: number }) => p.y)).toEqual(expected.points.map((p) => p.y));
    expect(chart.result.signal).toBe(true);
    expect(chart.events).toEqual([{ x: weeks[10], label: 'PDSA: Greet at the door', cycleId }]);
    expect(chart.explanation.summary).toContain('“PDSA: Greet at the door”');
    expect(chart.problem).toBeNull();

    const run = await leader.send('POST', `${BASE}/${projectId}/measures`, { kind: 'process', name: 'greetings per day' });
    expect(run.json().chartOptions).toEqual({ chart: 'run' });
    await leader.send('PUT', `${BASE}/${projectId}/measures/${run.json().id}/values`, { values: weeks.map((x, i) => ({ x, y: i === 3 ? null : onTime[i], n: null })) });
    const runChart = (await leader.get(`${BASE}/${projectId}/measures/${run.json().id}/chart`)).json();
    expect(runChart.problem).toBeNull();
    expect(runChart.result.points.map((p: { y: number }) => p.y)).toEqual(onTime.map((y, i) => (i === 3 ? null : y)));
    expect((await leader.send('DELETE', `${BASE}/${projectId}/measures/${run.json().id}`)).statusCode).toBe(204);

    const empty = await leader.send('POST', `${BASE}/${projectId}/measures`, { kind: 'balancing', name: 'minutes of first period lost', chartOptions: { chart: 'xbar' } });
    const none = (await leader.get(`${BASE}/${projectId}/measures/${empty.json().id}/chart`)).json();
    expect(none).toMatchObject({ result: null, problem: expect.stringMatching(/no values/) });
    await leader.send('PUT', `${BASE}/${projectId}/measures/${empty.json().id}/values`, { values: [{ x: '2025-09-01', y: 3 }, { x: '2025-09-08', y: 4 }] });
    const cannot = (await leader.get(`${BASE}/${projectId}/measures/${empty.json().id}/chart`)).json();
    expect(cannot).toMatchObject({ result: null, problem: expect.stringMatching(/several values per subgroup/) });
  });

  it('deletes what it owns and nothing of another district', async () => {
    const measures = (await leader.get(`${BASE}/${projectId}/measures`)).json().items;
    const balancing = measures.find((m: { kind: string }) => m.kind === 'balancing');
    expect((await otherAdmin.send('DELETE', `${BASE}/${projectId}/measures/${balancing.id}`)).statusCode).toBe(404);
    expect((await leader.send('DELETE', `${BASE}/${projectId}/measures/${balancing.id}`)).statusCode).toBe(204);
    expect((await leader.get(`${BASE}/${projectId}/measures`)).json().items).toHaveLength(measures.length - 1);
    const { rows } = await ctx.db.query<{ count: number }>('select count(*)::int as count from improvement_measure_values where measure_id = $1', [balancing.id]);
    expect(rows[0]!.count).toBe(0);
  });
});
