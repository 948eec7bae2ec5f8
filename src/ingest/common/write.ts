/** SQL shared by the importers: the tenant (districts) and the import history. */
import type { Sql } from '../../db/database.ts';
import type { ImportProblem, ImportReport } from './report.ts';

export interface DistrictRow {
  id: string;
  sourcedId: string;
  name: string;
}

export async function listDistricts(sql: Sql): Promise<DistrictRow[]> {
  const { rows } = await sql.query<DistrictRow>(
    'select id, sourced_id as "sourcedId", name from districts order by sourced_id',
  );
  return rows;
}

/** Finds the district by sourcedId, creating it if new; a changed name is updated. */
export async function ensureDistrict(sql: Sql, sourcedId: string, name: string, isDemo: boolean): Promise<string> {
  await sql.query(
    `insert into districts (sourced_id, name, is_demo) values ($1, $2, $3)
     on conflict (sourced_id) do update set name = excluded.name where districts.name is distinct from excluded.name`,
    [sourcedId, name, isDemo],
  );
  const { rows } = await sql.query<{ id: string }>('select id from districts where sourced_id = $1', [sourcedId]);
  return rows[0]!.id;
}

export async function districtIdBySourcedId(sql: Sql, sourcedId: string): Promise<string | null> {
  const { rows } = await sql.query<{ id: string }>('select id from districts where sourced_id = $1', [sourcedId]);
  return rows[0]?.id ?? null;
}

/** The history keeps the first problems of a run; the report itself has them all. */
const STORED_PROBLEMS = 1000;

export async function recordImportRun(
  sql: Sql,
  run: { districtId: string | null; kind: string; source: string; startedAt: Date; report: ImportReport },
): Promise<void> {
  const problems: ImportProblem[] = run.report.problems.slice(0, STORED_PROBLEMS);
  await sql.query(
    `insert into import_runs (district_id, kind, source, outcome, counts, problems, started_at)
     values ($1, $2, $3, $4, $5::jsonb, $6::jsonb, $7)`,
    [
      run.districtId,
      run.kind,
      run.source,
      run.report.outcome,
      JSON.stringify(run.report.counts),
      JSON.stringify(run.report.error ? [{ file: '', line: 0, field: '', value: '', message: run.report.error }, ...problems] : problems),
      run.startedAt.toISOString(),
    ],
  );
}

/** Rows of one batch as JSON for `jsonb_to_recordset`: one parameter, no SQL built from values. */
export function batches<T>(rows: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}
