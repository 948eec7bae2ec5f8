/**
 * `trellis mastery eval` on the real ASSISTments 2015 split (../shared/fixtures/kt):
 * fit on the train file, predict the test file online, compare the models.
 * No database: one run of each model, side by side.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');
const fixtures = path.resolve(root, '../shared/fixtures/kt');
const train = path.join(fixtures, 'assist2015-train.csv.gz');
const test = path.join(fixtures, 'assist2015-test.csv.gz');
const out = mkdtempSync(path.join(os.tmpdir(), 'trellis-mastery-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

function trellis(...args: string[]) {
  return run(process.execPath, ['bin/trellis.mjs', 'mastery', 'eval', ...args], { cwd: root, maxBuffer: 1 << 20 });
}

async function failure(...args: string[]): Promise<{ code: number; stderr: string }> {
  try {
    await trellis(...args);
  } catch (error) {
    const { code, stderr } = error as { code: number; stderr: string };
    return { code, stderr };
  }
  throw new Error('expected the command to fail');
}

interface Result {
  model: string;
  auc: number;
  rmse: number;
  n: number;
}

/** Published next-response AUC of Deep Knowledge Tracing on this split (Zhang et al. 2017). */
const DKT_AUC = 0.7313;

describe('trellis mastery eval', () => {
  it('predicts the held-out students better with the default model than with BKT, and better than published DKT', { timeout: 360_000 }, async () => {
    const [best, bkt] = await Promise.all([trellis('--train', train, '--test', test, '--json'), trellis('--train', train, '--test', test, '--model', 'bkt', '--json')]);
    const ours = JSON.parse(best.stdout) as Result;
    const baseline = JSON.parse(bkt.stdout) as Result;
    expect(ours).toMatchObject({ model: 'logistic', n: 199_761 });
    expect(baseline).toMatchObject({ model: 'bkt', n: 199_761 });
    expect(ours.auc).toBeGreaterThan(DKT_AUC);
    expect(baseline.auc).toBeGreaterThan(0.69);
    expect(baseline.auc).toBeLessThan(ours.auc - 0.02);
    expect(ours.rmse).toBeLessThan(baseline.rmse);
  });

  it('names the file, line, column and value of bad input, with exit code 1 and no stack trace', async () => {
    const bad = path.join(out, 'bad.csv');
    writeFileSync(bad, 'student,skill,correct,seq\nana,6.RP.3,1,1\nana,6.RP.3,maybe,2\n');
    expect(await failure('--train', bad, '--test', test)).toEqual({ code: 1, stderr: 'trellis: bad.csv:3: correct "maybe": give 1 (right) or 0 (wrong)\n' });
    expect(await failure('--train', path.join(out, 'missing.csv'), '--test', test)).toEqual({ code: 1, stderr: `trellis: cannot read ${path.join(out, 'missing.csv')}: no such file\n` });
    const unknown = await failure('--train', bad, '--test', test, '--model', 'dkt');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/argument 'dkt' is invalid/);
  });

  it('reads plain CSV and prints a readable summary', async () => {
    const small = path.join(out, 'small.csv');
    const rows = ['student,skill,correct,seq'];
    for (let s = 1; s <= 40; s++) for (let i = 1; i <= 6; i++) rows.push(`s${s},${i % 2 ? 'odd' : 'even'},${(s + i) % 3 === 0 ? 0 : 1},${i}`);
    writeFileSync(small, `${rows.join('\n')}\n`);
    const { stdout } = await trellis('--train', small, '--test', small, '--model', 'bkt');
    expect(stdout).toMatch(/^model\s+bkt\nAUC\s+\d\.\d{4}\nRMSE\s+\d\.\d{4}\ntest responses\s+240\n/);
  });
});
