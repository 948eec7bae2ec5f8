/**
 * The Correct journey end to end, as a first-time user does it: the demo principal
 * starts a project by its job, writes the aim, diagnoses with a fishbone, builds a
 * driver diagram from the keyboard, charts an outcome measure, and runs one PDSA
 * cycle on it through Plan, Do, Study and Act — and the playbook ticks itself.
 * Only what a user sees is used: roles, labels and visible text.
 *
 * The final state is also saved as screenshots under test-results/improvement-journey/
 * (gitignored): the one-page summary with the cycle on its chart, and the driver diagram.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Me } from './api-types.ts';
import { wcagViolations } from './axe.ts';
import { DEMO, startHarness, type Harness } from './harness.ts';

const screenshots = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test-results/improvement-journey');

/** Weekly dates from 1 September 2025. */
const week = (i: number) => new Date(Date.UTC(2025, 8, 1 + 7 * i)).toISOString().slice(0, 10);
// Ten Mondays around 80% on time before the cycle, eight around 90% from its start (week 11).
const before = [80, 82, 79, 81, 78, 80, 83, 79, 81, 80];
const after = [90, 91, 89, 92, 90, 88, 91, 90];
const lines = (values: number[], first: number) => values.map((y, i) => `${week(first + i)}, ${y}`).join('\n');
const CYCLE_START = week(before.length);

const AIM = 'On-time arrival of grade 6 students from 80% to 90% by June 2026';
const PRIMARY = 'A warm start to the school day';
const SECONDARY = 'Every student is greeted by name';
const IDEA = 'Greet each student at the door';

