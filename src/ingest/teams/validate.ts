/**
 * Teams are Trellis's own: teams.csv, teamMembers.csv, teamClasses.csv and
 * teamStudents.csv. Pure validation, with the same row discipline as OneRoster:
 * a row with a problem is skipped and reported with its file and line.
 */
import { columnIndex, duplicateColumn, type CsvTable } from '../common/csv.ts';
import { emptyCounts, RejectImport, type FileCounts, type ImportProblem } from '../common/report.ts';
import { parseList } from '../common/values.ts';

export const TEAM_ROLES = ['teacher_leader', 'teacher', 'tutor', 'resident', 'coach'] as const;

export type TeamFile = 'teams' | 'teamMembers' | 'teamClasses' | 'teamStudents';
export const TEAM_FILES: TeamFile[] = ['teams', 'teamMembers', 'teamClasses', 'teamStudents'];

const COLUMNS: Record<TeamFile, string[]> = {
  teams: ['sourcedId', 'schoolSourcedId', 'name', 'grades'],
  teamMembers: ['teamSourcedId', 'userSourcedId', 'role'],
  teamClasses: ['teamSourcedId', 'classSourcedId'],
  teamStudents: ['teamSourcedId', 'userSourcedId'],
};
/** Columns that may be left out of the header or left empty. */
const OPTIONAL = new Set(['grades']);

export interface TeamContext {
  orgs: Set<string>;
  users: Set<string>;
  classes: Set<string>;
  /** Teams the district already has. */
  teams: Set<string>;
  /** True when the roster came in the same import: messages then name its files. */
  withRoster: boolean;
}

export interface LinkPlan<T> {
  /** Teams whose links of this kind become exactly the rows given for them. */
  teams: string[];
  rows: T[];
}

export interface TeamRow {
  sourced_id: string;
  school_sourced_id: string;
  name: string;
  grades: string[];
}

export interface TeamPlan {
  teams: TeamRow[];
  members: LinkPlan<{ team: string; user: string; role: string }> | null;
  classes: LinkPlan<{ team: string; class: string }> | null;
  students: LinkPlan<{ team: string; user: string }> | null;
  counts: Record<string, FileCounts>;
  problems: ImportProblem[];
}

type Reporter = (field: string, value: string, message: string) => void;
type Getter = (column: string) => string;

export function checkTeamColumns(kind: TeamFile, table: CsvTable): void {
  const duplicate = duplicateColumn(table.header);
  if (duplicate) throw new RejectImport(`${table.file}:1: the column "${duplicate}" appears twice in the header`);
  const columns = columnIndex(table.header);
  const missing = COLUMNS[kind].filter((name) => !OPTIONAL.has(name) && !columns.has(name.toLowerCase()));
  if (missing.length > 0) {
    const list = missing.map((m) => `"${m}"`).join(', ');
    throw new RejectImport(`${table.file}:1: missing required column${missing.length > 1 ? 's' : ''} ${list}`);
  }
}

/**
 * Runs `check` on every row with its required cells present; rows with any
 * problem are skipped and counted. Returns the accepted rows' values.
 */
function eachRow<T>(
  kind: TeamFile,
  table: CsvTable,
  plan: TeamPlan,
  check: (get: Getter, report: Reporter, line: number) => T,
): T[] {
  const columns = columnIndex(table.header);
  const counts = (plan.counts[kind] = { ...emptyCounts(), read: table.rows.length });
  const accepted: T[] = [];
  for (const row of table.rows) {
    const problems: ImportProblem[] = [];
    const report: Reporter = (field, value, message) => problems.push({ file: table.file, line: row.line, field, value, message });
    const get: Getter = (column) => {
      const i = columns.get(column.toLowerCase());
      return i === undefined ? '' : (row.cells[i] ?? '').trim();
    };
    if (row.cells.length !== table.header.length) report('row', `${row.cells.length} fields`, `the header has ${table.header.length} fields`);
    for (const column of COLUMNS[kind]) if (!OPTIONAL.has(column) && !get(column)) report(column, '', 'is required');
    const value = problems.length === 0 ? check(get, report, row.line) : undefined;
    if (problems.length > 0) {
      counts.skipped++;
      plan.problems.push(...problems);
    } else {
      counts.accepted++;
      accepted.push(value as T);
    }
  }
  return accepted;
}

