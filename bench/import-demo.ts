/**
 * Import benchmark: generates the demo district's CSV for N students, imports it into a
 * fresh embedded PGlite database in a temporary folder, imports it again (which should
 * change nothing), and prints a table with the time each step took and where the
 * import's time went.
 *
 *   npx tsx bench/import-demo.ts [--students 75000] [--seed 1] [--keep]
 *
 * Target: the first import of 75,000 students in at most 60 s on a 2-core machine.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase, type Database } from '../src/db/database.ts';
import { migrate } from '../src/db/migrate.ts';
import { rosterStats } from '../src/db/stats.ts';
import { generateDemoDistrict } from '../src/demo/generate.ts';
import { FILE_NAMES } from '../src/demo/tables.ts';
import { writeDemoDistrict } from '../src/demo/write.ts';
import { importStudentAttributes } from '../src/ingest/attributes/index.ts';
import { importOneRoster, type ImportReport } from '../src/ingest/oneroster/index.ts';

const { values } = parseArgs({
  options: {
    students: { type: 'string', default: '75000' },
    seed: { type: 'string', default: '1' },
    keep: { type: 'boolean', default: false },
  },
});
const students = Number(values.students);
const seed = Number(values.seed);

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const number = (n: number) => Math.round(n).toLocaleString('en-US');
const peakRssMb = () => process.resourceUsage().maxRSS / 1024;

/** Records how long each phase reported through onProgress lasted. */
function phaseClock() {
  const phases = new Map<string, number>();
  let current: string | null = null;
  let since = performance.now();
  const close = () => {
    const now = performance.now();
    if (current !== null) phases.set(current, (phases.get(current) ?? 0) + now - since);
    since = now;
  };
  return {
    onProgress(phase: string) {
      if (phase === current) return;
      close();
      current = phase;
    },
    stop() {
      close();
      current = null;
      return phases;
    },
  };
}

async function importAll(db: Database, folder: string, districtSourcedId: string) {
  const clock = phaseClock();
  const started = performance.now();
  const roster = await importOneRoster(db, folder, { isDemo: true, onProgress: clock.onProgress });
  const rosterMs = performance.now() - started;
  const attributesStarted = performance.now();
  const attributes = await importStudentAttributes(db, path.join(folder, FILE_NAMES.studentsAttributes), {
    districtSourcedId,
    isDemo: true,
    onProgress: clock.onProgress,
  });
  const attributesMs = performance.now() - attributesStarted;
  for (const [name, report] of [['OneRoster', roster], ['attributes', attributes]] as const) {
    if (report.outcome !== 'accepted') throw new Error(`${name} import rejected: ${report.error ?? JSON.stringify(report.problems.slice(0, 3))}`);
  }
  return { roster, attributes, rosterMs, attributesMs, totalMs: rosterMs + attributesMs, phases: clock.stop() };
}

const changed = (report: ImportReport) =>
  Object.values(report.counts).reduce((n, c) => n + c.deleted, 0);

const work = await mkdtemp(path.join(tmpdir(), 'trellis-bench-'));
try {
  const folder = path.join(work, 'csv');
  let t = performance.now();
  const district = generateDemoDistrict({ students, seed });
  const generateMs = performance.now() - t;
  t = performance.now();
  const files = await writeDemoDistrict(district, folder);
  const writeMs = performance.now() - t;
  const totalRows = files.reduce((n, f) => n + f.rows, 0);

  const db = await openDatabase({ dataDir: path.join(work, 'db') });
  await migrate(db);
  const first = await importAll(db, folder, district.districtSourcedId);
  const statsAfterFirst = await rosterStats(db);
  const second = await importAll(db, folder, district.districtSourcedId);
  const statsAfterSecond = await rosterStats(db);
  await db.close();

  const rows: [string, string][] = [
    ['students', number(students)],
    ...files.map(({ file, rows: n }) => [`  ${file}`, number(n)] as [string, string]),
    ['rows, all files', number(totalRows)],
    ['generate (in memory)', seconds(generateMs)],
    ['write CSV', seconds(writeMs)],
    ['import: OneRoster + teams', seconds(first.rosterMs)],
    ['import: student attributes', seconds(first.attributesMs)],
    ['import: total', seconds(first.totalMs)],
    ['rows/s (import)', number(totalRows / (first.totalMs / 1000))],
    ['re-import (no changes)', seconds(second.totalMs)],
    ['rows/s (re-import)', number(totalRows / (second.totalMs / 1000))],
    ['re-import changed counts', JSON.stringify(statsAfterSecond) === JSON.stringify(statsAfterFirst) ? 'no' : 'YES'],
    ['re-import deleted rows', number(changed(second.roster) + changed(second.attributes))],
    ['peak RSS', `${number(peakRssMb())} MB`],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  console.log(`\nDemo district import on embedded PGlite (seed ${seed})\n`);
  console.log(`| ${'measure'.padEnd(width)} | value`);
  console.log(`|${'-'.repeat(width + 2)}|------`);
  for (const [k, v] of rows) console.log(`| ${k.padEnd(width)} | ${v}`);

  for (const [label, run] of [['first import', first], ['re-import', second]] as const) {
    console.log(`\nWhere the ${label}'s time went (by onProgress phase):`);
    for (const [phase, ms] of run.phases) console.log(`  ${phase.padEnd(40)} ${seconds(ms).padStart(8)}`);
  }
  if (first.totalMs > 60_000 && students >= 75_000) console.log('\nOver the 60 s target for 75,000 students.');
} finally {
  if (values.keep) console.log(`\nKept ${work}`);
  else await rm(work, { recursive: true, force: true });
}
