/**
 * `trellis import activity-map FILE`: which skill each activity of a learning
 * program exercises (`activity,skill[,program]`), for statements and results
 * whose activity is not itself a CASE skill. Each activity listed gets exactly
 * the skills of its rows; activities not listed are untouched. See docs/imports.md.
 */
import { skillDirectory } from '../../core/learning/skills.ts';
import type { Database } from '../../db/database.ts';
import { districtSkills } from '../../db/learning.ts';
import type { CsvTable } from '../common/csv.ts';
import type { ImportOptions, ImportReport } from '../common/report.ts';
import { checkColumns, readOneCsv } from '../common/rows.ts';
import { runImport } from '../common/run.ts';
import { existingDistrict } from '../common/district.ts';
import { ACTIVITY_MAP_COLUMNS, planActivityMap } from './validate.ts';
import { replaceActivityMappings } from './write.ts';

export const ACTIVITY_MAP_COUNT_KEY = 'activityMap';

export function importActivityMap(db: Database, source: string | Uint8Array, options: ImportOptions = {}): Promise<ImportReport> {
  const report: ImportReport = { outcome: 'accepted', version: '1.1', mode: 'delta', districtId: null, counts: {}, problems: [] };
  let table: CsvTable | undefined;
  let districtSourcedId: string | null = null;
  return runImport(db, {
    kind: 'activity-map',
    source,
    options,
    report,
    districtSourcedId: () => districtSourcedId,
    prepare() {
      table = readOneCsv(source, 'activity, skill, program');
      checkColumns(table, ACTIVITY_MAP_COLUMNS);
    },
    async write(tx, checkStrict) {
      const district = await existingDistrict(tx, options.districtSourcedId);
      districtSourcedId = district.sourcedId;
      const districtId = (report.districtId = district.id);
      const plan = planActivityMap(table!, skillDirectory(await districtSkills(tx, districtId)));
      report.counts[ACTIVITY_MAP_COUNT_KEY] = plan.counts;
      report.problems.push(...plan.problems);
      checkStrict();
      options.onProgress?.('writing the activity map', 0, 1);
      plan.counts.deleted = await replaceActivityMappings(tx, districtId, plan);
    },
  });
}
