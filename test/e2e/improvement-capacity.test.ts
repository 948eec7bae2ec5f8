import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wcagViolations } from './axe.ts';
import { DEMO, startHarness, type Harness } from './harness.ts';

const screenshots = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test-results/improvement-capacity');

describe('the district improvement capacity', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ students: 100 });
  });
  afterAll(() => h?.close());

  it('shows a district admin how fast the demo district learns, from the Reorient project to every project, with a chart and plain sentences', async () => {
    const page = await h.newPage({ width: 1280, height: 1600 });
    await h.signIn(page, DEMO.admin);
    await page.goto('/improvement');
    const projects = await (await h.apiAs(DEMO.admin)).get<{ items: { id: string; job: string; title: string }[] }>('/api/improvement/projects');
    const reorient = projects.items.find((p) => p.job === 'reorient')!;

    // From the Reorient project's playbook to the capacity view.
    await page.getByRole('link', { name: reorient.title }).click();
    await page.getByRole('heading', { level: 1, name: reorient.title }).waitFor();
    await page.getByRole('link', { name: 'See the capacity of every project you can see' }).click();
    await page.getByRole('heading', { level: 1, name: 'Improvement capacity' }).waitFor();

    const sentences = page.getByRole('list', { name: 'What the figures say' });
    await sentences.waitFor();
    expect(await sentences.textContent()).toMatch(/Across these projects \d+ PDSA cycles? (has|have) been studied/);
    const chart = page.getByRole('img', { name: /PDSA cycles studied in the last 12 months|No PDSA cycle was studied/ });
    expect(await chart.locator('svg').count()).toBe(1);
    expect(await chart.locator('svg rect').count()).toBeGreaterThan(0);
    const table = page.getByRole('table', { name: /Cycles and people of \d+ projects/ });
    for (const project of projects.items) await table.getByRole('rowheader', { name: new RegExp(project.title) }).waitFor();
    expect(await page.getByRole('list', { name: 'Capacity figures' }).getByRole('listitem').count()).toBe(4);
    expect(await wcagViolations(page)).toEqual([]);
    mkdirSync(screenshots, { recursive: true });
    await page.screenshot({ path: path.join(screenshots, 'capacity.png'), fullPage: true });
  });
});
