/**
 * xAPI ingest benchmark: how many statements a second the LRS accepts through
 * HTTP batch POSTs, beside a raw COPY of the same rows into xapi_statements in
 * the same run, and how long after acceptance the mastery estimates move.
 *
 *   npx tsx bench/xapi-ingest.ts [--engine pglite|postgres|both] [--statements N] [--batch B] [--concurrency C]
 *                                [--demo-students S] [--lrs-only] [--cpu-profile FILE]
 *
 * Per engine: a fresh database (PGlite in a temporary data folder; a throwaway
 * PostgreSQL server started like the integration tests'), the demo district
 * with its learning data (so statements name known students and activities
 * mapped to skills), one integration credential, and the real server
 * (buildApp) listening on a free loopback port in this process; the clients
 * POST from a worker thread, so their work does not share the server's. Targets
 * (docs/xapi.md#throughput-and-durability): ≥ 20,000/s on PostgreSQL,
 * ≥ 5,000/s on PGlite, mastery p95 ≤ 1 s.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Session } from 'node:inspector/promises';
import { Worker } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import Fastify, { type FastifyInstance } from 'fastify';
import setupPostgres from '../test/integration/postgres-server.ts';
import { openDatabase, type Database, type Engine } from '../src/db/database.ts';
import { createIntegration } from '../src/db/integrations.ts';
import { migrate } from '../src/db/migrate.ts';
import { loadDemoDistrict } from '../src/demo/load.ts';
import { ADAPTIVE_PROGRAM, SIS_HOME_PAGE } from '../src/demo/learning/simulate.ts';
import { skillUri } from '../src/demo/learning/framework.ts';
import { buildApp } from '../src/server/app.ts';
import { installErrorHandler } from '../src/server/plugins/errors.ts';
import { xapiRoutes } from '../src/server/xapi/index.ts';

const { values: args } = parseArgs({
  options: {
    engine: { type: 'string', default: 'both' },
    statements: { type: 'string', default: '100000' },
    batch: { type: 'string', default: '500' },
    concurrency: { type: 'string', default: '4' },
    'demo-students': { type: 'string', default: '100' },
    // The LRS routes alone (no mastery updater): where the time goes, not what a deployment does.
    'lrs-only': { type: 'boolean', default: false },
    // A V8 CPU profile of the HTTP phase only (not the demo load or the COPY), for Chrome DevTools.
    'cpu-profile': { type: 'string' },
  },
});

function positive(name: string, value: string | undefined): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) {
    console.error(`--${name} must be a whole number above 0, not "${value}"`);
    process.exit(2);
  }
  return n;
}

const engineArg = args.engine ?? 'both';
if (!['pglite', 'postgres', 'both'].includes(engineArg)) {
  console.error(`--engine must be pglite, postgres or both, not "${engineArg}"`);
  process.exit(2);
}
const ENGINES: Engine[] = engineArg === 'both' ? ['pglite', 'postgres'] : [engineArg as Engine];
const TOTAL = positive('statements', args.statements);
const BATCH = positive('batch', args.batch);
const CONCURRENCY = positive('concurrency', args.concurrency);
const DEMO_STUDENTS = positive('demo-students', args['demo-students']);
const LRS_ONLY = args['lrs-only'] ?? false;

/** Batches whose mastery latency is sampled: about this many per run. */
const LATENCY_SAMPLES = 40;
const POLL_MS = 20;
/** After the last acknowledgement, how long to wait for the sampled estimates to move. */
const LATENCY_WAIT_MS = 15_000;

const COPY_COLUMNS = `district_id, integration_id, id, statement, stored, "timestamp", verb_id, actor_ifi, object_type,
  object_activity_id, object_agent_ifi, object_statement_id, registration, is_voiding, related_activity_ids, related_agent_ifis`;

interface Row {
  engine: Engine;
  statements: number;
  batch: number;
  concurrency: number;
  seconds: number;
  httpRate: number;
  copyRate: number;
  masteryP50: number | null;
  masteryP95: number | null;
  masterySamples: string;
}

interface Pair {
  student: string;
  skillId: string;
  activity: string;
}

