import path from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { readConfig } from '../../config.ts';
import { rosterStats } from '../../db/stats.ts';
import { DEFAULT_DEMO_SEED, DEFAULT_DEMO_STUDENTS, generateDemoDistrict, MAX_DEMO_STUDENTS, MIN_DEMO_STUDENTS } from '../../demo/generate.ts';
import { describeDemoLearning } from '../../demo/learning/describe.ts';
import { DEMO_PASSWORD } from '../../demo/sign-ins.ts';
import { writeDemoDistrict } from '../../demo/write.ts';
import { withDatabase } from '../database.ts';
import { printJson, progressBar, UserError } from '../output.ts';

interface DemoOptions {
  students: number;
  seed: number;
  out?: string;
  replace?: boolean;
  learning: boolean;
  json?: boolean;
}

const wholeNumber = (min: number, max: number) => (value: string) => {
  const n = Number(value);
  if (!/^-?\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
    throw new InvalidArgumentError(`expected a whole number from ${min} to ${max}`);
  }
  return n;
};

export function register(program: Command): void {
  program
    .command('demo')
    .description('generate the demo district (OneRoster 1.1 CSV plus teams) and load it with demo sign-ins')
    .option('--students <n>', 'number of students', wholeNumber(MIN_DEMO_STUDENTS, MAX_DEMO_STUDENTS), DEFAULT_DEMO_STUDENTS)
    .option('--seed <s>', 'random seed: the same seed and size give the same district', wholeNumber(-(2 ** 31), 2 ** 32 - 1), DEFAULT_DEMO_SEED)
    .option('--out <dir>', 'only write the CSV files to DIR (to try the importer by hand); no database')
    .option('--replace', 'delete the demo district already loaded, then load a new one')
    .option('--no-learning', 'skip the learning data (math framework, sequences, programs\' xAPI statements, mastery)')
    .option('--json', 'machine-readable output')
    .addHelpText(
      'after',
      `\nThe demo is made-up data for trying Trellis; every demo sign-in has the password "${DEMO_PASSWORD}".\n`,
    )
    .action(async (options: DemoOptions) => {
      if (options.out) await writeOnly(options, path.resolve(options.out));
      else await load(options);
    });
}

async function writeOnly(options: DemoOptions, folder: string): Promise<void> {
  const started = performance.now();
  const district = generateDemoDistrict({ students: options.students, seed: options.seed });
  const files = await writeDemoDistrict(district, folder);
  const seconds = (performance.now() - started) / 1000;
  if (options.json) {
    printJson({ folder, students: options.students, seed: options.seed, seconds, files, accounts: district.accounts });
    return;
  }
  console.log(`Wrote the demo district (${options.students} students, seed ${options.seed}) to ${folder} in ${seconds.toFixed(1)} s:`);
  for (const { file, rows } of files) console.log(`  ${file.padEnd(26)} ${rows.toLocaleString('en-US').padStart(9)} rows`);
  console.log(`\nImport it with the OneRoster importer (teams*.csv ride along), then students-attributes.csv.`);
}

async function load(options: DemoOptions): Promise<void> {
  const { DemoDistrictExistsError, loadDemoDistrict } = await import('../../demo/load.ts');
  const config = readConfig();
  const where = config.databaseUrl ? 'the PostgreSQL server in DATABASE_URL' : `the embedded database in ${config.dataDir}`;
  const started = performance.now();
  const bar = progressBar(!options.json && process.stderr.isTTY);
  const { result, stats } = await withDatabase(async (db) => {
    try {
      const result = await loadDemoDistrict(db, {
        students: options.students,
        seed: options.seed,
        replace: options.replace,
        learning: options.learning,
        onProgress: (phase, done, total) => bar.update(phase, done, total),
      });
      return { result, stats: await rosterStats(db, result.districtId) };
    } catch (error) {
      if (error instanceof DemoDistrictExistsError) {
        throw new UserError(
          `${error.message} in ${where}. Run \`trellis demo --replace\` to delete it and load a new one, ` +
            'or point TRELLIS_DATA at a fresh folder.',
        );
      }
      throw error;
    } finally {
      bar.stop();
    }
  });
  const seconds = (performance.now() - started) / 1000;

  if (options.json) {
    const learning = result.learning && (({ truth: _truth, ...summary }) => summary)(result.learning);
    printJson({ districtId: result.districtId, districtName: result.districtName, seconds, counts: stats, learning, password: DEMO_PASSWORD, accounts: result.accounts });
    return;
  }
  console.log(`Loaded the demo district "${result.districtName}" into ${where} in ${seconds.toFixed(1)} s.`);
  for (const [name, count] of Object.entries(stats)) if (name !== 'districts') console.log(`  ${name.padEnd(18)} ${count.toLocaleString('en-US').padStart(9)}`);
  if (result.learning) console.log(`\n${describeDemoLearning(result.learning)}`);
  console.log(`\nDemo sign-ins (password "${DEMO_PASSWORD}"):`);
  for (const account of result.accounts) console.log(`  ${account.email.padEnd(24)} ${account.role}`);
}
