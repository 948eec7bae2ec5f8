import type { Sql } from './database.ts';

export interface DemoDistrictRecord {
  id: string;
  sourcedId: string;
  name: string;
}

/** The demo district (districts.is_demo), if one is loaded. */
export async function findDemoDistrict(sql: Sql): Promise<DemoDistrictRecord | null> {
  const { rows } = await sql.query<DemoDistrictRecord>(
    `select id, sourced_id as "sourcedId", name from districts where is_demo order by created_at limit 1`,
  );
  return rows[0] ?? null;
}

/** Deletes every demo district with its roster, teams and accounts (by cascade); returns how many. */
export async function deleteDemoDistricts(sql: Sql): Promise<number> {
  const { rowCount } = await sql.query(`delete from districts where is_demo`);
  return rowCount;
}

/** Which of `emails` have an account in a demo district, with their roles, in the order given. */
export async function demoAccountRoles(sql: Sql, emails: readonly string[]): Promise<{ email: string; role: string }[]> {
  const { rows } = await sql.query<{ email: string; role: string }>(
    `select a.email, a.role from accounts a join districts d on d.id = a.district_id
     where d.is_demo and lower(a.email) = any($1::text[])`,
    [emails.map((e) => e.toLowerCase())],
  );
  const byEmail = new Map(rows.map((r) => [r.email.toLowerCase(), r]));
  return emails.flatMap((e) => byEmail.get(e.toLowerCase()) ?? []);
}

/** How much learning data a district holds: statements stored, evidence derived from them, statements left unmapped. */
export async function learningDataCounts(sql: Sql, districtId: string): Promise<{ statements: number; evidence: number; unmapped: number }> {
  const { rows } = await sql.query<{ statements: number; evidence: number; unmapped: number }>(
    `select (select count(*)::int from xapi_statements where district_id = $1) as statements,
            (select count(*)::int from evidence where district_id = $1 and source_kind = 'xapi') as evidence,
            (select count(*)::int from unmapped_statements where district_id = $1) as unmapped`,
    [districtId],
  );
  return rows[0]!;
}
