/** The team learning views in the browser: the mastery heatmap and the struggling list (with an acknowledgement), for a seeded team. */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCase } from '../../src/ingest/case/index.ts';
import { wcagViolations } from './axe.ts';
import { DEMO, startHarness, type Harness } from './harness.ts';

const CASE_FILE = path.resolve(import.meta.dirname, '../fixtures/learning/grade6-ratios.case.json');

describe('team learning views', () => {
  let h: Harness;
  let team = '';
  let students: { sourcedId: string; givenName: string; familyName: string; preferredGivenName?: string | null }[] = [];

  beforeAll(async () => {
    h = await startHarness({ students: 120 });
    expect((await importCase(h.db, CASE_FILE)).outcome).toBe('accepted');
    const leader = await h.apiAs(DEMO.leader);
    team = (await leader.get<{ items: { sourcedId: string }[] }>('/api/teams')).items[0]!.sourcedId;
    students = (await leader.get<{ items: typeof students }>(`/api/students?team=${encodeURIComponent(team)}&limit=3`)).items;
    expect(students).toHaveLength(3);
    const district = (await h.db.query<{ id: string }>('select id from districts')).rows[0]!.id;
    const skill = async (code: string) =>
      (await h.db.query<{ id: string }>('select id::text as id from skills where district_id = $1 and code = $2', [district, code])).rows[0]!.id;
    const [a1, a2] = [await skill('6.RP.A.1'), await skill('6.RP.A.2')];
    await h.db.query(`delete from team_skill_sequences where district_id = $1 and team_sourced_id = $2`, [district, team]);
    await h.db.query(`insert into team_skill_sequences (district_id, team_sourced_id, position, skill_id) values ($1, $2, 1, $3), ($1, $2, 2, $4)`, [
      district,
      team,
      a1,
      a2,
    ]);
    const estimate = (student: string, skillId: string, known: number) =>
      h.db.query(
        `insert into mastery_estimates (district_id, student_sourced_id, skill_id, known, next_correct, state, attempts, right_count, first_at, last_at, explanation)
         values ($1, $2, $3, $4, $4, $5, 6, 3, now() - interval '5 days', now() - interval '1 day', 'fixture')`,
        [district, student, skillId, known, known >= 0.95 ? 'mastered' : 'learning'],
      );
    await estimate(students[0]!.sourcedId, a1, 0.98);
    await estimate(students[0]!.sourcedId, a2, 0.42);
    await estimate(students[1]!.sourcedId, a1, 0.31);
    for (let k = 0; k < 4; k++) {
      await h.db.query(
        `insert into evidence (district_id, student_sourced_id, skill_id, occurred_at, correct, source_kind, source_key, source_ref)
         values ($1, $2, $3, now() - make_interval(days => $4), $5, 'csv', $6, $7)`,
        [district, students[1]!.sourcedId, a1, 4 - k, k % 2 === 1, `e2e-${k}`, `practice.csv:${k + 2}`],
      );
    }
    await h.db.query(
      `insert into learning_flags (district_id, student_sourced_id, kind, skill_id, reason, since)
       values ($1, $2, 'wheel_spinning', $3, 'Ten attempts at 6.RP.A.1 without mastering it.', now() - interval '2 days')`,
      [district, students[1]!.sourcedId, a1],
    );
  });
  afterAll(() => h?.close());

  const nameOf = (s: (typeof students)[number]) => `${s.preferredGivenName ?? s.givenName} ${s.familyName}`;

  it('shows the heatmap with states in words, sorts it, and passes the accessibility check', async () => {
    const page = await h.newPage();
    await h.signIn(page, DEMO.leader);
    await page.goto(`/teams/${encodeURIComponent(team)}`);
    await page.getByText('1 open struggling flag, 1 not yet acknowledged.').waitFor();
    await page.getByRole('link', { name: 'Mastery heatmap' }).click();
    const table = page.getByRole('table', { name: /^Mastery of .* students on the team's skill sequence/ });
    await table.waitFor();
    const row = (name: string) => table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: new RegExp(`^${name}`) }) });
    await expect.poll(() => row(nameOf(students[0]!)).textContent()).toMatch(/1 of 2.*Mastered 98%.*Learning 42%/);
    await expect.poll(() => row(nameOf(students[1]!)).textContent()).toMatch(/1 open flag.*0 of 2.*Learning 31%.*Not started/);
    // Sort by the first skill, highest first: the student who mastered it leads.
    await table.getByRole('button', { name: /^Sort by 6\.RP\.A\.1/ }).click();
    await expect.poll(() => table.getByRole('row').nth(1).getByRole('rowheader').textContent()).toMatch(new RegExp(`^${nameOf(students[0]!)}`));
    expect(await table.getByRole('columnheader', { name: /6\.RP\.A\.1/ }).getAttribute('aria-sort')).toBe('descending');
    // The sort button keeps keyboard focus after sorting.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toMatch(/^Sort by 6\.RP\.A\.1/);
    expect(await wcagViolations(page)).toEqual([]);
  });

  it('lists the struggling student, acknowledges the flag with an owner and a note, and passes the accessibility check', async () => {
    const page = await h.newPage();
    await h.signIn(page, DEMO.leader);
    await page.goto(`/teams/${encodeURIComponent(team)}/struggling`);
    const table = page.getByRole('table', { name: /^Open struggling flags/ });
    await table.waitFor();
    await expect.poll(() => table.getByRole('row').nth(1).textContent()).toMatch(new RegExp(`${nameOf(students[1]!)}Wheel-spinning6\\.RP\\.A\\.1.*Ten attempts`));
    expect(await wcagViolations(page)).toEqual([]);

    await table.getByRole('button', { name: /^Acknowledge / }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Who will act on it').selectOption({ index: 1 });
    const owner = (await dialog.getByLabel('Who will act on it').locator('option:checked').textContent())!.replace(/ \(.*\)$/, '');
    await dialog.getByLabel('Note').fill('Small group on Tuesday');
    expect(await wcagViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Acknowledge' }).click();
    await expect.poll(() => table.getByRole('row').nth(1).textContent()).toMatch(new RegExp(`✓.*owner ${owner}: “Small group on Tuesday”`));

    await page.getByLabel('Only flags no one has acknowledged').check();
    await page.getByText('Every open flag has been acknowledged.').waitFor();
  });

  it("shows a student's skills with the estimate over time, and the pinpoint page, both passing the accessibility check", async () => {
    const page = await h.newPage();
    await h.signIn(page, DEMO.leader);
    await page.goto(`/students/${encodeURIComponent(students[1]!.sourcedId)}`);
    await page.getByRole('link', { name: `Skills of ${nameOf(students[1]!)}` }).click();
    const skills = page.getByRole('table', { name: /^Estimated mastery of/ });
    await expect.poll(() => skills.getByRole('row').nth(1).textContent()).toMatch(/^6\.RP\.A\.1.*Learning31%3 right of 6/);
    await page.getByLabel('Skill', { exact: true }).selectOption({ index: 1 });
    await page.getByRole('img', { name: /^6\.RP\.A\.1 .*: 4 attempts, 2 right\. No mastery model is fitted yet/ }).waitFor();
    const evidence = page.getByRole('table', { name: /^Evidence of/ });
    await expect.poll(() => evidence.getByRole('row').count()).toBe(5);
    await expect.poll(() => evidence.getByRole('row').nth(1).textContent()).toMatch(/6\.RP\.A\.1✓ Right—CSV import · practice\.csv:5$/);
    expect(await wcagViolations(page)).toEqual([]);

    await page.goto(`/teams/${encodeURIComponent(team)}/pinpoint`);
    await page.getByText(/two-proportion z-test/).waitFor();
    await page.getByRole('heading', { level: 2 }).first().waitFor();
    expect(await wcagViolations(page)).toEqual([]);
  });
});
