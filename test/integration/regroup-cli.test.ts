/** `trellis regroup` as a user runs it: the JSON contract, the text plan, bad and impossible instances. No database. */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');
const fixtures = path.join(root, 'test/fixtures/grouping');

function trellis(...args: string[]) {
  return run(process.execPath, ['bin/trellis.mjs', 'regroup', ...args], { cwd: root });
}

async function failure(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    await trellis(...args);
  } catch (error) {
    const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
    return { code, stdout, stderr };
  }
  throw new Error('expected the command to fail');
}

interface Output {
  groups: Array<{ block: string; adult?: string; station?: string; focusSkill: string | null; students: string[] }>;
  objective: number;
  terms: Record<string, number>;
  reasons: { students: Record<string, Record<string, string>>; groups: Record<string, Record<string, string>> };
}

describe('trellis regroup', () => {
  it('prints groups, objective and a reason for every placement as JSON', async () => {
    const { stdout } = await trellis('--instance', path.join(fixtures, 'day.json'), '--json');
    const output = JSON.parse(stdout) as Output;
    expect(Object.keys(output)).toEqual(['groups', 'objective', 'terms', 'reasons']);
    expect(typeof output.objective).toBe('number');
    expect(Object.values(output.terms).reduce((sum, value) => sum + value, 0)).toBeCloseTo(output.objective, 6);
    const students = ['ana', 'ben', 'chloe', 'dev', 'eli', 'fatima', 'gus', 'hana', 'ivan', 'jada', 'kofi', 'lena', 'mateo', 'nia'];
    for (const block of ['B1', 'B2', 'B3']) {
      const here = output.groups.filter((group) => group.block === block);
      expect(here.flatMap((group) => group.students).sort()).toEqual(students);
      for (const group of here) {
        expect(Object.keys(group)).toEqual(['block', group.adult ? 'adult' : 'station', 'focusSkill', 'students']);
        expect(group.adult ? typeof group.focusSkill : group.focusSkill).toBe(group.adult ? 'string' : null);
        expect(output.reasons.groups[block]![group.adult ?? group.station!]).toMatch(/\d+ students?/);
        for (const student of group.students) expect(output.reasons.students[student]![block]).toMatch(/ — /);
      }
    }
    // The pin holds, the resident watching the table in B3 leads no group there, Ben and Ivan are never together.
    expect(output.groups.find((group) => group.block === 'B1' && group.students.includes('ana'))).toMatchObject({ adult: 'diaz', focusSkill: '6.RP.3' });
    expect(output.groups.some((group) => group.block === 'B3' && group.adult === 'okafor')).toBe(false);
    for (const group of output.groups) expect(group.students.includes('ben') && group.students.includes('ivan')).toBe(false);
    expect(output.reasons.students.ana!.B1).toBe('Ana — tutor group (Mr Diaz), 6.RP.3: 12 attempts without mastery');
  });

  it('prints the plan block by block without --json', async () => {
    const { stdout } = await trellis('--instance', path.join(fixtures, 'day.json'));
    expect(stdout).toMatch(/^Block 1\n {2}\S/);
    expect(stdout).toMatch(/Mr Diaz · 6\.RP\.3 \(\d\): .*Ana/);
    expect(stdout).toMatch(/\nobjective \d+\.\d{2}\n$/);
  });

  it('names the file, the JSON path and the value of a bad instance, with exit code 1 and no stack trace', async () => {
    const bad = await failure('--instance', path.join(fixtures, 'day-bad.json'), '--json');
    expect(bad).toEqual({ code: 1, stdout: '', stderr: 'trellis: day-bad.json: students[2].mastery["6.RP.9"]: unknown skill\n' });
    expect((await failure('--instance', path.join(fixtures, 'missing.json'))).stderr).toBe(`trellis: cannot read ${path.join(fixtures, 'missing.json')}: no such file\n`);
  });

  it('says which hard rules cannot hold and why', async () => {
    const text = await failure('--instance', path.join(fixtures, 'day-infeasible.json'));
    expect(text.code).toBe(1);
    expect(text.stderr).toBe(
      [
        'trellis: no plan can keep every hard rule:',
        '- adult_led: adult groups hold 4 student-blocks today, but 5 students × 1 adult-led block(s) need 5',
        '- needs: ben needs english_learner, but no adult leading a group today supports it',
        '',
      ].join('\n'),
    );
    const json = await failure('--instance', path.join(fixtures, 'day-infeasible.json'), '--json');
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toEqual({
      feasible: false,
      proven: true,
      problems: [
        { rule: 'adult_led', message: 'adult groups hold 4 student-blocks today, but 5 students × 1 adult-led block(s) need 5', students: [] },
        { rule: 'needs', message: 'ben needs english_learner, but no adult leading a group today supports it', students: ['ben'] },
      ],
    });
  });
});
