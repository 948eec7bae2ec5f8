import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, DEMO_PASSWORD, startHarness, type Harness } from './harness.ts';

describe('signing in and out', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h?.close());

  it('works with the keyboard alone', async () => {
    const page = await h.newPage();
    await page.goto('/');
    await page.waitForURL('**/sign-in');
    await page.getByRole('button', { name: 'Sign in' }).waitFor();

    // The page starts in the email field.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('email');
    await page.keyboard.type(DEMO.leader);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('password');
    await page.keyboard.type(DEMO_PASSWORD);
    await page.keyboard.press('Enter');

    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/');

    // After a fresh load, the first Tab reaches the skip link, which moves focus to main.
    await page.reload();
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to main content');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('MAIN');
  });

  it('shows the server message for a wrong password', async () => {
    const page = await h.newPage();
    await page.goto('/sign-in');
    await page.getByLabel('Email').fill(DEMO.leader);
    await page.getByLabel('Password', { exact: true }).fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();

    const alert = page.getByRole('alert').filter({ hasText: 'Sign-in failed' });
    await alert.waitFor();
    expect((await alert.textContent())!.replace('Sign-in failed', '').trim().length).toBeGreaterThan(0);
    expect(new URL(page.url()).pathname).toBe('/sign-in');
  });

  it('signs out, and then protected pages lead back to sign-in', async () => {
    const page = await h.newPage();
    await h.signIn(page, DEMO.leader);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL('**/sign-in');

    await page.goto('/teams');
    await page.waitForURL((url) => url.pathname === '/sign-in' && url.searchParams.get('next') === '/teams');
    await page.getByLabel('Email').fill(DEMO.leader);
    await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname === '/teams');
    await page.getByRole('heading', { level: 1, name: 'Teams' }).waitFor();
  });

  it('shows the header with the person and role', async () => {
    const page = await h.newPage();
    await h.signIn(page, DEMO.principal);
    const banner = page.getByRole('banner');
    expect(await banner.textContent()).toContain('School leader');
    await page.getByRole('heading', { level: 2, name: /Your schools?/ }).waitFor();
  });

  it('lands a student on their own profile', async () => {
    const page = await h.newPage();
    await h.signIn(page, DEMO.student);
    await page.getByRole('heading', { level: 1, name: /\(you\)$/ }).waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/students\/.+/);
    const nav = page.getByRole('navigation', { name: 'Main' });
    expect(await nav.getByRole('link').allTextContents()).toEqual(['My profile', 'My day']);
  });
});
