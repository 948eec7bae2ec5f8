import type { Command } from 'commander';
import { UNMAPPED_REASONS } from '../../core/learning/statement-evidence.ts';
import type { Database } from '../../db/database.ts';
import { unmappedSummary } from '../../db/statement-evidence.ts';
import { existingDistrict } from '../../ingest/common/district.ts';
import { RejectImport } from '../../ingest/common/report.ts';
import { syncStatementEvidence } from '../../ingest/statements/index.ts';
import { drainMasteryQueue } from '../../learning/updater.ts';
import { refreshDistrictFlags } from '../../learning/mastery.ts';
import { withDatabase } from '../database.ts';
import { printJson, progressBar, UserError } from '../output.ts';

interface Flags {
  district?: string;
  json?: boolean;
}

async function districtId(db: Database, requested: string | undefined): Promise<string> {
  try {
    return (await existingDistrict(db, requested)).id;
  } catch (error) {
    if (error instanceof RejectImport) throw new UserError(error.message);
    throw error;
  }
}

export function register(program: Command): void {
  const command = program.command('learning').description('learning data: evidence from xAPI statements, what is unmapped');

  command
    .command('sync')
    .description('derive evidence from the stored xAPI statements not mapped yet (the LRS does this as it stores them)')
    .option('--recheck', 'also map again the statements that were unmapped (after importing skills or an activity map)')
    .option('--rebuild', 'forget all evidence from statements and map every statement again (after changing --threshold)')
    .option('--threshold <score>', 'scaled score (0 to 1) at or above which a scored attempt without success counts as right', Number, 0.8)
    .option('--district <sourcedId>', 'the district, when there are several')
    .option('--json', 'print the counts as JSON')
    .action(async (flags: Flags & { recheck?: boolean; rebuild?: boolean; threshold: number }) => {
      if (!Number.isFinite(flags.threshold) || flags.threshold < 0 || flags.threshold > 1) {
        throw new UserError(`--threshold ${flags.threshold}: must be a number from 0 to 1`);
      }
      const progress = progressBar(!flags.json && process.stderr.isTTY);
      const report = await withDatabase(async (db) => {
        try {
          const district = await districtId(db, flags.district);
          const sync = await syncStatementEvidence(db, district, {
            threshold: flags.threshold,
            recheck: flags.recheck ?? false,
            rebuild: flags.rebuild ?? false,
            onProgress: (done) => progress.update('mapping statements', done, done),
          });
          // The students whose evidence changed get fresh estimates now, as a running server would give them.
          return { ...sync, studentsRefreshed: await drainMasteryQueue(db, district) };
        } finally {
          progress.stop();
        }
      });
      if (flags.json) return printJson(report);
      console.log(`statements mapped   ${report.statements}`);
      console.log(`  with evidence     ${report.mapped} (${report.evidence} evidence rows)`);
      for (const reason of UNMAPPED_REASONS) console.log(`  ${reason.padEnd(17)} ${report.unmapped[reason]}`);
      if (report.voided > 0) console.log(`evidence of voided statements removed: ${report.voided}`);
      console.log(`mastery estimates refreshed for ${report.studentsRefreshed} student(s)`);
    });

  command
    .command('flags')
    .description('raise and clear the flags that change with time and the team (inactive, behind) and count the open flags by kind')
    .option('--district <sourcedId>', 'the district, when there are several')
    .option('--json', 'print the counts as JSON')
    .action(async (flags: Flags) => {
      const counts = await withDatabase(async (db) => refreshDistrictFlags(db, await districtId(db, flags.district)));
      if (flags.json) return printJson(counts);
      console.log('open flags');
      for (const [kind, count] of Object.entries(counts)) console.log(`  ${kind.replace('_', '-').padEnd(15)} ${count}`);
    });

  command
    .command('unmapped')
    .description('statements that gave no evidence: counts by reason, activity and actor')
    .option('--top <n>', 'how many activities and actors to list', Number, 20)
    .option('--district <sourcedId>', 'the district, when there are several')
    .option('--json', 'print the summary as JSON')
    .action(async (flags: Flags & { top: number }) => {
      const summary = await withDatabase(async (db) => unmappedSummary(db, await districtId(db, flags.district), flags.top));
      if (flags.json) return printJson(summary);
      console.log(`${summary.total} of ${summary.statements} statements gave no evidence`);
      for (const { reason, count } of summary.byReason) console.log(`  ${reason.padEnd(11)} ${count}`);
      if (summary.byActivity.length > 0) {
        console.log('\nactivities (no skill, no result)');
        for (const a of summary.byActivity) console.log(`  ${String(a.count).padStart(7)}  ${a.reason.padEnd(10)} ${a.activityId ?? '(no activity)'}${a.platform ? `  [${a.platform}]` : ''}`);
      }
      if (summary.byActor.length > 0) {
        console.log('\nactors (no student)');
        for (const a of summary.byActor) console.log(`  ${String(a.count).padStart(7)}  ${a.actor ?? '(no actor)'}`);
      }
    });
}
