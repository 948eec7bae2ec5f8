import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wcagViolations } from './axe.ts';
import type { Me } from './api-types.ts';
import { DEMO, startHarness, type Harness } from './harness.ts';

describe('WCAG 2.1 AA checks (axe-core)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h?.close());

  it('finds no violations on the sign-in page, with and without an error', async () => {
    const page = await h.newPage();
    await page.goto('/sign-in');
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(await wcagViolations(page)).toEqual([]);

    await page.getByLabel('Email').fill(DEMO.leader);
    await page.getByLabel('Password', { exact: true }).fill('wrong password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'Sign-in failed' }).waitFor();
    expect(await wcagViolations(page)).toEqual([]);
  });

  it("finds no violations on a teacher-leader's pages", async () => {
    const me = await (await h.apiAs(DEMO.leader)).get<Me>('/api/me');
    const team = me.scope.teams[0]!;
    const page = await h.newPage();
    await h.signIn(page, DEMO.leader);

    const pages: [string, () => Promise<void>][] = [
      ['/', () => page.getByRole('heading', { level: 2, name: 'Your team' }).waitFor()],
      [`/teams/${encodeURIComponent(team.sourcedId)}`, () => page.getByRole('table', { name: `Students of ${team.name}` }).waitFor()],
      ['/students?englishLearner=true', () => page.getByRole('table', { name: 'Students matching the search' }).waitFor()],
      ['/classes', () => page.getByRole('table').first().waitFor()],
    ];
    for (const [path, ready] of pages) {
      await page.goto(path);
      await ready();
      expect(await wcagViolations(page), path).toEqual([]);
    }

    await page.getByRole('table').first().getByRole('link').first().click();
    await page.getByRole('table', { name: /^Roster of / }).waitFor();
    await page.getByRole('table', { name: /^Roster of / }).getByRole('link').first().click();
    await page.getByRole('heading', { level: 2, name: 'Adults who know this student' }).waitFor();
    expect(await wcagViolations(page), 'student profile').toEqual([]);
  });

  it("finds no violations on a district admin's pages", async () => {
    const page = await h.newPage();
    await h.signIn(page, DEMO.admin);
    await page.getByRole('table', { name: 'Schools with student, team and class counts' }).waitFor();
    expect(await wcagViolations(page), 'home').toEqual([]);

    await page.getByRole('main').getByRole('table').getByRole('link').first().click();
    await page.getByRole('heading', { level: 2, name: 'Classes' }).waitFor();
    await page.getByRole('table', { name: /^Classes at / }).waitFor();
    expect(await wcagViolations(page), 'school').toEqual([]);

    await page.goto('/import');
    await page.getByRole('heading', { level: 2, name: 'Recent imports' }).waitFor();
    expect(await wcagViolations(page), 'import').toEqual([]);
  });
});
