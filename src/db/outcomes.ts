/**
 * Imported outcomes' SQL (docs/measures.md, "Outcomes by school and period"):
 * the rows a measure of kind imported_outcome sums, the schools a project's
 * scope covers, and the catalogue of outcomes a person may chart. The importer
 * writes them (src/ingest/outcomes); the arithmetic is src/core/improvement/outcomes.ts.
 */
import type { Scope } from '../core/access/roles.ts';
import { periodStart, type OutcomeRow } from '../core/improvement/outcomes.ts';
import type { Sql } from './database.ts';
import { Params } from './params.ts';
import { schoolVisible } from './scope.ts';

/**
 * The schools a project's scope covers: a school project its school, a team
 * project its team's school, a district project every school (null: no limit).
 */
export async function schoolsOfProject(sql: Sql, districtId: string, projectId: string): Promise<string[] | null> {
  const { rows } = await sql.query<{ kind: string; school: string | null }>(
    `select p.scope_kind as kind,
            case p.scope_kind when 'school' then p.scope_id
                              when 'team' then (select t.school_sourced_id from teams t where t.district_id = p.district_id and t.sourced_id = p.scope_id)
            end as school
     from improvement_projects p where p.district_id = $1 and p.id = $2`,
    [districtId, projectId],
  );
  const project = rows[0];
  if (!project || project.kind === 'district') return null;
  return project.school ? [project.school] : [];
}

/** The outcome's rows for the schools (null: every school of the district). */
export async function outcomeRows(sql: Sql, districtId: string, outcome: string, schools: readonly string[] | null): Promise<OutcomeRow[]> {
  const { rows } = await sql.query<OutcomeRow>(
    `select period, value, denominator from outcome_values
     where district_id = $1 and outcome = $2 and ($3::text[] is null or school_sourced_id = any($3::text[]))
     order by period, school_sourced_id`,
    [districtId, outcome, schools],
  );
  return rows.map((r) => ({ period: r.period, value: Number(r.value), denominator: r.denominator === null ? null : Number(r.denominator) }));
}

/** The outcome keys imported in the district. */
export async function importedOutcomeKeys(sql: Sql, districtId: string): Promise<string[]> {
  const { rows } = await sql.query<{ outcome: string }>('select distinct outcome from outcome_values where district_id = $1 order by outcome', [districtId]);
  return rows.map((r) => r.outcome);
}

export interface OutcomeCatalogueEntry {
  outcome: string;
  schools: { id: string; name: string }[];
  /** The periods imported for any of those schools, in the order of their first days. */
  periods: string[];
}

/** Each outcome with the schools the scope sees that have values for it, and their periods. */
export async function outcomeCatalogue(sql: Sql, scope: Scope): Promise<OutcomeCatalogueEntry[]> {
  const p = new Params();
  const { rows } = await sql.query<{ outcome: string; school: string; name: string; periods: string[] }>(
    `select v.outcome, v.school_sourced_id as school, o.name, array_agg(v.period order by v.period) as periods
     from outcome_values v
     join orgs o on o.district_id = v.district_id and o.sourced_id = v.school_sourced_id and o.type = 'school'
     where ${schoolVisible(scope, p, 'o')}
     group by v.outcome, v.school_sourced_id, o.name
     order by v.outcome, o.name, v.school_sourced_id`,
    p.values,
  );
  const byOutcome = new Map<string, { schools: { id: string; name: string }[]; periods: Set<string> }>();
  for (const row of rows) {
    const entry = byOutcome.get(row.outcome) ?? { schools: [], periods: new Set<string>() };
    entry.schools.push({ id: row.school, name: row.name });
    for (const period of row.periods) entry.periods.add(period);
    byOutcome.set(row.outcome, entry);
  }
  return [...byOutcome].map(([outcome, entry]) => ({ outcome, schools: entry.schools, periods: [...entry.periods].sort(byStart) }));
}

function byStart(a: string, b: string): number {
  return (periodStart(a) ?? a).localeCompare(periodStart(b) ?? b) || a.localeCompare(b);
}
