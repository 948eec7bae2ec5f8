/**
 * Every reference case in ../shared/fixtures/spc, run through `trellis spc --json`
 * as a user would, must agree with the published figures to a relative 1e-6,
 * runs analysis included.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');
const fixtures = path.resolve(root, '../shared/fixtures/spc');

interface ExpectedPoint {
  x: string;
  y: number | null;
  cl: number | null;
  lcl: number | null;
  ucl: number | null;
  sigma_signal: boolean;
  part: number;
}
interface ReferenceCase {
  name: string;
  csv: string;
  x: string;
  y: string;
  n: string | Record<string, never> | null;
  args: { chart: string; freeze?: number; part?: number | number[]; exclude?: number | number[]; multiply?: number };
  points: ExpectedPoint[];
  parts: Array<Record<'part' | 'longest.run' | 'longest.run.max' | 'n.crossings' | 'n.crossings.min', number | null> & { 'runs.signal': boolean }>;
}

const cases = JSON.parse(readFileSync(path.join(fixtures, 'expected.json'), 'utf8')) as ReferenceCase[];
const list = (value: number | number[]) => [value].flat().join(',');

function argumentsFor(c: ReferenceCase): string[] {
  const args = ['bin/trellis.mjs', 'spc', '--json', '--chart', c.args.chart, '--csv', path.join(fixtures, c.csv), '--x', c.x, '--y', c.y];
  if (typeof c.n === 'string') args.push('--n', c.n);
  if (c.args.freeze !== undefined) args.push('--freeze', String(c.args.freeze));
  if (c.args.part !== undefined) args.push('--part', list(c.args.part));
  if (c.args.exclude !== undefined) args.push('--exclude', list(c.args.exclude));
  if (c.args.multiply !== undefined) args.push('--multiply', String(c.args.multiply));
  return args;
}

function expectClose(actual: number | null, expected: number | null, where: string): void {
  if (expected === null) {
    expect(actual, where).toBeNull();
    return;
  }
  expect(actual, where).not.toBeNull();
  const tolerance = 1e-6 * Math.max(Math.abs(expected), 1e-12);
  expect(Math.abs(actual! - expected), `${where}: ${actual} vs ${expected}`).toBeLessThanOrEqual(tolerance);
}

describe('trellis spc agrees with the reference cases', () => {
  it('has reference cases to check', () => {
    expect(cases.length).toBeGreaterThanOrEqual(20);
  });

  it.concurrent.each(cases.map((c) => [c.name, c] as const))('%s', async (name, c) => {
    const { stdout } = await run(process.execPath, argumentsFor(c), { cwd: root });
    const result = JSON.parse(stdout);
    expect(result.points).toHaveLength(c.points.length);
    c.points.forEach((expected, i) => {
      const point = result.points[i];
      const where = `${name} point ${i + 1}`;
      expect(point.x, where).toBe(expected.x);
      for (const key of ['y', 'cl', 'lcl', 'ucl'] as const) expectClose(point[key], expected[key], `${where} ${key}`);
      expect(point.sigmaSignal, `${where} sigma signal`).toBe(expected.sigma_signal);
      expect(point.part, `${where} part`).toBe(expected.part);
    });
    expect(result.parts.map((part: Record<string, unknown>) => [part.part, part.runsSignal, part.longestRun, part.longestRunMax, part.crossings, part.crossingsMin])).toEqual(
      c.parts.map((part) => [part.part, part['runs.signal'], part['longest.run'], part['longest.run.max'], part['n.crossings'], part['n.crossings.min']]),
    );
    expect(result.summary.length, `${name} summary`).toBeGreaterThan(20);
  });
});
