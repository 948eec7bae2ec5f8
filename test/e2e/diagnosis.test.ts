import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertMember, insertProject } from '../../src/db/improvement.ts';
import type { Me } from './api-types.ts';
import { wcagViolations } from './axe.ts';
import { DEMO, startHarness, type Harness } from './harness.ts';

describe('diagnosis tools and the driver diagram', () => {
  let h: Harness;
  let projectId: string;

  beforeAll(async () => {
    h = await startHarness();
    const me = await (await h.apiAs(DEMO.leader)).get<Me>('/api/me');
    projectId = await insertProject(h.db, me.district.id, me.id, {
      title: 'Reading on track',
      job: 'correct',
      aim: { what: 'reading', forWhom: 'grade 6 students', howMuch: 'from 60% to 80%', byWhen: '2026-06-01' },
      scope: { kind: 'team', id: me.scope.teams[0]!.sourcedId },
    });
    // Members change a project; the leader leads this one.
    await insertMember(h.db, me.district.id, projectId, { userSourcedId: me.userSourcedId, accountId: me.id, role: 'lead', department: null });
  });
  afterAll(() => h?.close());

  async function openTab(page: Page, tab: 'Diagnosis' | 'Driver diagram') {
    await page.goto(`/improvement/${projectId}`);
    await page.getByRole('heading', { level: 1, name: 'Reading on track' }).waitFor();
    await page.getByRole('tab', { name: tab }).click();
  }

  it('adds fishbone causes and ranks them by votes', async () => {
    const page = await h.newPage();
    await h.signIn(page, DEMO.leader);
    await openTab(page, 'Diagnosis');
    await page.getByRole('tab', { name: 'Fishbone' }).waitFor();

    for (const cause of ['No common planning time', 'Tutoring clashes with lunch']) {
      await page.getByLabel('New cause under Schedules').fill(cause);
      await page.getByRole('button', { name: 'Add cause under Schedules' }).click();
      await page.getByText(cause, { exact: true }).waitFor();
    }
    const causes = page.getByRole('list', { name: 'Causes under Schedules, most votes first' });
    expect(await causes.getByRole('listitem').allTextContents()).toEqual([
      expect.stringContaining('No common planning time'),
      expect.stringContaining('Tutoring clashes with lunch'),
    ]);

    const vote = page.getByRole('button', { name: /^Vote for Tutoring clashes with lunch/ });
    await vote.click();
    await page.getByRole('button', { name: 'Vote for Tutoring clashes with lunch: 1 vote' }).waitFor();
    expect(await vote.getAttribute('aria-pressed')).toBe('true');
    expect(await causes.getByRole('listitem').first().textContent()).toContain('Tutoring clashes with lunch');

    await page.getByText('How to use the fishbone diagram (2 minutes)').click();
    await page.getByText(/Use it at the start of a project/).waitFor();
    expect(await wcagViolations(page)).toEqual([]);
  });

  it('explains why a fix stalls from two elements and a "conflicts with" link', async () => {
    const page = await h.newPage();
    await h.signIn(page, DEMO.leader);
    await openTab(page, 'Diagnosis');
    await page.getByRole('tab', { name: 'System map' }).click();

    for (const [kind, name] of [
      ['PD initiative', 'Differentiation PD push'],
      ['Staffing policy', 'Staffing policy'],
    ]) {
      await page.getByLabel('Kind of element').selectOption({ label: kind! });
      await page.getByLabel('Element name').fill(name!);
      await page.getByRole('button', { name: 'Add element' }).click();
      await page.getByRole('button', { name: `Delete element ${name}` }).waitFor();
    }
    await page.getByLabel('Element', { exact: true }).selectOption({ label: 'Differentiation PD push' });
    await page.getByLabel('Link', { exact: true }).selectOption({ label: 'conflicts with' });
    await page.getByLabel('Other element').selectOption({ label: 'Staffing policy' });
    await page.getByLabel('Note').fill('no common planning time');
    await page.getByRole('button', { name: 'Add link' }).click();

    const stalls = page.getByRole('region', { name: 'Why a fix stalls' });
    await stalls.getByText('Differentiation PD push conflicts with Staffing policy: no common planning time.').waitFor();
    // The graph draws both elements (laid out by ELK) beside the list.
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(2);
    // Edges are drawn once React Flow has measured the nodes' handles, a frame or two after the nodes.
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(1);
    expect(await wcagViolations(page)).toEqual([]);
  });

  it('builds a driver diagram through the outline and shows it on the canvas', async () => {
    const page = await h.newPage();
    await h.signIn(page, DEMO.leader);
    await openTab(page, 'Driver diagram');

    await page.getByLabel('Aim', { exact: true }).fill('85% of grade 6 on track in reading by June');
    await page.getByRole('button', { name: 'Add aim' }).click();
    const outline = page.getByRole('list', { name: 'Driver diagram outline' });
    await outline.waitFor();

    const addUnder = async (kind: string, parent: string, text: string) => {
      await page.getByRole('button', { name: `Add ${kind} under ${parent}` }).click();
      const input = page.getByLabel(`New ${kind} under ${parent}`);
      await input.fill(text);
      await input.press('Enter');
      await page.getByRole('button', { name: `Delete ${kind}: ${text}` }).waitFor();
    };
    await addUnder('primary driver', '85% of grade 6 on track in reading by June', 'Reading time that fits each student');
    await addUnder('secondary driver', 'Reading time that fits each student', 'Small groups regrouped every two weeks');
    await addUnder('change idea', 'Small groups regrouped every two weeks', 'Regroup from the weekly check-in');
    await addUnder('primary driver', '85% of grade 6 on track in reading by June', 'Family reading routines');

    // Indent the second primary driver from the keyboard: it becomes a secondary driver under the first.
    await page.getByRole('button', { name: 'Indent: Family reading routines' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Delete secondary driver: Family reading routines' }).waitFor();
    expect(await page.getByRole('button', { name: 'Indent: Family reading routines' }).evaluate((el) => el === document.activeElement)).toBe(true);
    // ...and back with Alt+← from the same row.
    await page.keyboard.press('Alt+ArrowLeft');
    await page.getByRole('button', { name: 'Delete primary driver: Family reading routines' }).waitFor();

    await page.getByText(/Linked change idea: Regroup from the weekly check-in \(0 PDSA cycles\)/).waitFor();

    const canvas = page.getByRole('figure', { name: /Driver diagram, left to right/ });
    await expect.poll(() => canvas.locator('.react-flow__node').count()).toBe(5);
    expect(await canvas.getByRole('group', { name: 'Change idea: Regroup from the weekly check-in' }).count()).toBe(1);
    // Left to right: the aim is left of its primary drivers, which are left of the secondary driver.
    const x = async (label: string) => (await canvas.getByRole('group', { name: label }).boundingBox())!.x;
    const aimX = await x('Aim: 85% of grade 6 on track in reading by June');
    const primaryX = await x('Primary driver: Reading time that fits each student');
    const secondaryX = await x('Secondary driver: Small groups regrouped every two weeks');
    expect(aimX).toBeLessThan(primaryX);
    expect(primaryX).toBeLessThan(secondaryX);
    expect(await wcagViolations(page)).toEqual([]);
  });
});
