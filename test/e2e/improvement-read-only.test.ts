/**
 * A project is read-only to the staff who see it but are not on it: the demo
 * principal sees the grade-6 team's English-learner gap project (a team of their
 * school) without being a member, so they read it without forms and are told whom
 * to ask; its lead, the demo teacher-leader, still edits it.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addFishboneCause, getFishbone } from '../../src/db/diagnosis.ts';
import type { ProjectDetail, ProjectSummary } from '../../src/web/pages/improvement/types.ts';
import type { Me } from './api-types.ts';
import { wcagViolations } from './axe.ts';
import { DEMO, startHarness, type Harness } from './harness.ts';

const TITLE = 'Halve the English-learner gap in grade 6 math';
const CAUSE = 'Frames are not used in math lessons';

describe('a project read by someone who is not on it', () => {
  let h: Harness;
  let project: ProjectDetail;

  beforeAll(async () => {
    h = await startHarness({ students: 100 });
    // Arranging only: the project as the principal sees it, and one fishbone cause (added by its lead) to read.
    const principal = await h.apiAs(DEMO.principal);
    const list = await principal.get<{ items: ProjectSummary[] }>('/api/improvement/projects');
    const id = list.items.find((p) => p.title === TITLE)!.id;
    project = await principal.get<ProjectDetail>(`/api/improvement/projects/${id}`);
    const leader = await (await h.apiAs(DEMO.leader)).get<Me>('/api/me');
    const ref = { districtId: leader.district.id, projectId: id };
    const fishbone = await getFishbone(h.db, ref, leader.id);
    await addFishboneCause(h.db, ref, { categoryId: fishbone.categories[0]!.id, text: CAUSE }, leader.id);
  });
  afterAll(() => h?.close());

  const open = async (page: Page) => {
    await page.goto(`/improvement/${project.id}`);
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
  };
  const notice = (page: Page) => page.getByRole('region', { name: 'You are reading this project' });

  it('shows the principal the project without its forms, and whom to ask', async () => {
    expect(project.canEdit).toBe(false);
    const lead = project.members.find((m) => m.role === 'lead')!.name;
    const page = await h.newPage();
    await h.signIn(page, DEMO.principal);
    await open(page);

    await notice(page).waitFor();
    expect(await notice(page).textContent()).toContain(`Only its members and district admins can change it. Ask ${lead} to add you.`);
    expect(await page.getByTestId('aim-sentence').textContent()).toBe(project.aimSentence);
    expect(await page.getByRole('button', { name: 'Save aim' }).count()).toBe(0);
    expect(await page.getByRole('form', { name: 'Add a member' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Add member' }).count()).toBe(0);
    expect(await page.getByText('Status: active', { exact: true }).isVisible()).toBe(true);
    // Members read as text: no role pickers, no Remove buttons.
    expect(await page.getByRole('table', { name: `People on ${TITLE}` }).getByRole('row', { name: new RegExp(lead) }).textContent()).toContain('lead');
    expect(await page.getByRole('combobox', { name: /^Role of / }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /from the project$/ }).count()).toBe(0);
    expect(await wcagViolations(page)).toEqual([]);

    await page.getByRole('tab', { name: 'Diagnosis', exact: true }).click();
    await page.getByRole('tab', { name: 'Fishbone' }).waitFor();
    await page.getByText(CAUSE, { exact: true }).waitFor();
    expect(await page.getByRole('button', { name: 'Add category' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Add cause under / }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Vote for / }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /^(Rename|Delete) / }).count()).toBe(0);
    expect(await page.getByRole('listitem').filter({ hasText: CAUSE }).textContent()).toContain('0 votes');
    // The how-to still opens for a reader.
    await page.getByText('How to use the fishbone diagram (2 minutes)').click();
    await page.getByText(/Use it at the start of a project/).waitFor();
    expect(await wcagViolations(page)).toEqual([]);

    await page.getByRole('tab', { name: 'Driver diagram', exact: true }).click();
    await page.getByRole('list', { name: 'Driver diagram outline' }).waitFor();
    expect(await page.getByRole('textbox').count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Delete / }).count()).toBe(0);

    await page.getByRole('tab', { name: 'Measures', exact: true }).click();
    await page.getByRole('heading', { level: 2, name: /\(outcome\)$/ }).first().waitFor();
    expect(await page.getByRole('heading', { name: 'Add a measure' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Save values' }).count()).toBe(0);

    await page.getByRole('tab', { name: 'PDSA cycles', exact: true }).click();
    await page.getByRole('heading', { level: 2, name: 'Cycles' }).waitFor();
    expect(await page.getByRole('heading', { name: 'Plan a new cycle' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Save / }).count()).toBe(0);
    expect(await wcagViolations(page)).toEqual([]);
  });

  it('still gives the lead every form, and no notice', async () => {
    const page = await h.newPage();
    await h.signIn(page, DEMO.leader);
    await open(page);
    await page.getByRole('button', { name: 'Save aim' }).waitFor();
    expect(await page.getByRole('button', { name: 'Add member' }).isVisible()).toBe(true);
    expect(await notice(page).count()).toBe(0);
    await page.getByRole('tab', { name: 'Diagnosis', exact: true }).click();
    await page.getByRole('button', { name: 'Add category' }).waitFor();
  });
});
