/**
 * A OneRoster 1.2 gradebook export as evidence. lineItems.csv gives each
 * assessed activity its score range; lineItemLearningObjectiveIds.csv (the CSV
 * form of a line item's learningObjectiveSet) names its skills, usually by CASE
 * identifier; results.csv gives each student's score; resultLearningObjectiveIds.csv,
 * when present, a score per skill. Pure validation with the usual row discipline.
 */
import type { ActivityLookup } from '../../core/learning/statement-evidence.ts';
import type { SkillDirectory } from '../../core/learning/skills.ts';
import { columnIndex, type CsvTable } from '../common/csv.ts';
import type { FileCounts, ImportProblem } from '../common/report.ts';
import { readRows, type Reporter } from '../common/rows.ts';
import { isExtensionValue } from '../common/values.ts';
import { toInstant } from '../evidence/validate.ts';
import type { EvidenceWrite } from '../evidence/write.ts';

export type GradebookFile = 'lineItems' | 'lineItemLearningObjectiveIds' | 'results' | 'resultLearningObjectiveIds';

export const GRADEBOOK_COLUMNS: Record<GradebookFile, readonly string[]> = {
  lineItems: ['sourcedId'],
  lineItemLearningObjectiveIds: ['lineItemSourcedId', 'source', 'learningObjectiveId'],
  results: ['sourcedId', 'lineItemSourcedId', 'studentSourcedId', 'score', 'scoreDate'],
  resultLearningObjectiveIds: ['resultSourcedId', 'source', 'learningObjectiveId'],
};

const SCORE_STATUSES = ['exempt', 'fully graded', 'not submitted', 'partially graded', 'submitted'];
/** Results in these states carry a score to learn from; the others (submitted, exempt, not submitted) are left out. */
const GRADED = new Set(['fully graded', 'partially graded']);

export interface GradebookContext {
  students: Set<string>;
  skills: SkillDirectory;
  activities: ActivityLookup;
  threshold: number;
}

export interface GradebookPlan {
  evidence: EvidenceWrite[];
  /** Result sourcedIds whose evidence becomes exactly `evidence` (absent skills are removed). */
  results: string[];
  /** Results marked tobedeleted: their evidence is removed. */
  deletedResults: string[];
  /** Line items marked tobedeleted: the evidence of all their results is removed. */
  deletedLineItems: string[];
  counts: Record<string, FileCounts>;
  problems: ImportProblem[];
}

interface LineItem {
  id: string;
  line: number;
  min: number;
  max: number | null;
  skills: string[];
}

const isDeleted = (get: (column: string) => string) => get('status').toLowerCase() === 'tobedeleted';

function readNumber(get: (column: string) => string, report: Reporter, column: string): number | null {
  const value = get(column);
  if (!value) return null;
  const number = Number(value);
  if (!Number.isFinite(number)) {
    report(column, value, 'must be a number');
    return null;
  }
  return number;
}

function findSkill(skills: SkillDirectory, get: (column: string) => string, report: Reporter): string | null {
  const id = get('learningObjectiveId');
  const source = get('source');
  if (!id) report('learningObjectiveId', '', 'is required');
  if (!source) report('source', '', 'is required: case, unknown or ext:...');
  else if (!['case', 'unknown'].includes(source.toLowerCase()) && !isExtensionValue(source)) report('source', source, 'must be case, unknown or ext:...');
  if (!id) return null;
  const found = skills.find(id);
  if ('problem' in found) {
    report('learningObjectiveId', id, found.problem);
    return null;
  }
  return found.id;
}

export type GradebookTables = Partial<Record<GradebookFile, CsvTable>> & { lineItems: CsvTable; results: CsvTable };

