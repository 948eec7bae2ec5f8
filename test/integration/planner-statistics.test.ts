/**
 * The embedded engine has no autovacuum: a server started with plannerStatistics
 * (as `trellis serve` is) analyzes the tables itself when it is ready, so the
 * planner knows how big they have grown. A PostgreSQL server is left to its own autovacuum.
 */
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.ts';
import { migrate } from '../../src/db/migrate.ts';
import { needsStatisticsKept, refreshStatistics } from '../../src/db/statistics.ts';
import { buildApp } from '../../src/server/app.ts';
import { describeEachEngine } from './engines.ts';
import { seedDistricts } from './fixtures/district.ts';

/** What the planner believes the table holds: -1 before it was ever analyzed. */
async function believedRows(db: Awaited<ReturnType<typeof openDatabase>>, table: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>('select reltuples::float8 as n from pg_class where relname = $1', [table]);
  return rows[0]!.n;
}

describe('planner statistics on the embedded engine', () => {
  it('are refreshed when a server started with plannerStatistics is ready', async () => {
    const db = await openDatabase({});
    try {
      await migrate(db);
      await seedDistricts(db);
      expect(needsStatisticsKept(db)).toBe(true);
      expect(await believedRows(db, 'users')).toBeLessThanOrEqual(0);
      const app = await buildApp({ db, plannerStatistics: true });
      await app.ready();
      const deadline = Date.now() + 10_000;
      while ((await believedRows(db, 'users')) <= 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(await believedRows(db, 'users')).toBeGreaterThan(0);
      await app.close();
    } finally {
      await db.close();
    }
  });
});

describeEachEngine('refreshStatistics', (ctx) => {
  it('analyzes every table', async () => {
    await seedDistricts(ctx.db);
    await refreshStatistics(ctx.db);
    expect(await believedRows(ctx.db as never, 'districts')).toBeGreaterThan(0);
    expect(needsStatisticsKept(ctx.db)).toBe(ctx.db.engine === 'pglite');
  });
});
