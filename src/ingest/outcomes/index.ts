/**
 * `trellis import outcomes FILE`: figures by school and period that a district
 * keeps elsewhere (non-local college applications, graduation, attendance,
 * discipline incidents), for measures of kind imported_outcome. All or nothing:
 * one bad row rejects the file. A re-import replaces the figures of the same
 * school, outcome and period. See docs/measures.md, "Outcomes by school and period".
 */
import type { Database } from '../../db/database.ts';
import type { CsvTable } from '../common/csv.ts';
import { existingDistrict } from '../common/district.ts';
import type { ImportOptions, ImportReport } from '../common/report.ts';
import { readOneCsv } from '../common/rows.ts';
import { runImport } from '../common/run.ts';
import { checkOutcomeColumns, planOutcomes } from './validate.ts';
import { districtSchoolIds, upsertOutcomes, type OutcomeChanges } from './write.ts';

export const OUTCOMES_COUNT_KEY = 'outcomes';

/** The report of the other importers, with how many figures were new, changed or already there. */
export interface OutcomeImportReport extends ImportReport {
  changes: OutcomeChanges;
}

export function importOutcomes(db: Database, source: string | Uint8Array, options: ImportOptions = {}): Promise<OutcomeImportReport> {
  const report: OutcomeImportReport = {
    outcome: 'accepted', version: '1.1', mode: 'delta', districtId: null, counts: {}, problems: [],
    changes: { inserted: 0, updated: 0, unchanged: 0 },
  };
  let table: CsvTable | undefined;
  let districtSourcedId: string | null = null;
  // A chart half fed by a file is misleading: any problem rejects the whole file, strict or not.
  const allOrNothing = { ...options, strict: true };
  return runImport(db, {
    kind: 'outcomes',
    source,
    options: allOrNothing,
    report,
    districtSourcedId: () => districtSourcedId,
    prepare() {
      table = readOneCsv(source, 'school, outcome, period, value and optionally denominator');
      checkOutcomeColumns(table);
    },
    async write(tx, checkStrict) {
      const district = await existingDistrict(tx, options.districtSourcedId);
      districtSourcedId = district.sourcedId;
      const districtId = (report.districtId = district.id);
      const plan = planOutcomes(table!, await districtSchoolIds(tx, districtId));
      report.counts[OUTCOMES_COUNT_KEY] = plan.counts;
      report.problems.push(...plan.problems);
      checkStrict();
      options.onProgress?.('writing outcomes', 0, plan.rows.length);
      report.changes = await upsertOutcomes(tx, districtId, plan.rows);
    },
  }) as Promise<OutcomeImportReport>;
}
