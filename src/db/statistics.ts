/**
 * Planner statistics on the embedded engine. A PostgreSQL server's autovacuum
 * re-analyzes each table as it grows; PGlite runs no autovacuum, so its planner
 * would go on trusting the statistics of the day the tables were created (or
 * none), and as tables grow it picks scans where an index probe was needed. The
 * hottest queries do not depend on statistics any more (src/db/xapi-statements.ts),
 * but every other query does. `trellis serve` on PGlite therefore runs ANALYZE
 * when it starts (after loading the demo, say) and every few hours.
 */
import type { Database } from './database.ts';

export const ANALYZE_EVERY_MS = 6 * 60 * 60_000;

/** Re-analyzes every table: on PGlite a few seconds for a district's year of data, during which other queries wait. */
export async function refreshStatistics(db: Database): Promise<void> {
  await db.exec('analyze');
}

/** Whether this engine needs Trellis to keep its statistics current (a PostgreSQL server's autovacuum does it). */
export function needsStatisticsKept(db: Database): boolean {
  return db.engine === 'pglite';
}
