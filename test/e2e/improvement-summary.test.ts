import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wcagViolations } from './axe.ts';
import { DEMO, startHarness, type Harness } from './harness.ts';

describe('the improvement summary and the demo projects', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ students: 100 });
  });
  afterAll(() => h?.close());

  it('shows the demo Correct project’s one-page summary with the cycles on its chart, and links the PDF and change package', async () => {
    const admin = await h.apiAs(DEMO.admin);
    const projects = await admin.get<{ items: { id: string; job: string; title: string }[] }>('/api/improvement/projects');
    const correct = projects.items.find((p) => p.job === 'correct')!;
    expect(correct.title).toBe('More seniors apply beyond the county');

    const page = await h.newPage();
    await h.signIn(page, DEMO.admin);
    await page.goto(`/improvement/${correct.id}`);
    await page.getByRole('heading', { level: 1, name: correct.title }).waitFor();
    expect(await page.getByRole('link', { name: 'Download change package' }).getAttribute('href')).toBe(`/api/improvement/projects/${correct.id}/change-package.md`);

    await page.getByRole('tab', { name: 'PDSA cycles' }).click();
    const cycle = page.getByRole('article', { name: 'College map in one advisory' });
    await cycle.waitFor();
    await cycle.getByRole('tab', { name: 'Plan' }).click();
    const idea = cycle.getByLabel('Change idea it tests');
    expect(await idea.locator('option:checked').textContent()).toBe('College map lesson in advisory');
    expect(await page.getByRole('form', { name: 'Plan a new cycle' }).getByLabel('Change idea it tests').isVisible()).toBe(true);

    await page.getByRole('tab', { name: 'Overview' }).click();
    await page.getByRole('link', { name: 'One-page summary' }).click();
    await page.getByRole('heading', { level: 1, name: correct.title }).waitFor();
    const chart = page.getByRole('region', { name: /Outcome measure/ });
    expect(await chart.locator('svg').count()).toBe(1);
    expect(await chart.locator('svg').textContent()).toContain('PDSA: College map in one advisory');
    const cycles = page.getByRole('region', { name: 'PDSA cycles' });
    expect(await cycles.getByRole('listitem').count()).toBe(3);
    expect(await cycles.textContent()).toContain('Adapt – Add the fee waiver step and try it in four advisories.');
    expect(await page.getByRole('region', { name: 'Driver diagram' }).textContent()).toContain('Fee waivers reach every eligible senior');
    expect(await page.getByRole('link', { name: 'Download PDF' }).getAttribute('href')).toBe(`/api/improvement/projects/${correct.id}/summary.pdf`);
    expect(await wcagViolations(page)).toEqual([]);
  });
});
