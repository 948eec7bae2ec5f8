/**
 * Browser-test harness: a fresh in-memory database with a small demo district, the
 * real server (API + built web app) on a random loopback port, and headless Chromium.
 */
import { execFileSync } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { openDatabase, type Database } from '../../src/db/database.ts';
import { migrate } from '../../src/db/migrate.ts';
import { loadDemoDistrict } from '../../src/demo/load.ts';
import { buildApp } from '../../src/server/app.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export const DEMO_PASSWORD = 'trellis-demo';
export const DEMO = {
  leader: 'leader@demo.school',
  admin: 'admin@demo.school',
  principal: 'principal@demo.school',
  teacher: 'teacher@demo.school',
  student: 'student@demo.school',
} as const;

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export interface Harness {
  baseUrl: string;
  db: Database;
  browser: Browser;
  /** A fresh browser context (own cookies) and page, 1280×800 unless told otherwise. */
  newPage(viewport?: { width: number; height: number }): Promise<Page>;
  /** Signs in through the form and waits for the app shell. */
  signIn(page: Page, email: string, password?: string): Promise<void>;
  /** A signed-in API client for arranging tests (not for asserting UI behaviour). */
  apiAs(email: string): Promise<ApiClient>;
  close(): Promise<void>;
}

export interface ApiClient {
  get<T>(pathAndQuery: string): Promise<T>;
}

/**
 * `learning`: load the demo's simulated learning data too (slower; off by
 * default so tests that seed their own evidence and flags see only theirs).
 */
export async function startHarness(options: { students?: number; learning?: boolean } = {}): Promise<Harness> {
  buildWebAppIfStale();
  const db = await openDatabase({});
  await migrate(db);
  await loadDemoDistrict(db, { students: options.students ?? 400, seed: 1, learning: options.learning ?? false });

  const app = await buildApp({ db, webDir: path.join(root, 'dist/web'), logger: false });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;

  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const contexts: BrowserContext[] = [];

  return {
    baseUrl,
    db,
    browser,
    async newPage(viewport = { width: 1280, height: 800 }) {
      const context = await browser.newContext({ baseURL: baseUrl, viewport });
      contexts.push(context);
      return context.newPage();
    },
    async signIn(page, email, password = DEMO_PASSWORD) {
      await page.goto('/sign-in');
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Password', { exact: true }).fill(password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('button', { name: 'Sign out' }).waitFor();
    },
    apiAs: (email) => signedInClient(baseUrl, email),
    async close() {
      for (const context of contexts) await context.close().catch(() => undefined);
      await browser.close();
      await app.close();
      await db.close();
    },
  };
}

async function signedInClient(baseUrl: string, email: string): Promise<ApiClient> {
  const response = await fetch(`${baseUrl}/api/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  if (!response.ok) throw new Error(`sign-in as ${email} failed: HTTP ${response.status}`);
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return {
    async get<T>(pathAndQuery: string) {
      const res = await fetch(`${baseUrl}${pathAndQuery}`, { headers: { cookie, accept: 'application/json' } });
      if (!res.ok) throw new Error(`GET ${pathAndQuery} as ${email}: HTTP ${res.status}`);
      return (await res.json()) as T;
    },
  };
}

/**
 * The same check `npm start` makes: rebuild dist/web when src/web is newer. Vitest sets
 * NODE_ENV=test, which would make Vite bundle React's development build; force production.
 */
function buildWebAppIfStale(): void {
  execFileSync(process.execPath, [path.join(root, 'scripts/build-web-if-needed.mjs')], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
}
