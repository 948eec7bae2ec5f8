/**
 * From statements sent to the LRS to evidence, on both engines: mapped as they
 * are stored, the unmapped recorded with their reason, voiding honoured, and
 * `trellis learning sync` catching up idempotently.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createAccount } from '../../src/db/accounts.ts';
import { indexStatement, prepareStatement } from '../../src/core/xapi/prepare.ts';
import type { JsonObject } from '../../src/core/xapi/types.ts';
import { createIntegration } from '../../src/db/integrations.ts';
import { insertStatements } from '../../src/db/xapi-statements.ts';
import { importActivityMap } from '../../src/ingest/activity-map/index.ts';
import { importCase } from '../../src/ingest/case/index.ts';
import { importOneRoster } from '../../src/ingest/oneroster/index.ts';
import { syncStatementEvidence } from '../../src/ingest/statements/index.ts';
import { buildApp } from '../../src/server/app.ts';
import { describeEachEngine } from './engines.ts';
import { FIXTURE_PASSWORD } from './fixtures/district.ts';
import { signIn } from './fixtures/session.ts';
import { clearRoster, FIXTURES } from './helpers/imports.ts';
import { CASE_FILE, evidenceRows, LEARNING, learningFingerprint, tempFile } from './helpers/learning.ts';
import { lrsClient, type LrsClient } from './helpers/xapi.ts';
import { masteryUpdatesSettled } from '../../src/learning/updater.ts';

const CASE_ITEMS = 'https://case.trellis.example/ims/case/v1p0/CFItems';
const RP_A_1 = `${CASE_ITEMS}/87d261aa-a644-5deb-a57e-93e3b943c09d`;
const SIS = 'https://sis.cvusd.example';
const PASSAGE = 'https://readwell.example/passages/the-river';

const answered = (actor: Record<string, unknown>, object: string, result: Record<string, unknown> | undefined, extra: Record<string, unknown> = {}) => ({
  id: randomUUID(),
  actor: { objectType: 'Agent', ...actor },
  verb: { id: 'http://adlnet.gov/expapi/verbs/answered', display: { 'en-US': 'answered' } },
  object: { objectType: 'Activity', id: object },
  ...(result ? { result } : {}),
  timestamp: '2025-09-02T14:00:00Z',
  ...extra,
});

describeEachEngine('evidence from xAPI statements', (ctx) => {
  let app: FastifyInstance;
  let lrs: LrsClient;
  let districtId: string;
  let integrationId: string;
  const sent: Record<string, ReturnType<typeof answered>> = {};

  beforeAll(async () => {
    await clearRoster(ctx.db);
    districtId = (await importOneRoster(ctx.db, path.join(FIXTURES, 'v1.2-bulk'))).districtId!;
    await importCase(ctx.db, CASE_FILE);
    await importActivityMap(ctx.db, path.join(LEARNING, 'activity-map.csv'));
    const { integration, secret } = await createIntegration(ctx.db, { districtId, name: 'MathPath', createdBy: 'test' });
    integrationId = integration.id;
    await createAccount(ctx.db, { districtId, email: 'admin@cvusd.test', password: FIXTURE_PASSWORD, role: 'district_admin', userSourcedId: null, displayName: 'Admin' });
    app = await buildApp({ db: ctx.db });
    lrs = lrsClient(app, { key: integration.key, secret });

    sent.byAccount = answered({ account: { homePage: SIS, name: 's-70001' } }, RP_A_1, { success: true });
    sent.byMbox = answered({ mbox: 'mailto:CDubois@students.cvusd.org' }, 'https://mathpath.example/items/ratio-tables-1', { score: { scaled: 0.5 } }, {
      context: { platform: 'MathPath Adaptive Practice' },
    });
    sent.ghost = answered({ account: { homePage: SIS, name: 's-00000' } }, RP_A_1, { success: true });
    sent.passage = answered({ account: { homePage: SIS, name: 'jwilliams' } }, PASSAGE, { success: true });
    sent.launched = answered({ account: { homePage: SIS, name: 's-70001' } }, RP_A_1, undefined);
    const posted = await lrs.post('/xapi/statements', Object.values(sent));
    expect(posted.statusCode, posted.body).toBe(200);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('maps statements as the LRS stores them, and records why the others map to nothing', async () => {
    expect(await evidenceRows(ctx.db)).toEqual([
      ['s-70001', '6.RP.A.1', '2025-09-02T14:00:00.000Z', true, null, 'xapi', sent.byAccount!.id],
      ['s-70002', '6.RP.A.3a', '2025-09-02T14:00:00.000Z', false, 0.5, 'xapi', sent.byMbox!.id],
    ]);
    const { rows } = await ctx.db.query<{ statement_id: string; reason: string; activity_id: string; actor: string }>(
      'select statement_id, reason, activity_id, actor from unmapped_statements order by reason',
    );
    expect(rows).toEqual([
      { statement_id: sent.launched!.id, reason: 'no result', activity_id: RP_A_1, actor: `s-70001 (${SIS})` },
      { statement_id: sent.passage!.id, reason: 'no skill', activity_id: PASSAGE, actor: `jwilliams (${SIS})` },
      { statement_id: sent.ghost!.id, reason: 'no student', activity_id: RP_A_1, actor: `s-00000 (${SIS})` },
    ]);
  });

  it('queues the students whose evidence changed, and the updater refreshes their estimates', async () => {
    await masteryUpdatesSettled(ctx.db);
    const queue = await ctx.db.query('select * from mastery_refresh_queue');
    expect(queue.rows).toEqual([]);
    const { rows } = await ctx.db.query<{ student: string; attempts: number }>(
      'select student_sourced_id as student, attempts from mastery_estimates order by 1',
    );
    expect(rows).toEqual([
      { student: 's-70001', attempts: 1 },
      { student: 's-70002', attempts: 1 },
    ]);
  });

  it('is idempotent: sending the same statements again, or catching up, changes nothing', async () => {
    const before = await learningFingerprint(ctx.db);
    expect((await lrs.post('/xapi/statements', Object.values(sent))).statusCode).toBe(200);
    const sync = await syncStatementEvidence(ctx.db, districtId);
    expect(sync).toMatchObject({ statements: 0, mapped: 0, evidence: 0 });
    expect(await learningFingerprint(ctx.db)).toEqual(before);
  });

  it('summarises the unmapped for district admins, by reason, activity and actor', async () => {
    const admin = await signIn(app, 'admin@cvusd.test');
    const response = await admin.get('/api/learning/unmapped');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      total: 3,
      statements: 5,
      byReason: [
        { reason: 'no result', count: 1 },
        { reason: 'no skill', count: 1 },
        { reason: 'no student', count: 1 },
      ],
      byActivity: [
        { reason: 'no result', activityId: RP_A_1, platform: null, count: 1 },
        { reason: 'no skill', activityId: PASSAGE, platform: null, count: 1 },
      ],
      byActor: [{ reason: 'no student', actor: `s-00000 (${SIS})`, count: 1 }],
    });
  });

  it('maps the unmapped again after the activity map changes (sync --recheck)', async () => {
    await importActivityMap(ctx.db, tempFile('map.csv', `activity,skill\n${PASSAGE},6.RP.A.3d\n`));
    const plain = await syncStatementEvidence(ctx.db, districtId);
    expect(plain.statements).toBe(0);
    const recheck = await syncStatementEvidence(ctx.db, districtId, { recheck: true });
    expect(recheck).toMatchObject({ statements: 3, mapped: 1, evidence: 1, unmapped: { 'no result': 1, 'no student': 1, 'no skill': 0 } });
    expect((await evidenceRows(ctx.db)).map((r) => [r[0], r[1]])).toContainEqual(['s-70003', '6.RP.A.3d']);
    const { rows } = await ctx.db.query<{ reason: string }>('select reason from unmapped_statements order by reason');
    expect(rows.map((r) => r.reason)).toEqual(['no result', 'no student']);
  });

  it('forgets the evidence of a voided statement', async () => {
    const voiding = {
      actor: { objectType: 'Agent', account: { homePage: SIS, name: 'lchen' } },
      verb: { id: 'http://adlnet.gov/expapi/verbs/voided', display: { 'en-US': 'voided' } },
      object: { objectType: 'StatementRef', id: sent.byAccount!.id },
    };
    expect((await lrs.post('/xapi/statements', voiding)).statusCode).toBe(200);
    expect((await evidenceRows(ctx.db)).map((r) => r[6])).not.toContain(sent.byAccount!.id);
    const sync = await syncStatementEvidence(ctx.db, districtId);
    expect(sync).toMatchObject({ statements: 0, voided: 0 });
    // The student's estimate on that skill rested on the voided attempt alone, so it goes.
    await masteryUpdatesSettled(ctx.db);
    const { rows } = await ctx.db.query(`select 1 from mastery_estimates where student_sourced_id = 's-70001'`);
    expect(rows).toEqual([]);
  });

  it('stores statements even when mapping them fails, and the catch-up maps them later', async () => {
    await masteryUpdatesSettled(ctx.db);
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.message);
    process.on('warning', onWarning);
    await ctx.db.query('alter table activity_skills rename to activity_skills_away');
    let statement: ReturnType<typeof answered>;
    try {
      statement = answered({ account: { homePage: SIS, name: 's-70003' } }, RP_A_1, { success: true });
      const posted = await lrs.post('/xapi/statements', statement);
      expect(posted.statusCode, posted.body).toBe(200);
    } finally {
      await ctx.db.query('alter table activity_skills_away rename to activity_skills');
    }
    await new Promise((resolve) => setImmediate(resolve));
    process.off('warning', onWarning);
    expect(warnings.join('\n')).toMatch(/evidence from 1 stored statement\(s\) failed, run `trellis learning sync`/);
    expect((await lrs.get(`/xapi/statements?statementId=${statement.id}`)).statusCode).toBe(200);
    expect((await evidenceRows(ctx.db)).map((r) => r[6])).not.toContain(statement.id);
    const sync = await syncStatementEvidence(ctx.db, districtId);
    expect(sync).toMatchObject({ statements: 1, mapped: 1, evidence: 1 });
    expect((await evidenceRows(ctx.db)).map((r) => r[6])).toContain(statement.id);
  });

  it('catches up on statements stored without the mapping, from where it got to, and rebuilds with another threshold', async () => {
    // As if the mapping had failed when these were stored: straight into the LRS's table.
    const stored = new Date().toISOString();
    const late = [
      answered({ account: { homePage: SIS, name: 'mpatel' } }, RP_A_1, { score: { scaled: 0.9 } }),
      answered({ account: { homePage: SIS, name: 'nobody' } }, RP_A_1, { success: false }),
    ].map((input) => prepareStatement(input as JsonObject, { id: input.id, stored, authority: { objectType: 'Agent', mbox: 'mailto:lrs@test' } }));
    await insertStatements(ctx.db, districtId, integrationId, late.map((statement) => ({ statement, index: indexStatement(statement), stored })));
    const sync = await syncStatementEvidence(ctx.db, districtId);
    expect(sync).toMatchObject({ statements: 2, mapped: 1, evidence: 1, unmapped: { 'no result': 0, 'no student': 1, 'no skill': 0 } });
    expect(await syncStatementEvidence(ctx.db, districtId)).toMatchObject({ statements: 0 });

    const rebuilt = await syncStatementEvidence(ctx.db, districtId, { rebuild: true, threshold: 0.5 });
    // Seven of the nine stored statements are attempts: one was voided, and one voids it.
    expect(rebuilt).toMatchObject({ statements: 7, mapped: 4, evidence: 4, unmapped: { 'no result': 1, 'no student': 2, 'no skill': 0 } });
    expect((await evidenceRows(ctx.db)).find((r) => r[6] === sent.byMbox!.id)).toEqual([
      's-70002',
      '6.RP.A.3a',
      '2025-09-02T14:00:00.000Z',
      true,
      0.5,
      'xapi',
      sent.byMbox!.id,
    ]);
  });
});
