/**
 * The SQL of a OneRoster import. Rows travel as one JSON parameter per batch and
 * are expanded with jsonb_to_recordset, so a batch of thousands of rows is one
 * statement. An upsert leaves a row alone when nothing in it changed.
 */
import type { Sql } from '../../db/database.ts';
import { batches } from '../common/write.ts';
import type { EntityName } from './files.ts';
import type { Row } from './validate.ts';

type Stored = Exclude<EntityName, 'roles' | 'userProfiles'>;

interface TableSpec {
  table: string;
  key: string;
  /** Columns besides district_id and the key, with their SQL types. */
  columns: [string, string][];
}

const common: [string, string][] = [
  ['status', 'text'],
  ['date_last_modified', 'timestamptz'],
];

export const TABLES: Record<Stored, TableSpec> = {
  orgs: {
    table: 'orgs',
    key: 'sourced_id',
    columns: [...common, ['name', 'text'], ['type', 'text'], ['identifier', 'text'], ['parent_sourced_id', 'text'], ['extensions', 'jsonb']],
  },
  academicSessions: {
    table: 'academic_sessions',
    key: 'sourced_id',
    columns: [
      ...common,
      ['title', 'text'],
      ['type', 'text'],
      ['start_date', 'date'],
      ['end_date', 'date'],
      ['parent_sourced_id', 'text'],
      ['school_year', 'text'],
      ['extensions', 'jsonb'],
    ],
  },
  courses: {
    table: 'courses',
    key: 'sourced_id',
    columns: [
      ...common,
      ['title', 'text'],
      ['school_year_sourced_id', 'text'],
      ['course_code', 'text'],
      ['grades', 'text[]'],
      ['org_sourced_id', 'text'],
      ['subjects', 'text[]'],
      ['subject_codes', 'text[]'],
      ['extensions', 'jsonb'],
    ],
  },
  classes: {
    table: 'classes',
    key: 'sourced_id',
    columns: [
      ...common,
      ['title', 'text'],
      ['grades', 'text[]'],
      ['course_sourced_id', 'text'],
      ['class_code', 'text'],
      ['class_type', 'text'],
      ['location', 'text'],
      ['school_sourced_id', 'text'],
      ['term_sourced_ids', 'text[]'],
      ['subjects', 'text[]'],
      ['subject_codes', 'text[]'],
      ['periods', 'text[]'],
      ['extensions', 'jsonb'],
    ],
  },
  users: {
    table: 'users',
    key: 'sourced_id',
    columns: [
      ...common,
      ['enabled_user', 'boolean'],
      ['role', 'text'],
      ['username', 'text'],
      ['user_ids', 'text[]'],
      ['given_name', 'text'],
      ['family_name', 'text'],
      ['middle_name', 'text'],
      ['preferred_given_name', 'text'],
      ['identifier', 'text'],
      ['email', 'text'],
      ['sms', 'text'],
      ['phone', 'text'],
      ['grades', 'text[]'],
      ['extensions', 'jsonb'],
    ],
  },
  demographics: {
    table: 'demographics',
    key: 'user_sourced_id',
    columns: [
      ...common,
      ['birth_date', 'date'],
      ['sex', 'text'],
      ['american_indian_or_alaska_native', 'boolean'],
      ['asian', 'boolean'],
      ['black_or_african_american', 'boolean'],
      ['native_hawaiian_or_other_pacific_islander', 'boolean'],
      ['white', 'boolean'],
      ['two_or_more_races', 'boolean'],
      ['hispanic_or_latino', 'boolean'],
      ['country_of_birth_code', 'text'],
      ['state_of_birth_abbreviation', 'text'],
      ['city_of_birth', 'text'],
      ['public_school_residence_status', 'text'],
      ['extensions', 'jsonb'],
    ],
  },
  enrollments: {
    table: 'enrollments',
    key: 'sourced_id',
    columns: [
      ...common,
      ['class_sourced_id', 'text'],
      ['school_sourced_id', 'text'],
      ['user_sourced_id', 'text'],
      ['role', 'text'],
      ['is_primary', 'boolean'],
      ['begin_date', 'date'],
      ['end_date', 'date'],
      ['extensions', 'jsonb'],
    ],
  },
};

/** Rows per statement: large enough to amortise a round trip, small enough to stay cheap to parse. */
export const BATCH_SIZE = 5000;

/** The upsert statement of a table; its text depends only on the constant TABLES. */
function upsertSql(spec: TableSpec): string {
  const names = [spec.key, ...spec.columns.map(([name]) => name)];
  const recordType = [[spec.key, 'text'] as [string, string], ...spec.columns].map(([n, t]) => `${n} ${t}`).join(', ');
  const updates = spec.columns.map(([n]) => `${n} = excluded.${n}`).join(', ');
  const mine = spec.columns.map(([n]) => `${spec.table}.${n}`).join(', ');
  const theirs = spec.columns.map(([n]) => `excluded.${n}`).join(', ');
  return `insert into ${spec.table} (district_id, ${names.join(', ')})
    select $1::uuid, ${names.map((n) => `r.${n}`).join(', ')}
    from jsonb_to_recordset($2::jsonb) as r(${recordType})
    on conflict (district_id, ${spec.key}) do update set ${updates}
    where (${mine}) is distinct from (${theirs})`;
}

