/** `trellis spc` as a user runs it: images, the text report, and bad input. */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');
const fixtures = path.join(root, 'test/fixtures/spc');
const out = mkdtempSync(path.join(os.tmpdir(), 'trellis-spc-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

function trellis(...args: string[]) {
  return run(process.execPath, ['bin/trellis.mjs', 'spc', ...args], { cwd: root });
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

const weekly = ['--chart', 'p', '--csv', path.join(fixtures, 'attendance-weekly.csv'), '--x', 'week', '--y', 'present', '--n', 'enrolled'];

describe('trellis spc', () => {
  it('writes the chart as SVG and PNG', async () => {
    const svg = path.join(out, 'chart.svg');
    const png = path.join(out, 'chart.png');
    await trellis(...weekly, '--svg', svg, '--png', png, '--title', 'Attendance, Sequoia team');
    const text = readFileSync(svg, 'utf8');
    expect(text).toMatch(/^<\?xml [^>]+>\s*<svg[^>]+xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(text).toContain('Attendance, Sequoia team');
    expect([...readFileSync(png).subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  });

  it('prints a table, the summary and the statistics behind it', async () => {
    const { stdout } = await trellis(...weekly, '--part', '15');
    expect(stdout).toMatch(/^x\s+value\s+centre\s+lower\s+upper\s+signal/);
    expect(stdout).toMatch(/Since week 16 the average is/);
    expect(stdout).toMatch(/- Rules: Anhøj runs rules/);
  });

  it('names the file, line, column and value of bad input, with exit code 1 and no stack trace', async () => {
    const bad = await failure('--chart', 'p', '--csv', path.join(fixtures, 'attendance-bad.csv'), '--x', 'week', '--y', 'present', '--n', 'enrolled', '--json');
    expect(bad).toEqual({ code: 1, stderr: 'trellis: attendance-bad.csv:10: present "about 430": not a number\n' });
    const column = await failure(...weekly.slice(0, -1), 'enroled');
    expect(column.stderr).toBe('trellis: attendance-weekly.csv: there is no column "enroled"; the columns are "week", "present", "enrolled"\n');
    const swapped = await failure('--chart', 'p', '--csv', path.join(fixtures, 'attendance-weekly.csv'), '--x', 'week', '--y', 'enrolled', '--n', 'present');
    expect(swapped.stderr).toMatch(/^trellis: attendance-weekly\.csv:2: enrolled "\d+": the numerator is larger than the denominator \(\d+\)\n$/);
    expect((await failure(...weekly, '--part', 'x')).stderr).toBe('trellis: --part "x": give whole numbers from 1, separated by commas\n');
    expect((await failure(...weekly, '--exclude', '99')).stderr).toMatch(/exclude 99 is not a point of this chart: give a whole number from 1 to \d+/);
  });
});
