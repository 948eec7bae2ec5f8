/**
 * Outcomes by school and period on both engines: a file accepted whole, a file
 * with one bad line rejected whole, a re-import replacing figures; the upload
 * through the API for district admins and the catalogue limited to the schools
 * the caller sees.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { formatProblem } from '../../src/ingest/common/report.ts';
import { importOutcomes } from '../../src/ingest/outcomes/index.ts';
import { buildApp } from '../../src/server/app.ts';
import { describeEachEngine } from './engines.ts';
import { seedDistricts } from './fixtures/district.ts';
import { signIn, type Caller } from './fixtures/session.ts';
import { tempFile } from './helpers/learning.ts';
import { checkResponseSchemas, type ResponseCheck } from './helpers/response-schemas.ts';

const HEADER = 'school,outcome,period,value,denominator';
const file = (lines: string[]) => tempFile('outcomes.csv', `${HEADER}\n${lines.join('\n')}\n`);

function multipart(text: string) {
  const boundary = '----trellis-outcomes-boundary';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="outcomes.csv"\r\nContent-Type: text/csv\r\n\r\n`),
    Buffer.from(text),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describeEachEngine('outcomes by school and period', (ctx) => {
  let app: FastifyInstance;
  let responses: ResponseCheck;
  let admin: Caller;
  let principal: Caller;
  let leader: Caller;

  const stored = async () =>
    (
      await ctx.db.query<{ school: string; outcome: string; period: string; value: number; denominator: number | null }>(
        `select v.school_sourced_id as school, v.outcome, v.period, v.value, v.denominator from outcome_values v
         join districts d on d.id = v.district_id where d.sourced_id = 'dist-a' order by 1, 2, 3`,
      )
    ).rows.map((r) => [r.school, r.outcome, r.period, Number(r.value), r.denominator === null ? null : Number(r.denominator)]);

  beforeAll(async () => {
    await seedDistricts(ctx.db);
    app = await buildApp({ db: ctx.db });
    responses = checkResponseSchemas(app);
    admin = await signIn(app, 'admin@a.test');
    principal = await signIn(app, 'principal@a.test');
    leader = await signIn(app, 'leader@a.test');
  });
  afterAll(async () => {
    await app?.close();
  });

  it('imports a file whole, with and without denominators', async () => {
    const report = await importOutcomes(
      ctx.db,
      file(['sch-north,college_applications_nonlocal,2024-25,20,100', 'sch-south,college_applications_nonlocal,2024-25,5,', 'sch-south,discipline_incidents,2025-09,7,']),
      { districtSourcedId: 'dist-a' },
    );
    expect(report.problems).toEqual([]);
    expect(report).toMatchObject({ outcome: 'accepted', counts: { outcomes: { read: 3, accepted: 3, skipped: 0 } }, changes: { inserted: 3, updated: 0, unchanged: 0 } });
    expect(await stored()).toEqual([
      ['sch-north', 'college_applications_nonlocal', '2024-25', 20, 100],
      ['sch-south', 'college_applications_nonlocal', '2024-25', 5, null],
      ['sch-south', 'discipline_incidents', '2025-09', 7, null],
    ]);
  });

  it('rejects the whole file when one line is bad, naming the file, line, field and value', async () => {
    const before = await stored();
    const report = await importOutcomes(
      ctx.db,
      file(['sch-north,college_applications_nonlocal,2025-26,30,110', 'sch-north,graduation_rate,2025,0.9,', 'sch-north,attendance_rate,2025-26,about 12,']),
      { districtSourcedId: 'dist-a' },
    );
    expect(report.outcome).toBe('rejected');
    expect(report.problems.map(formatProblem)).toEqual(['outcomes.csv:4: value "about 12": not a number']);
    expect(report.changes).toEqual({ inserted: 0, updated: 0, unchanged: 0 });
    expect(await stored()).toEqual(before);
    // A school of another district is no school of this one.
    const elsewhere = await importOutcomes(ctx.db, file(['sch-nowhere,graduation_rate,2025,0.9,']), { districtSourcedId: 'dist-a' });
    expect(elsewhere.problems.map(formatProblem)).toEqual(['outcomes.csv:2: school "sch-nowhere": no school with this sourcedId in the district']);
  });

  it('replaces the figure of the same school, outcome and period on a re-import', async () => {
    const report = await importOutcomes(
      ctx.db,
      file(['sch-north,college_applications_nonlocal,2024-25,24,100', 'sch-south,college_applications_nonlocal,2024-25,5,', 'sch-north,college_applications_nonlocal,2025-26,30,110']),
      { districtSourcedId: 'dist-a' },
    );
    expect(report).toMatchObject({ outcome: 'accepted', changes: { inserted: 1, updated: 1, unchanged: 1 } });
    expect(await stored()).toEqual([
      ['sch-north', 'college_applications_nonlocal', '2024-25', 24, 100],
      ['sch-north', 'college_applications_nonlocal', '2025-26', 30, 110],
      ['sch-south', 'college_applications_nonlocal', '2024-25', 5, null],
      ['sch-south', 'discipline_incidents', '2025-09', 7, null],
    ]);
    const runs = await ctx.db.query<{ kind: string; outcome: string }>(`select kind, outcome from import_runs where kind = 'outcomes' order by started_at`);
    expect(runs.rows.map((r) => r.outcome)).toEqual(['accepted', 'rejected', 'rejected', 'accepted']);
  });

  it('takes an upload from a district admin only, into the admin’s own district', async () => {
    const body = multipart(`${HEADER}\nsch-north,graduation_rate,2025,88,100\n`);
    const post = (who: Caller) =>
      app.inject({ method: 'POST', url: '/api/imports/outcomes', payload: body.payload, headers: { ...body.headers, cookie: who.cookie, 'x-csrf-token': who.csrfToken } });
    expect((await post(leader)).statusCode).toBe(403);
    const accepted = await post(admin);
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({ outcome: 'accepted', changes: { inserted: 1 } });
    const bad = multipart(`${HEADER}\nsch-north,graduation_rate,2025,88,0\n`);
    const rejected = await app.inject({ method: 'POST', url: '/api/imports/outcomes', payload: bad.payload, headers: { ...bad.headers, cookie: admin.cookie, 'x-csrf-token': admin.csrfToken } });
    expect(rejected.statusCode).toBe(200);
    expect(rejected.json()).toMatchObject({ outcome: 'rejected', problems: [{ line: 2, field: 'denominator', value: '0' }] });
    const other = await signIn(app, 'admin@b.test');
    const intoB = await app.inject({ method: 'POST', url: '/api/imports/outcomes', payload: body.payload, headers: { ...body.headers, cookie: other.cookie, 'x-csrf-token': other.csrfToken } });
    // District B has its own sch-north: the figure lands there, not in A.
    expect(intoB.json()).toMatchObject({ outcome: 'accepted', changes: { inserted: 1 } });
  });

  it('lists the outcomes with the schools the caller sees and their periods', async () => {
    const all = await admin.get('/api/improvement/outcomes');
    expect(all.statusCode).toBe(200);
    expect(all.json().items).toEqual([
      { outcome: 'college_applications_nonlocal', schools: [{ id: 'sch-north', name: 'North Elementary' }, { id: 'sch-south', name: 'South Middle' }], periods: ['2024-25', '2025-26'] },
      { outcome: 'discipline_incidents', schools: [{ id: 'sch-south', name: 'South Middle' }], periods: ['2025-09'] },
      { outcome: 'graduation_rate', schools: [{ id: 'sch-north', name: 'North Elementary' }], periods: ['2025'] },
    ]);
    // The grade-3 team at North sees North's figures only.
    expect((await leader.get('/api/improvement/outcomes')).json().items.map((i: { outcome: string; schools: { id: string }[] }) => [i.outcome, i.schools.map((s) => s.id)])).toEqual([
      ['college_applications_nonlocal', ['sch-north']],
      ['graduation_rate', ['sch-north']],
    ]);
    const principalItems = (await principal.get('/api/improvement/outcomes')).json().items as { schools: { id: string }[] }[];
    expect(principalItems.flatMap((i) => i.schools.map((s) => s.id)).every((id) => id === 'sch-north')).toBe(true);
    expect(responses.mismatches).toEqual([]);
  });
});
