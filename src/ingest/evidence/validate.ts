/**
 * evidence.csv: one attempt per row, `student,skill,timestamp,correct|score`.
 * Pure validation: the student by sourcedId, identifier, username or email; the
 * skill by code, CASE identifier or URI; the attempt right or wrong, or scored
 * (then right when the score reaches the threshold).
 */
import type { SkillDirectory } from '../../core/learning/skills.ts';
import type { StudentDirectory } from '../../core/learning/students.ts';
import { columnIndex, type CsvTable } from '../common/csv.ts';
import { RejectImport, type FileCounts, type ImportProblem } from '../common/report.ts';
import { checkColumns, readRows } from '../common/rows.ts';
import { isDateTime, parseFlag } from '../common/values.ts';

export const EVIDENCE_COLUMNS = ['student', 'skill', 'timestamp'] as const;

export interface ScoreRules {
  /** Scaled score (0..1) at or above which an attempt counts as right. */
  threshold: number;
  /** The largest score in the file: 1 (scores 0..1) or, say, 100 (percentages). */
  scoreScale: number;
}

export interface EvidenceRow {
  student_sourced_id: string;
  skill_id: string;
  occurred_at: string;
  correct: boolean;
  score: number | null;
  source_key: string;
  source_ref: string;
}

export interface EvidencePlan {
  rows: EvidenceRow[];
  counts: FileCounts;
  problems: ImportProblem[];
}

/** The file needs who, what, when, and at least one of `correct` and `score`. */
export function checkEvidenceColumns(table: CsvTable): void {
  checkColumns(table, EVIDENCE_COLUMNS);
  const columns = columnIndex(table.header);
  if (!columns.has('correct') && !columns.has('score')) {
    throw new RejectImport(`${table.file}:1: missing required column "correct" or "score" (either will do, or both)`);
  }
}

/** How far ahead of the clock a timestamp may be (time zones, clock drift) before it is a mistake. */
const FUTURE_SLACK_MS = 24 * 60 * 60_000;

/** An ISO 8601 date-time (or date) as an instant; without an offset it is UTC. Null when not one. */
export function toInstant(value: string): string | null {
  if (!isDateTime(value)) return null;
  let text = value.toUpperCase().replace(' ', 'T');
  if (text.includes('T') && !/(Z|[+-]\d{2}:?\d{2})$/.test(text)) text += 'Z';
  const time = new Date(text);
  return Number.isNaN(time.getTime()) ? null : time.toISOString();
}

export function planEvidence(
  table: CsvTable,
  lookups: { students: StudentDirectory; skills: SkillDirectory; now: Date },
  rules: ScoreRules,
): EvidencePlan {
  const range = rules.scoreScale === 1 ? 'a number from 0 to 1' : `a number from 0 to ${rules.scoreScale} (--score-scale ${rules.scoreScale})`;
  const firstLine = new Map<string, number>();
  const results = readRows(table, (get, report, row): EvidenceRow => {
    const studentCell = get('student');
    const student = studentCell ? lookups.students.find(studentCell) : { problem: 'is required' };
    if ('problem' in student) report('student', studentCell, student.problem);
    const skillCell = get('skill');
    const skill = skillCell ? lookups.skills.find(skillCell) : { problem: 'is required' };
    if ('problem' in skill) report('skill', skillCell, skill.problem);
    const timestamp = get('timestamp');
    const occurredAt = timestamp ? toInstant(timestamp) : null;
    if (!timestamp) report('timestamp', '', 'is required');
    else if (!occurredAt) report('timestamp', timestamp, 'must be an ISO 8601 date-time such as 2025-09-02T10:15:00Z');
    else if (Date.parse(occurredAt) > lookups.now.getTime() + FUTURE_SLACK_MS) report('timestamp', timestamp, 'is in the future');

    const correctCell = get('correct');
    const scoreCell = get('score');
    let correct = correctCell ? parseFlag(correctCell) : undefined;
    if (correctCell && correct === undefined) report('correct', correctCell, 'must be true/false or 1/0');
    let score: number | null = null;
    if (scoreCell) {
      const value = Number(scoreCell);
      if (!Number.isFinite(value) || value < 0 || value > rules.scoreScale) report('score', scoreCell, `must be ${range}`);
      else score = value / rules.scoreScale;
    }
    if (!correctCell && !scoreCell) report('correct', '', 'is required: give correct (true/false, 1/0) or a score');
    correct ??= score !== null ? score >= rules.threshold : undefined;

    const studentId = 'sourcedId' in student ? student.sourcedId : '';
    const skillId = 'id' in skill ? skill.id : '';
    const key = studentId && occurredAt ? `${studentId}|${occurredAt}` : '';
    if (key && skillId) {
      const first = firstLine.get(`${key}|${skillId}`);
      if (first !== undefined) report('timestamp', timestamp, `the same student, skill and time as on line ${first}`);
      else firstLine.set(`${key}|${skillId}`, row.line);
    }
    return {
      student_sourced_id: studentId,
      skill_id: skillId,
      occurred_at: occurredAt ?? '',
      correct: correct ?? false,
      score,
      source_key: key,
      source_ref: `${table.file}:${row.line}`,
    };
  });
  return { rows: results.accepted.map((r) => r.value), counts: results.counts, problems: results.problems };
}
