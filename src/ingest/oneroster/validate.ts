/**
 * Pure validation of a OneRoster import: CSV rows in, database rows and problems
 * out. Each row is checked on its own (required values, enumerations, dates,
 * duplicates), then references are resolved file by file in dependency order, so
 * a row that refers to a skipped row is skipped in turn.
 */
import { columnIndex, duplicateColumn, type CsvTable } from '../common/csv.ts';
import { emptyCounts, RejectImport, type FileCounts, type ImportProblem } from '../common/report.ts';
import {
  isDate,
  isDateTime,
  isExtensionColumn,
  isExtensionValue,
  parseList,
  parseOneRosterBoolean,
} from '../common/values.ts';
import { STATUS_VALUES, type EntityName, type FieldSpec, type FileSpec } from './files.ts';
import type { FileMode } from './manifest.ts';

export type Row = Record<string, unknown>;

export interface InputFile {
  spec: FileSpec;
  mode: FileMode;
  table: CsvTable;
}

/** What the district already holds, for files that are absent or delta. */
export interface Existing {
  ids: Partial<Record<EntityName, Set<string>>>;
  /** The role of each existing user, for 1.2 delta imports without that user's roles. */
  userRoles: Map<string, string>;
}

export interface RosterPlan {
  /** Database rows to upsert, by entity (orgs ... enrollments; not roles or userProfiles). */
  upserts: Partial<Record<EntityName, Row[]>>;
  /** Delta: sourcedIds marked tobedeleted. */
  deletes: Partial<Record<EntityName, string[]>>;
  /** Bulk: the sourcedIds the file lists; the district's other rows of the entity are removed. */
  keep: Partial<Record<EntityName, string[]>>;
  /** The schools of these users become exactly `pairs` (user, org). */
  userOrgs: { users: string[]; pairs: [string, string][]; removals: [string, string][] } | null;
  /** Roles from roles.csv for users not in users.csv. */
  roleUpdates: { sourced_id: string; role: string }[];
  /** sourcedIds each entity will hold after the import, for the files that refer to them. */
  available: Record<EntityName, Set<string>>;
  counts: Record<string, FileCounts>;
  problems: ImportProblem[];
}

interface Candidate {
  line: number;
  id: string;
  deleted: boolean;
  values: Row;
  /** Raw values of fields with no database column (orgSourcedIds, role links). */
  raw: Record<string, string>;
  refs: { column: string; entity: EntityName; value: string }[];
}

const LABEL: Record<EntityName, string> = {
  orgs: 'org',
  academicSessions: 'academic session',
  courses: 'course',
  classes: 'class',
  users: 'user',
  roles: 'role',
  userProfiles: 'user profile',
  demographics: 'demographics record',
  enrollments: 'enrollment',
};

const FILE_OF: Record<EntityName, string> = {
  orgs: 'orgs.csv',
  academicSessions: 'academicSessions.csv',
  courses: 'courses.csv',
  classes: 'classes.csv',
  users: 'users.csv',
  roles: 'roles.csv',
  userProfiles: 'userProfiles.csv',
  demographics: 'demographics.csv',
  enrollments: 'enrollments.csv',
};

/** Structural checks of one file's header: throws RejectImport. */
export function checkColumns(file: InputFile): void {
  const { spec, mode, table } = file;
  const duplicate = duplicateColumn(table.header);
  if (duplicate) throw new RejectImport(`${table.file}:1: the column "${duplicate}" appears twice in the header`);
  const columns = columnIndex(table.header);
  const required = ['sourcedId', ...spec.fields.filter((f) => f.required).map((f) => f.column)];
  if (mode === 'delta') required.push('status', 'dateLastModified');
  const missing = required.filter((name) => !columns.has(name.toLowerCase()));
  if (missing.length > 0) {
    const list = missing.map((name) => `"${name}"`).join(', ');
    throw new RejectImport(`${table.file}:1: missing required column${missing.length > 1 ? 's' : ''} ${list}`);
  }
}

