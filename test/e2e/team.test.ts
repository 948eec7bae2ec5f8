import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Me, Page, StudentSummary } from './api-types.ts';
import { DEMO, startHarness, type Harness } from './harness.ts';

describe('a teacher-leader', () => {
  let h: Harness;
  let me: Me;
  beforeAll(async () => {
    h = await startHarness();
    me = await (await h.apiAs(DEMO.leader)).get<Me>('/api/me');
  });
  afterAll(() => h?.close());

  it('goes from home to the team to a student profile', async () => {
    const team = me.scope.teams[0]!;
    const page = await h.newPage();
    await h.signIn(page, DEMO.leader);

    await page.getByRole('heading', { level: 2, name: 'Your team' }).waitFor();
    await page.getByRole('main').getByRole('link', { name: team.name }).click();

    await page.getByRole('heading', { level: 1, name: team.name }).waitFor();
    const crumbs = page.getByRole('navigation', { name: 'Breadcrumb' });
    expect(await crumbs.getByRole('listitem').allTextContents()).toEqual([
      me.district.name,
      expect.any(String),
      team.name,
    ]);
    const students = page.getByRole('table', { name: `Students of ${team.name}` });
    await students.waitFor();
    expect(await page.getByRole('status').filter({ hasText: /students? shown/ }).textContent()).toMatch(/^\d+ students? shown/);

    const first = students.getByRole('link').first();
    const listed = (await first.textContent())!; // "Family, Given"
    const [family, given] = listed.split(', ');
    await first.click();

    await page.getByRole('heading', { level: 1, name: `${given} ${family}` }).waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/students\/.+/);
    for (const section of ['About', 'Demographics', 'Classes', 'Teams', 'Adults who know this student']) {
      expect(await page.getByRole('heading', { level: 2, name: section }).isVisible()).toBe(true);
    }
    expect(await page.getByRole('main').getByRole('link', { name: team.name }).count()).toBeGreaterThan(0);
  });

  it('is told "not found" for a student outside their teams', async () => {
    const admin = await h.apiAs(DEMO.admin);
    const leaderSchool = me.scope.teams[0]!.schoolSourcedId;
    const all = await admin.get<Page<StudentSummary>>('/api/students?limit=500');
    const outsider =
      all.items.find((s) => !s.schools.some((school) => school.sourcedId === leaderSchool)) ??
      (await firstStudentOffTeams(h, all.items));
    expect(outsider, 'the demo district has a student the leader cannot see').toBeDefined();

    const page = await h.newPage();
    await h.signIn(page, DEMO.leader);
    await page.goto(`/students/${encodeURIComponent(outsider!.sourcedId)}`);

    await page.getByRole('heading', { level: 1, name: 'Student not found' }).waitFor();
    expect(await page.getByRole('alert').textContent()).toMatch(/not found/i);
    expect(await page.getByRole('heading', { name: 'About' }).count()).toBe(0);
  });

  it('searches and filters students, keeping the filters in the URL', async () => {
    const page = await h.newPage();
    await h.signIn(page, DEMO.leader);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Students' }).click();
    await page.getByRole('heading', { level: 1, name: 'Students' }).waitFor();
    const table = page.getByRole('table', { name: 'Students matching the search' });
    await table.waitFor();

    const listed = (await table.getByRole('link').first().textContent())!;
    const family = listed.split(', ')[0]!;
    await page.getByRole('searchbox', { name: 'Search by name or ID' }).fill(family);
    await page.waitForURL((url) => url.searchParams.get('q') === family);
    await expect
      .poll(async () => {
        const names = await table.getByRole('rowheader').allTextContents();
        return names.length > 0 && names.every((name) => name.toLowerCase().includes(family.toLowerCase()));
      })
      .toBe(true);

    await page.getByRole('button', { name: 'Clear search and filters' }).click();
    await page.getByLabel('English learner').selectOption('true');
    await page.waitForURL((url) => url.searchParams.get('englishLearner') === 'true');
    await expect
      .poll(async () => {
        const rows = await table.locator('tbody tr').all();
        const marked = await Promise.all(rows.map((row) => row.getByTitle('English learner').count()));
        return rows.length > 0 && marked.every((n) => n === 1);
      })
      .toBe(true);

    await page.reload();
    expect(await page.getByLabel('English learner').inputValue()).toBe('true');
  });
});

/** Fallback when the demo has one school: a student the admin sees that is on none of the leader's teams. */
async function firstStudentOffTeams(h: Harness, candidates: StudentSummary[]): Promise<StudentSummary | undefined> {
  const leader = await h.apiAs(DEMO.leader);
  const visible = await leader.get<Page<StudentSummary>>('/api/students?limit=500');
  const seen = new Set(visible.items.map((s) => s.sourcedId));
  return candidates.find((s) => !seen.has(s.sourcedId));
}
