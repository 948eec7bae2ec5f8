/**
 * Takes the README screenshot: the demo teacher-leader's team page at 1280×800.
 * Run with `npx tsx test/e2e/screenshot.ts` (writes docs/screenshot.png).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO, startHarness } from './harness.ts';

const output = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../docs/screenshot.png');

const h = await startHarness({ students: 400 });
try {
  const page = await h.newPage({ width: 1280, height: 800 });
  await h.signIn(page, DEMO.leader);
  await page.getByRole('heading', { level: 2, name: 'Your team' }).waitFor();
  await page.getByRole('main').getByRole('article').first().getByRole('link').click();
  await page.getByRole('table', { name: /^Students of / }).waitFor();
  await page.mouse.move(0, 0);
  await page.screenshot({ path: output });
  console.log(`Wrote ${output}`);
} finally {
  await h.close();
}