export function planRoster(files: InputFile[], existing: Existing): RosterPlan {
  const problems: ImportProblem[] = [];
  const counts: Record<string, FileCounts> = {};
  const candidates = new Map<EntityName, Candidate[]>();
  const skippedAt = new Map<EntityName, Map<string, number>>();
  const byEntity = new Map(files.map((f) => [f.spec.entity, f]));
  const available = {} as Record<EntityName, Set<string>>;

  const skip = (entity: EntityName, c: Candidate) => {
    let lines = skippedAt.get(entity);
    if (!lines) skippedAt.set(entity, (lines = new Map()));
    if (!lines.has(c.id)) lines.set(c.id, c.line);
  };

  // Pass 1: each row on its own.
  for (const file of files) {
    const result = readRows(file);
    problems.push(...result.problems);
    candidates.set(file.spec.entity, result.accepted);
    for (const c of result.skipped) skip(file.spec.entity, c);
    counts[file.spec.entity] = { ...emptyCounts(), read: file.table.rows.length };
  }

  const availabilityOf = (entity: EntityName, accepted: Candidate[]): Set<string> => {
    const file = byEntity.get(entity);
    if (!file) return existing.ids[entity] ?? new Set();
    const ids = file.mode === 'delta' ? new Set(existing.ids[entity] ?? []) : new Set<string>();
    for (const c of accepted) {
      if (c.deleted) ids.delete(c.id);
      else ids.add(c.id);
    }
    return ids;
  };

  const describeMissing = (entity: EntityName, value: string): string => {
    const skippedLine = skippedAt.get(entity)?.get(value);
    if (skippedLine !== undefined) return `refers to a ${LABEL[entity]} that was skipped (${FILE_OF[entity]}:${skippedLine})`;
    const file = byEntity.get(entity);
    const where = !file ? 'in the district' : file.mode === 'delta' ? `in ${FILE_OF[entity]} or the district` : `in ${FILE_OF[entity]}`;
    return `no ${LABEL[entity]} with this sourcedId ${where}`;
  };

  // Pass 2: references, in dependency order (the order of FILE_SPECS).
  const order: EntityName[] = [
    'orgs',
    'academicSessions',
    'courses',
    'classes',
    'users',
    'roles',
    'userProfiles',
    'demographics',
    'enrollments',
  ];
  for (const entity of order) {
    const file = byEntity.get(entity);
    const list = candidates.get(entity) ?? [];
    if (file) {
      const self = availabilityOf(entity, list);
      const kept: Candidate[] = [];
      for (const c of list) {
        let ok = true;
        for (const ref of c.refs) {
          const pool = ref.entity === entity ? self : available[ref.entity];
          if (!pool?.has(ref.value)) {
            ok = false;
            problems.push({ file: file.table.file, line: c.line, field: ref.column, value: ref.value, message: describeMissing(ref.entity, ref.value) });
          }
        }
        if (ok) kept.push(c);
        else skip(entity, c);
      }
      candidates.set(entity, kept);
    }
    if (entity === 'roles') assignRoles(byEntity, candidates, existing, problems, skip);
    available[entity] = availabilityOf(entity, candidates.get(entity) ?? []);
    if (entity === 'roles') available.users = availabilityOf('users', candidates.get('users') ?? []);
  }

  const plan: RosterPlan = {
    upserts: {},
    deletes: {},
    keep: {},
    userOrgs: null,
    roleUpdates: [],
    available,
    counts,
    problems: [],
  };
  for (const file of files) {
    const entity = file.spec.entity;
    const accepted = candidates.get(entity) ?? [];
    const count = counts[entity]!;
    count.accepted = accepted.length;
    count.skipped = count.read - count.accepted;
    if (entity === 'roles' || entity === 'userProfiles') continue;
    plan.upserts[entity] = accepted.filter((c) => !c.deleted).map((c) => c.values);
    if (file.mode === 'delta') plan.deletes[entity] = accepted.filter((c) => c.deleted).map((c) => c.id);
    else plan.keep[entity] = keepIds(accepted, skippedAt.get(entity));
  }
  planUserOrgs(plan, byEntity, candidates);
  plan.problems = sortProblems(problems, files);
  return plan;
}

/**
 * A bulk file is the whole truth for its entity, but a row skipped for a
 * problem keeps the district's current copy rather than deleting it.
 */
function keepIds(accepted: Candidate[], skipped: Map<string, number> | undefined): string[] {
  const keep = new Set<string>();
  for (const c of accepted) if (!c.deleted) keep.add(c.id);
  for (const id of skipped?.keys() ?? []) keep.add(id);
  for (const c of accepted) if (c.deleted) keep.delete(c.id);
  return [...keep];
}

/** OneRoster 1.2 users take their role from roles.csv: the primary role, else the first. */
function assignRoles(
  byEntity: Map<EntityName, InputFile>,
  candidates: Map<EntityName, Candidate[]>,
  existing: Existing,
  problems: ImportProblem[],
  skip: (entity: EntityName, c: Candidate) => void,
): void {
  const usersFile = byEntity.get('users');
  if (!usersFile || usersFile.spec.fields.some((f) => f.column === 'role')) return;
  const roleOf = rolesByUser(candidates.get('roles') ?? []);
  const kept: Candidate[] = [];
  for (const user of candidates.get('users') ?? []) {
    if (user.deleted) {
      kept.push(user);
      continue;
    }
    const role = roleOf.get(user.id) ?? existing.userRoles.get(user.id);
    if (role) {
      user.values.role = role;
      kept.push(user);
    } else {
      problems.push({
        file: usersFile.table.file,
        line: user.line,
        field: 'sourcedId',
        value: user.id,
        message: byEntity.has('roles') ? 'the user has no role in roles.csv' : 'the user has no role: roles.csv is missing',
      });
      skip('users', user);
    }
  }
  candidates.set('users', kept);
}

