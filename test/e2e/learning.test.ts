/** The skills page (a keyboard tree) and the unmapped-statements page, in the browser. */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIntegration } from '../../src/db/integrations.ts';
import { importCase } from '../../src/ingest/case/index.ts';
import { wcagViolations } from './axe.ts';
import { DEMO, startHarness, type Harness } from './harness.ts';

const CASE_FILE = path.resolve(import.meta.dirname, '../fixtures/learning/grade6-ratios.case.json');
const PASSAGE = 'https://readwell.example/passages/the-river';

describe('learning pages', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ students: 120 });
    expect((await importCase(h.db, CASE_FILE)).outcome).toBe('accepted');
    const { rows } = await h.db.query<{ id: string }>('select id from districts');
    const { integration, secret } = await createIntegration(h.db, { districtId: rows[0]!.id, name: 'ReadWell', createdBy: 'test' });
    const posted = await fetch(`${h.baseUrl}/xapi/statements`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${integration.key}:${secret}`).toString('base64')}`,
        'x-experience-api-version': '1.0.3',
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        actor: { mbox: 'mailto:nobody@example.org' },
        verb: { id: 'http://adlnet.gov/expapi/verbs/answered' },
        object: { id: PASSAGE },
        result: { success: true },
      }),
    });
    expect(posted.status).toBe(200);
  });
  afterAll(() => h?.close());

  it('lets a teacher walk the skill tree with the keyboard and follow prerequisites', async () => {
    const page = await h.newPage();
    await h.signIn(page, DEMO.teacher);
    await page.getByRole('link', { name: 'Skills' }).click();
    const tree = page.getByRole('tree', { name: 'Grade 6 Mathematics: Ratios (Trellis sample)' });
    await tree.waitFor();
    // One tab stop: the first item.
    await tree.getByRole('treeitem').first().focus();
    const focusedText = () => page.evaluate(() => (document.activeElement?.querySelector('.skill-tree-row')?.textContent ?? '').replace(/^[▸▾]/, ''));
    for (const key of ['ArrowDown', 'ArrowDown', 'ArrowDown', 'ArrowDown']) await page.keyboard.press(key);
    expect(await focusedText()).toMatch(/^6\.RP\.A\.3Reason with ratios/);
    await page.keyboard.press('ArrowRight');
    await expect.poll(async () => tree.getByRole('treeitem', { name: /^6\.RP\.A\.3b/ }).count()).toBe(1);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    const details = page.getByRole('heading', { level: 2, name: /^6\.RP\.A\.3b Solve unit rate problems/ });
    await details.waitFor();
    await page.getByRole('button', { name: /^6\.RP\.A\.3a / }).click();
    await page.getByRole('heading', { level: 2, name: /^6\.RP\.A\.3a Build tables/ }).waitFor();
    // Focus follows once the tree has opened the way to the skill (an effect after the details render).
    await expect.poll(focusedText).toMatch(/^6\.RP\.A\.3a/);
    await page.keyboard.press('ArrowLeft');
    expect(await focusedText()).toMatch(/^6\.RP\.A\.3Reason/);
    await page.keyboard.press('ArrowLeft');
    await expect.poll(async () => tree.getByRole('treeitem', { name: /^6\.RP\.A\.3a/ }).count()).toBe(0);
    expect(await wcagViolations(page)).toEqual([]);
  });

  it('shows a district admin which statements gave no evidence, and why', async () => {
    const page = await h.newPage();
    await h.signIn(page, DEMO.admin);
    await page.getByRole('link', { name: 'Unmapped statements' }).click();
    await page.getByText('1 of 1 stored statements gave no evidence.').waitFor();
    const byReason = page.getByRole('table', { name: 'Statements by the reason they map to nothing' });
    await expect.poll(() => byReason.getByRole('row').nth(1).textContent()).toMatch(/^no student.*1$/);
    const byActor = page.getByRole('table', { name: 'The most frequent actors who are no student of the district' });
    await expect.poll(() => byActor.getByRole('row').nth(1).textContent()).toBe('mailto:nobody@example.org1');
    expect(await wcagViolations(page)).toEqual([]);
  });

  it('keeps the unmapped page from other roles', async () => {
    const page = await h.newPage();
    await h.signIn(page, DEMO.teacher);
    await expect.poll(async () => page.getByRole('link', { name: 'Unmapped statements' }).count()).toBe(0);
  });
});
