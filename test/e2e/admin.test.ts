import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, startHarness, type Harness } from './harness.ts';

describe('a district admin', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h?.close());

  it('starts on the district schools and reaches the Import page', async () => {
    const page = await h.newPage();
    await h.signIn(page, DEMO.admin);
    await page.getByRole('table', { name: 'Schools with student, team and class counts' }).waitFor();

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Import' }).click();
    await page.getByRole('heading', { level: 1, name: 'Import OneRoster' }).waitFor();
    expect(await page.getByLabel('OneRoster zip file').count()).toBe(1);
    expect(await page.getByRole('checkbox', { name: /Strict/ }).isChecked()).toBe(false);
    await page.getByRole('heading', { level: 2, name: 'Recent imports' }).waitFor();
  });

  it('uploads a zip and reads the report', async () => {
    const page = await h.newPage();
    await h.signIn(page, DEMO.admin);
    await page.goto('/import');
    // A zip with only a manifest: enough to exercise the upload (multipart + CSRF header) and the report.
    const zip = zipSync({ 'manifest.csv': strToU8('propertyName,value\nmanifest.version,1.0\noneroster.version,1.2\n') });
    await page.getByLabel('OneRoster zip file').setInputFiles({ name: 'incomplete.zip', mimeType: 'application/zip', buffer: Buffer.from(zip) });
    await page.getByRole('button', { name: 'Upload and import' }).click();

    const outcome = page.getByRole('alert').filter({ hasText: /Import (rejected|failed|accepted)/ });
    await outcome.waitFor();
    expect(await outcome.textContent()).toMatch(/Import (accepted|rejected)OneRoster 1\.[12], (bulk|delta) file/);
    await page.getByRole('heading', { level: 2, name: 'Import report' }).waitFor();
    await page.getByRole('table', { name: 'The latest imports, newest first' }).waitFor();
  });

  it('is the only role with the Import link', async () => {
    const page = await h.newPage();
    await h.signIn(page, DEMO.leader);
    const nav = page.getByRole('navigation', { name: 'Main' });
    expect(await nav.getByRole('link').allTextContents()).toEqual(['Home', 'My plan', 'Schools', 'Teams', 'Classes', 'Students', 'Skills', 'Measures', 'Improvement']);
    await page.goto('/import');
    await page.getByRole('heading', { level: 1, name: 'Not available' }).waitFor();
  });

  it('pages the student list with "Load more", moving focus to the first new student', async () => {
    const page = await h.newPage();
    await h.signIn(page, DEMO.admin);
    await page.goto('/students');
    await page.getByRole('status').filter({ hasText: '50 students shown, more available.' }).waitFor();

    await page.getByRole('button', { name: 'Load more students' }).click();
    await page.getByRole('status').filter({ hasText: /^100 students shown/ }).waitFor();
    const rows = page.getByRole('table', { name: 'Students matching the search' }).locator('tbody tr');
    expect(await rows.count()).toBe(100);
    const focused = await page.evaluate(() => document.activeElement?.textContent);
    expect(focused).toBe(await rows.nth(50).getByRole('link').textContent());
  });

  it('collapses the navigation behind a menu button on a tablet', async () => {
    const page = await h.newPage({ width: 768, height: 1024 });
    await h.signIn(page, DEMO.admin);
    const nav = page.getByRole('navigation', { name: 'Main' });
    const menu = page.getByRole('button', { name: 'Open navigation' });
    expect(await nav.getByRole('link', { name: 'Schools' }).isVisible()).toBe(false);
    await menu.click();
    await nav.getByRole('link', { name: 'Schools' }).click();
    await page.getByRole('heading', { level: 1, name: 'Schools' }).waitFor();
  });
});