function rolesByUser(roles: Candidate[]): Map<string, string> {
  const roleOf = new Map<string, string>();
  const primary = new Set<string>();
  for (const r of roles) {
    if (r.deleted) continue;
    const user = r.raw.userSourcedId!;
    const isPrimary = r.raw.roleType === 'primary';
    if (!roleOf.has(user) || (isPrimary && !primary.has(user))) roleOf.set(user, r.raw.role!);
    if (isPrimary) primary.add(user);
  }
  return roleOf;
}

function planUserOrgs(plan: RosterPlan, byEntity: Map<EntityName, InputFile>, candidates: Map<EntityName, Candidate[]>): void {
  const usersFile = byEntity.get('users');
  const rolesFile = byEntity.get('roles');
  const users = (candidates.get('users') ?? []).filter((c) => !c.deleted);
  const userIds = new Set(users.map((u) => u.id));
  if (usersFile?.spec.fields.some((f) => f.column === 'orgSourcedIds')) {
    const pairs: [string, string][] = [];
    for (const u of users) for (const org of new Set(parseList(u.raw.orgSourcedIds ?? ''))) pairs.push([u.id, org]);
    plan.userOrgs = { users: [...userIds], pairs, removals: [] };
    return;
  }
  if (!rolesFile) return;
  const roles = candidates.get('roles') ?? [];
  const pairs = new Map<string, [string, string]>();
  const removals: [string, string][] = [];
  const affected = rolesFile.mode === 'bulk' ? new Set(userIds) : new Set<string>();
  for (const r of roles) {
    const user = r.raw.userSourcedId ?? '';
    const org = r.raw.orgSourcedId ?? '';
    if (r.deleted) {
      if (user && org) removals.push([user, org]);
      continue;
    }
    affected.add(user);
    pairs.set(`${user}\u0000${org}`, [user, org]);
  }
  const added = new Set(pairs.keys());
  plan.userOrgs = {
    users: [...affected],
    pairs: [...pairs.values()],
    removals: removals.filter(([u, o]) => !added.has(`${u}\u0000${o}`)),
  };
  for (const [user, role] of rolesByUser(roles)) {
    if (!userIds.has(user)) plan.roleUpdates.push({ sourced_id: user, role });
  }
}

function sortProblems(problems: ImportProblem[], files: InputFile[]): ImportProblem[] {
  const rank = new Map(files.map((f, i) => [f.table.file, i]));
  return problems
    .map((p, i) => ({ p, i }))
    .sort((a, b) => (rank.get(a.p.file) ?? 99) - (rank.get(b.p.file) ?? 99) || a.p.line - b.p.line || a.i - b.i)
    .map(({ p }) => p);
}

interface ReadResult {
  accepted: Candidate[];
  skipped: Candidate[];
  problems: ImportProblem[];
}

