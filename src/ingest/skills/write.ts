/**
 * The SQL of the skill imports (CASE packages and skills CSV): frameworks and
 * skills upserted by their keys, and the links each import owns (the parents,
 * prerequisites and courses of the skills it lists) replaced.
 */
import type { Sql } from '../../db/database.ts';
import { batches } from '../common/write.ts';

const BATCH = 5000;

export interface FrameworkRow {
  source: 'case' | 'csv';
  sourceKey: string;
  uri: string | null;
  title: string;
  version: string | null;
}

export interface SkillRow {
  source_key: string;
  code: string | null;
  name: string;
  item_type: string | null;
  case_identifier: string | null;
  case_uri: string | null;
  sort_order: number;
}

/** Finds or creates the framework by (source, key), updating its title, URI and version; returns its id. */
export async function upsertFramework(sql: Sql, districtId: string, framework: FrameworkRow): Promise<string> {
  const { rows } = await sql.query<{ id: string }>(
    `insert into skill_frameworks (district_id, source, source_key, uri, title, version) values ($1, $2, $3, $4, $5, $6)
     on conflict (district_id, source, source_key) do update
       set uri = excluded.uri, title = excluded.title, version = excluded.version, updated_at = now()
       where (skill_frameworks.uri, skill_frameworks.title, skill_frameworks.version)
         is distinct from (excluded.uri, excluded.title, excluded.version)
     returning id`,
    [districtId, framework.source, framework.sourceKey, framework.uri, framework.title, framework.version],
  );
  if (rows[0]) return rows[0].id;
  const existing = await sql.query<{ id: string }>(
    'select id from skill_frameworks where district_id = $1 and source = $2 and source_key = $3',
    [districtId, framework.source, framework.sourceKey],
  );
  return existing.rows[0]!.id;
}

/** Upserts skills by source key; unchanged rows are left alone. Returns source key → skill id for the whole framework. */
export async function upsertSkills(sql: Sql, districtId: string, frameworkId: string, skills: SkillRow[]): Promise<Map<string, string>> {
  for (const batch of batches(skills, BATCH)) {
    await sql.query(
      `insert into skills (district_id, framework_id, source_key, code, name, item_type, case_identifier, case_uri, sort_order)
       select $1::uuid, $2::uuid, r.source_key, r.code, r.name, r.item_type, r.case_identifier, r.case_uri, r.sort_order
       from jsonb_to_recordset($3::jsonb)
         as r(source_key text, code text, name text, item_type text, case_identifier text, case_uri text, sort_order integer)
       on conflict (district_id, framework_id, source_key) do update
         set code = excluded.code, name = excluded.name, item_type = excluded.item_type,
             case_identifier = excluded.case_identifier, case_uri = excluded.case_uri, sort_order = excluded.sort_order
         where (skills.code, skills.name, skills.item_type, skills.case_identifier, skills.case_uri, skills.sort_order)
           is distinct from (excluded.code, excluded.name, excluded.item_type, excluded.case_identifier, excluded.case_uri, excluded.sort_order)`,
      [districtId, frameworkId, JSON.stringify(batch)],
    );
  }
  const { rows } = await sql.query<{ key: string; id: string }>(
    'select source_key as key, id from skills where district_id = $1 and framework_id = $2',
    [districtId, frameworkId],
  );
  return new Map(rows.map((r) => [r.key, r.id]));
}

/** Sets each listed skill's parent (a skill id, or null at the top). */
export async function setParents(sql: Sql, districtId: string, parents: { id: string; parent: string | null }[]): Promise<void> {
  for (const batch of batches(parents, BATCH)) {
    await sql.query(
      `update skills s set parent_id = r.parent
       from jsonb_to_recordset($2::jsonb) as r(id uuid, parent uuid)
       where s.district_id = $1 and s.id = r.id and s.parent_id is distinct from r.parent`,
      [districtId, JSON.stringify(batch)],
    );
  }
}

/** The link tables an import replaces: each row is (skill_id, the other end), the other end named `key` in the links. */
const LINK_TABLES = {
  prerequisites: { table: 'skill_prerequisites', column: 'prerequisite_id', key: 'prerequisite', type: 'uuid' },
  courses: { table: 'skill_courses', column: 'course_sourced_id', key: 'course', type: 'text' },
} as const;

/**
 * The links of the `owners` in one link table become exactly `links`: those
 * not listed are deleted, the new ones inserted. Returns how many were removed.
 * The table and column names are the constants above, never input.
 */
async function replaceLinks(
  sql: Sql,
  districtId: string,
  kind: keyof typeof LINK_TABLES,
  owners: string[],
  links: { skill: string }[],
): Promise<number> {
  const { table, column, key, type } = LINK_TABLES[kind];
  const removed = await sql.query(
    `delete from ${table} l
     where l.district_id = $1 and l.skill_id = any($2::uuid[])
       and not exists (select 1 from jsonb_to_recordset($3::jsonb) as r(skill uuid, ${key} ${type})
                       where r.skill = l.skill_id and r.${key} = l.${column})`,
    [districtId, owners, JSON.stringify(links)],
  );
  for (const batch of batches(links, BATCH)) {
    await sql.query(
      `insert into ${table} (district_id, skill_id, ${column})
       select $1::uuid, r.skill, r.${key} from jsonb_to_recordset($2::jsonb) as r(skill uuid, ${key} ${type})
       on conflict do nothing`,
      [districtId, JSON.stringify(batch)],
    );
  }
  return removed.rowCount;
}

/** The prerequisites of the `owners` become exactly `links`; returns how many links were removed. */
export async function replacePrerequisites(sql: Sql, districtId: string, owners: string[], links: { skill: string; prerequisite: string }[]): Promise<number> {
  return replaceLinks(sql, districtId, 'prerequisites', owners, links);
}

/** The courses of the `owners` become exactly `links`; returns how many links were removed. */
export async function replaceCourses(sql: Sql, districtId: string, owners: string[], links: { skill: string; course: string }[]): Promise<number> {
  return replaceLinks(sql, districtId, 'courses', owners, links);
}
