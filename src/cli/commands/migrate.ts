import type { Command } from 'commander';
import { readConfig } from '../../config.ts';
import { openDatabase } from '../../db/database.ts';
import { migrate } from '../../db/migrate.ts';
import { printJson } from '../output.ts';

export function register(program: Command): void {
  program
    .command('migrate')
    .description('apply database migrations not yet applied')
    .option('--json', 'machine-readable output')
    .action(async (options: { json?: boolean }) => {
      const config = readConfig();
      const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
      try {
        const applied = await migrate(db);
        if (options.json) printJson({ applied });
        else console.log(applied.length ? `Applied migrations ${applied.join(', ')}.` : 'Database is up to date.');
      } finally {
        await db.close();
      }
    });
}
