/**
 * `trellis import evidence FILE`: attempts and scores from any program that can
 * export a CSV (`student,skill,timestamp,correct|score`). Re-importing a file
 * changes nothing: a row is keyed by student, skill and time. See docs/imports.md.
 */
import { DEFAULT_THRESHOLD } from '../../core/learning/statement-evidence.ts';
import { skillDirectory } from '../../core/learning/skills.ts';
import { studentDirectory } from '../../core/learning/students.ts';
import type { Database } from '../../db/database.ts';
import { districtSkills, districtStudentIdentities } from '../../db/learning.ts';
import type { CsvTable } from '../common/csv.ts';
import { RejectImport, type ImportOptions, type ImportReport } from '../common/report.ts';
import { readOneCsv } from '../common/rows.ts';
import { runImport } from '../common/run.ts';
import { refreshAfterImport } from '../../learning/mastery.ts';
import { existingDistrict } from '../common/district.ts';
import { checkEvidenceColumns, planEvidence, type ScoreRules } from './validate.ts';
import { upsertEvidence } from './write.ts';

export const EVIDENCE_COUNT_KEY = 'evidence';

export interface ScoreOptions {
  /** Scaled score at or above which an attempt counts as right (default 0.8). */
  threshold?: number;
  /** The top of the file's score scale: 1 (default) or 100 for percentages. */
  scoreScale?: number;
}

/** The score rules from options, or a rejection saying what is wrong with them. */
export function scoreRules(options: ScoreOptions): ScoreRules {
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const scoreScale = options.scoreScale ?? 1;
  if (!Number.isFinite(threshold) || threshold < 0 || threshold > 1) {
    throw new RejectImport(`--threshold ${threshold}: must be a number from 0 to 1 (a scaled score)`);
  }
  if (!Number.isFinite(scoreScale) || scoreScale <= 0) throw new RejectImport(`--score-scale ${scoreScale}: must be a positive number, such as 1 or 100`);
  return { threshold, scoreScale };
}

export function importEvidence(db: Database, source: string | Uint8Array, options: ImportOptions & ScoreOptions = {}): Promise<ImportReport> {
  const report: ImportReport = { outcome: 'accepted', version: '1.1', mode: 'delta', districtId: null, counts: {}, problems: [] };
  let table: CsvTable | undefined;
  let rules: ScoreRules | undefined;
  let districtSourcedId: string | null = null;
  return refreshAfterImport(db, runImport(db, {
    kind: 'evidence',
    source,
    options,
    report,
    districtSourcedId: () => districtSourcedId,
    prepare() {
      rules = scoreRules(options);
      table = readOneCsv(source, 'student, skill, timestamp, correct and/or score');
      checkEvidenceColumns(table);
    },
    async write(tx, checkStrict) {
      const district = await existingDistrict(tx, options.districtSourcedId);
      districtSourcedId = district.sourcedId;
      const districtId = (report.districtId = district.id);
      const plan = planEvidence(
        table!,
        {
          students: studentDirectory(await districtStudentIdentities(tx, districtId)),
          skills: skillDirectory(await districtSkills(tx, districtId)),
          now: new Date(),
        },
        rules!,
      );
      report.counts[EVIDENCE_COUNT_KEY] = plan.counts;
      report.problems.push(...plan.problems);
      checkStrict();
      await upsertEvidence(tx, districtId, 'csv', plan.rows, (done) => options.onProgress?.('writing evidence', done, plan.rows.length));
    },
  }));
}
