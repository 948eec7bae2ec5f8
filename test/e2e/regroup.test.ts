import type { Page as BrowserPage } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DaySetup, PlanView } from '../../src/web/pages/regroup/types.ts';
import type { Me } from './api-types.ts';
import { wcagViolations } from './axe.ts';
import { DEMO, startHarness, type Harness } from './harness.ts';

const TUTOR = 'tutor@demo.school';

/** Opens the row's "Move to…" menu and picks `target` with the keyboard only. */
async function moveWithKeyboard(page: BrowserPage, moveButton: ReturnType<BrowserPage['getByRole']>, target: RegExp): Promise<void> {
  await moveButton.focus();
  await page.keyboard.press('Enter');
  const item = page.getByRole('menuitem', { name: target });
  await item.waitFor();
  for (let i = 0; i < 20 && !(await item.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('ArrowDown');
  expect(await item.evaluate((el) => el === document.activeElement)).toBe(true);
  await page.keyboard.press('Enter');
}

describe('the team day board', () => {
  let h: Harness;
  let leader: Me;
  let tutor: Me;
  let setup: DaySetup;

  beforeAll(async () => {
    h = await startHarness({ learning: true });
    leader = await (await h.apiAs(DEMO.leader)).get<Me>('/api/me');
    tutor = await (await h.apiAs(TUTOR)).get<Me>('/api/me');
    // The demo's learning data gives the team a skill sequence, mastery estimates and flags.
    const team = leader.scope.teams[0]!.sourcedId;
    setup = await (await h.apiAs(DEMO.leader)).get<DaySetup>(`/api/teams/${encodeURIComponent(team)}/day-setup`);
  });
  afterAll(() => h?.close());

  it('lets the leader set supports, generate, move a student with the keyboard and publish; the tutor then sees their plan', async () => {
    const team = leader.scope.teams[0]!;
    const tutorAdult = setup.adults.find((a) => a.id === tutor.userSourcedId)!;
    const leaderAdult = setup.adults.find((a) => a.id === leader.userSourcedId)!;
    expect(tutorAdult, 'the demo tutor is an adult of the team day').toBeDefined();
    const block = setup.blocks[0]!;
    const station = setup.stations[0]!;

    const page = await h.newPage({ width: 1600, height: 2400 });
    await h.signIn(page, DEMO.leader);
    await page.goto(`/teams/${encodeURIComponent(team.sourcedId)}`);

    // The leader first says who supports the team's English learners and students with IEPs (the
    // defaults assume every teacher does; here the leader confirms it for themself).
    await page.getByRole('link', { name: 'Day setup' }).click();
    await page.getByRole('heading', { level: 1, name: 'Team day setup' }).waitFor();
    const leaderFieldset = page.getByRole('group', { name: `${leaderAdult.name} (Teacher-leader)` });
    await leaderFieldset.getByLabel('Supports (comma-separated)').fill('english_learner, special_education');
    await page.getByRole('button', { name: 'Save the day setup' }).click();
    await page.getByText('The day setup is saved.').waitFor();
    expect(await wcagViolations(page)).toEqual([]);

    await page.getByRole('link', { name: 'Day board' }).click();
    await page.getByRole('heading', { level: 1, name: `Day board · ${team.name}` }).waitFor();
    const date = await page.getByLabel('Day').inputValue();
    expect(new Date(`${date}T12:00:00Z`).getUTCDay()).not.toBe(0);
    expect(new Date(`${date}T12:00:00Z`).getUTCDay()).not.toBe(6);

    await page.getByRole('button', { name: 'Generate plan' }).click();
    await page.getByText('No rules broken', { exact: true }).waitFor();
    expect(await wcagViolations(page)).toEqual([]);

    // Keyboard: a student joins the tutor's group in the first block, from the station if the plan
    // put anyone there (a small team may have every student with an adult), else from another adult.
    const stationCard = page.getByRole('region', { name: `${station.name}, ${block.name}` });
    const tutorCard = page.getByRole('region', { name: `${tutorAdult.name}'s group, ${block.name}` });
    const tutorCountBefore = await tutorCard.locator('li[data-student]').count();
    const fromStation = (await stationCard.locator('li[data-student]').count()) > 0;
    const otherAdult = setup.adults.find((a) => a.id !== tutorAdult.id && a.blocks.includes(block.id))!;
    const sourceCard = fromStation ? stationCard : page.getByRole('region', { name: `${otherAdult.name}'s group, ${block.name}` });
    const mover = sourceCard.locator('li[data-student]').first();
    const moverId = (await mover.getAttribute('data-student'))!;
    const moverName = (await mover.locator('.board-student-name').textContent())!.trim();
    await moveWithKeyboard(page, mover.getByRole('button', { name: `Move ${moverName} in ${block.name}` }), new RegExp(`^${tutorAdult.name}'s group`));
    await tutorCard.locator(`li[data-student="${moverId}"]`).waitFor();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'moved to' }).textContent()).toContain(`${moverName} moved to ${tutorAdult.name}'s group in ${block.name}.`);
    const tutorOver = tutorCountBefore + 1 > tutorAdult.capacity;
    if (fromStation) {
      // Joining an adult's group from a station can only break the group's capacity.
      await page.getByText(tutorOver ? '1 broken rule' : 'No rules broken', { exact: true }).waitFor();
    }
    if (tutorOver) expect(await tutorCard.getByRole('list', { name: /Broken rules/ }).textContent()).toMatch(/holds \d+ but has \d+/);

    // Mouse: drag a student between two adults' groups of another block (dnd-kit's pointer sensor).
    const dragBlock = setup.blocks[1] ?? block;
    const [toAdult, fromAdult] = setup.adults.filter((a) => a.blocks.includes(dragBlock.id) && a.id !== tutorAdult.id);
    const dropCard = page.getByRole('region', { name: `${toAdult!.name}'s group, ${dragBlock.name}` });
    const dragged = page.getByRole('region', { name: `${fromAdult!.name}'s group, ${dragBlock.name}` }).locator('li[data-student]').first();
    const draggedId = (await dragged.getAttribute('data-student'))!;
    const draggedName = (await dragged.locator('.board-student-name').textContent())!.trim();
    const from = (await dragged.locator('.board-student-name').boundingBox())!;
    const to = (await dropCard.boundingBox())!;
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    // Past the 6-pixel activation distance, then across in steps so the sensor sees a drag.
    await page.mouse.move(from.x + from.width / 2 + 10, from.y + from.height / 2 + 10, { steps: 3 });
    await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 15 });
    await page.mouse.up();
    await dropCard.locator(`li[data-student="${draggedId}"]`).waitFor();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'moved to' }).textContent()).toContain(`${draggedName} moved to ${toAdult!.name}'s group in ${dragBlock.name}.`);
    await page.getByText('Draft saved', { exact: true }).waitFor();

    const brokenNow = !(await page.getByText('No rules broken', { exact: true }).isVisible());

    await page.getByText('Draft saved', { exact: true }).waitFor();

    await page.getByRole('button', { name: 'Publish…' }).click();
    const dialog = page.getByRole('dialog', { name: `Publish the plan for ${date}?` });
    await dialog.getByRole('button', { name: 'Publish', exact: true }).click();
    if (brokenNow) {
      // The server refuses a plan that breaks a hard rule until the leader confirms.
      await dialog.getByRole('alert').waitFor();
      if (tutorOver) expect(await dialog.getByRole('alert').textContent()).toMatch(/holds \d+ but has \d+/);
      await dialog.getByRole('button', { name: 'Publish anyway' }).click();
    }
    await page.getByText(/Published \d/).waitFor();

    const view = await (await h.apiAs(DEMO.leader)).get<PlanView>(`/api/teams/${encodeURIComponent(team.sourcedId)}/plans/${date}`);
    const published = view.published!.groups.filter((g) => g.block === block.id);
    expect(published.find((g) => g.adult === tutorAdult.id)?.students).toContain(moverId);
    expect(view.published!.groups.find((g) => g.block === dragBlock.id && g.adult === toAdult!.id)?.students).toContain(draggedId);

    const tutorPage = await h.newPage();
    await h.signIn(tutorPage, TUTOR);
    await tutorPage.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My plan' }).click();
    await tutorPage.getByRole('heading', { level: 1, name: `${tutorAdult.name}'s plan` }).waitFor();
    await tutorPage.getByLabel('Day').fill(date);
    const firstBlock = tutorPage.getByRole('table', { name: `Students in ${block.name} with ${tutorAdult.name}` });
    await firstBlock.getByRole('rowheader', { name: moverName }).waitFor();
    expect(await tutorPage.getByRole('button', { name: 'Make a calendar link' }).isVisible()).toBe(true);
    expect(await wcagViolations(tutorPage)).toEqual([]);
  });
});
