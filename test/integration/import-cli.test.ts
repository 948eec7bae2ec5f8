/** The `trellis import` commands as an operator runs them: exit codes and messages, no stack traces. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FIXTURES } from './helpers/imports.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const data = mkdtempSync(path.join(tmpdir(), 'trellis-cli-'));

function trellis(...args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, TRELLIS_DATA: data };
  delete env.DATABASE_URL;
  const result = spawnSync(process.execPath, ['bin/trellis.mjs', ...args], { cwd: ROOT, env, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const noStack = (text: string) => expect(text).not.toMatch(/\n\s+at .+:\d+:\d+/);

describe('trellis import (CLI)', () => {
  afterAll(() => rmSync(data, { recursive: true, force: true }));

  it('imports, prints the counts and exits 0; --json prints the report', () => {
    const run = trellis('import', 'oneroster', path.join(FIXTURES, 'v1.1-bulk'));
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^enrollments\s+37\s+37\s+0\s+0$/m);
    const json = trellis('import', 'students-attributes', path.join(FIXTURES, 'students-attributes.csv'), '--json');
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ outcome: 'accepted', counts: { studentsAttributes: { accepted: 5 } } });
  });

  it('exits 1 on a rejected import, printing the problem and no stack trace', () => {
    const run = trellis('import', 'oneroster', path.join(FIXTURES, 'v1.2-delta'), '--strict', '--district', 'd-none');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('import rejected, nothing changed: there is no district "d-none"');
    noStack(run.stderr + run.stdout);
  });

  it('imports outcomes all or nothing: a bad line rejects the file with exit 1, FILE:LINE and no stack trace', () => {
    const file = path.join(data, 'outcomes.csv');
    writeFileSync(file, 'school,outcome,period,value,denominator\nsch-0417-202,college_applications_nonlocal,2024-25,31,120\n');
    const run = trellis('import', 'outcomes', file);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^outcomes\s+1\s+1\s+0\s+0$/m);
    expect(run.stdout).toContain('Imported: 1 new, 0 updated, 0 unchanged.');
    writeFileSync(file, 'school,outcome,period,value\nsch-0417-202,graduation_rate,2025,0.9\nsch-0417-202,graduation_rate,2025-26,about 12\n');
    const bad = trellis('import', 'outcomes', file, '--district', 'd-0417');
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('outcomes.csv:3: value "about 12": not a number');
    expect(bad.stderr).toBe('trellis: import rejected, nothing changed: 1 problem\n');
    noStack(bad.stderr + bad.stdout);
  });

  it('exits 1 with a plain message for a missing path', () => {
    const run = trellis('import', 'teams', path.join(data, 'no-such-folder'));
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`trellis: ${path.join(data, 'no-such-folder')}: no such file or folder\n`);
    noStack(run.stderr);
  });
});