const log = (message: string) => process.stderr.write(`${message}\n`);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const uuidLiteral = (id: string) => {
  if (!UUID.test(id)) throw new Error(`not a uuid: ${id}`);
  return `'${id}'::uuid`;
};

/** A fresh database on the engine, and what to do to remove it afterwards. */
async function openFresh(engine: Engine): Promise<{ db: Database; cleanup: () => Promise<void>; dataDir?: string }> {
  if (engine === 'pglite') {
    const dir = mkdtempSync(path.join(tmpdir(), 'trellis-bench-xapi-'));
    const db = await openDatabase({ dataDir: dir });
    return { db, dataDir: dir, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  let url = '';
  const stop = await setupPostgres({ provide: (_key: string, value: string) => (url = value) } as never);
  const db = await openDatabase({ databaseUrl: url });
  return {
    db,
    cleanup: async () => {
      if (typeof stop === 'function') stop();
    },
  };
}

/** The /xapi routes without the rest of the server (and so without the mastery updater). */
async function lrsOnlyApp(db: Database): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  installErrorHandler(app);
  await xapiRoutes(app, { db });
  return app;
}

/** Student × skill pairs with evidence in the demo: their statements map to evidence and move estimates. */
async function knownPairs(db: Database, districtId: string): Promise<Pair[]> {
  const { rows } = await db.query<{ student: string; skillId: string; code: string }>(
    `select distinct e.student_sourced_id as student, e.skill_id::text as "skillId", s.code
     from evidence e join skills s on s.district_id = e.district_id and s.id = e.skill_id
     where e.district_id = $1 and s.code is not null order by 1, 2`,
    [districtId],
  );
  if (rows.length === 0) throw new Error('the demo district has no evidence to take students and skills from');
  return rows.map((r) => ({ student: r.student, skillId: r.skillId, activity: skillUri(r.code) }));
}

/** Statements as a practice program sends them: a known student answering an item of a mapped skill. */
function makeStatements(pairs: Pair[], count: number): { statement: object; pair: Pair }[] {
  const now = Date.now();
  return Array.from({ length: count }, (_, i) => {
    const pair = pairs[i % pairs.length]!;
    const right = (i * 7919) % 10 < 7;
    return {
      pair,
      statement: {
        id: randomUUID(),
        actor: { objectType: 'Agent', account: { homePage: SIS_HOME_PAGE, name: pair.student } },
        verb: { id: 'http://adlnet.gov/expapi/verbs/answered', display: { 'en-US': 'answered' } },
        object: {
          objectType: 'Activity',
          id: pair.activity,
          definition: { name: { 'en-US': 'Practice item' }, type: 'http://adlnet.gov/expapi/activities/cmi.interaction' },
        },
        result: { success: right, score: { scaled: right ? 1 : 0 }, duration: `PT${15 + (i % 120)}S` },
        context: { platform: ADAPTIVE_PROGRAM, extensions: { 'https://valleyoak.example/xapi/item': `bench-${i % 40}` } },
        timestamp: new Date(now - (count - i) * 10).toISOString(),
      },
    };
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/**
 * Watches sampled student×skill pairs: a sample is done when its estimate's
 * updated_at is at or after the moment its batch was sent; the latency is from
 * the batch's acknowledgement to the poll that saw the new estimate.
 */
class MasteryWatch {
  private readonly pending = new Map<string, { student: string; skillId: string; sentAt: number; ackedAt: number }>();
  readonly latencies: number[] = [];
  private timer: NodeJS.Timeout | null = null;
  private polling = false;

  constructor(
    private readonly db: Database,
    private readonly districtId: string,
  ) {}

  static async available(db: Database): Promise<boolean> {
    const { rows } = await db.query<{ found: boolean }>(`select to_regclass('mastery_estimates') is not null as found`);
    return rows[0]!.found;
  }

  add(pair: Pair, sentAt: number, ackedAt: number): void {
    const key = `${pair.student}|${pair.skillId}`;
    if (!this.pending.has(key)) this.pending.set(key, { student: pair.student, skillId: pair.skillId, sentAt, ackedAt });
  }

  start(): void {
    this.timer = setInterval(() => void this.poll(), POLL_MS);
  }

  get waiting(): number {
    return this.pending.size;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  private async poll(): Promise<void> {
    if (this.polling || this.pending.size === 0) return;
    this.polling = true;
    try {
      const samples = [...this.pending.entries()];
      const { rows } = await this.db.query<{ student: string; skill: string; updatedAt: Date }>(
        `select student_sourced_id as student, skill_id::text as skill, updated_at as "updatedAt" from mastery_estimates
         where district_id = $1 and (student_sourced_id, skill_id) in (select * from unnest($2::text[], $3::uuid[]))`,
        [this.districtId, samples.map(([, s]) => s.student), samples.map(([, s]) => s.skillId)],
      );
      const seen = Date.now();
      const updated = new Map(rows.map((r) => [`${r.student}|${r.skill}`, new Date(r.updatedAt).getTime()]));
      for (const [key, sample] of samples) {
        const at = updated.get(key);
        if (at !== undefined && at >= sample.sentAt) {
          this.latencies.push(Math.max(0, seen - sample.ackedAt));
          this.pending.delete(key);
        }
      }
    } finally {
      this.polling = false;
    }
  }
}

async function runEngine(engine: Engine): Promise<Row> {
  log(`\n[${engine}] preparing a fresh database with the demo district (${DEMO_STUDENTS} students)...`);
  const { cleanup, dataDir, db: opened } = await openFresh(engine);
  let db = opened;
  try {
    await migrate(db);
    const demo = await loadDemoDistrict(db, { students: DEMO_STUDENTS });
    const districtId = demo.districtId;
    const { integration, secret } = await createIntegration(db, { districtId, name: 'Ingest benchmark', createdBy: 'bench' });
    const pairs = await knownPairs(db, districtId);
    const app = LRS_ONLY ? await lrsOnlyApp(db) : await buildApp({ db, logger: false });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/xapi/statements`;
    const headers = {
      authorization: `Basic ${Buffer.from(`${integration.key}:${secret}`).toString('base64')}`,
      'x-experience-api-version': '1.0.3',
      'content-type': 'application/json',
    };

    const statements = makeStatements(pairs, TOTAL);
    const batches: { body: string; pair: Pair; size: number }[] = [];
    for (let start = 0; start < statements.length; start += BATCH) {
      const slice = statements.slice(start, start + BATCH);
      batches.push({ body: JSON.stringify(slice.map((s) => s.statement)), pair: slice[slice.length - 1]!.pair, size: slice.length });
    }
    const sampleEvery = Math.max(1, Math.floor(batches.length / LATENCY_SAMPLES));
    const watch = !LRS_ONLY && (await MasteryWatch.available(db)) ? new MasteryWatch(db, districtId) : null;
    watch?.start();

    log(`[${engine}] POSTing ${TOTAL} statements in ${batches.length} batches of ${BATCH}, ${CONCURRENCY} at a time to ${url}`);
    let acknowledged = 0;
    const profiler = args['cpu-profile'] ? await startProfile() : null;
    const started = performance.now();
    const progress = setInterval(() => {
      const seconds = (performance.now() - started) / 1000;
      log(`[${engine}]   ${acknowledged}/${TOTAL} acknowledged, ${Math.round(acknowledged / seconds)}/s`);
    }, 1000);
    try {
      await postFromWorker(url, headers, batches.map((b) => b.body), (index, sentAt, ackedAt) => {
        const batch = batches[index]!;
        acknowledged += batch.size;
        if (watch && index % sampleEvery === 0) watch.add(batch.pair, sentAt, ackedAt);
      });
    } finally {
      clearInterval(progress);
    }
    const seconds = (performance.now() - started) / 1000;
    if (profiler) await saveProfile(profiler, `${args['cpu-profile']}.${engine}.cpuprofile`);
    log(`[${engine}] ${TOTAL} statements acknowledged in ${seconds.toFixed(2)} s (${Math.round(TOTAL / seconds)}/s)`);

    if (watch) {
      const deadline = Date.now() + LATENCY_WAIT_MS;
      while (watch.waiting > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      watch.stop();
      if (watch.waiting > 0) log(`[${engine}] ${watch.waiting} sampled estimate(s) did not move within ${LATENCY_WAIT_MS / 1000} s of the last acknowledgement`);
    }
    await app.close();

    const { rows: countRows } = await db.query<{ n: number }>(`select count(*)::int as n from xapi_statements where district_id = $1 and integration_id = $2`, [
      districtId,
      integration.id,
    ]);
    if (countRows[0]!.n !== TOTAL) throw new Error(`expected ${TOTAL} stored statements, found ${countRows[0]!.n}`);

    log(`[${engine}] raw COPY of the same ${TOTAL} rows into xapi_statements...`);
    const copyDistrict = await copyComparisonDistrict(db);
    let copySeconds: number;
    if (dataDir) {
      // COPY FROM '/dev/blob' takes PGlite's own query options, so the folder is opened as a bare PGlite for it.
      await db.close();
      const pglite = await PGlite.create(dataDir);
      try {
        copySeconds = await copyWithPglite(pglite, copySelect(copyDistrict, districtId, integration.id));
      } finally {
        await pglite.close();
      }
      db = await openDatabase({ dataDir });
    } else {
      copySeconds = await copyWithServerFile(db, copySelect(copyDistrict, districtId, integration.id));
    }
    log(`[${engine}] COPY took ${copySeconds.toFixed(2)} s`);

    const sorted = [...(watch?.latencies ?? [])].sort((a, b) => a - b);
    const sampled = watch ? `${sorted.length}/${sorted.length + watch.waiting}` : 'n/a';
    return {
      engine,
      statements: TOTAL,
      batch: BATCH,
      concurrency: CONCURRENCY,
      seconds,
      httpRate: TOTAL / seconds,
      copyRate: TOTAL / copySeconds,
      masteryP50: sorted.length ? percentile(sorted, 50) : null,
      masteryP95: sorted.length ? percentile(sorted, 95) : null,
      masterySamples: sampled,
    };
  } finally {
    await db.close().catch(() => undefined);
    await cleanup();
  }
}

async function startProfile(): Promise<Session> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return session;
}

async function saveProfile(session: Session, file: string): Promise<void> {
  const { profile } = await session.post('Profiler.stop');
  writeFileSync(file, JSON.stringify(profile));
  session.disconnect();
  log(`CPU profile of the HTTP phase written to ${file}`);
}

/**
 * The learning programs' side, in a worker thread: CONCURRENCY loops POSTing
 * the batches, as remote clients would, so the client's work does not share
 * the server's thread (PGlite runs in the server's thread too).
 */
const CLIENT = `
const { parentPort, workerData } = require('node:worker_threads');
const { url, headers, bodies, concurrency } = workerData;
let next = 0;
async function loop() {
  while (next < bodies.length) {
    const index = next++;
    const sentAt = Date.now();
    const response = await fetch(url, { method: 'POST', headers, body: bodies[index] });
    const text = await response.text();
    if (response.status !== 200) throw new Error('batch ' + (index + 1) + ' was refused (' + response.status + '): ' + text.slice(0, 300));
    parentPort.postMessage({ index, sentAt, ackedAt: Date.now() });
  }
}
Promise.all(Array.from({ length: concurrency }, loop)).then(
  () => parentPort.postMessage({ done: true }),
  (error) => parentPort.postMessage({ error: String(error && error.message || error) }),
);
`;

function postFromWorker(
  url: string,
  headers: Record<string, string>,
  bodies: string[],
  onAck: (index: number, sentAt: number, ackedAt: number) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(CLIENT, { eval: true, workerData: { url, headers, bodies, concurrency: CONCURRENCY } });
    worker.on('message', (message: { index: number; sentAt: number; ackedAt: number } | { done: true } | { error: string }) => {
      if ('done' in message) void worker.terminate().then(() => resolve());
      else if ('error' in message) void worker.terminate().then(() => reject(new Error(message.error)));
      else onAck(message.index, message.sentAt, message.ackedAt);
    });
    worker.on('error', reject);
  });
}

/**
 * A second district to COPY the run's rows into: the same table, indexes and
 * sizes, without clashing with the ids the HTTP run stored.
 */
async function copyComparisonDistrict(db: Database): Promise<{ districtId: string; integrationId: string }> {
  const { rows } = await db.query<{ id: string }>(`insert into districts (sourced_id, name) values ($1, 'COPY comparison') returning id::text as id`, [
    `bench-copy-${randomUUID()}`,
  ]);
  const districtId = rows[0]!.id;
  const { integration } = await createIntegration(db, { districtId, name: 'COPY comparison', createdBy: 'bench' });
  return { districtId, integrationId: integration.id };
}

/** The HTTP run's rows as the comparison district's (COPY takes no parameters, so the ids are checked uuid literals). */
function copySelect(target: { districtId: string; integrationId: string }, districtId: string, integrationId: string): string {
  return `select ${uuidLiteral(target.districtId)}, ${uuidLiteral(target.integrationId)}, id, statement, stored, "timestamp", verb_id, actor_ifi,
      object_type, object_activity_id, object_agent_ifi, object_statement_id, registration, is_voiding, related_activity_ids, related_agent_ifis
    from xapi_statements where district_id = ${uuidLiteral(districtId)} and integration_id = ${uuidLiteral(integrationId)} order by seq`;
}

/** PGlite: the rows out to a blob, then (timed) COPY FROM '/dev/blob'. */
async function copyWithPglite(pglite: PGlite, select: string): Promise<number> {
  const out = await pglite.query(`copy (${select}) to '/dev/blob'`);
  if (!out.blob) throw new Error('PGlite returned no blob from COPY TO');
  const started = performance.now();
  await pglite.query(`copy xapi_statements (${COPY_COLUMNS}) from '/dev/blob'`, [], { blob: out.blob });
  return (performance.now() - started) / 1000;
}

/** PostgreSQL server: the server writes the rows to a file, then (timed) COPY FROM that file (the throwaway server runs as a superuser). */
async function copyWithServerFile(db: Database, select: string): Promise<number> {
  const file = path.join(tmpdir(), `trellis-bench-copy-${randomUUID()}.tsv`);
  try {
    await db.query(`copy (${select}) to '${file}'`);
    const started = performance.now();
    await db.query(`copy xapi_statements (${COPY_COLUMNS}) from '${file}'`);
    return (performance.now() - started) / 1000;
  } finally {
    rmSync(file, { force: true });
  }
}

function printTable(rows: Row[]): void {
  const header = ['engine', 'statements', 'batch', 'concurrency', 'seconds', 'HTTP statements/s', 'COPY statements/s', 'HTTP/COPY', 'mastery p50 ms', 'mastery p95 ms', 'samples'];
  const body = rows.map((r) => [
    r.engine,
    String(r.statements),
    String(r.batch),
    String(r.concurrency),
    r.seconds.toFixed(2),
    Math.round(r.httpRate).toLocaleString('en-US'),
    Math.round(r.copyRate).toLocaleString('en-US'),
    `${((r.httpRate / r.copyRate) * 100).toFixed(0)}%`,
    r.masteryP50 === null ? 'n/a' : String(r.masteryP50),
    r.masteryP95 === null ? 'n/a' : String(r.masteryP95),
    r.masterySamples,
  ]);
  const widths = header.map((h, c) => Math.max(h.length, ...body.map((row) => row[c]!.length)));
  const line = (cells: string[]) => cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ');
  console.log(`\n${line(header)}`);
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of body) console.log(line(row));
  if (LRS_ONLY) console.log('\n--lrs-only: the /xapi routes alone, without the mastery updater (mastery columns n/a).');
  console.log(`\nTargets: PostgreSQL ≥ 20,000/s, PGlite ≥ 5,000/s through HTTP; mastery p95 ≤ 1,000 ms.`);
}

const results: Row[] = [];
for (const engine of ENGINES) results.push(await runEngine(engine));
printTable(results);
