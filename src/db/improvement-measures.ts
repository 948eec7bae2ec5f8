/**
 * A project's measures and their values. Values are replaced as a whole (typed
 * table or CSV file), in the caller's transaction, so an upload is all-or-nothing.
 */
import type { Area, MeasureKind, MeasureSource } from '../core/improvement/types.ts';
import type { ChartOptions } from '../core/spc/types.ts';
import type { Sql } from './database.ts';
import { Params } from './params.ts';

export interface Measure {
  id: string;
  kind: MeasureKind;
  name: string;
  area: Area | null;
  operationalDefinition: string;
  chartOptions: ChartOptions;
  source: MeasureSource;
  liveDefinition: Record<string, unknown> | null;
  /** When a live measure's values were last recomputed; null for other measures and before the first. */
  liveComputedAt: string | null;
  valueCount: number;
  createdAt: string;
  updatedAt: string;
}

export interface MeasureValue {
  x: string;
  y: number | null;
  n: number | null;
}

const MEASURE_COLUMNS = `m.id, m.kind, m.name, m.area, m.operational_definition as "operationalDefinition", m.chart_options as "chartOptions",
  m.source, m.live_definition as "liveDefinition",
  to_char(m.live_computed_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "liveComputedAt",
  (select count(*)::int from improvement_measure_values v where v.district_id = m.district_id and v.measure_id = m.id) as "valueCount",
  to_char(m.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "createdAt",
  to_char(m.updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "updatedAt"`;

export async function listMeasures(sql: Sql, districtId: string, projectId: string): Promise<Measure[]> {
  const { rows } = await sql.query<Measure>(
    `select ${MEASURE_COLUMNS} from improvement_measures m where m.district_id = $1 and m.project_id = $2
     order by case m.kind when 'outcome' then 0 when 'process' then 1 else 2 end, m.created_at, m.id`,
    [districtId, projectId],
  );
  return rows;
}

export async function getMeasure(sql: Sql, districtId: string, projectId: string, id: string): Promise<Measure | null> {
  const { rows } = await sql.query<Measure>(
    `select ${MEASURE_COLUMNS} from improvement_measures m where m.district_id = $1 and m.project_id = $2 and m.id = $3`,
    [districtId, projectId, id],
  );
  return rows[0] ?? null;
}

export interface MeasureInput {
  kind?: MeasureKind;
  name?: string;
  area?: Area | null;
  operationalDefinition?: string;
  chartOptions?: ChartOptions;
  source?: MeasureSource;
  liveDefinition?: Record<string, unknown> | null;
}

function measureColumns(input: MeasureInput): [string, unknown][] {
  const pairs: [string, unknown][] = [];
  const add = (column: string, value: unknown) => {
    if (value !== undefined) pairs.push([column, value]);
  };
  add('kind', input.kind);
  add('name', input.name);
  add('area', input.area);
  add('operational_definition', input.operationalDefinition);
  add('chart_options', input.chartOptions === undefined ? undefined : JSON.stringify(input.chartOptions));
  add('source', input.source);
  add('live_definition', input.liveDefinition === undefined || input.liveDefinition === null ? input.liveDefinition : JSON.stringify(input.liveDefinition));
  return pairs;
}

export async function insertMeasure(sql: Sql, districtId: string, projectId: string, input: MeasureInput & { kind: MeasureKind; name: string }): Promise<string> {
  const pairs: [string, unknown][] = [...measureColumns(input), ['district_id', districtId], ['project_id', projectId]];
  const p = new Params();
  const values = pairs.map(([column, value]) => (column === 'chart_options' || column === 'live_definition' ? `${p.add(value)}::jsonb` : p.add(value)));
  const { rows } = await sql.query<{ id: string }>(
    `insert into improvement_measures (${pairs.map(([column]) => column).join(', ')}) values (${values.join(', ')}) returning id`,
    p.values,
  );
  return rows[0]!.id;
}

export async function updateMeasure(sql: Sql, districtId: string, projectId: string, id: string, input: MeasureInput): Promise<boolean> {
  const p = new Params();
  const sets = measureColumns(input).map(([column, value]) =>
    column === 'chart_options' || column === 'live_definition' ? `${column} = ${p.add(value)}::jsonb` : `${column} = ${p.add(value)}`,
  );
  sets.push('updated_at = now()');
  const { rowCount } = await sql.query(
    `update improvement_measures set ${sets.join(', ')} where district_id = ${p.add(districtId)} and project_id = ${p.add(projectId)} and id = ${p.add(id)}`,
    p.values,
  );
  return rowCount > 0;
}

export async function deleteMeasure(sql: Sql, districtId: string, projectId: string, id: string): Promise<boolean> {
  const { rowCount } = await sql.query('delete from improvement_measures where district_id = $1 and project_id = $2 and id = $3', [districtId, projectId, id]);
  return rowCount > 0;
}

export async function listValues(sql: Sql, districtId: string, measureId: string): Promise<MeasureValue[]> {
  const { rows } = await sql.query<MeasureValue>(
    `select to_char(x, 'YYYY-MM-DD') as x, y, n from improvement_measure_values where district_id = $1 and measure_id = $2 order by x, position`,
    [districtId, measureId],
  );
  return rows;
}

/** Replaces the series with `values`; run inside a transaction with the rest of the change. */
export async function replaceValues(sql: Sql, districtId: string, measureId: string, values: readonly MeasureValue[]): Promise<void> {
  await sql.query('delete from improvement_measure_values where district_id = $1 and measure_id = $2', [districtId, measureId]);
  const BATCH = 500;
  for (let start = 0; start < values.length; start += BATCH) {
    const p = new Params();
    const rows = values.slice(start, start + BATCH).map(
      (value, i) => `(${p.add(districtId)}, ${p.add(measureId)}, ${p.add(start + i + 1)}, ${p.add(value.x)}::date, ${p.add(value.y)}::double precision, ${p.add(value.n)}::double precision)`,
    );
    await sql.query(`insert into improvement_measure_values (district_id, measure_id, position, x, y, n) values ${rows.join(', ')}`, p.values);
  }
  await sql.query('update improvement_measures set updated_at = now() where district_id = $1 and id = $2', [districtId, measureId]);
}
