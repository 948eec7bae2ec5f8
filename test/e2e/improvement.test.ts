import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyseChart } from '../../src/core/spc/analyse.ts';
import { explainChart } from '../../src/core/spc/explain.ts';
import { wcagViolations } from './axe.ts';
import { DEMO, startHarness, type Harness } from './harness.ts';

const weeks = Array.from({ length: 20 }, (_, i) => new Date(Date.UTC(2025, 8, 1 + 7 * i)).toISOString().slice(0, 10));
// Ten Mondays around 80 on time, then ten around 90 after the greeting started (week 11).
const onTime = [80, 82, 79, 81, 78, 80, 83, 79, 81, 80, 90, 91, 89, 92, 90, 88, 91, 90, 92, 89];

describe('the improvement workspace', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ students: 100 });
  });
  afterAll(() => h?.close());

  it('lets the principal start a Correct project, write the aim, chart a measure and study a PDSA cycle on it', async () => {
    const events = [{ x: weeks[10]!, label: 'PDSA: Greet at the door' }];
    const expected = explainChart(analyseChart(weeks.map((x, i) => ({ x, y: onTime[i]! })), { chart: 'run' }), { measure: 'on-time arrivals', events });
    expect(expected.summary).toContain('“PDSA: Greet at the door”');

    const page = await h.newPage();
    await h.signIn(page, DEMO.principal);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Improvement' }).click();
    await page.getByRole('heading', { level: 1, name: 'Improvement' }).waitFor();
    await page.getByRole('link', { name: 'Start a project' }).click();

    await page.getByRole('heading', { level: 1, name: 'Start an improvement project' }).waitFor();
    expect(await wcagViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Start the project' }).click();
    expect(await page.getByRole('alert').textContent()).toBe('Choose what you are trying to do.');
    await page.getByRole('radio', { name: 'I have a specific problem — help me fix it' }).check();
    await page.getByLabel('Project title').fill('Monday lateness');
    await page.getByRole('button', { name: 'Start the project' }).click();

    await page.getByRole('heading', { level: 1, name: 'Monday lateness' }).waitFor();
    expect(await page.getByRole('heading', { level: 2, name: 'Playbook: Correct' }).isVisible()).toBe(true);
    const steps = page.getByRole('list', { name: 'Playbook steps' });
    expect(await steps.getByRole('listitem').count()).toBe(5);
    expect(await page.getByText('Say how much, with a number').isVisible()).toBe(true);

    await page.getByLabel('What will improve').fill('on-time arrival');
    await page.getByLabel('For whom').fill('grade 6 students');
    await page.getByLabel('How much').fill('from 80% to 90%');
    await page.getByLabel('By when').fill('2026-06-01');
    await page.getByRole('button', { name: 'Save aim' }).click();
    await expect.poll(() => page.getByTestId('aim-sentence').textContent()).toBe('We will improve on-time arrival for grade 6 students from 80% to 90% by 1 June 2026.');
    expect(await page.getByText('The aim is complete').isVisible()).toBe(true);
    expect(await wcagViolations(page)).toEqual([]);

    await page.getByRole('tab', { name: 'Measures' }).click();
    await page.getByLabel('Measure name').fill('on-time arrivals');
    await page.getByRole('button', { name: 'Add measure' }).click();
    const values = page.getByRole('textbox', { name: 'Values of on-time arrivals' });
    await values.waitFor();
    await values.fill(weeks.map((x, i) => `${x}, ${onTime[i]}`).join('\n'));
    await page.getByRole('button', { name: 'Save values' }).click();
    await page.getByRole('region', { name: 'on-time arrivals over time' }).waitFor();

    await page.getByRole('tab', { name: 'PDSA cycles' }).click();
    await page.getByLabel('Cycle title').fill('Greet at the door');
    await page.getByLabel('Measure to study').selectOption({ label: 'on-time arrivals' });
    await page.getByLabel('Question: what do we want to learn?').fill('Does a greeting at the door get students in on time?');
    await page.getByLabel('Prediction: what do we think will happen?').fill('On-time arrival rises to 90%.');
    await page.getByRole('button', { name: 'Plan the cycle' }).click();

    const cycle = page.getByRole('article', { name: 'Greet at the door' });
    await cycle.waitFor();
    expect(await cycle.getByText('Do · classroom').isVisible()).toBe(true);
    await cycle.getByRole('tab', { name: 'Do' }).click();
    await cycle.getByLabel('Started on').fill(weeks[10]!);
    await cycle.getByLabel('What happened').fill('Both teachers greeted every student at the door.');
    await cycle.getByRole('button', { name: 'Save do' }).click();
    await page.getByRole('article', { name: 'Greet at the door' }).getByText('Study · classroom').waitFor();

    const studied = page.getByRole('article', { name: 'Greet at the door' });
    await studied.getByRole('tab', { name: 'Study' }).click();
    expect(await studied.getByText('On-time arrival rises to 90%.').isVisible()).toBe(true);
    const chart = studied.getByRole('region', { name: 'on-time arrivals over time' });
    await chart.waitFor();
    await expect.poll(() => chart.locator('.spc-summary').textContent()).toBe(expected.summary);
    await studied.getByLabel('Results: what did the data show, against the prediction?').fill('Up from about 80 to 90 from week 11 on, as predicted.');
    await studied.getByRole('button', { name: 'Save study' }).click();
    await page.getByRole('article', { name: 'Greet at the door' }).getByText('Act · classroom').waitFor();
    expect(await wcagViolations(page)).toEqual([]);

    await page.getByRole('tab', { name: 'Timeline' }).click();
    const timeline = page.getByRole('list', { name: 'What happened, newest first' });
    await timeline.waitFor();
    const entries = await timeline.getByRole('listitem').allTextContents();
    expect(entries[0]).toContain('PDSA cycle “Greet at the door”: studied.');
    expect(entries.at(-1)).toContain('Started “Monday lateness” (Correct).');
  });

  it('keeps a team project out of sight of another team', async () => {
    const leader = await h.apiAs(DEMO.leader);
    const admin = await h.apiAs(DEMO.admin);
    const mine = await leader.get<{ items: { title: string; scope: { kind: string } }[] }>('/api/improvement/projects');
    const all = await admin.get<{ items: { title: string }[] }>('/api/improvement/projects');
    // The principal's project is a school project of the leader's school: both see it.
    expect(all.items.map((p) => p.title)).toContain('Monday lateness');
    expect(mine.items.map((p) => p.title)).toContain('Monday lateness');
    const student = await h.newPage();
    await h.signIn(student, DEMO.student);
    await student.goto('/improvement');
    await student.getByRole('heading', { level: 1, name: 'Not available' }).waitFor();
  });
});
