/** The learning commands as an operator runs them: exit codes, tables, --json, no stack traces. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FIXTURES } from './helpers/imports.ts';
import { CASE_FILE, LEARNING, tempFile } from './helpers/learning.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const data = mkdtempSync(path.join(tmpdir(), 'trellis-learning-cli-'));

function trellis(...args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, TRELLIS_DATA: data };
  delete env.DATABASE_URL;
  const result = spawnSync(process.execPath, ['bin/trellis.mjs', ...args], { cwd: ROOT, env, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const noStack = (text: string) => expect(text).not.toMatch(/\n\s+at .+:\d+:\d+/);

describe('trellis import case / skills / evidence, trellis learning (CLI)', { timeout: 240_000 }, () => {
  afterAll(() => rmSync(data, { recursive: true, force: true }));

  it('imports a framework, local skills and evidence, printing counts', () => {
    expect(trellis('import', 'oneroster', path.join(FIXTURES, 'v1.2-bulk')).code).toBe(0);
    const framework = trellis('import', 'case', CASE_FILE);
    expect(framework.code).toBe(0);
    expect(framework.stdout).toMatch(/^precedes\s+5\s+5\s+0\s+0$/m);
    expect(trellis('import', 'skills', path.join(LEARNING, 'skills.csv'), '--framework', 'Riverside Math 7').code).toBe(0);
    const evidence = trellis('import', 'evidence', tempFile('e.csv', 'student,skill,timestamp,score\ns-70001,R7.1,2025-09-02T10:00:00Z,85\n'), '--score-scale', '100', '--json');
    expect(evidence.code).toBe(0);
    expect(JSON.parse(evidence.stdout)).toMatchObject({ outcome: 'accepted', counts: { evidence: { read: 1, accepted: 1 } } });
  });

  it('exits 1 on a rejected import with the reason and no stack trace', () => {
    const run = trellis('import', 'case', tempFile('math.json', '{"CFDocument": {"identifier": "x"}, "CFItems": []}'));
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('trellis: import rejected, nothing changed: math.json:1: CFDocument.title: missing\n');
    const strict = trellis('import', 'evidence', tempFile('e.csv', 'student,skill,timestamp,correct\nnobody,R7.1,2025-09-02,1\n'), '--strict');
    expect(strict.code).toBe(1);
    expect(strict.stdout).toContain('e.csv:2: student "nobody": no student with this sourcedId, identifier, username or email in the district');
    expect(strict.stderr).toBe('trellis: import rejected (--strict), nothing changed: 1 problem\n');
    noStack(run.stderr + strict.stderr);
  });

  it('syncs evidence from statements and summarises the unmapped', () => {
    const sync = trellis('learning', 'sync', '--json');
    expect(sync.code).toBe(0);
    expect(JSON.parse(sync.stdout)).toEqual({ studentsRefreshed: 0, statements: 0, mapped: 0, evidence: 0, unmapped: { 'no result': 0, 'no student': 0, 'no skill': 0 }, voided: 0 });
    const unmapped = trellis('learning', 'unmapped');
    expect(unmapped.code).toBe(0);
    expect(unmapped.stdout).toBe('0 of 0 statements gave no evidence\n');
    const bad = trellis('learning', 'sync', '--threshold', '2');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe('trellis: --threshold 2: must be a number from 0 to 1\n');
  });
});
