import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import type { Database } from '../../db/database.ts';
import { formatProblem, type ImportOptions, type ImportReport } from '../../ingest/common/report.ts';
import { withDatabase } from '../database.ts';
import { printJson, progressBar, UserError } from '../output.ts';

interface Flags {
  strict?: boolean;
  json?: boolean;
  district?: string;
}

type Importer = (db: Database, path: string, options: ImportOptions) => Promise<ImportReport>;

export function register(program: Command): void {
  const command = program
    .command('import')
    .description('import roster and learning data: OneRoster CSV, student attributes, teams, skills, evidence, outcomes');

  command
    .command('oneroster')
    .argument('<path>', 'a OneRoster 1.1 or 1.2 CSV folder or zip (bulk or delta)')
    .description('import a OneRoster CSV export, with teams files if present')
    .option('--strict', 'reject the whole import if any row has a problem')
    .option('--district <sourcedId>', 'the district org, when orgs.csv has several or is absent')
    .option('--json', 'print the import report as JSON')
    .action(async (path: string, flags: Flags) => {
      const { importOneRoster } = await import('../../ingest/oneroster/index.ts');
      await runImportCommand(path, flags, importOneRoster);
    });

  command
    .command('students-attributes')
    .argument('<file>', 'CSV: student,englishLearner,specialEducation,economicallyDisadvantaged,homeLanguage')
    .description('import student program attributes OneRoster lacks')
    .option('--strict', 'reject the whole import if any row has a problem')
    .option('--district <sourcedId>', 'the district, when there are several')
    .option('--json', 'print the import report as JSON')
    .action(async (file: string, flags: Flags) => {
      const { importStudentAttributes } = await import('../../ingest/attributes/index.ts');
      await runImportCommand(file, flags, importStudentAttributes);
    });

  command
    .command('teams')
    .argument('<path>', 'a folder or zip with teams.csv, teamMembers.csv, teamClasses.csv, teamStudents.csv')
    .description('import teaching teams for a district already imported')
    .option('--strict', 'reject the whole import if any row has a problem')
    .option('--district <sourcedId>', 'the district, when there are several')
    .option('--json', 'print the import report as JSON')
    .action(async (path: string, flags: Flags) => {
      const { importTeams } = await import('../../ingest/teams/index.ts');
      await runImportCommand(path, flags, importTeams);
    });

  command
    .command('case')
    .argument('<file>', 'a CASE 1.0 JSON package: CFDocument, CFItems, CFAssociations')
    .description('import a skill framework (standards) from a CASE package')
    .option('--strict', 'reject the whole import if any association has a problem')
    .option('--district <sourcedId>', 'the district, when there are several')
    .option('--json', 'print the import report as JSON')
    .action(async (file: string, flags: Flags) => {
      const { importCase } = await import('../../ingest/case/index.ts');
      await runImportCommand(file, flags, importCase);
    });

  command
    .command('skills')
    .argument('<file>', 'CSV: code,name,parent,prerequisites,course')
    .description("import a district's own skill framework from a CSV")
    .option('--framework <title>', 'the framework the file fills (default: "Local skills")')
    .option('--strict', 'reject the whole import if any row has a problem')
    .option('--district <sourcedId>', 'the district, when there are several')
    .option('--json', 'print the import report as JSON')
    .action(async (file: string, flags: Flags & { framework?: string }) => {
      const { importSkills } = await import('../../ingest/skills/index.ts');
      await runImportCommand(file, flags, (db, path, options) => importSkills(db, path, { ...options, framework: flags.framework }));
    });

  command
    .command('evidence')
    .argument('<file>', 'CSV: student,skill,timestamp and correct and/or score')
    .description('import attempts and scores of students on skills')
    .option('--threshold <score>', 'scaled score (0 to 1) at or above which a scored attempt counts as right', Number, 0.8)
    .option('--score-scale <max>', 'the top of the score scale in the file: 1, or 100 for percentages', Number, 1)
    .option('--strict', 'reject the whole import if any row has a problem')
    .option('--district <sourcedId>', 'the district, when there are several')
    .option('--json', 'print the import report as JSON')
    .action(async (file: string, flags: Flags & { threshold: number; scoreScale: number }) => {
      const { importEvidence } = await import('../../ingest/evidence/index.ts');
      await runImportCommand(file, flags, (db, path, options) =>
        importEvidence(db, path, { ...options, threshold: flags.threshold, scoreScale: flags.scoreScale }),
      );
    });

  command
    .command('outcomes')
    .argument('<file>', 'CSV: school,outcome,period,value and optionally denominator')
    .description('import outcomes by school and period (college applications, graduation, attendance...) for improvement measures; one bad row rejects the file')
    .option('--district <sourcedId>', 'the district, when there are several')
    .option('--json', 'print the import report as JSON')
    .action(async (file: string, flags: Flags) => {
      const { importOutcomes } = await import('../../ingest/outcomes/index.ts');
      // No --strict: the importer rejects the whole file on any problem anyway.
      await runImportCommand(file, flags, importOutcomes);
    });

  command
    .command('activity-map')
    .argument('<file>', 'CSV: activity,skill and optionally program')
    .description('import which skill each activity of a learning program exercises')
    .option('--strict', 'reject the whole import if any row has a problem')
    .option('--district <sourcedId>', 'the district, when there are several')
    .option('--json', 'print the import report as JSON')
    .action(async (file: string, flags: Flags) => {
      const { importActivityMap } = await import('../../ingest/activity-map/index.ts');
      await runImportCommand(file, flags, importActivityMap);
    });

  command
    .command('results')
    .argument('<path>', 'a OneRoster 1.2 gradebook folder or zip: lineItems.csv, results.csv, learning-objective files')
    .description('import gradebook results as evidence on the skills their line items assess')
    .option('--threshold <score>', 'scaled score (0 to 1) at or above which a result counts as right', Number, 0.8)
    .option('--strict', 'reject the whole import if any row has a problem')
    .option('--district <sourcedId>', 'the district, when there are several')
    .option('--json', 'print the import report as JSON')
    .action(async (path: string, flags: Flags & { threshold: number }) => {
      const { importResults } = await import('../../ingest/results/index.ts');
      await runImportCommand(path, flags, (db, p, options) => importResults(db, p, { ...options, threshold: flags.threshold }));
    });
}

