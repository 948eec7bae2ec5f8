/**
 * OneRoster CSV import, 1.1 and 1.2, bulk and delta, from a folder, a zip file or
 * zip bytes; Trellis's team files ride along when present. See docs/imports.md.
 */
import type { Database, Sql } from '../../db/database.ts';
import { parseCsv, type CsvTable } from '../common/csv.ts';
import { findFile, readSource, type SourceFiles } from '../common/read.ts';
import { RejectImport, type ImportOptions, type ImportReport } from '../common/report.ts';
import { runImport } from '../common/run.ts';
import { ensureDistrict, listDistricts } from '../common/write.ts';
import { TEAM_FILES, checkTeamColumns, planTeams, type TeamFile } from '../teams/validate.ts';
import { existingTeamIds, writeTeams } from '../teams/write.ts';
import { FILE_SPECS, type EntityName, type Version } from './files.ts';
import { parseManifest } from './manifest.ts';
import { resolveDistrict, type DistrictChoice } from './tenant.ts';
import { checkColumns, planRoster, type Existing, type InputFile } from './validate.ts';
import {
  deleteRows,
  deleteRowsNotIn,
  existingIds,
  existingUserRoles,
  replaceUserOrgs,
  setInsertReferenceChecks,
  updateUserRoles,
  upsertRows,
} from './write.ts';

export type { ImportOptions, ImportProblem, ImportReport } from '../common/report.ts';
export { formatProblem } from '../common/report.ts';

/** Entities other files refer to: their sourcedIds are loaded when the import does not replace them. */
const REFERENCED: EntityName[] = ['orgs', 'academicSessions', 'courses', 'classes', 'users'];
const STORED = ['orgs', 'academicSessions', 'courses', 'classes', 'users', 'demographics', 'enrollments'] as const;

export function importOneRoster(db: Database, source: string | Uint8Array, options: ImportOptions = {}): Promise<ImportReport> {
  const report: ImportReport = { outcome: 'accepted', version: '1.1', mode: 'bulk', districtId: null, counts: {}, problems: [] };
  let inputs: InputFile[] = [];
  let teamTables: Partial<Record<TeamFile, CsvTable>> = {};
  let district: DistrictChoice | null = null;
  let orgsTable: CsvTable | undefined;
  let version: Version = '1.1';

  return runImport(db, {
    kind: 'oneroster',
    source,
    options,
    report,
    districtSourcedId: () => district?.sourcedId ?? null,
    prepare() {
      options.onProgress?.('reading', 0, 1);
      const files = readSource(source);
      const manifestFile = findFile(files, 'manifest.csv');
      if (!manifestFile) throw new RejectImport(`${label(source)}: no manifest.csv: a OneRoster export starts with one`);
      const manifest = parseManifest(parseCsv(manifestFile.name, manifestFile.bytes));
      version = report.version = manifest.version;
      if (manifest.files.size === 0) throw new RejectImport(`${manifestFile.name}: every file is marked absent: there is nothing to import`);
      report.mode = [...manifest.files.values()].includes('delta') ? 'delta' : 'bulk';
      inputs = [];
      for (const spec of FILE_SPECS[version]) {
        const mode = manifest.files.get(spec.entity);
        if (!mode) continue;
        const file = findFile(files, spec.file);
        if (!file) throw new RejectImport(`${manifestFile.name}: lists ${spec.file} (${mode}) but the file is missing`);
        const input = { spec, mode, table: parseCsv(file.name, file.bytes) };
        checkColumns(input);
        inputs.push(input);
      }
      teamTables = readTeamTables(files);
      orgsTable = inputs.find((i) => i.spec.entity === 'orgs')?.table;
    },
    async write(tx, checkStrict) {
      district = resolveDistrict(orgsTable, options.districtSourcedId, await listDistricts(tx));
      const districtId = (report.districtId = await ensureDistrict(tx, district.sourcedId, district.name, options.isDemo ?? false));
      await refuseEmptyBulkFiles(tx, districtId, inputs);
      options.onProgress?.('validating', 0, 1);
      const plan = planRoster(inputs, await loadExisting(tx, districtId, inputs, version));
      Object.assign(report.counts, plan.counts);
      report.problems.push(...plan.problems);
      const hasTeams = Object.keys(teamTables).length > 0;
      const teamPlan = hasTeams
        ? planTeams(teamTables, {
            orgs: plan.available.orgs,
            users: plan.available.users,
            classes: plan.available.classes,
            teams: await existingTeamIds(tx, districtId),
            withRoster: true,
          })
        : null;
      if (teamPlan) {
        Object.assign(report.counts, teamPlan.counts);
        report.problems.push(...teamPlan.problems);
      }
      checkStrict();

      const trustReferences = db.engine === 'pglite';
      if (trustReferences) await setInsertReferenceChecks(tx, false);
      const total = STORED.reduce((n, e) => n + (plan.upserts[e]?.length ?? 0), 0);
      let written = 0;
      for (const entity of STORED) {
        const rows = plan.upserts[entity];
        if (rows) {
          const before = written;
          await upsertRows(tx, districtId, entity, rows, (done) => options.onProgress?.(`writing ${entity}`, before + done, total));
          written += rows.length;
        }
        if (entity === 'users') {
          await updateUserRoles(tx, districtId, plan.roleUpdates);
          if (plan.userOrgs) await replaceUserOrgs(tx, districtId, plan.userOrgs);
        }
      }
      if (teamPlan) await writeTeams(tx, districtId, teamPlan);
      if (trustReferences) await setInsertReferenceChecks(tx, true);
      for (const entity of [...STORED].reverse()) {
        const deletes = plan.deletes[entity];
        const keep = plan.keep[entity];
        if (deletes) report.counts[entity]!.deleted = await deleteRows(tx, districtId, entity, deletes);
        if (keep) report.counts[entity]!.deleted = await deleteRowsNotIn(tx, districtId, entity, keep);
      }
    },
  });
}