/** Upserts rows in batches; returns how many rows were inserted or changed. */
export async function upsertRows(
  sql: Sql,
  districtId: string,
  entity: Stored,
  rows: Row[],
  onBatch: (done: number) => void,
): Promise<number> {
  const statement = upsertSql(TABLES[entity]);
  let changed = 0;
  let done = 0;
  for (const batch of batches(rows, BATCH_SIZE)) {
    const result = await sql.query(statement, [districtId, JSON.stringify(batch)]);
    changed += result.rowCount;
    done += batch.length;
    onBatch(done);
  }
  return changed;
}

/** Delta: removes the rows marked tobedeleted. */
export async function deleteRows(sql: Sql, districtId: string, entity: Stored, ids: string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const { table, key } = TABLES[entity];
  const result = await sql.query(`delete from ${table} where district_id = $1 and ${key} = any($2::text[])`, [districtId, ids]);
  return result.rowCount;
}

/** Bulk: removes the district's rows the file does not list. */
export async function deleteRowsNotIn(sql: Sql, districtId: string, entity: Stored, keep: string[]): Promise<number> {
  const { table, key } = TABLES[entity];
  const result = await sql.query(
    `delete from ${table} where district_id = $1 and not (${key} = any($2::text[]))`,
    [districtId, keep],
  );
  return result.rowCount;
}

/** The sourcedIds the district holds for an entity, to resolve references in delta imports. */
export async function existingIds(sql: Sql, districtId: string, entity: Stored): Promise<Set<string>> {
  const { table, key } = TABLES[entity];
  const { rows } = await sql.query<{ id: string }>(`select ${key} as id from ${table} where district_id = $1`, [districtId]);
  return new Set(rows.map((r) => r.id));
}

export async function existingUserRoles(sql: Sql, districtId: string): Promise<Map<string, string>> {
  const { rows } = await sql.query<{ id: string; role: string }>(
    'select sourced_id as id, role from users where district_id = $1',
    [districtId],
  );
  return new Map(rows.map((r) => [r.id, r.role]));
}

/** Sets the schools of `users` to exactly the pairs given, then drops the removals. */
export async function replaceUserOrgs(
  sql: Sql,
  districtId: string,
  plan: { users: string[]; pairs: [string, string][]; removals: [string, string][] },
): Promise<void> {
  const pairUsers = plan.pairs.map(([u]) => u);
  const pairOrgs = plan.pairs.map(([, o]) => o);
  if (plan.users.length > 0) {
    await sql.query(
      `delete from user_orgs uo
       where uo.district_id = $1 and uo.user_sourced_id = any($2::text[])
         and not exists (select 1 from unnest($3::text[], $4::text[]) as p(u, o)
                         where p.u = uo.user_sourced_id and p.o = uo.org_sourced_id)`,
      [districtId, plan.users, pairUsers, pairOrgs],
    );
  }
  for (const batch of batches(plan.pairs, BATCH_SIZE * 4)) {
    await sql.query(
      `insert into user_orgs (district_id, user_sourced_id, org_sourced_id)
       select $1::uuid, u, o from unnest($2::text[], $3::text[]) as p(u, o)
       on conflict do nothing`,
      [districtId, batch.map(([u]) => u), batch.map(([, o]) => o)],
    );
  }
  if (plan.removals.length > 0) {
    await sql.query(
      `delete from user_orgs
       where district_id = $1 and (user_sourced_id, org_sourced_id) in (select u, o from unnest($2::text[], $3::text[]) as p(u, o))`,
      [districtId, plan.removals.map(([u]) => u), plan.removals.map(([, o]) => o)],
    );
  }
}

/** 1.2 delta: roles.csv changed the role of users that users.csv did not list. */
export async function updateUserRoles(sql: Sql, districtId: string, updates: { sourced_id: string; role: string }[]): Promise<void> {
  if (updates.length === 0) return;
  await sql.query(
    `update users set role = r.role
     from jsonb_to_recordset($2::jsonb) as r(sourced_id text, role text)
     where users.district_id = $1 and users.sourced_id = r.sourced_id and users.role is distinct from r.role`,
    [districtId, JSON.stringify(updates)],
  );
}

/**
 * Embedded PGlite checks each foreign key with a per-row trigger in WASM, which
 * is most of the time of a large first import. The importer has already resolved
 * every reference against the same transaction's data, so on PGlite (one
 * connection, no concurrent writer) it switches those checks off while it inserts,
 * as pg_restore --disable-triggers does, and back on before anything is deleted so
 * that ON DELETE CASCADE still applies. A PostgreSQL server keeps its checks.
 */
export async function setInsertReferenceChecks(sql: Sql, enabled: boolean): Promise<void> {
  await sql.query(enabled ? 'set local session_replication_role = origin' : 'set local session_replication_role = replica');
}