async function runImportCommand(path: string, flags: Flags, importer: Importer): Promise<void> {
  if (!existsSync(path)) throw new UserError(`${path}: no such file or folder`);
  const progress = progressBar(!flags.json && process.stderr.isTTY);
  let report: ImportReport;
  try {
    report = await withDatabase((db) =>
      importer(db, path, {
        strict: flags.strict ?? false,
        districtSourcedId: flags.district,
        onProgress: (phase, done, total) => progress.update(phase, done, total),
      }),
    );
  } finally {
    progress.stop();
  }
  if (flags.json) printJson(report);
  else printReport(report, flags.strict ?? false);
  if (report.outcome === 'rejected') process.exitCode = 1;
}

function printReport(report: ImportReport, strict: boolean): void {
  for (const problem of report.problems) console.log(formatProblem(problem));
  if (report.problems.length > 0) console.log('');
  const names = Object.keys(report.counts);
  if (names.length > 0) {
    const width = Math.max(4, ...names.map((n) => n.length));
    const header = ['read', 'accepted', 'skipped', 'deleted'];
    console.log(`${'file'.padEnd(width)}  ${header.map((h) => h.padStart(9)).join('')}`);
    for (const [name, c] of Object.entries(report.counts)) {
      console.log(`${name.padEnd(width)}  ${[c.read, c.accepted, c.skipped, c.deleted].map((n) => String(n).padStart(9)).join('')}`);
    }
    console.log('');
  }
  if (report.outcome === 'accepted' && 'changes' in report) {
    const { inserted, updated, unchanged } = (report as ImportReport & { changes: { inserted: number; updated: number; unchanged: number } }).changes;
    console.log(`Imported: ${inserted} new, ${updated} updated, ${unchanged} unchanged.`);
  } else if (report.outcome === 'accepted') {
    const skipped = report.problems.length;
    console.log(`Imported${skipped ? `, skipping the rows with the ${skipped} problem${skipped > 1 ? 's' : ''} above` : ''}.`);
  } else if (report.error) {
    process.stderr.write(`trellis: import rejected, nothing changed: ${report.error}\n`);
  } else {
    const n = report.problems.length;
    process.stderr.write(`trellis: import rejected${strict ? ' (--strict)' : ''}, nothing changed: ${n} problem${n > 1 ? 's' : ''}\n`);
  }
}
