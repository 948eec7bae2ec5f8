/**
 * The discipline every import shares: one transaction for all accepted rows or
 * nothing; structural problems, strict-mode problems and database refusals
 * reject the whole import without throwing; every attempt is recorded.
 */
import type { Database, Sql } from '../../db/database.ts';
import { CsvSyntaxError } from './csv.ts';
import { RejectImport, type ImportOptions, type ImportReport } from './report.ts';
import { districtIdBySourcedId, recordImportRun } from './write.ts';

/** Thrown inside the transaction to roll it back when strict mode finds problems. */
class StrictRejection extends Error {}

export interface ImportJob {
  kind: string;
  source: string | Uint8Array;
  options: ImportOptions;
  report: ImportReport;
  /** Reads and checks everything that needs no database; throws RejectImport. */
  prepare(): void | Promise<void>;
  /** Validates against the district and writes, in the transaction. Sets report.districtId. */
  write(tx: Sql, checkStrict: () => void): Promise<void>;
  /** The district's sourcedId once known, to look it up again after a rollback. */
  districtSourcedId(): string | null;
}

export async function runImport(db: Database, job: ImportJob): Promise<ImportReport> {
  const startedAt = new Date();
  const { report } = job;
  try {
    await job.prepare();
    await db.transaction((tx) =>
      job.write(tx, () => {
        if (job.options.strict && report.problems.length > 0) throw new StrictRejection();
      }),
    );
  } catch (error) {
    report.outcome = 'rejected';
    if (error instanceof RejectImport || error instanceof CsvSyntaxError) report.error = error.message;
    else if (!(error instanceof StrictRejection)) report.error = `the database refused the import: ${(error as Error).message}`;
    // A district created by the rolled-back transaction is gone again.
    const sourcedId = job.districtSourcedId();
    report.districtId = sourcedId ? await districtIdBySourcedId(db, sourcedId) : null;
  }
  if (report.outcome === 'accepted') job.options.onProgress?.('done', 1, 1);
  await recordImportRun(db, {
    districtId: report.districtId,
    kind: job.kind,
    source: typeof job.source === 'string' ? job.source : 'upload',
    startedAt,
    report,
  });
  return report;
}
