/**
 * `trellis import case FILE`: a CASE 1.0 JSON package becomes a skill framework.
 * Upserted by identifier, so importing the same package again changes nothing
 * and a newer version of it updates what changed. See docs/imports.md.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Database } from '../../db/database.ts';
import { districtPrerequisiteLinks, districtSkills } from '../../db/learning.ts';
import { RejectImport, type ImportOptions, type ImportReport } from '../common/report.ts';
import { runImport } from '../common/run.ts';
import { existingDistrict } from '../common/district.ts';
import { replacePrerequisites, setParents, upsertFramework, upsertSkills } from '../skills/write.ts';
import { parseCasePackage, type CasePackage } from './parse.ts';
import { planCase } from './plan.ts';

export type { ImportOptions, ImportReport } from '../common/report.ts';

/** A file's bytes, or a rejection naming it; for importers of one file that is not CSV. */
function readOneFile(source: string | Uint8Array): { name: string; bytes: Uint8Array } {
  if (typeof source !== 'string') return { name: 'the upload', bytes: source };
  try {
    if (!statSync(source).isFile()) throw new RejectImport(`${source}: not a file`);
  } catch (error) {
    if (error instanceof RejectImport) throw error;
    throw new RejectImport(`${source}: no such file or folder`);
  }
  return { name: path.basename(source), bytes: new Uint8Array(readFileSync(source)) };
}

export function importCase(db: Database, source: string | Uint8Array, options: ImportOptions = {}): Promise<ImportReport> {
  const report: ImportReport = { outcome: 'accepted', version: '1.1', mode: 'delta', districtId: null, counts: {}, problems: [] };
  let pkg: CasePackage | undefined;
  let districtSourcedId: string | null = null;
  return runImport(db, {
    kind: 'case',
    source,
    options,
    report,
    districtSourcedId: () => districtSourcedId,
    prepare() {
      const file = readOneFile(source);
      pkg = parseCasePackage(file.name, file.bytes);
    },
    async write(tx, checkStrict) {
      const district = await existingDistrict(tx, options.districtSourcedId);
      districtSourcedId = district.sourcedId;
      const districtId = (report.districtId = district.id);
      const { document } = pkg!;

      const skills = await districtSkills(tx, districtId);
      const ownFramework = await upsertFramework(tx, districtId, {
        source: 'case',
        sourceKey: document.identifier,
        uri: document.uri,
        title: document.title,
        version: document.version,
      });
      // Graph nodes: this framework's skills by CASE identifier, every other skill by id.
      const nodeOf = new Map(skills.map((s) => [s.id, s.frameworkId === ownFramework ? s.sourceKey : s.id]));
      const items = new Set(pkg!.items.map((item) => item.identifier));
      const plan = planCase(pkg!, {
        otherSkills: new Map(
          skills.filter((s) => s.frameworkId !== ownFramework && s.caseIdentifier).map((s) => [s.caseIdentifier!.toLowerCase(), { id: s.id }]),
        ),
        otherLinks: (await districtPrerequisiteLinks(tx, districtId))
          .map(([skill, prerequisite]) => [nodeOf.get(skill)!, nodeOf.get(prerequisite)!] as [string, string])
          .filter(([skill]) => !items.has(skill)),
      });
      Object.assign(report.counts, plan.counts);
      report.problems.push(...plan.problems);
      checkStrict();

      options.onProgress?.('writing skills', 0, 3);
      const ids = await upsertSkills(tx, districtId, ownFramework, plan.skills);
      options.onProgress?.('writing skills', 1, 3);
      await setParents(tx, districtId, plan.skills.map((s) => ({ id: ids.get(s.source_key)!, parent: s.parent ? ids.get(s.parent)! : null })));
      options.onProgress?.('writing skills', 2, 3);
      report.counts.precedes!.deleted = await replacePrerequisites(
        tx,
        districtId,
        plan.skills.map((s) => ids.get(s.source_key)!),
        plan.prerequisites.map((link) => ({
          skill: ids.get(link.skill)!,
          prerequisite: 'item' in link.prerequisite ? ids.get(link.prerequisite.item)! : link.prerequisite.skillId,
        })),
      );
    },
  });
}