export function planGradebook(tables: GradebookTables, context: GradebookContext): GradebookPlan {
  const plan: GradebookPlan = { evidence: [], results: [], deletedResults: [], deletedLineItems: [], counts: {}, problems: [] };
  const seenLineItems = new Set<string>();
  const deletedLineItems = new Set<string>();
  const lineItemRows = readRows(tables.lineItems, (get, report, row): LineItem | null => {
    const id = get('sourcedId');
    if (!id) report('sourcedId', '', 'is required');
    else if (seenLineItems.has(id)) report('sourcedId', id, 'duplicate sourcedId');
    seenLineItems.add(id);
    if (isDeleted(get)) {
      deletedLineItems.add(id);
      return null;
    }
    const min = readNumber(get, report, 'resultValueMin') ?? 0;
    const max = readNumber(get, report, 'resultValueMax');
    if (max !== null && max <= min) report('resultValueMax', get('resultValueMax'), `must be more than resultValueMin ${min}`);
    return { id, line: row.line, min, max, skills: [] };
  });
  const lineItems = new Map(lineItemRows.accepted.flatMap(({ value }) => (value ? [[value.id, value] as const] : [])));
  plan.deletedLineItems = [...deletedLineItems];
  plan.counts.lineItems = lineItemRows.counts;
  plan.problems.push(...lineItemRows.problems);
  const skippedLineItem = referenceProblem(tables.lineItems, 'line item', new Set(lineItems.keys()), deletedLineItems);

  if (tables.lineItemLearningObjectiveIds) {
    const table = tables.lineItemLearningObjectiveIds;
    const rows = readRows(table, (get, report) => {
      const item = get('lineItemSourcedId');
      if (!lineItems.has(item)) report('lineItemSourcedId', item, skippedLineItem(item));
      const skill = findSkill(context.skills, get, report);
      return { item, skill };
    });
    for (const { value } of rows.accepted) {
      const skills = lineItems.get(value.item)!.skills;
      if (!skills.includes(value.skill!)) skills.push(value.skill!);
    }
    plan.counts.lineItemLearningObjectiveIds = rows.counts;
    plan.problems.push(...rows.problems);
  }
  // A line item with no learning objective may be in the activity map by its sourcedId.
  for (const [id, item] of lineItems) if (item.skills.length === 0) item.skills.push(...context.activities(id, null));

  const resultSkills = new Map<string, { skill: string; score: number | null }[]>();
  const resultIds = new Set<string>();
  const resultRows = readRows(tables.results, (get, report) => {
    const id = get('sourcedId');
    if (!id) report('sourcedId', '', 'is required');
    else if (resultIds.has(id)) report('sourcedId', id, 'duplicate sourcedId');
    if (id) resultIds.add(id);
    if (isDeleted(get)) return { id, deleted: true as const };
    const itemId = get('lineItemSourcedId');
    const item = lineItems.get(itemId);
    if (!itemId) report('lineItemSourcedId', '', 'is required');
    else if (!item) report('lineItemSourcedId', itemId, skippedLineItem(itemId));
    else if (item.skills.length === 0) {
      report('lineItemSourcedId', itemId, 'the line item names no skill: give it a learning objective in lineItemLearningObjectiveIds.csv, or map its sourcedId in the activity map');
    }
    const student = get('studentSourcedId');
    if (!student) report('studentSourcedId', '', 'is required');
    else if (!context.students.has(student)) report('studentSourcedId', student, 'no student with this sourcedId in the district');
    const status = get('scoreStatus').toLowerCase();
    if (status && !SCORE_STATUSES.includes(status) && !isExtensionValue(status)) {
      report('scoreStatus', get('scoreStatus'), `must be one of: ${SCORE_STATUSES.join(', ')}`);
    }
    const graded = !status || GRADED.has(status);
    const score = readNumber(get, report, 'score');
    if (graded && !get('score')) report('score', '', 'is required for a graded result');
    if (item && score !== null) checkRange(score, item, report, 'score');
    const date = get('scoreDate');
    const occurredAt = date ? toInstant(date) : null;
    if (!date) report('scoreDate', '', 'is required');
    else if (!occurredAt) report('scoreDate', date, 'must be a date YYYY-MM-DD or an ISO 8601 date-time');
    return { id, deleted: false as const, graded, item, student, score, occurredAt: occurredAt! };
  });
  plan.counts.results = { ...resultRows.counts, deleted: 0 };
  plan.problems.push(...resultRows.problems);

  if (tables.resultLearningObjectiveIds) {
    const byId = new Map(resultRows.accepted.flatMap(({ value }) => (value.deleted ? [] : [[value.id, value] as const])));
    const deletedResults = new Set(resultRows.accepted.flatMap(({ value }) => (value.deleted ? [value.id] : [])));
    const skippedResult = referenceProblem(tables.results, 'result', new Set(byId.keys()), deletedResults);
    const rows = readRows(tables.resultLearningObjectiveIds, (get, report) => {
      const resultId = get('resultSourcedId');
      const result = byId.get(resultId);
      if (!result) report('resultSourcedId', resultId, skippedResult(resultId));
      const skill = findSkill(context.skills, get, report);
      const score = readNumber(get, report, 'score');
      if (result?.item && score !== null) checkRange(score, result.item, report, 'score');
      return { resultId, skill: skill!, score };
    });
    for (const { value } of rows.accepted) {
      const list = resultSkills.get(value.resultId) ?? [];
      if (!list.some((s) => s.skill === value.skill)) list.push({ skill: value.skill, score: value.score });
      resultSkills.set(value.resultId, list);
    }
    plan.counts.resultLearningObjectiveIds = rows.counts;
    plan.problems.push(...rows.problems);
  }

  for (const { value } of resultRows.accepted) {
    if (value.deleted) {
      plan.deletedResults.push(value.id);
      continue;
    }
    plan.results.push(value.id);
    if (!value.graded) continue;
    const item = value.item!;
    const perSkill = resultSkills.get(value.id) ?? item.skills.map((skill) => ({ skill, score: null }));
    for (const { skill, score } of perSkill) {
      const scaled = scale(score ?? value.score!, item);
      plan.evidence.push({
        student_sourced_id: value.student,
        skill_id: skill,
        occurred_at: value.occurredAt,
        correct: scaled >= context.threshold,
        score: scaled,
        source_key: value.id,
        source_ref: item.id,
      });
    }
  }
  return plan;
}

