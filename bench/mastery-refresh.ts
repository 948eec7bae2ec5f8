/**
 * What the mastery updater costs per refresh, on the embedded database: the
 * demo district's students with their evidence stretched to a long history
 * (copies of each student's demo evidence, a day apart), then
 *   cold — the first refresh of every student: all evidence read, the model run over all of it
 *          (what every refresh cost before the updater kept its runs);
 *   warm, nothing new — the next refresh: only a count and fingerprint of the evidence read before;
 *   warm, one new attempt each — what follows a statement per student.
 * Prints a table; each warm case is the median of a few rounds.
 *
 *   npx tsx bench/mastery-refresh.ts [--demo-students N] [--copies K] [--rounds R]
 */
import { parseArgs } from 'node:util';
import { openDatabase } from '../src/db/database.ts';
import { studentsToEstimate } from '../src/db/mastery.ts';
import { migrate } from '../src/db/migrate.ts';
import { loadDemoDistrict } from '../src/demo/load.ts';
import { refreshStudentMastery } from '../src/learning/mastery.ts';

const { values: args } = parseArgs({
  options: {
    'demo-students': { type: 'string', default: '400' },
    copies: { type: 'string', default: '10' },
    rounds: { type: 'string', default: '5' },
  },
});
const copies = Number(args.copies);
const rounds = Number(args.rounds);

const db = await openDatabase({});
await migrate(db);
const { districtId } = await loadDemoDistrict(db, { students: Number(args['demo-students']) });
// Each student's demo evidence again `copies` times, each copy a day later: the same patterns, a longer history.
await db.query(
  `insert into evidence (district_id, student_sourced_id, skill_id, occurred_at, correct, source_kind, source_key, source_ref)
   select e.district_id, e.student_sourced_id, e.skill_id, e.occurred_at + g * interval '1 day', e.correct, 'csv',
          e.source_key || '#' || g, 'bench'
   from evidence e, generate_series(1, $2::int) g where e.district_id = $1`,
  [districtId, copies],
);
const students = await studentsToEstimate(db, districtId);
const { rows } = await db.query<{ n: number }>('select count(*)::int as n from evidence where district_id = $1', [districtId]);
const evidence = rows[0]!.n;

const time = async (work: () => Promise<unknown>) => {
  const start = performance.now();
  await work();
  return performance.now() - start;
};
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

let round = 0;
/** One more attempt for every student, later than all their evidence. */
const oneMoreEach = () =>
  db.query(
    `insert into evidence (district_id, student_sourced_id, skill_id, occurred_at, correct, source_kind, source_key, source_ref)
     select distinct on (student_sourced_id) district_id, student_sourced_id, skill_id, occurred_at + interval '1 hour', not correct,
            'csv', 'next-' || student_sourced_id || '-' || $2::text, 'bench'
     from evidence where district_id = $1 order by student_sourced_id, occurred_at desc`,
    [districtId, ++round],
  );

const cold = await time(() => refreshStudentMastery(db, districtId, students));
const unchanged: number[] = [];
const added: number[] = [];
for (let r = 0; r < rounds; r++) {
  unchanged.push(await time(() => refreshStudentMastery(db, districtId, students)));
  await oneMoreEach();
  added.push(await time(() => refreshStudentMastery(db, districtId, students)));
}
await db.close();

const table = [
  ['cold (all evidence read and run)', cold],
  ['warm, nothing new', median(unchanged)],
  ['warm, one new attempt each', median(added)],
] as const;
console.log(`\n${students.length} students, ${evidence.toLocaleString('en-US')} evidence rows (about ${Math.round(evidence / students.length)} a student), PGlite\n`);
console.log(`${'refresh of every student'.padEnd(34)}  ${'ms'.padStart(7)}  ${'ms a student'.padStart(12)}`);
console.log(`${'-'.repeat(34)}  ${'-'.repeat(7)}  ${'-'.repeat(12)}`);
for (const [name, ms] of table) console.log(`${name.padEnd(34)}  ${ms.toFixed(0).padStart(7)}  ${(ms / students.length).toFixed(2).padStart(12)}`);
