/** `trellis regroup --team` as an operator runs it against an embedded database: the same JSON as --instance, a stored draft, --publish, and clear errors. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/database.ts';
import { migrate } from '../../src/db/migrate.ts';
import { saveSetup } from '../../src/db/team-day.ts';
import { defaultSetup } from '../../src/grouping/day-setup.ts';
import { importCase } from '../../src/ingest/case/index.ts';
import { seedDistricts } from './fixtures/district.ts';
import { CASE_FILE } from './helpers/learning.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const data = mkdtempSync(path.join(tmpdir(), 'trellis-team-day-cli-'));
const TEAM = 'team-n3a';
const DATE = '2026-03-02';

function trellis(...args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, TRELLIS_DATA: data };
  delete env.DATABASE_URL;
  const result = spawnSync(process.execPath, ['bin/trellis.mjs', 'regroup', ...args], { cwd: ROOT, env, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The embedded database takes one process at a time: open it, work, close it before the CLI runs. */
async function withDb<T>(work: (db: Database) => Promise<T>): Promise<T> {
  const db = await openDatabase({ dataDir: data });
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}

const noStack = (text: string) => expect(text).not.toMatch(/\n\s+at .+:\d+:\d+/);

describe('trellis regroup --team (CLI)', { timeout: 240_000 }, () => {
  let district: string;

  beforeAll(async () => {
    district = await withDb(async (db) => {
      await migrate(db);
      const { districtA } = await seedDistricts(db);
      expect((await importCase(db, CASE_FILE, { districtSourcedId: 'dist-a' })).outcome).toBe('accepted');
      const { rows } = await db.query<{ id: string; code: string }>(`select id::text as id, code from skills where district_id = $1 and code in ('6.RP.A.1', '6.RP.A.2')`, [districtA]);
      const id = Object.fromEntries(rows.map((row) => [row.code, row.id]));
      await db.query(`insert into team_skill_sequences (district_id, team_sourced_id, position, skill_id) values ($1, $2, 1, $3), ($1, $2, 2, $4)`, [districtA, TEAM, id['6.RP.A.1'], id['6.RP.A.2']]);
      await db.query(
        `insert into mastery_estimates (district_id, student_sourced_id, skill_id, known, next_correct, state, attempts, right_count, first_at, last_at)
         values ($1, 's01', $2, 0.97, 0.97, 'mastered', 9, 8, now(), now()), ($1, 's02', $2, 0.3, 0.3, 'learning', 4, 1, now(), now())`,
        [districtA, id['6.RP.A.1']],
      );
      return districtA;
    });
  });
  afterAll(() => rmSync(data, { recursive: true, force: true }));

  it('says which hard rules cannot hold, with exit code 1 and no stack trace', async () => {
    // A setup in which no adult supports the needs of s03, s04 and s06.
    await withDb(async (db) => {
      const members = [
        { id: 'u-leader-n3a', name: 'Lena Okafor', role: 'teacher_leader' as const },
        { id: 'u-teacher-n3a', name: 'Tomas Reyes', role: 'teacher' as const },
        { id: 'u-resident-n3a', name: 'Rita Novak', role: 'resident' as const },
      ];
      const setup = defaultSetup(members, 6);
      for (const adult of setup.adults) adult.supports = [];
      const account = await db.query<{ id: string }>(`select id from accounts where email = 'leader@a.test'`);
      await saveSetup(db, district, TEAM, setup, account.rows[0]!.id);
    });
    const run = trellis('--team', TEAM, '--date', DATE, '--district', 'dist-a');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('no plan can keep every hard rule');
    expect(run.stderr).toMatch(/needs: .*english_learner/);
    noStack(run.stderr);
    const json = trellis('--team', TEAM, '--date', DATE, '--district', 'dist-a', '--json');
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ feasible: false, proven: true });
  });

  it('solves the day from the database, prints the --instance JSON and stores the draft', async () => {
    await withDb(async (db) => {
      const members = [
        { id: 'u-leader-n3a', name: 'Lena Okafor', role: 'teacher_leader' as const },
        { id: 'u-teacher-n3a', name: 'Tomas Reyes', role: 'teacher' as const },
        { id: 'u-resident-n3a', name: 'Rita Novak', role: 'resident' as const },
      ];
      const setup = defaultSetup(members, 6);
      setup.adults[0]!.supports = ['special_education', 'english_learner'];
      const account = await db.query<{ id: string }>(`select id from accounts where email = 'leader@a.test'`);
      await saveSetup(db, district, TEAM, setup, account.rows[0]!.id);
    });
    const run = trellis('--team', TEAM, '--date', DATE, '--district', 'dist-a', '--json');
    expect(run.code, run.stderr).toBe(0);
    const output = JSON.parse(run.stdout);
    expect(Object.keys(output)).toEqual(['groups', 'objective', 'terms', 'reasons']);
    for (const block of ['B1', 'B2', 'B3', 'B4']) {
      const placed = output.groups.filter((group: { block: string }) => group.block === block).flatMap((group: { students: string[] }) => group.students);
      expect(placed.sort()).toEqual(['s01', 's02', 's03', 's04', 's05', 's06']);
    }
    expect(output.reasons.students.s02.B1).toMatch(/6\.RP\.A\.\d/);
    const again = trellis('--team', TEAM, '--date', DATE, '--district', 'dist-a', '--json');
    expect(JSON.parse(again.stdout).groups).toEqual(output.groups);
    const counts = await withDb(async (db) => ({
      drafts: (await db.query<{ n: number }>('select count(*)::int as n from team_day_drafts')).rows[0]!.n,
      publications: (await db.query<{ n: number }>('select count(*)::int as n from team_day_publications')).rows[0]!.n,
    }));
    expect(counts).toEqual({ drafts: 1, publications: 0 });
  });

  it('publishes with --publish and prints the plan block by block', async () => {
    const run = trellis('--team', TEAM, '--date', DATE, '--district', 'dist-a', '--publish');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`Grade 3 Team A, ${DATE} (published)`);
    expect(run.stdout).toMatch(/^Block 1$/m);
    expect(run.stdout).toMatch(/Lena Okafor · 6\.RP\.A\.\d \(\d+\): /);
    const published = await withDb(async (db) => (await db.query<{ by: string }>('select published_by_name as by from team_day_publications')).rows);
    expect(published).toEqual([{ by: 'trellis regroup (command line)' }]);
  });

  it('refuses unclear requests with one line', () => {
    const cases: Array<[string[], string]> = [
      [['--team', TEAM], 'trellis: --team needs --date YYYY-MM-DD\n'],
      [['--team', TEAM, '--date', '2026-02-30'], 'trellis: --date "2026-02-30" is not a calendar date (YYYY-MM-DD)\n'],
      [[], 'trellis: give either --instance FILE or --team ID --date YYYY-MM-DD\n'],
      [['--team', 'nope', '--date', DATE, '--district', 'dist-a'], 'trellis: there is no team "nope" in dist-a\n'],
      [['--team', TEAM, '--date', DATE, '--district', 'dist-b'], `trellis: cannot plan ${DATE}: team ${TEAM} has no skill sequence yet; set it first (PUT /api/teams/${TEAM}/sequence)\n`],
    ];
    for (const [args, stderr] of cases) {
      const run = trellis(...args);
      expect(run.code, args.join(' ')).toBe(1);
      expect(run.stderr).toBe(stderr);
    }
  });
});
