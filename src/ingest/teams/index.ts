/**
 * `trellis import teams PATH`: a folder or zip holding only Trellis's team files,
 * against a district already imported. See docs/imports.md.
 */
import type { Database } from '../../db/database.ts';
import { parseCsv, type CsvTable } from '../common/csv.ts';
import { findFile, readSource } from '../common/read.ts';
import { RejectImport, type ImportOptions, type ImportReport } from '../common/report.ts';
import { runImport } from '../common/run.ts';
import { listDistricts } from '../common/write.ts';
import { existingIds } from '../oneroster/write.ts';
import { resolveDistrict } from '../oneroster/tenant.ts';
import { checkTeamColumns, planTeams, TEAM_FILES, type TeamFile } from './validate.ts';
import { existingTeamIds, writeTeams } from './write.ts';

export type { ImportOptions, ImportReport } from '../common/report.ts';

export function importTeams(db: Database, source: string | Uint8Array, options: ImportOptions = {}): Promise<ImportReport> {
  const report: ImportReport = { outcome: 'accepted', version: '1.1', mode: 'bulk', districtId: null, counts: {}, problems: [] };
  const tables: Partial<Record<TeamFile, CsvTable>> = {};
  let districtSourcedId: string | null = null;
  return runImport(db, {
    kind: 'teams',
    source,
    options,
    report,
    districtSourcedId: () => districtSourcedId,
    prepare() {
      const files = readSource(source);
      for (const kind of TEAM_FILES) {
        const file = findFile(files, `${kind}.csv`);
        if (!file) continue;
        const table = parseCsv(file.name, file.bytes);
        checkTeamColumns(kind, table);
        tables[kind] = table;
      }
      if (Object.keys(tables).length === 0) {
        throw new RejectImport(`${typeof source === 'string' ? source : 'the upload'}: none of teams.csv, teamMembers.csv, teamClasses.csv, teamStudents.csv`);
      }
    },
    async write(tx, checkStrict) {
      const districts = await listDistricts(tx);
      const district = resolveDistrict(undefined, options.districtSourcedId, districts);
      districtSourcedId = district.sourcedId;
      const districtId = (report.districtId = districts.find((d) => d.sourcedId === district.sourcedId)!.id);
      const plan = planTeams(tables, {
        orgs: await existingIds(tx, districtId, 'orgs'),
        users: await existingIds(tx, districtId, 'users'),
        classes: await existingIds(tx, districtId, 'classes'),
        teams: await existingTeamIds(tx, districtId),
        withRoster: false,
      });
      Object.assign(report.counts, plan.counts);
      report.problems.push(...plan.problems);
      checkStrict();
      options.onProgress?.('writing teams', 0, 1);
      await writeTeams(tx, districtId, plan);
    },
  });
}