/** Pass 1: every row checked on its own; duplicates of a sourcedId after the first are skipped. */
export function readRows(file: InputFile): ReadResult {
  const { spec, mode, table } = file;
  const columns = columnIndex(table.header);
  const at = (name: string) => columns.get(name.toLowerCase());
  const extensionColumns = table.header
    .map((name, i) => ({ name, i }))
    .filter(({ name }) => isExtensionColumn(name));
  const fields = spec.fields
    .map((field) => ({ field, index: at(field.column) }))
    .filter((f): f is { field: FieldSpec; index: number } => f.index !== undefined);
  const idAt = at('sourcedId')!;
  const statusAt = at('status');
  const modifiedAt = at('dateLastModified');
  const firstLine = new Map<string, number>();
  const result: ReadResult = { accepted: [], skipped: [], problems: [] };

  for (const row of table.rows) {
    const problems: ImportProblem[] = [];
    const problem = (field: string, value: string, message: string) =>
      problems.push({ file: table.file, line: row.line, field, value, message });
    const cell = (index: number | undefined) => (index === undefined ? '' : (row.cells[index] ?? '').trim());
    const id = cell(idAt);
    const candidate: Candidate = { line: row.line, id, deleted: false, values: {}, raw: {}, refs: [] };

    if (row.cells.length !== table.header.length) {
      problem('row', `${row.cells.length} fields`, `the header has ${table.header.length} fields`);
    }
    if (!id) problem('sourcedId', '', 'is required');

    const status = cell(statusAt);
    const modified = cell(modifiedAt);
    let statusValue = 'active';
    if (status) {
      const known = STATUS_VALUES.find((v) => v === status.toLowerCase());
      if (known) statusValue = known;
      else problem('status', status, `must be one of: ${STATUS_VALUES.join(', ')}`);
    } else if (mode === 'delta') problem('status', '', 'is required in a delta file');
    if (modified) {
      if (!isDateTime(modified)) problem('dateLastModified', modified, 'must be an ISO 8601 date-time such as 2024-08-01T12:00:00Z');
    } else if (mode === 'delta') problem('dateLastModified', '', 'is required in a delta file');
    candidate.deleted = statusValue === 'tobedeleted';

    if (candidate.deleted) {
      // A row being deleted needs only its sourcedId; keep the links a 1.2 role removal names.
      for (const { field, index } of fields) candidate.raw[field.column] = cell(index);
    } else {
      for (const { field, index } of fields) readField(field, cell(index), candidate, problem);
      for (const field of spec.fields) {
        if (field.required && at(field.column) === undefined) problem(field.column, '', 'is required');
        if (field.target && !(field.target in candidate.values)) candidate.values[field.target] = emptyValue(field);
      }
      checkAcrossFields(spec, candidate, problem);
      const extensions: Record<string, string> = {};
      for (const { name, i } of extensionColumns) {
        const value = (row.cells[i] ?? '').trim();
        if (value) extensions[name] = value;
      }
      candidate.values.extensions = extensions;
      candidate.values.status = statusValue;
      candidate.values.date_last_modified = modified && isDateTime(modified) ? modified : null;
      candidate.values[spec.keyTarget] = id;
      if (spec.keyRef && id) candidate.refs.unshift({ column: 'sourcedId', entity: spec.keyRef, value: id });
    }

    if (id && problems.length === 0) {
      const first = firstLine.get(id);
      if (first !== undefined) problem('sourcedId', id, `duplicate sourcedId: first on line ${first}`);
      else firstLine.set(id, row.line);
    }
    if (problems.length > 0) {
      result.problems.push(...problems);
      result.skipped.push(candidate);
    } else {
      result.accepted.push(candidate);
    }
  }
  return result;
}

function emptyValue(field: FieldSpec): unknown {
  return field.type === 'list' ? [] : field.type === 'boolean' && field.target === 'is_primary' ? false : null;
}

function readField(
  field: FieldSpec,
  value: string,
  candidate: Candidate,
  problem: (field: string, value: string, message: string) => void,
): void {
  candidate.raw[field.column] = value;
  if (!value) {
    if (field.required) problem(field.column, '', 'is required');
    if (field.target) candidate.values[field.target] = emptyValue(field);
    return;
  }
  let stored: unknown = value;
  switch (field.type) {
    case 'boolean': {
      const parsed = parseOneRosterBoolean(value);
      if (parsed === undefined) problem(field.column, value, 'must be true or false');
      stored = parsed;
      break;
    }
    case 'date':
      if (!isDate(value)) problem(field.column, value, 'must be a date YYYY-MM-DD');
      break;
    case 'datetime':
      if (!isDateTime(value)) problem(field.column, value, 'must be an ISO 8601 date-time');
      break;
    case 'year':
      if (!/^\d{4}$/.test(value)) problem(field.column, value, 'must be a four-digit year such as 2025');
      break;
    case 'enum': {
      const known = field.values!.find((v) => v.toLowerCase() === value.toLowerCase());
      if (known) stored = known;
      else if (!(field.extensible && isExtensionValue(value))) {
        const ext = field.extensible ? ', or ext:... for an extension' : '';
        problem(field.column, value, `must be one of: ${field.values!.join(', ')}${ext}`);
      }
      if (known) candidate.raw[field.column] = known;
      break;
    }
    case 'list': {
      const items = parseList(value);
      stored = items;
      if (field.ref) for (const item of items) candidate.refs.push({ column: field.column, entity: field.ref, value: item });
      if (field.required && items.length === 0) problem(field.column, value, 'is required');
      break;
    }
    case 'text':
      if (field.ref) candidate.refs.push({ column: field.column, entity: field.ref, value });
      break;
  }
  if (field.target) candidate.values[field.target] = stored;
}

function checkAcrossFields(
  spec: FileSpec,
  candidate: Candidate,
  problem: (field: string, value: string, message: string) => void,
): void {
  if (spec.entity === 'academicSessions') {
    const start = candidate.values.start_date;
    const end = candidate.values.end_date;
    if (typeof start === 'string' && typeof end === 'string' && isDate(start) && isDate(end) && end < start) {
      problem('endDate', end, `is before the startDate ${start}`);
    }
  }
}

