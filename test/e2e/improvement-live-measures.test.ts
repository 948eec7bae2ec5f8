import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wcagViolations } from './axe.ts';
import { DEMO, startHarness, type Harness } from './harness.ts';

describe('live improvement measures', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ students: 300, learning: true });
  }, 180_000);
  afterAll(() => h?.close());

  it('charts the demo EL gap from learning data, says what it counts, and adds a live measure from the keyboard-reachable form', async () => {
    const leader = await h.apiAs(DEMO.leader);
    const projects = await leader.get<{ items: { id: string; job: string }[] }>('/api/improvement/projects');
    const coordinate = projects.items.find((p) => p.job === 'coordinate')!;

    const page = await h.newPage();
    await h.signIn(page, DEMO.leader);
    await page.goto(`/improvement/${coordinate.id}`);
    await page.getByRole('tab', { name: 'Measures' }).click();
    await page.getByRole('region', { name: 'EL gap in grade 6 math mastery (points) over time' }).waitFor();
    await page.getByText(/Live from Trellis data: the share of the skills in the team’s sequence .* minus English learners, each week/).waitFor();
    expect(await page.getByText(/Last recomputed/).count()).toBeGreaterThanOrEqual(1);
    // A live measure's values are Trellis's: no typing box for them.
    expect(await page.getByRole('textbox', { name: 'Values of EL gap in grade 6 math mastery (points)' }).count()).toBe(0);

    await page.getByLabel('Measure name').fill('Struggling share');
    await page.getByLabel('Values', { exact: true }).selectOption({ label: 'Live from Trellis data' });
    await page.getByRole('group', { name: 'Live from Trellis data' }).waitFor();
    await page.getByLabel('What to count').selectOption({ label: 'Students with a struggling flag' });
    await page.getByLabel('As', { exact: true }).selectOption({ label: 'A share of the students (%)' });
    expect(await wcagViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Add measure' }).click();
    await page.getByText(/Live from Trellis data: the share of the team’s students with an open struggling flag/).waitFor();
    await page.getByRole('region', { name: 'Struggling share over time' }).waitFor();
  }, 120_000);
});
