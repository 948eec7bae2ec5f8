/** `trellis mastery fit` and `trellis learning flags` as an operator runs them: stored model, recomputed estimates, counts, clear errors. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.ts';
import { FIXTURES } from './helpers/imports.ts';
import { CASE_FILE, tempFile } from './helpers/learning.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const data = mkdtempSync(path.join(tmpdir(), 'trellis-mastery-cli-'));

function trellis(...args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, TRELLIS_DATA: data };
  delete env.DATABASE_URL;
  const result = spawnSync(process.execPath, ['bin/trellis.mjs', ...args], { cwd: ROOT, env, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

async function inDatabase<T>(work: (db: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>): Promise<T> {
  const db = await openDatabase({ dataDir: data });
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}

const recent = (minute: number) => new Date(Date.now() - 3_600_000 + minute * 60_000).toISOString();

describe('trellis mastery fit, trellis learning flags (CLI)', { timeout: 240_000 }, () => {
  afterAll(() => rmSync(data, { recursive: true, force: true }));

  it('refuses to fit a district without evidence, with the reason and no stack trace', () => {
    expect(trellis('import', 'oneroster', path.join(FIXTURES, 'v1.2-bulk')).code).toBe(0);
    expect(trellis('import', 'case', CASE_FILE).code).toBe(0);
    const run = trellis('mastery', 'fit');
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('trellis: The district has no evidence to fit a mastery model on: import evidence or sync xAPI statements first.\n');
    const kind = trellis('mastery', 'fit', '--kind', 'elo');
    expect(kind.code).not.toBe(0);
    expect(kind.stderr).toMatch(/--kind.*elo/);
  });

  it('fits and stores the model, then recomputes every estimate and flag', async () => {
    const lines = [
      ...Array.from({ length: 11 }, (_, i) => `s-70001,6.RP.A.1,${recent(i)},${i === 3 ? 1 : 0}`),
      ...Array.from({ length: 4 }, (_, i) => `s-70002,6.RP.A.1,${recent(20 + i)},1`),
      ...Array.from({ length: 3 }, (_, i) => `s-70002,6.RP.A.2,${recent(30 + i)},${i > 0 ? 1 : 0}`),
    ];
    expect(trellis('import', 'evidence', tempFile('e.csv', `student,skill,timestamp,correct\n${lines.join('\n')}\n`)).code).toBe(0);
    const before = await inDatabase(async (db) => (await db.query<{ n: number }>('select count(*)::int as n from mastery_estimates')).rows[0]!.n);
    expect(before).toBe(3);
    await inDatabase((db) => db.query('delete from mastery_estimates'));

    const fit = trellis('mastery', 'fit', '--kind', 'bkt', '--json');
    expect(fit.code, fit.stderr).toBe(0);
    expect(JSON.parse(fit.stdout)).toMatchObject({ kind: 'bkt', responses: 18, students: 2, skills: 2, seconds: expect.any(Number) });
    const stored = await inDatabase(async (db) => ({
      models: (await db.query<{ kind: string; responses: number }>('select kind, responses from mastery_models')).rows,
      estimates: (await db.query<{ n: number }>('select count(*)::int as n from mastery_estimates')).rows[0]!.n,
      spinning: (await db.query<{ student: string }>(`select student_sourced_id as student from learning_flags where kind = 'wheel_spinning' and cleared_at is null`)).rows,
    }));
    expect(stored).toEqual({ models: [{ kind: 'bkt', responses: 18 }], estimates: 3, spinning: [{ student: 's-70001' }] });

    const table = trellis('mastery', 'fit');
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^fitted logistic on 18 responses of 2 students at 2 skills in [\d.]+ s\nestimates, states and flags recomputed\n$/);
  });

  it('counts the open flags by kind', () => {
    // Back to BKT: the logistic model fitted on 18 responses is too thin to judge wheel-spinning by.
    expect(trellis('mastery', 'fit', '--kind', 'bkt').code).toBe(0);
    const flags = trellis('learning', 'flags', '--json');
    expect(flags.code, flags.stderr).toBe(0);
    const counts = JSON.parse(flags.stdout);
    expect(Object.keys(counts).sort()).toEqual(['behind', 'inactive', 'regression', 'wheel_spinning']);
    expect(counts.wheel_spinning).toBe(1);
    expect(counts.inactive).toBe(0);
    const text = trellis('learning', 'flags');
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^open flags\n {2}wheel-spinning +\d+\n/);
  });
});
