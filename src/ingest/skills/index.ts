/**
 * `trellis import skills FILE`: a district's own skill framework from a CSV
 * (`code,name,parent,prerequisites,course`), for districts without a CASE
 * package. Skills are upserted by code within the framework; each listed skill's
 * parent, prerequisites and courses become those of its row. See docs/imports.md.
 */
import type { Database } from '../../db/database.ts';
import { districtCourseKeys, districtPrerequisiteLinks, districtSkills } from '../../db/learning.ts';
import { skillDirectory } from '../../core/learning/skills.ts';
import type { CsvTable } from '../common/csv.ts';
import type { ImportOptions, ImportReport } from '../common/report.ts';
import { checkColumns, readOneCsv } from '../common/rows.ts';
import { runImport } from '../common/run.ts';
import { existingDistrict } from '../common/district.ts';
import { planSkills, SKILL_COLUMNS } from './validate.ts';
import { replaceCourses, replacePrerequisites, setParents, upsertFramework, upsertSkills } from './write.ts';

export const SKILLS_COUNT_KEY = 'skills';
export const DEFAULT_FRAMEWORK = 'Local skills';

export interface SkillsImportOptions extends ImportOptions {
  /** The framework the file fills; created on first use (default "Local skills"). */
  framework?: string;
}

export function importSkills(db: Database, source: string | Uint8Array, options: SkillsImportOptions = {}): Promise<ImportReport> {
  const report: ImportReport = { outcome: 'accepted', version: '1.1', mode: 'delta', districtId: null, counts: {}, problems: [] };
  const framework = options.framework?.trim() || DEFAULT_FRAMEWORK;
  let table: CsvTable | undefined;
  let districtSourcedId: string | null = null;
  return runImport(db, {
    kind: 'skills',
    source,
    options,
    report,
    districtSourcedId: () => districtSourcedId,
    prepare() {
      table = readOneCsv(source, 'code, name, parent, prerequisites, course');
      checkColumns(table, SKILL_COLUMNS);
    },
    async write(tx, checkStrict) {
      const district = await existingDistrict(tx, options.districtSourcedId);
      districtSourcedId = district.sourcedId;
      const districtId = (report.districtId = district.id);

      const frameworkId = await upsertFramework(tx, districtId, { source: 'csv', sourceKey: framework, uri: null, title: framework, version: null });
      const skills = await districtSkills(tx, districtId);
      const own = skills.filter((s) => s.frameworkId === frameworkId);
      const codeOfId = new Map(own.map((s) => [s.id, s.sourceKey]));
      const listed = new Set(table!.rows.map((row) => row.cells[table!.header.findIndex((h) => h.toLowerCase() === 'code')]?.trim()));
      const node = (id: string) => codeOfId.get(id) ?? id;
      const plan = planSkills(table!, {
        framework,
        existing: new Map(own.map((s) => [s.sourceKey, s.parentId ? (codeOfId.get(s.parentId) ?? null) : null])),
        skills: skillDirectory(skills),
        otherLinks: (await districtPrerequisiteLinks(tx, districtId))
          .map(([skill, prerequisite]) => [node(skill), node(prerequisite)] as [string, string])
          .filter(([skill]) => !listed.has(skill)),
        courses: await districtCourseKeys(tx, districtId),
      });
      report.counts[SKILLS_COUNT_KEY] = plan.counts;
      report.problems.push(...plan.problems);
      checkStrict();

      options.onProgress?.('writing skills', 0, 3);
      const ids = await upsertSkills(
        tx,
        districtId,
        frameworkId,
        plan.rows.map((row, index) => ({
          source_key: row.code,
          code: row.code,
          name: row.name,
          item_type: null,
          case_identifier: null,
          case_uri: null,
          sort_order: index + 1,
        })),
      );
      options.onProgress?.('writing skills', 1, 3);
      const idOf = (code: string) => ids.get(code)!;
      await setParents(tx, districtId, plan.rows.map((row) => ({ id: idOf(row.code), parent: row.parent ? idOf(row.parent) : null })));
      options.onProgress?.('writing skills', 2, 3);
      const owners = plan.rows.map((row) => idOf(row.code));
      await replacePrerequisites(
        tx,
        districtId,
        owners,
        plan.rows.flatMap((row) => row.prerequisites.map((p) => ({ skill: idOf(row.code), prerequisite: 'code' in p ? idOf(p.code) : p.skillId }))),
      );
      await replaceCourses(tx, districtId, owners, plan.rows.flatMap((row) => row.courses.map((course) => ({ skill: idOf(row.code), course }))));
    },
  });
}
