import type { Command } from 'commander';
import { rosterStats } from '../../db/stats.ts';
import { withDatabase } from '../database.ts';
import { printJson } from '../output.ts';

export function register(program: Command): void {
  program
    .command('stats')
    .description('count the roster: districts, schools, sessions, courses, classes, students, staff, enrollments, teams')
    .option('--json', 'machine-readable output')
    .action(async (options: { json?: boolean }) => {
      const stats = await withDatabase((db) => rosterStats(db));
      if (options.json) printJson(stats);
      else for (const [name, count] of Object.entries(stats)) console.log(`${name.padEnd(18)} ${count}`);
    });
}