/**
 * A bulk file replaces everything of its kind, so a bulk file with a header and
 * no rows would empty the district: almost always a broken export, never what
 * the person uploading it meant. Deletions go through delta files.
 */
async function refuseEmptyBulkFiles(tx: Sql, districtId: string, inputs: InputFile[]): Promise<void> {
  for (const input of inputs) {
    const entity = input.spec.entity as (typeof STORED)[number];
    if (input.mode !== 'bulk' || input.table.rows.length > 0 || !STORED.includes(entity)) continue;
    const held = (await existingIds(tx, districtId, entity)).size;
    if (held > 0) {
      throw new RejectImport(
        `${input.table.file}: a bulk file with no rows would delete all ${held} ${entity} of the district; check the export, or remove records with a delta file (status tobedeleted)`,
      );
    }
  }
}

function readTeamTables(files: SourceFiles): Partial<Record<TeamFile, CsvTable>> {
  const tables: Partial<Record<TeamFile, CsvTable>> = {};
  for (const kind of TEAM_FILES) {
    const file = findFile(files, `${kind}.csv`);
    if (!file) continue;
    const table = parseCsv(file.name, file.bytes);
    checkTeamColumns(kind, table);
    tables[kind] = table;
  }
  return tables;
}

async function loadExisting(tx: Sql, districtId: string, inputs: InputFile[], version: Version): Promise<Existing> {
  const modes = new Map(inputs.map((i) => [i.spec.entity, i.mode]));
  const existing: Existing = { ids: {}, userRoles: new Map() };
  for (const entity of REFERENCED) {
    if (modes.get(entity) !== 'bulk') existing.ids[entity] = await existingIds(tx, districtId, entity as 'orgs');
  }
  if (version === '1.2' && modes.has('users')) existing.userRoles = await existingUserRoles(tx, districtId);
  return existing;
}

function label(source: string | Uint8Array): string {
  return typeof source === 'string' ? source : 'the uploaded zip';
}
