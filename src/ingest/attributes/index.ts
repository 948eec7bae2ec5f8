/**
 * `trellis import students-attributes FILE`: English learner, special education,
 * economically disadvantaged and home language per student. See docs/imports.md.
 */
import path from 'node:path';
import type { Database } from '../../db/database.ts';
import { parseCsv, type CsvTable } from '../common/csv.ts';
import { readSource } from '../common/read.ts';
import { RejectImport, type ImportOptions, type ImportReport } from '../common/report.ts';
import { runImport } from '../common/run.ts';
import { listDistricts } from '../common/write.ts';
import { resolveDistrict } from '../oneroster/tenant.ts';
import { checkAttributeColumns, planAttributes } from './validate.ts';
import { districtStudents, upsertAttributes } from './write.ts';

export type { ImportOptions, ImportReport } from '../common/report.ts';

export const ATTRIBUTES_COUNT_KEY = 'studentsAttributes';

export function importStudentAttributes(db: Database, file: string, options: ImportOptions = {}): Promise<ImportReport> {
  const report: ImportReport = { outcome: 'accepted', version: '1.1', mode: 'delta', districtId: null, counts: {}, problems: [] };
  let table: CsvTable | undefined;
  let districtSourcedId: string | null = null;
  return runImport(db, {
    kind: 'students-attributes',
    source: file,
    options,
    report,
    districtSourcedId: () => districtSourcedId,
    prepare() {
      const files = readSource(file);
      const name = path.basename(file);
      const bytes = files.get(name) ?? (files.size === 1 ? [...files.values()][0] : undefined);
      if (!bytes) throw new RejectImport(`${file}: expected one CSV file with the columns student, englishLearner, specialEducation, economicallyDisadvantaged, homeLanguage`);
      table = parseCsv(files.has(name) ? name : [...files.keys()][0]!, bytes);
      checkAttributeColumns(table);
    },
    async write(tx, checkStrict) {
      const districts = await listDistricts(tx);
      const district = resolveDistrict(undefined, options.districtSourcedId, districts);
      districtSourcedId = district.sourcedId;
      const districtId = (report.districtId = districts.find((d) => d.sourcedId === district.sourcedId)!.id);
      const plan = planAttributes(table!, await districtStudents(tx, districtId));
      report.counts[ATTRIBUTES_COUNT_KEY] = plan.counts;
      report.problems.push(...plan.problems);
      checkStrict();
      await upsertAttributes(tx, districtId, plan.rows, (done) => options.onProgress?.('writing student attributes', done, plan.rows.length));
    },
  });
}
