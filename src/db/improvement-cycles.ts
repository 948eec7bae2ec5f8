/**
 * Change ideas and PDSA cycles of a project. Callers have already checked that
 * the viewer sees the project; every query still names the district and project.
 */
import type { ActDecision, Scale } from '../core/improvement/types.ts';
import type { Sql } from './database.ts';
import { Params } from './params.ts';

export interface ChangeIdea {
  id: string;
  title: string;
  description: string;
  parentNodeId: string | null;
  createdAt: string;
}

export interface Cycle {
  id: string;
  title: string;
  changeIdeaId: string | null;
  previousCycleId: string | null;
  measureId: string | null;
  scale: Scale;
  participants: string;
  dueOn: string | null;
  plan: { question: string; prediction: string; who: string; what: string; where: string; when: string; data: string };
  do: { startedOn: string | null; endedOn: string | null; whatHappened: string; observations: string };
  study: { results: string };
  act: { decision: ActDecision | null; nextStep: string };
  createdAt: string;
  updatedAt: string;
}

const TIMESTAMP = (column: string) => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

export async function listChangeIdeas(sql: Sql, districtId: string, projectId: string): Promise<ChangeIdea[]> {
  const { rows } = await sql.query<ChangeIdea>(
    `select id, title, description, parent_node_id as "parentNodeId", ${TIMESTAMP('created_at')} as "createdAt"
     from improvement_change_ideas where district_id = $1 and project_id = $2 order by created_at, id`,
    [districtId, projectId],
  );
  return rows;
}

export async function insertChangeIdea(sql: Sql, districtId: string, projectId: string, idea: { title: string; description: string }): Promise<string> {
  const { rows } = await sql.query<{ id: string }>(
    'insert into improvement_change_ideas (district_id, project_id, title, description) values ($1, $2, $3, $4) returning id',
    [districtId, projectId, idea.title, idea.description],
  );
  return rows[0]!.id;
}

export async function updateChangeIdea(sql: Sql, districtId: string, projectId: string, id: string, changes: { title?: string; description?: string }): Promise<boolean> {
  const { rowCount } = await sql.query(
    `update improvement_change_ideas set title = coalesce($4, title), description = coalesce($5, description), updated_at = now()
     where district_id = $1 and project_id = $2 and id = $3`,
    [districtId, projectId, id, changes.title ?? null, changes.description ?? null],
  );
  return rowCount > 0;
}

export async function deleteChangeIdea(sql: Sql, districtId: string, projectId: string, id: string): Promise<boolean> {
  const { rowCount } = await sql.query('delete from improvement_change_ideas where district_id = $1 and project_id = $2 and id = $3', [districtId, projectId, id]);
  return rowCount > 0;
}

/** Whether `id` is a row of `table` in this project (for links between a project's records). */
export async function belongsToProject(
  sql: Sql,
  table: 'improvement_change_ideas' | 'improvement_cycles' | 'improvement_measures',
  districtId: string,
  projectId: string,
  id: string,
): Promise<boolean> {
  const { rows } = await sql.query(`select 1 from ${table} where district_id = $1 and project_id = $2 and id = $3`, [districtId, projectId, id]);
  return rows.length > 0;
}

const CYCLE_COLUMNS = `c.id, c.title, c.change_idea_id as "changeIdeaId", c.previous_cycle_id as "previousCycleId", c.measure_id as "measureId",
  c.scale, c.participants, to_char(c.due_on, 'YYYY-MM-DD') as "dueOn",
  json_build_object('question', c.plan_question, 'prediction', c.plan_prediction, 'who', c.plan_who, 'what', c.plan_what,
                    'where', c.plan_where, 'when', c.plan_when, 'data', c.plan_data) as plan,
  json_build_object('startedOn', to_char(c.do_started_on, 'YYYY-MM-DD'), 'endedOn', to_char(c.do_ended_on, 'YYYY-MM-DD'),
                    'whatHappened', c.do_what_happened, 'observations', c.do_observations) as "do",
  json_build_object('results', c.study_results) as study,
  json_build_object('decision', c.act_decision, 'nextStep', c.act_next_step) as act,
  ${TIMESTAMP('c.created_at')} as "createdAt", ${TIMESTAMP('c.updated_at')} as "updatedAt"`;

