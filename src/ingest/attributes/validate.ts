/**
 * students-attributes.csv: program attributes OneRoster lacks, one row per
 * student. Pure validation: each row names a student by sourcedId, identifier
 * or username, and gives three flags and an optional home language.
 */
import { columnIndex, duplicateColumn, type CsvTable } from '../common/csv.ts';
import { emptyCounts, RejectImport, type FileCounts, type ImportProblem } from '../common/report.ts';
import { parseFlag } from '../common/values.ts';

export const REQUIRED_COLUMNS = ['student', 'englishLearner', 'specialEducation', 'economicallyDisadvantaged'] as const;
const FLAGS = [
  ['englishLearner', 'english_learner'],
  ['specialEducation', 'special_education'],
  ['economicallyDisadvantaged', 'economically_disadvantaged'],
] as const;

export interface StudentKey {
  sourcedId: string;
  identifier: string | null;
  username: string | null;
}

export interface AttributeRow {
  user_sourced_id: string;
  english_learner: boolean;
  special_education: boolean;
  economically_disadvantaged: boolean;
  home_language: string | null;
}

export interface AttributePlan {
  rows: AttributeRow[];
  counts: FileCounts;
  problems: ImportProblem[];
}

export function checkAttributeColumns(table: CsvTable): void {
  const duplicate = duplicateColumn(table.header);
  if (duplicate) throw new RejectImport(`${table.file}:1: the column "${duplicate}" appears twice in the header`);
  const columns = columnIndex(table.header);
  const missing = REQUIRED_COLUMNS.filter((name) => !columns.has(name.toLowerCase()));
  if (missing.length > 0) {
    const list = missing.map((m) => `"${m}"`).join(', ');
    throw new RejectImport(`${table.file}:1: missing required column${missing.length > 1 ? 's' : ''} ${list}`);
  }
}

/** Finds a student by sourcedId first, then by identifier, then by username. */
export function studentFinder(students: StudentKey[]): (value: string) => { id?: string; problem?: string } {
  const bySourcedId = new Set(students.map((s) => s.sourcedId));
  const index = (key: 'identifier' | 'username') => {
    const map = new Map<string, string[]>();
    for (const s of students) {
      const value = s[key];
      if (value) map.set(value, [...(map.get(value) ?? []), s.sourcedId]);
    }
    return map;
  };
  const byIdentifier = index('identifier');
  const byUsername = index('username');
  return (value) => {
    if (bySourcedId.has(value)) return { id: value };
    for (const [name, map] of [['identifier', byIdentifier], ['username', byUsername]] as const) {
      const ids = map.get(value);
      if (ids?.length === 1) return { id: ids[0] };
      if (ids && ids.length > 1) return { problem: `matches the ${name} of ${ids.length} students (${ids.slice(0, 3).join(', ')}): use the sourcedId` };
    }
    return { problem: 'no student with this sourcedId, identifier or username in the district' };
  };
}

export function planAttributes(table: CsvTable, students: StudentKey[]): AttributePlan {
  const columns = columnIndex(table.header);
  const find = studentFinder(students);
  const plan: AttributePlan = { rows: [], counts: { ...emptyCounts(), read: table.rows.length }, problems: [] };
  const firstLine = new Map<string, number>();
  for (const row of table.rows) {
    const problems: ImportProblem[] = [];
    const report = (field: string, value: string, message: string) => problems.push({ file: table.file, line: row.line, field, value, message });
    const get = (column: string) => {
      const i = columns.get(column.toLowerCase());
      return i === undefined ? '' : (row.cells[i] ?? '').trim();
    };
    if (row.cells.length !== table.header.length) report('row', `${row.cells.length} fields`, `the header has ${table.header.length} fields`);
    const student = get('student');
    let id: string | undefined;
    if (!student) report('student', '', 'is required');
    else {
      const found = find(student);
      if (found.problem) report('student', student, found.problem);
      id = found.id;
    }
    const flags: Partial<Record<(typeof FLAGS)[number][1], boolean>> = {};
    for (const [column, target] of FLAGS) {
      const value = get(column);
      const parsed = parseFlag(value);
      if (parsed === undefined) report(column, value, value ? 'must be true/false, yes/no, Y/N or 1/0' : 'is required: true/false, yes/no, Y/N or 1/0');
      else flags[target] = parsed;
    }
    if (id && problems.length === 0) {
      const first = firstLine.get(id);
      if (first !== undefined) report('student', student, `the same student as on line ${first}`);
      else firstLine.set(id, row.line);
    }
    if (problems.length > 0 || !id) {
      plan.counts.skipped++;
      plan.problems.push(...problems);
      continue;
    }
    plan.counts.accepted++;
    plan.rows.push({
      user_sourced_id: id,
      english_learner: flags.english_learner!,
      special_education: flags.special_education!,
      economically_disadvantaged: flags.economically_disadvantaged!,
      home_language: get('homeLanguage') || null,
    });
  }
  return plan;
}
