/**
 * skills.csv: a district's own skill framework, one row per skill:
 * `code,name,parent,prerequisites,course`. Pure validation with the usual row
 * discipline: a row with a problem is skipped and reported with its line, and so
 * is a row that leans on a skipped row (as parent or prerequisite), or whose
 * links would make a loop.
 */
import { AcyclicLinks } from '../../core/learning/graph.ts';
import type { SkillDirectory } from '../../core/learning/skills.ts';
import { columnIndex, type CsvTable } from '../common/csv.ts';
import type { FileCounts, ImportProblem } from '../common/report.ts';
import { readRows, splitList } from '../common/rows.ts';

export const SKILL_COLUMNS = ['code', 'name'] as const;

/** A prerequisite: a skill of this file, or a skill the district already has. */
export type PrerequisiteRef = { written: string } & ({ code: string } | { skillId: string });

export interface SkillCsvRow {
  line: number;
  code: string;
  name: string;
  /** A code of this framework, or null at the top. */
  parent: string | null;
  prerequisites: PrerequisiteRef[];
  /** Course sourcedIds. */
  courses: string[];
}

export interface SkillsContext {
  framework: string;
  /** Codes of the framework's skills already stored → their parent's code. */
  existing: Map<string, string | null>;
  /** Every skill of the district, for prerequisites in other frameworks. */
  skills: SkillDirectory;
  /** Prerequisite links not owned by rows of this file, as [skill, prerequisite] graph nodes (code in this framework, else skill id). */
  otherLinks: [string, string][];
  courses: { sourcedId: string; courseCode: string | null }[];
}

export interface SkillsPlan {
  rows: SkillCsvRow[];
  counts: FileCounts;
  problems: ImportProblem[];
}

type CourseMatch = { sourcedId: string } | { problem: string };

function courseFinder(courses: SkillsContext['courses']): (value: string) => CourseMatch {
  const ids = new Set(courses.map((c) => c.sourcedId));
  const byCode = new Map<string, string[]>();
  for (const course of courses) {
    if (course.courseCode) byCode.set(course.courseCode, [...(byCode.get(course.courseCode) ?? []), course.sourcedId]);
  }
  return (value) => {
    if (ids.has(value)) return { sourcedId: value };
    const matches = byCode.get(value);
    if (matches?.length === 1) return { sourcedId: matches[0]! };
    if (matches) return { problem: `matches the courseCode of ${matches.length} courses (${matches.slice(0, 3).join(', ')}): use the sourcedId` };
    return { problem: 'no course with this sourcedId or courseCode in the district' };
  };
}

export function planSkills(table: CsvTable, context: SkillsContext): SkillsPlan {
  const findCourse = courseFinder(context.courses);
  const codeColumn = columnIndex(table.header).get('code')!;
  const codeOf = (cells: string[]) => (cells[codeColumn] ?? '').trim();
  const lineOfCode = new Map<string, number>();
  for (const row of table.rows) if (codeOf(row.cells) && !lineOfCode.has(codeOf(row.cells))) lineOfCode.set(codeOf(row.cells), row.line);
  const known = (code: string) => lineOfCode.has(code) || context.existing.has(code);
  const where = `in the file or the framework "${context.framework}"`;

  const firstLine = new Map<string, number>();
  const results = readRows(table, (get, report, row): SkillCsvRow => {
    const code = get('code');
    const name = get('name');
    if (!code) report('code', '', 'is required');
    if (!name) report('name', '', 'is required');
    const first = firstLine.get(code);
    if (code && first !== undefined) report('code', code, `the same code as on line ${first}`);
    else if (code) firstLine.set(code, row.line);

    const parent = get('parent') || null;
    if (parent && parent === code) report('parent', parent, 'a skill cannot be its own parent');
    else if (parent && !known(parent)) report('parent', parent, `no skill with this code ${where}`);

    const prerequisites: PrerequisiteRef[] = [];
    for (const value of new Set(splitList(get('prerequisites')))) {
      if (value === code) report('prerequisites', value, 'a skill cannot be its own prerequisite');
      else if (known(value)) prerequisites.push({ written: value, code: value });
      else {
        const found = context.skills.find(value);
        if ('id' in found) prerequisites.push({ written: value, skillId: found.id });
        else report('prerequisites', value, found.problem);
      }
    }
    const courses: string[] = [];
    for (const value of new Set(splitList(get('course')))) {
      const found = findCourse(value);
      if ('sourcedId' in found) courses.push(found.sourcedId);
      else report('course', value, found.problem);
    }
    return { line: row.line, code, name, parent, prerequisites, courses };
  });

  let rows = results.accepted.map((r) => r.value);
  // Codes of the file with no accepted row, and the line of their first skipped row.
  const skippedAt = new Map<string, number>();
  const acceptedCodes = new Set(rows.map((r) => r.code));
  for (const row of table.rows) {
    const code = codeOf(row.cells);
    if (code && !acceptedCodes.has(code) && !skippedAt.has(code)) skippedAt.set(code, row.line);
  }
  const skip = (row: SkillCsvRow, field: string, value: string, message: string) => {
    results.problems.push({ file: table.file, line: row.line, field, value, message });
    results.counts.accepted--;
    results.counts.skipped++;
    skippedAt.set(row.code, row.line);
  };

  // A row leaning on a skipped row (as parent or prerequisite) is skipped too, until nothing changes.
  const skipDependents = () => {
    for (let changed = true; changed; ) {
      changed = false;
      rows = rows.filter((row) => {
        const refs: [string, string][] = row.parent ? [['parent', row.parent]] : [];
        for (const p of row.prerequisites) if ('code' in p) refs.push(['prerequisites', p.code]);
        const broken = refs.find(([, code]) => skippedAt.has(code));
        if (!broken) return true;
        skip(row, broken[0], broken[1], `refers to a skill that was skipped (${table.file}:${skippedAt.get(broken[1])})`);
        changed = true;
        return false;
      });
    }
  };
  skipDependents();

  // No loops, counting the parents of stored skills the file does not list, and the links it does not own.
  const tree = new AcyclicLinks();
  for (const [code, parent] of context.existing) if (!lineOfCode.has(code) && parent) tree.add(code, parent);
  const links = new AcyclicLinks();
  for (const [skill, prerequisite] of context.otherLinks) links.add(skill, prerequisite);
  const before = rows.length;
  rows = rows.filter((row) => {
    const treeLoop = row.parent ? tree.add(row.code, row.parent) : null;
    if (treeLoop) {
      skip(row, 'parent', row.parent!, `would make the skill its own ancestor: ${treeLoop.join(' → ')}`);
      return false;
    }
    for (const prerequisite of row.prerequisites) {
      const node = 'code' in prerequisite ? prerequisite.code : prerequisite.skillId;
      const loop = links.add(row.code, node);
      if (loop) {
        skip(row, 'prerequisites', prerequisite.written, `would make a prerequisite loop: ${loop.join(' → ')}`);
        return false;
      }
    }
    return true;
  });
  if (rows.length < before) skipDependents();

  results.problems.sort((a, b) => a.line - b.line);
  return { rows, counts: results.counts, problems: results.problems };
}
