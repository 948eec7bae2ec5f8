import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyseChart } from '../../src/core/spc/analyse.ts';
import { explainChart } from '../../src/core/spc/explain.ts';
import { parseMeasureCsv } from '../../src/ingest/measures/csv.ts';
import { wcagViolations } from './axe.ts';
import { DEMO, startHarness, type Harness } from './harness.ts';

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/spc');
const WEEKLY = path.join(fixtures, 'attendance-weekly.csv');

describe('the measures page', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ students: 100 });
  });
  afterAll(() => h?.close());

  async function openMeasures(email: string = DEMO.teacher): Promise<Page> {
    const page = await h.newPage();
    await h.signIn(page, email);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Measures' }).click();
    await page.getByRole('heading', { level: 1, name: 'Measures' }).waitFor();
    return page;
  }

  async function uploadAttendance(page: Page, file: string) {
    await page.getByLabel('Chart type').selectOption('p');
    await page.getByLabel('CSV file', { exact: true }).setInputFiles(file);
    await page.getByLabel('x axis (time or order)').selectOption('week');
    await page.getByLabel('Value (numerator)').selectOption('present');
    await page.getByLabel('Denominator (optional)').selectOption('enrolled');
  }

  it('charts an uploaded CSV as a P chart: points, signals, summary, statistics, table and keyboard access', async () => {
    // What the engine says about the same file: the page must show exactly this.
    const rows = parseMeasureCsv(readFileSync(WEEKLY, 'utf8'), { x: 'week', y: 'present', n: 'enrolled' }, 'attendance-weekly.csv');
    const events = [{ x: '16', label: 'PDSA 1: morning greeting' }];
    const expected = analyseChart(rows, { chart: 'p', rules: 'anhoej', multiply: 1 });
    const explanation = explainChart(expected, { xLabel: 'week', events });
    expect(expected.signal).toBe(true);

    const page = await openMeasures();
    await uploadAttendance(page, WEEKLY);
    await page.getByRole('button', { name: 'Add an event' }).click();
    await page.getByLabel('Event 1 at x').fill('16');
    await page.getByLabel('Event 1: what changed').fill('PDSA 1: morning greeting');

    const chart = page.getByRole('region', { name: 'present / enrolled by week' });
    await chart.waitFor();
    const summary = chart.locator('.spc-summary');
    await expect.poll(() => summary.textContent()).toBe(explanation.summary);
    expect(explanation.summary).toMatch(/15 weeks in a row below the average .*something changed around week 16, after “PDSA 1: morning greeting” \(week 16\)/);

    const image = chart.getByRole('img');
    expect(await image.getAttribute('aria-label')).toBe(`present / enrolled by week. ${explanation.summary}`);
    const marks = (kind: string) => image.locator(`svg g.spc-points-${kind} > *`).count();
    const countOf = (test: (p: (typeof expected.points)[number]) => boolean) => expected.points.filter(test).length;
    expect(await image.locator('svg g.spc-points > *').count()).toBe(30);
    expect(await marks('sigma')).toBe(countOf((p) => p.sigmaSignal));
    expect(await marks('run')).toBe(countOf((p) => p.runSignal && !p.sigmaSignal));
    expect(await marks('common')).toBe(countOf((p) => !p.runSignal && !p.sigmaSignal));
    expect(await marks('run')).toBeGreaterThan(10);
    expect(await image.locator('svg g.spc-event-labels text').textContent()).toBe('PDSA 1: morning greeting');
    expect(await image.locator('svg g[aria-label="y-axis tick label"] text').first().textContent()).toMatch(/%$/);

    // The statistics behind the summary, on request.
    const statistics = chart.getByText('Show statistics');
    expect(await chart.getByText('This is a P chart (proportions).').isVisible()).toBe(false);
    await statistics.click();
    expect(await chart.getByText('This is a P chart (proportions).').isVisible()).toBe(true);

    // The table is always there for screen readers; "Show table" shows it to everyone.
    const table = chart.getByRole('table', { name: 'Data of present / enrolled by week' });
    expect(await table.getByRole('row').count()).toBe(31);
    expect(await table.getByRole('row').nth(1).locator('th, td').allTextContents()).toEqual([
      '1',
      '89.7%',
      '90.9%',
      expect.stringMatching(/%$/),
      expect.stringMatching(/%$/),
      'part of an unusual run',
    ]);
    const week13 = expected.points[12]!;
    expect(week13.sigmaSignal).toBe(true);
    expect(await table.getByRole('row', { name: /^13 / }).getByRole('cell').last().textContent()).toBe('outside the control limits, part of an unusual run');
    const tableBox = chart.locator('.spc-table');
    expect((await tableBox.boundingBox())!.height).toBeLessThan(2);
    await chart.getByRole('button', { name: 'Show table' }).click();
    expect((await tableBox.boundingBox())!.height).toBeGreaterThan(300);
    await chart.getByRole('button', { name: 'Hide table' }).waitFor();

    // Points by keyboard: one tab stop, arrow keys move, the tooltip follows.
    const points = chart.getByRole('group', { name: /^Points of present \/ enrolled by week/ });
    await points.getByRole('button').first().focus();
    await page.keyboard.press('ArrowRight');
    const focused = await page.evaluate(() => document.activeElement?.getAttribute('aria-label'));
    expect(focused).toMatch(/^Week 2: 88\.5% \(centre line 90\.9%, limits 86\.\d% to 94\.\d%\) — part of an unusual run$/);
    expect(await chart.getByTestId('spc-tip').textContent()).toBe(focused);
    await page.keyboard.press('End');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toMatch(/^Week 30: /);
    expect(await points.locator('button[tabindex="0"]').count()).toBe(1);

    expect(await wcagViolations(page)).toEqual([]);
  });

  it('shows a bad value next to the file input, naming the file, line and column', async () => {
    const page = await openMeasures(DEMO.principal);
    await uploadAttendance(page, path.join(fixtures, 'attendance-bad.csv'));
    const message = 'attendance-bad.csv:10: present "about 430": not a number';
    const fileInput = page.getByLabel('CSV file', { exact: true });
    await expect.poll(() => fileInput.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await fileInput.getAttribute('aria-describedby'))!;
    expect(await page.locator(`[id="${describedBy}"]`).textContent()).toBe(message);
    expect(await page.getByRole('status').filter({ hasText: 'The chart could not be drawn' }).textContent()).toContain(message);
    expect(await page.locator('.spc-chart').count()).toBe(0);

    // A bad option is shown next to its own input, and the data stay charted once it is fixed.
    await page.getByLabel('CSV file', { exact: true }).setInputFiles(WEEKLY);
    await page.getByLabel('Value (numerator)').selectOption('present');
    await page.getByLabel('Denominator (optional)').selectOption('enrolled');
    await page.getByRole('region', { name: 'present / enrolled by week' }).waitFor();
    await page.getByLabel('Freeze the limits after point').fill('40');
    const freeze = page.getByLabel('Freeze the limits after point');
    await expect.poll(() => freeze.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator(`[id="${await freeze.getAttribute('aria-describedby').then((ids) => ids!.split(' ').find((id) => id.includes('error')))}"]`).textContent()).toBe(
      'freeze 40 is not a point of this chart: give a whole number from 1 to 30.',
    );
    await freeze.fill('12');
    await page.getByRole('region', { name: 'present / enrolled by week' }).waitFor();
    expect(await freeze.getAttribute('aria-invalid')).not.toBe('true');

    expect(await wcagViolations(page)).toEqual([]);
  });

  it('charts values typed into the table', async () => {
    const page = await openMeasures(DEMO.leader);
    await page.getByRole('tab', { name: 'Type or paste values' }).click();
    const values = [12, 15, 11, 14, 13, 16, 12, 15, 14, 13];
    for (const [i, value] of values.entries()) {
      if (i === 8) await page.getByRole('button', { name: 'Add 5 rows' }).click();
      await page.getByLabel(`Row ${i + 1} x`, { exact: true }).fill(String(i + 1));
      await page.getByLabel(`Row ${i + 1} value`, { exact: true }).fill(String(value));
    }
    const chart = page.getByRole('region', { name: 'Your measure' });
    await chart.waitFor();
    expect(await chart.locator('svg g.spc-points > *').count()).toBe(10);
    expect(await chart.locator('.spc-summary').textContent()).toMatch(/^No signal/);

    await page.getByLabel('Row 4 value', { exact: true }).fill('fourteen');
    const error = page.getByRole('tabpanel').getByText('Row 4: value "fourteen" is not a number.', { exact: true });
    await error.waitFor();
    const cell = page.getByLabel('Row 4 value', { exact: true });
    expect(await cell.getAttribute('aria-invalid')).toBe('true');
    expect(await cell.getAttribute('aria-describedby')).toBe(await error.getAttribute('id'));
    expect(await page.getByLabel('Row 3 value', { exact: true }).getAttribute('aria-invalid')).toBeNull();
  });

  it('draws one chart per group on a shared scale and the gap between two groups', async () => {
    const page = await openMeasures(DEMO.leader);
    await page.getByLabel('Chart type').selectOption('p');
    await page.getByLabel('CSV file', { exact: true }).setInputFiles(path.join(fixtures, 'attendance-by-group.csv'));
    await page.getByLabel('x axis (time or order)').selectOption('week');
    await page.getByLabel('Value (numerator)').selectOption('present');
    await page.getByLabel('Denominator (optional)').selectOption('enrolled');
    await page.getByLabel('Group (optional)').selectOption('group');

    const byGroup = page.getByRole('region', { name: 'By group' });
    await byGroup.waitFor();
    const small = byGroup.locator('.spc-multiples > .spc-chart');
    expect(await small.count()).toBe(2);
    expect(await small.getByRole('heading', { level: 3 }).allTextContents()).toEqual(['All other students', 'English learners']);
    const yTicks = (i: number) => small.nth(i).locator('svg g[aria-label="y-axis tick label"] text').allTextContents();
    expect(await yTicks(0)).toEqual(await yTicks(1));
    expect(await small.nth(0).locator('svg g.spc-points > *').count()).toBe(20);

    await page.getByLabel('Group A').selectOption('English learners');
    await page.getByLabel('Group B').selectOption('All other students');
    const gap = page.getByRole('region', { name: 'Gap: English learners minus All other students (percentage points)' });
    await gap.waitFor();
    expect(await gap.locator('svg g.spc-points > *').count()).toBe(20);
    expect(await gap.locator('.spc-summary').textContent()).toMatch(/median/);
    expect(await wcagViolations(page)).toEqual([]);
  });
});
