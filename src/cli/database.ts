import { readConfig } from '../config.ts';
import { openDatabase, type Database } from '../db/database.ts';
import { migrate } from '../db/migrate.ts';
import { UserError } from './output.ts';

/** Opens the configured database (migrated), runs `work`, and always closes it. */
export async function withDatabase<T>(work: (db: Database) => Promise<T>): Promise<T> {
  const db = await openConfiguredDatabase();
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}

export async function openConfiguredDatabase(): Promise<Database> {
  const config = readConfig();
  let db: Database;
  try {
    db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  } catch (error) {
    const where = config.databaseUrl ? 'the PostgreSQL server in DATABASE_URL' : `the embedded database in ${config.dataDir}`;
    throw new UserError(`cannot open ${where}: ${(error as Error).message}`);
  }
  await migrate(db);
  return db;
}