export function planTeams(tables: Partial<Record<TeamFile, CsvTable>>, context: TeamContext): TeamPlan {
  const plan: TeamPlan = { teams: [], members: null, classes: null, students: null, counts: {}, problems: [] };
  const where = (file: string) => (context.withRoster ? `in ${file} or the district` : 'in the district');
  const teamIds = new Set(context.teams);
  const skippedTeams = new Map<string, number>();

  if (tables.teams) {
    const firstLine = new Map<string, number>();
    plan.teams = eachRow('teams', tables.teams, plan, (get, report, line) => {
      const id = get('sourcedId');
      const school = get('schoolSourcedId');
      if (!context.orgs.has(school)) report('schoolSourcedId', school, `no school with this sourcedId ${where('orgs.csv')}`);
      const first = firstLine.get(id);
      if (first !== undefined) report('sourcedId', id, `duplicate sourcedId: first on line ${first}`);
      else firstLine.set(id, line);
      if (first === undefined && !context.orgs.has(school)) skippedTeams.set(id, line);
      return { sourced_id: id, school_sourced_id: school, name: get('name'), grades: parseList(get('grades')) };
    });
    for (const team of plan.teams) teamIds.add(team.sourced_id);
  }

  const checkTeam = (team: string, report: Reporter) => {
    if (teamIds.has(team)) return;
    const skipped = skippedTeams.get(team);
    report(
      'teamSourcedId',
      team,
      skipped !== undefined ? `refers to a team that was skipped (teams.csv:${skipped})` : `no team with this sourcedId ${where('teams.csv')}`,
    );
  };

  /** A link file: every team it names (or teams.csv lists) gets exactly its rows. */
  const links = <T>(kind: TeamFile, other: string, check: (get: Getter, report: Reporter) => T): LinkPlan<T> | null => {
    const table = tables[kind];
    if (!table) return null;
    const listed = new Set(plan.teams.map((t) => t.sourced_id));
    const firstLine = new Map<string, number>();
    const rows = eachRow(kind, table, plan, (get, report, line) => {
      const team = get('teamSourcedId');
      checkTeam(team, report);
      if (teamIds.has(team)) listed.add(team);
      const key = `${team}\u0000${get(other)}`;
      const first = firstLine.get(key);
      if (first !== undefined) report(other, get(other), `duplicate: the team already lists it on line ${first}`);
      else firstLine.set(key, line);
      return check(get, report);
    });
    return { teams: [...listed], rows };
  };

  plan.members = links('teamMembers', 'userSourcedId', (get, report) => {
    const user = get('userSourcedId');
    const role = get('role').toLowerCase();
    if (!context.users.has(user)) report('userSourcedId', user, `no user with this sourcedId ${where('users.csv')}`);
    if (!(TEAM_ROLES as readonly string[]).includes(role)) report('role', get('role'), `must be one of: ${TEAM_ROLES.join(', ')}`);
    return { team: get('teamSourcedId'), user, role };
  });
  plan.classes = links('teamClasses', 'classSourcedId', (get, report) => {
    const cls = get('classSourcedId');
    if (!context.classes.has(cls)) report('classSourcedId', cls, `no class with this sourcedId ${where('classes.csv')}`);
    return { team: get('teamSourcedId'), class: cls };
  });
  plan.students = links('teamStudents', 'userSourcedId', (get, report) => {
    const user = get('userSourcedId');
    if (!context.users.has(user)) report('userSourcedId', user, `no user with this sourcedId ${where('users.csv')}`);
    return { team: get('teamSourcedId'), user };
  });
  return plan;
}
