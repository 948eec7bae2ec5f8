import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wcagViolations } from './axe.ts';
import { DEMO, startHarness, type Harness } from './harness.ts';

describe('improvement measures from imported outcomes', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ students: 300 });
  }, 180_000);
  afterAll(() => h?.close());

  it('charts the demo’s imported college applications and adds an outcome measure from the keyboard-reachable form', async () => {
    const admin = await h.apiAs(DEMO.admin);
    const projects = await admin.get<{ items: { id: string; job: string }[] }>('/api/improvement/projects');
    const correct = projects.items.find((p) => p.job === 'correct')!;

    const page = await h.newPage();
    await h.signIn(page, DEMO.admin);
    await page.goto(`/improvement/${correct.id}`);
    await page.getByRole('tab', { name: 'Measures' }).click();
    await page.getByRole('region', { name: 'Seniors applying beyond the county, by school year over time' }).waitFor();
    await page.getByText(/Imported outcome “college_applications_nonlocal” for every school of the project/).waitFor();

    await page.getByLabel('Measure name').fill('Applications, by year');
    await page.getByLabel('Values', { exact: true }).selectOption({ label: 'Live from Trellis data' });
    await page.getByLabel('What to count').selectOption({ label: 'An imported outcome (by school and period)' });
    // An imported outcome counts schools, not a team, over the file's own periods.
    expect(await page.getByLabel('Team', { exact: true }).count()).toBe(0);
    await page.getByLabel('Outcome', { exact: true }).selectOption('college_applications_nonlocal');
    await page.getByText(/Periods imported: \d{4}-\d{2} to \d{4}-\d{2} \(5\)/).waitFor();
    expect(await wcagViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Add measure' }).click();
    await page.getByRole('region', { name: 'Applications, by year over time' }).waitFor();
  }, 120_000);
});