describe('the Correct journey', () => {
  let h: Harness;
  let school: string;
  let colleague: string;
  beforeAll(async () => {
    h = await startHarness({ students: 100 });
    // Arranging only: names the page will show, read as the people themselves.
    const principal = await h.apiAs(DEMO.principal);
    school = (await principal.get<Me>('/api/me')).scope.schools[0]!.name;
    const teacher = await (await h.apiAs(DEMO.teacher)).get<Me>('/api/me');
    const staff = await principal.get<{ items: { sourcedId: string; givenName: string; familyName: string }[] }>('/api/staff?limit=500');
    const person = staff.items.find((s) => s.sourcedId === teacher.userSourcedId)!;
    colleague = `${person.familyName}, ${person.givenName}`;
  });
  afterAll(() => h?.close());

  const tab = (page: Page, name: string) => page.getByRole('tab', { name, exact: true }).click();
  const playbookStep = (page: Page, title: string) => page.getByRole('list', { name: 'Playbook steps' }).getByRole('listitem').filter({ hasText: title });

  it('takes the demo principal from a specific problem to an adopted change, with the playbook ticking', async () => {
    const page = await h.newPage();
    await h.signIn(page, DEMO.principal);

    // Start by job.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Improvement' }).click();
    await page.getByRole('heading', { level: 1, name: 'Improvement' }).waitFor();
    expect(await wcagViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'Start a project' }).click();
    await page.getByRole('heading', { level: 1, name: 'Start an improvement project' }).waitFor();
    await page.getByRole('radio', { name: 'I have a specific problem — help me fix it' }).check();
    await page.getByLabel('Project title').fill('Monday lateness');
    await page.getByLabel('Whose project is it?').selectOption({ label: `School: ${school}` });
    expect(await wcagViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Start the project' }).click();

    // The project opens on its overview: the Correct playbook, nothing done but what the start did.
    await page.getByRole('heading', { level: 1, name: 'Monday lateness' }).waitFor();
    expect(await page.getByText(`${school} · active`).isVisible()).toBe(true);
    await page.getByRole('heading', { level: 2, name: 'Playbook: Correct' }).waitFor();
    expect(await playbookStep(page, 'Write a tight aim').textContent()).toContain('To do');

    // The aim: what, for whom, how much, by when — and the sentence it makes.
    await page.getByLabel('What will improve').fill('on-time arrival');
    await page.getByLabel('For whom').fill('grade 6 students');
    await page.getByLabel('How much').fill('from 80% to 90%');
    await page.getByLabel('By when').fill('2026-06-01');
    await page.getByRole('button', { name: 'Save aim' }).click();
    await page.getByText('We will improve on-time arrival for grade 6 students from 80% to 90% by 1 June 2026.').waitFor();
    await page.getByText('The aim is complete').waitFor();
    expect(await page.getByRole('form', { name: 'Edit the aim' }).getByRole('status').textContent()).toBe('Aim saved.');
    expect(await playbookStep(page, 'Write a tight aim').textContent()).toContain('Done');

    // A small coalition: one colleague close to the problem.
    const addMember = page.getByRole('form', { name: 'Add a member' });
    await addMember.getByLabel('Person').selectOption({ label: colleague });
    await addMember.getByLabel('Department').fill('Grade 6');
    await addMember.getByRole('button', { name: 'Add member' }).click();
    await page.getByRole('table', { name: 'People on Monday lateness' }).getByRole('rowheader').nth(1).waitFor();
    await expect.poll(async () => playbookStep(page, 'Form a small coalition').textContent()).toContain('Done');
    expect(await wcagViolations(page)).toEqual([]);

    // Diagnosis: a fishbone with a new category, causes, and a vote.
    await tab(page, 'Diagnosis');
    await page.getByRole('tab', { name: 'Fishbone' }).waitFor();
    await page.getByLabel('New category').fill('Transport');
    await page.getByRole('button', { name: 'Add category' }).click();
    await page.getByRole('heading', { name: 'Transport' }).waitFor();
    const addCause = async (category: string, cause: string) => {
      await page.getByLabel(`New cause under ${category}`).fill(cause);
      await page.getByRole('button', { name: `Add cause under ${category}` }).click();
      await page.getByText(cause, { exact: true }).waitFor();
    };
    await addCause('Transport', 'The Monday bus arrives after the bell');
    await addCause('Schedules', 'First period starts with a test on Mondays');
    await addCause('People', 'Nobody notices who comes in late');
    await page.getByRole('button', { name: 'Vote for Nobody notices who comes in late: 0 votes' }).click();
    await page.getByRole('button', { name: 'Vote for Nobody notices who comes in late: 1 vote', pressed: true }).waitFor();
    expect(await wcagViolations(page)).toEqual([]);

    // The driver diagram, built from the keyboard alone in the outline.
    await tab(page, 'Driver diagram');
    // The aim box starts from the project's complete aim; the team may reword it for the diagram.
    expect(await page.getByLabel('Aim', { exact: true }).inputValue()).toBe('We will improve on-time arrival for grade 6 students from 80% to 90% by 1 June 2026.');
    await page.getByLabel('Aim', { exact: true }).fill(AIM);
    await page.keyboard.press('Enter');
    await page.getByRole('list', { name: 'Driver diagram outline' }).waitFor();
    const addUnder = async (kind: string, parent: string, text: string) => {
      await page.getByRole('button', { name: `Add ${kind} under ${parent}` }).focus();
      await page.keyboard.press('Enter');
      // The new row's text box takes the focus: type and press Enter.
      await expect.poll(() => page.getByLabel(`New ${kind} under ${parent}`).evaluate((input) => input === document.activeElement)).toBe(true);
      await page.keyboard.type(text);
      await page.keyboard.press('Enter');
      await page.getByRole('button', { name: `Delete ${kind}: ${text}` }).waitFor();
    };
    await addUnder('primary driver', AIM, PRIMARY);
    await addUnder('secondary driver', PRIMARY, SECONDARY);
    await addUnder('change idea', SECONDARY, IDEA);
    await page.getByText(`Linked change idea: ${IDEA} (0 PDSA cycles)`).waitFor();
    const canvas = page.getByRole('figure', { name: /Driver diagram, left to right/ });
    await canvas.getByRole('group', { name: `Change idea: ${IDEA}` }).waitFor();
    expect(await wcagViolations(page)).toEqual([]);
    // The idea from the diagram is one of the project's change ideas, and the fishbone counts as diagnosis.
    await tab(page, 'Overview');
    await page.getByRole('region', { name: 'Change ideas' }).getByText(IDEA, { exact: true }).waitFor();
    await playbookStep(page, 'Diagnose quickly').getByText('Add an outcome measure with at least 5 points').waitFor();

    // The outcome measure with a baseline.
    await tab(page, 'Measures');
    await page.getByLabel('Measure name').fill('on-time arrivals');
    expect(await page.getByLabel('Kind').inputValue()).toBe('outcome');
    await page.getByRole('button', { name: 'Add measure' }).click();
    const values = page.getByRole('textbox', { name: 'Values of on-time arrivals' });
    await values.fill(lines(before, 0));
    await page.getByRole('button', { name: 'Save values' }).click();
    await page.getByText('10 values saved.').waitFor();
    await page.getByRole('region', { name: 'on-time arrivals over time' }).waitFor();
    expect(await wcagViolations(page)).toEqual([]);

    // Plan a cycle that tests the change idea from the diagram, on that measure.
    await tab(page, 'PDSA cycles');
    const plan = page.getByRole('form', { name: 'Plan a new cycle' });
    await plan.getByLabel('Cycle title').fill('Greet at the door');
    await plan.getByLabel('Change idea it tests').selectOption({ label: IDEA });
    await plan.getByLabel('Measure to study').selectOption({ label: 'on-time arrivals' });
    await plan.getByLabel('Question: what do we want to learn?').fill('Does a greeting at the door get students in on time?');
    await plan.getByLabel('Prediction: what do we think will happen?').fill('On-time arrival rises to 90%.');
    await plan.getByRole('button', { name: 'Plan the cycle' }).click();
    const cycle = page.getByRole('article', { name: 'Greet at the door' });
    await cycle.getByText('Do · classroom').waitFor();
    // Its plan keeps the links, and they can be changed there.
    await cycle.getByRole('tab', { name: 'Plan' }).click();
    expect(await cycle.getByLabel('Change idea it tests').locator('option:checked').textContent()).toBe(IDEA);
    expect(await cycle.getByLabel('Measure to study').locator('option:checked').textContent()).toBe('on-time arrivals');

    // Do: when it started and what happened.
    await cycle.getByRole('tab', { name: 'Do' }).click();
    await cycle.getByLabel('Started on').fill(CYCLE_START);
    await cycle.getByLabel('What happened').fill('Both teachers greeted every student at the door by name.');
    await cycle.getByRole('button', { name: 'Save do' }).click();
    await cycle.getByText('Study · classroom').waitFor();
    expect(await wcagViolations(page)).toEqual([]);

    // Data after the cycle start: the values already entered are there to add to.
    await tab(page, 'Measures');
    await expect.poll(() => values.inputValue()).toBe(lines(before, 0));
    await values.fill(`${await values.inputValue()}\n${lines(after, before.length)}`);
    await page.getByRole('button', { name: 'Save values' }).click();
    await page.getByText('18 values saved.').waitFor();

    // Study: the chart beside the prediction shows the cycle as an event line, and its summary names it.
    await tab(page, 'PDSA cycles');
    await cycle.getByRole('tab', { name: 'Study', selected: true }).waitFor();
    expect(await cycle.getByText('On-time arrival rises to 90%.').isVisible()).toBe(true);
    const chart = cycle.getByRole('region', { name: 'on-time arrivals over time' });
    await chart.getByText('PDSA: Greet at the door', { exact: true }).waitFor();
    expect(await chart.getByText(/after “PDSA: Greet at the door”/).first().isVisible()).toBe(true);
    await cycle.getByLabel('Results: what did the data show, against the prediction?').fill('Up from about 80% to 90% from the week the greeting started, as predicted.');
    await cycle.getByRole('button', { name: 'Save study' }).click();
    await cycle.getByText('Act · classroom').waitFor();
    // The save is announced outside the phase tabs, so it survives the move to the next phase.
    await cycle.getByRole('status').getByText('Study saved. Next: Act.').waitFor();
    expect(await wcagViolations(page)).toEqual([]);

    // Act: adopt, and the cycle is done.
    await cycle.getByRole('tab', { name: 'Act', selected: true }).waitFor();
    await cycle.getByLabel('Decision').selectOption({ label: 'Adopt' });
    await cycle.getByLabel('Next step').fill('Every grade 6 teacher greets at the door from next week.');
    await cycle.getByRole('button', { name: 'Save act' }).click();
    await cycle.getByText('Done · classroom').waitFor();
    await cycle.getByRole('status').getByText('Act saved. The cycle is done.').waitFor();

    // The playbook has ticked every step from the project's own data.
    await tab(page, 'Overview');
    const steps = page.getByRole('list', { name: 'Playbook steps' }).getByRole('listitem');
    await expect.poll(async () => (await steps.allTextContents()).map((text) => text.startsWith('Done'))).toEqual([true, true, true, true, true]);
    expect(await playbookStep(page, 'Decide before spreading').textContent()).toContain('1 decision recorded.');

    // The one-page summary: the chart with the cycle on it, the diagram, the cycle's decision.
    await page.getByRole('link', { name: 'One-page summary' }).click();
    await page.getByRole('heading', { level: 1, name: 'Monday lateness' }).waitFor();
    const outcome = page.getByRole('region', { name: 'Outcome measure: on-time arrivals' });
    expect(await outcome.locator('svg').textContent()).toContain('PDSA: Greet at the door');
    expect(await page.getByRole('region', { name: 'Driver diagram' }).textContent()).toContain(`Change idea: ${IDEA}`);
    expect(await page.getByRole('region', { name: 'PDSA cycles' }).textContent()).toContain('Adopt – Every grade 6 teacher greets at the door from next week.');
    expect(await wcagViolations(page)).toEqual([]);

    mkdirSync(screenshots, { recursive: true });
    await page.mouse.move(0, 0);
    await page.screenshot({ path: path.join(screenshots, 'summary.png'), fullPage: true });
    await page.getByRole('link', { name: 'Back to the project' }).click();
    await tab(page, 'Driver diagram');
    await canvas.getByRole('group', { name: `Change idea: ${IDEA}` }).waitFor();
    await page.getByText(`Linked change idea: ${IDEA} (1 PDSA cycle)`).waitFor();
    await page.screenshot({ path: path.join(screenshots, 'driver-diagram.png'), fullPage: true });
  });
});