function scale(score: number, item: LineItem): number {
  if (item.max === null) return score;
  return (score - item.min) / (item.max - item.min);
}

function checkRange(score: number, item: LineItem, report: Reporter, column: string): void {
  if (item.max === null && (score < 0 || score > 1)) {
    report(column, String(score), `the line item (lineItems.csv:${item.line}) has no resultValueMax to scale it by, so it must be from 0 to 1`);
  } else if (item.max !== null && (score < item.min || score > item.max)) {
    report(column, String(score), `is outside the line item's range ${item.min} to ${item.max} (lineItems.csv:${item.line})`);
  }
}

/** The problem with a reference to a row of `table` that is not usable: skipped for a problem, or marked tobedeleted. */
function referenceProblem(table: CsvTable, noun: string, accepted: Set<string>, deleted: Set<string>): (id: string) => string {
  const at = columnIndex(table.header).get('sourcedid');
  const lines = new Map<string, number>();
  for (const row of table.rows) {
    const id = at === undefined ? '' : (row.cells[at] ?? '').trim();
    if (id && !lines.has(id)) lines.set(id, row.line);
  }
  return (id) => {
    if (!id) return 'is required';
    if (deleted.has(id)) return `refers to a ${noun} marked tobedeleted (${table.file}:${lines.get(id)})`;
    if (lines.has(id) && !accepted.has(id)) return `refers to a ${noun} that was skipped (${table.file}:${lines.get(id)})`;
    return `no ${noun} with this sourcedId in ${table.file}`;
  };
}