export async function listCycles(sql: Sql, districtId: string, projectId: string): Promise<Cycle[]> {
  const { rows } = await sql.query<Cycle>(
    `select ${CYCLE_COLUMNS} from improvement_cycles c where c.district_id = $1 and c.project_id = $2 order by c.created_at, c.id`,
    [districtId, projectId],
  );
  return rows;
}

/** The cycles of several projects at once (the district capacity view), each with its project. */
export async function listCyclesOfProjects(sql: Sql, districtId: string, projectIds: string[]): Promise<(Cycle & { projectId: string })[]> {
  const { rows } = await sql.query<Cycle & { projectId: string }>(
    `select ${CYCLE_COLUMNS}, c.project_id as "projectId" from improvement_cycles c
     where c.district_id = $1 and c.project_id = any($2::uuid[]) order by c.created_at, c.id`,
    [districtId, projectIds],
  );
  return rows;
}

export async function getCycle(sql: Sql, districtId: string, projectId: string, id: string): Promise<Cycle | null> {
  const { rows } = await sql.query<Cycle>(
    `select ${CYCLE_COLUMNS} from improvement_cycles c where c.district_id = $1 and c.project_id = $2 and c.id = $3`,
    [districtId, projectId, id],
  );
  return rows[0] ?? null;
}

/** A cycle's fields as they arrive from the API: every one optional, phases written one at a time. */
export interface CycleInput {
  title?: string;
  changeIdeaId?: string | null;
  previousCycleId?: string | null;
  measureId?: string | null;
  scale?: Scale;
  participants?: string;
  dueOn?: string | null;
  plan?: Partial<Cycle['plan']>;
  do?: Partial<Cycle['do']>;
  study?: Partial<Cycle['study']>;
  act?: Partial<Cycle['act']>;
}

/** Column of each input field. */
function cycleColumns(input: CycleInput): [string, unknown][] {
  const pairs: [string, unknown][] = [];
  const add = (column: string, value: unknown) => {
    if (value !== undefined) pairs.push([column, value]);
  };
  add('title', input.title);
  add('change_idea_id', input.changeIdeaId);
  add('previous_cycle_id', input.previousCycleId);
  add('measure_id', input.measureId);
  add('scale', input.scale);
  add('participants', input.participants);
  add('due_on', input.dueOn);
  add('plan_question', input.plan?.question);
  add('plan_prediction', input.plan?.prediction);
  add('plan_who', input.plan?.who);
  add('plan_what', input.plan?.what);
  add('plan_where', input.plan?.where);
  add('plan_when', input.plan?.when);
  add('plan_data', input.plan?.data);
  add('do_started_on', input.do?.startedOn);
  add('do_ended_on', input.do?.endedOn);
  add('do_what_happened', input.do?.whatHappened);
  add('do_observations', input.do?.observations);
  add('study_results', input.study?.results);
  add('act_decision', input.act?.decision);
  add('act_next_step', input.act?.nextStep);
  return pairs;
}

export async function insertCycle(sql: Sql, districtId: string, projectId: string, accountId: string, input: CycleInput & { title: string }): Promise<string> {
  const pairs = [...cycleColumns(input), ['district_id', districtId], ['project_id', projectId], ['created_by', accountId]] as [string, unknown][];
  const p = new Params();
  const values = pairs.map(([, value]) => p.add(value));
  const { rows } = await sql.query<{ id: string }>(
    `insert into improvement_cycles (${pairs.map(([column]) => column).join(', ')}) values (${values.join(', ')}) returning id`,
    p.values,
  );
  return rows[0]!.id;
}

export async function updateCycle(sql: Sql, districtId: string, projectId: string, id: string, input: CycleInput): Promise<boolean> {
  const p = new Params();
  const sets = [...cycleColumns(input).map(([column, value]) => `${column} = ${p.add(value)}`), 'updated_at = now()'];
  const { rowCount } = await sql.query(
    `update improvement_cycles set ${sets.join(', ')} where district_id = ${p.add(districtId)} and project_id = ${p.add(projectId)} and id = ${p.add(id)}`,
    p.values,
  );
  return rowCount > 0;
}

export async function deleteCycle(sql: Sql, districtId: string, projectId: string, id: string): Promise<boolean> {
  const { rowCount } = await sql.query('delete from improvement_cycles where district_id = $1 and project_id = $2 and id = $3', [districtId, projectId, id]);
  return rowCount > 0;
}
