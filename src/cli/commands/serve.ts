import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readConfig } from '../../config.ts';
import type { Database } from '../../db/database.ts';
import { openConfiguredDatabase } from '../database.ts';
import { progressBar } from '../output.ts';

const webDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../dist/web');

export function register(program: Command): void {
  program
    .command('serve')
    .description('run the Trellis web app and API (loads the demo district into an empty database)')
    .option('--no-demo', 'start with an empty database instead of loading the demo district')
    .action(async (options: { demo: boolean }) => {
      const config = readConfig();
      const db = await openConfiguredDatabase();
      const demoAccounts = options.demo ? await loadDemoIfEmpty(db) : null;

      const { buildApp } = await import('../../server/app.ts');
      const app = await buildApp({
        db,
        webDir: existsSync(webDir) ? webDir : undefined,
        logger: { level: process.env.LOG_LEVEL ?? 'warn' },
        dailyFlagPass: true,
        plannerStatistics: true,
      });
      const shutdown = async () => {
        await app.close();
        await db.close();
        process.exit(0);
      };
      process.once('SIGINT', shutdown);
      process.once('SIGTERM', shutdown);

      await app.listen({ port: config.port, host: config.host });
      const where = config.databaseUrl ? 'PostgreSQL server (DATABASE_URL)' : `embedded database in ${config.dataDir}`;
      console.log(`\nTrellis is running at http://${config.host}:${config.port}  (${where})`);
      if (!existsSync(webDir)) console.log('The web app is not built: run `npm run build:web` (npm start does it for you).');
      if (demoAccounts) {
        console.log(`\nDemo sign-ins (password "${demoAccounts.password}"):`);
        for (const account of demoAccounts.accounts) console.log(`  ${account.email.padEnd(24)} ${account.role}`);
      }
      console.log('\nPress Ctrl+C to stop.');
    });
}

/** On an empty database, loads the demo district so a first run has something to show. */
async function loadDemoIfEmpty(db: Database) {
  const { DEMO_PASSWORD, loadDemoDistrict, demoAccountsIn } = await import('../../demo/load.ts');
  const { describeDemoLearning } = await import('../../demo/learning/describe.ts');
  const { rows } = await db.query<{ n: number }>('select count(*)::int as n from districts');
  if (rows[0]!.n > 0) return demoAccountsIn ? { password: DEMO_PASSWORD, accounts: await demoAccountsIn(db) } : null;
  console.log('Empty database: loading the demo district...');
  const bar = progressBar();
  const started = Date.now();
  const result = await loadDemoDistrict(db, { onProgress: (phase, done, total) => bar.update(phase, done, total) });
  bar.stop();
  console.log(`Demo district loaded in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  if (result.learning) console.log(describeDemoLearning(result.learning));
  return { password: DEMO_PASSWORD, accounts: result.accounts };
}
