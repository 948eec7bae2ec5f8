import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, startHarness, type Harness } from './harness.ts';

describe('the Integrations page', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ students: 100 });
  });
  afterAll(() => h?.close());

  it('lets a district admin create a credential that works at /xapi, see its secret once, and revoke it', async () => {
    const page = await h.newPage();
    await h.signIn(page, DEMO.admin);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Integrations' }).click();
    await page.getByRole('heading', { level: 1, name: 'Integrations' }).waitFor();

    await page.getByLabel('Learning program').fill('ReadWell Passages');
    await page.getByRole('button', { name: 'Create credential' }).click();
    const shown = page.getByRole('status').filter({ hasText: 'Credential for ReadWell Passages' });
    await shown.waitFor();
    const codes = await shown.locator('code').allTextContents();
    const [key, secret] = codes as [string, string];
    expect(key).toMatch(/^trellis-[\da-f]{24}$/);
    expect(await shown.getByRole('button', { name: 'Copy the secret' }).count()).toBe(1);

    const call = () =>
      fetch(`${h.baseUrl}/xapi/statements?limit=1`, {
        headers: { authorization: `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`, 'x-experience-api-version': '1.0.3' },
      });
    expect((await call()).status).toBe(200);

    await shown.getByRole('button', { name: 'I have copied the secret' }).click();
    expect(await page.getByText(secret).count()).toBe(0);
    const row = page.getByRole('row', { name: /ReadWell Passages/ });
    await row.getByRole('button', { name: 'Revoke the credential of ReadWell Passages' }).click();
    await row.getByRole('button', { name: 'Revoke ReadWell Passages' }).click();
    await row.getByText(/^revoked/).waitFor();
    expect((await call()).status).toBe(401);
  });

  it('is not offered to other roles', async () => {
    const page = await h.newPage();
    await h.signIn(page, DEMO.principal);
    expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Integrations' }).count()).toBe(0);
    await page.goto('/integrations');
    await page.getByRole('heading', { level: 1, name: 'Not available' }).waitFor();
  });
});
