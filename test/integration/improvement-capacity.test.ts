/**
 * GET /api/improvement/capacity on both engines: figures from projects made
 * through the API, limited to what each caller can see.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { today } from '../../src/server/routes/improvement-facts.ts';
import { buildApp } from '../../src/server/app.ts';
import { describeEachEngine } from './engines.ts';
import { seedDistricts } from './fixtures/district.ts';
import { signIn, type Caller } from './fixtures/session.ts';
import { Value } from 'typebox/value';
import { DistrictCapacity } from '../../src/server/routes/improvement-schemas.ts';

const BASE = '/api/improvement/projects';

describeEachEngine('API improvement capacity', (ctx) => {
  let app: FastifyInstance;
  let leader: Caller;
  let admin: Caller;
  let tutor: Caller;
  let student: Caller;
  let otherAdmin: Caller;

  async function created(response: LightMyRequestResponse): Promise<string> {
    expect(response.statusCode, response.body).toBe(201);
    return response.json().id;
  }

  beforeAll(async () => {
    await seedDistricts(ctx.db);
    app = await buildApp({ db: ctx.db });
    [leader, admin, tutor, student, otherAdmin] = (await Promise.all(
      ['leader@a.test', 'admin@a.test', 'tutor@a.test', 'student@a.test', 'admin@b.test'].map((email) => signIn(app, email)),
    )) as [Caller, Caller, Caller, Caller, Caller];

    // A team project with a studied cycle that spread to the school, an attendance measure and a second member.
    const team = await created(await leader.send('POST', BASE, { title: 'Monday lateness', job: 'correct', scope: { kind: 'team', id: 'team-n3a' } }));
    await created(await leader.send('POST', `${BASE}/${team}/members`, { userSourcedId: 'u-teacher-n3a', department: 'Mathematics' }));
    await created(await leader.send('POST', `${BASE}/${team}/measures`, { kind: 'outcome', name: 'On time', area: 'attendance' }));
    const on = today();
    const first = await created(await leader.send('POST', `${BASE}/${team}/cycles`, { title: 'Greet at the door', plan: { question: 'q', prediction: 'p' } }));
    expect((await leader.send('PATCH', `${BASE}/${team}/cycles/${first}`, { do: { startedOn: on, endedOn: on }, study: { results: 'as predicted' }, act: { decision: 'adopt' } })).statusCode).toBe(200);
    await created(await leader.send('POST', `${BASE}/${team}/cycles`, { title: 'School greets', previousCycleId: first, scale: 'school' }));

    // A district Reorient project the admin runs, with an overdue cycle and a transportation measure.
    const district = await created(await admin.send('POST', BASE, { title: 'Buses and bells', job: 'reorient', scope: { kind: 'district', id: null } }));
    await created(await admin.send('POST', `${BASE}/${district}/measures`, { kind: 'process', name: 'Late buses', area: 'transportation' }));
    await created(await admin.send('POST', `${BASE}/${district}/cycles`, { title: 'Stagger the bells', dueOn: '2020-01-06' }));
  });
  afterAll(async () => {
    await app?.close();
  });

  it('sums the projects the district admin sees, with the months of studied cycles and what the portfolio misses', async () => {
    const response = await admin.get('/api/improvement/capacity');
    expect(response.statusCode, response.body).toBe(200);
    const capacity = response.json();
    expect([...Value.Errors(DistrictCapacity, capacity)]).toEqual([]);
    expect(capacity).toMatchObject({
      projects: { total: 2, active: 2, byJob: { correct: 1, coordinate: 0, reorient: 1 } },
      people: 3,
      departments: 1,
      practitioners: 2,
      cycles: { underWay: 2, studied: 1, overdue: 1 },
      spreadRamps: 1, // greet at the door (classroom) → school greets (school)
      missingAreas: ['achievement', 'facilities'],
    });
    expect(capacity.studiedPerMonth).toHaveLength(12);
    expect(capacity.studiedPerMonth.at(-1)).toEqual({ month: capacity.today.slice(0, 7), studied: 1 });
    expect(capacity.rows.find((r: { title: string }) => r.title === 'Monday lateness')).toMatchObject({ people: 2, studied: 1, underWay: 1, widestScale: 'school' });
    expect(capacity.sentences.join(' ')).toContain('1 cycle is overdue');
  });

  it('limits a team member to the projects they can see, and answers outside roles', async () => {
    const mine = (await leader.get('/api/improvement/capacity')).json();
    expect(mine.projects.total).toBe(2); // their team's project and the district's
    const tutors = (await tutor.get('/api/improvement/capacity')).json();
    expect(tutors.rows.map((r: { title: string }) => r.title)).toEqual(['Buses and bells']);
    const other = (await otherAdmin.get('/api/improvement/capacity')).json();
    expect(other.projects.total).toBe(0);
    expect(other.sentences).toEqual(['There are no improvement projects yet. Start one from the Improvement page.']);
    expect((await student.get('/api/improvement/capacity')).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/api/improvement/capacity' })).statusCode).toBe(401);
  });
});
