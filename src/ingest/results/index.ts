/**
 * `trellis import results PATH`: a OneRoster 1.2 gradebook export (a folder or
 * zip with lineItems.csv and results.csv, and the learning-objective files when
 * present) as evidence. It is its own command rather than part of `import
 * oneroster`: gradebooks come from other systems and on another rhythm than the
 * SIS roster, and a gradebook problem must never hold up a roster import.
 * See docs/imports.md.
 */
import { activityLookup } from '../../core/learning/statement-evidence.ts';
import { skillDirectory } from '../../core/learning/skills.ts';
import type { Database } from '../../db/database.ts';
import { districtActivitySkills, districtSkills, districtStudentIdentities } from '../../db/learning.ts';
import { parseCsv, type CsvTable } from '../common/csv.ts';
import { existingDistrict } from '../common/district.ts';
import { findFile, readSource } from '../common/read.ts';
import { RejectImport, type ImportOptions, type ImportReport } from '../common/report.ts';
import { checkColumns } from '../common/rows.ts';
import { runImport } from '../common/run.ts';
import { refreshAfterImport } from '../../learning/mastery.ts';
import { scoreRules, type ScoreOptions } from '../evidence/index.ts';
import { deleteEvidence, deleteEvidenceByRef, upsertEvidence } from '../evidence/write.ts';
import { GRADEBOOK_COLUMNS, planGradebook, type GradebookFile, type GradebookTables } from './validate.ts';

export function importResults(db: Database, source: string | Uint8Array, options: ImportOptions & Pick<ScoreOptions, 'threshold'> = {}): Promise<ImportReport> {
  const report: ImportReport = { outcome: 'accepted', version: '1.2', mode: 'delta', districtId: null, counts: {}, problems: [] };
  let tables: GradebookTables | undefined;
  let threshold = 0;
  let districtSourcedId: string | null = null;
  return refreshAfterImport(db, runImport(db, {
    kind: 'results',
    source,
    options,
    report,
    districtSourcedId: () => districtSourcedId,
    prepare() {
      threshold = scoreRules(options).threshold;
      const files = readSource(source);
      const label = typeof source === 'string' ? source : 'the upload';
      const read = (kind: GradebookFile): CsvTable | undefined => {
        const file = findFile(files, `${kind}.csv`);
        if (!file) return undefined;
        const table = parseCsv(file.name, file.bytes);
        checkColumns(table, GRADEBOOK_COLUMNS[kind]);
        return table;
      };
      const absent = (['lineItems', 'results'] as const).find((kind) => !findFile(files, `${kind}.csv`));
      if (absent) throw new RejectImport(`${label}: no ${absent}.csv: a gradebook export needs lineItems.csv and results.csv`);
      const lineItems = read('lineItems')!;
      const results = read('results')!;
      tables = {
        lineItems,
        results,
        lineItemLearningObjectiveIds: read('lineItemLearningObjectiveIds'),
        resultLearningObjectiveIds: read('resultLearningObjectiveIds'),
      };
    },
    async write(tx, checkStrict) {
      const district = await existingDistrict(tx, options.districtSourcedId);
      districtSourcedId = district.sourcedId;
      const districtId = (report.districtId = district.id);
      const plan = planGradebook(tables!, {
        students: new Set((await districtStudentIdentities(tx, districtId)).map((s) => s.sourcedId)),
        skills: skillDirectory(await districtSkills(tx, districtId)),
        activities: activityLookup(await districtActivitySkills(tx, districtId)),
        threshold,
      });
      Object.assign(report.counts, plan.counts);
      report.problems.push(...plan.problems);
      checkStrict();

      report.counts.lineItems!.deleted = await deleteEvidenceByRef(tx, districtId, 'oneroster', plan.deletedLineItems);
      report.counts.results!.deleted =
        (await deleteEvidence(tx, districtId, 'oneroster', plan.deletedResults)) +
        (await deleteEvidence(tx, districtId, 'oneroster', plan.results, plan.evidence));
      await upsertEvidence(tx, districtId, 'oneroster', plan.evidence, (done) => options.onProgress?.('writing evidence', done, plan.evidence.length));
    },
  }));
}
