/**
 * Runs an integration suite once per database engine: embedded PGlite (in memory)
 * and the throwaway PostgreSQL server from postgres-server.ts. Each suite gets a
 * fresh, migrated database of its own.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, inject } from 'vitest';
import pg from 'pg';
import { openDatabase, type Database, type Engine } from '../../src/db/database.ts';
import { migrate } from '../../src/db/migrate.ts';

export const testEngines: Engine[] = (process.env.TRELLIS_TEST_ENGINES ?? 'pglite,postgres')
  .split(',')
  .filter((e): e is Engine => e === 'pglite' || e === 'postgres');

/** Opens a fresh migrated database on `engine`. */
export async function freshDatabase(engine: Engine): Promise<Database> {
  if (engine === 'pglite') {
    const db = await openDatabase({});
    await migrate(db);
    return db;
  }
  const adminUrl = inject('postgresUrl');
  const name = `trellis_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const db = await openDatabase({ databaseUrl: adminUrl.replace(/\/postgres$/, `/${name}`) });
  await migrate(db);
  return db;
}

/**
 * `describeEachEngine('roster import', (ctx) => { it(... ctx.db ...) })` runs the
 * body once per engine; `ctx.db` is set before the tests run.
 */
export function describeEachEngine(name: string, body: (ctx: { db: Database; engine: Engine }) => void) {
  for (const engine of testEngines) {
    describe(`${name} [${engine}]`, () => {
      const ctx = { engine } as { db: Database; engine: Engine };
      beforeAll(async () => {
        ctx.db = await freshDatabase(engine);
      });
      afterAll(async () => {
        await ctx.db?.close();
      });
      body(ctx);
    });
  }
}
