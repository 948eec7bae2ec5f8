/**
 * PDSA cycles of a project: written a phase at a time (Plan, Do, Study, Act),
 * linked to a change idea, a measure and the cycle they build on (a ramp).
 */
import { Type } from '@fastify/type-provider-typebox';
import { wouldCloseLoop } from '../../core/improvement/cycles.ts';
import { isIsoDate } from '../../core/improvement/values.ts';
import type { Sql } from '../../db/database.ts';
import { recordTimeline } from '../../db/improvement.ts';
import { belongsToProject, deleteCycle, getCycle, insertCycle, listCycles, updateCycle, type CycleInput } from '../../db/improvement-cycles.ts';
import { accountOf, scopeOf } from '../plugins/auth.ts';
import { notFound, Problem } from '../problem.ts';
import { Items, problems } from '../schemas.ts';
import { cycleView, visibleProject } from './improvement-facts.ts';
import { Cycle, CycleParams, CyclePatch, NewCycle, ProjectParams } from './improvement-schemas.ts';
import { ACCESS, type Api, type RouteContext } from './types.ts';

const tags = ['improvement'];

/** Dates that are real, links that stay inside the project, and no loop of cycles. */
async function checkCycleInput(sql: Sql, districtId: string, projectId: string, cycleId: string | null, input: CycleInput): Promise<void> {
  for (const [field, value] of [['dueOn', input.dueOn], ['do.startedOn', input.do?.startedOn], ['do.endedOn', input.do?.endedOn]] as const) {
    if (value && !isIsoDate(value)) throw new Problem(400, `The field "${field}" must be a real date written YYYY-MM-DD, not "${value}".`);
  }
  const links = [
    ['changeIdeaId', 'improvement_change_ideas', input.changeIdeaId, 'change idea'],
    ['previousCycleId', 'improvement_cycles', input.previousCycleId, 'cycle'],
    ['measureId', 'improvement_measures', input.measureId, 'measure'],
  ] as const;
  for (const [field, table, id, what] of links) {
    if (id && !(await belongsToProject(sql, table, districtId, projectId, id))) {
      throw new Problem(400, `The field "${field}" names no ${what} of this project.`);
    }
  }
  if (cycleId && input.previousCycleId) {
    const cycles = await listCycles(sql, districtId, projectId);
    if (wouldCloseLoop(cycles, cycleId, input.previousCycleId)) {
      throw new Problem(400, 'A cycle cannot build on itself or on a cycle that builds on it.');
    }
  }
}

/** Timeline words for what a change wrote: the phases it touched. */
function describeChange(input: CycleInput): string[] {
  const phases: string[] = [];
  if (input.plan) phases.push('planned');
  if (input.do) phases.push('did');
  if (input.study) phases.push('studied');
  if (input.act?.decision) phases.push(`decided to ${input.act.decision}`);
  else if (input.act) phases.push('acted on');
  return phases;
}

export function improvementCycleRoutes(app: Api, { db }: RouteContext): void {
  app.get(
    '/api/improvement/projects/:id/cycles',
    { config: { access: ACCESS.staff }, schema: { tags, summary: 'The project’s PDSA cycles, oldest first, with phase and overdue flag', params: ProjectParams, response: { 200: Items(Cycle), ...problems(400, 401, 403, 404) } } },
    async (request) => {
      const project = await visibleProject(db, request, request.params.id);
      return { items: (await listCycles(db, scopeOf(request).districtId, project.id)).map((cycle) => cycleView(cycle)) };
    },
  );

  app.post(
    '/api/improvement/projects/:id/cycles',
    { config: { access: ACCESS.staff }, schema: { tags, summary: 'Start a PDSA cycle (usually with its plan)', params: ProjectParams, body: NewCycle, response: { 201: Cycle, ...problems(400, 401, 403, 404) } } },
    async (request, reply) => {
      const { districtId } = scopeOf(request);
      const project = await visibleProject(db, request, request.params.id);
      const input = { ...request.body, title: request.body.title.trim() };
      await checkCycleInput(db, districtId, project.id, null, input);
      const id = await db.transaction(async (tx) => {
        const id = await insertCycle(tx, districtId, project.id, accountOf(request).id, input);
        await recordTimeline(tx, districtId, project.id, accountOf(request).id, 'cycle.created', `PDSA cycle “${input.title}” started at ${input.scale ?? 'classroom'} scale.`);
        return id;
      });
      reply.code(201);
      return cycleView((await getCycle(db, districtId, project.id, id))!);
    },
  );

  app.get(
    '/api/improvement/projects/:id/cycles/:cycleId',
    { config: { access: ACCESS.staff }, schema: { tags, summary: 'One PDSA cycle', params: CycleParams, response: { 200: Cycle, ...problems(400, 401, 403, 404) } } },
    async (request) => {
      const project = await visibleProject(db, request, request.params.id);
      const cycle = await getCycle(db, scopeOf(request).districtId, project.id, request.params.cycleId);
      if (!cycle) throw notFound('PDSA cycle of this project');
      return cycleView(cycle);
    },
  );

  app.patch(
    '/api/improvement/projects/:id/cycles/:cycleId',
    { config: { access: ACCESS.staff }, schema: { tags, summary: 'Write a phase of a cycle, or change its links', params: CycleParams, body: CyclePatch, response: { 200: Cycle, ...problems(400, 401, 403, 404) } } },
    async (request) => {
      const { districtId } = scopeOf(request);
      const project = await visibleProject(db, request, request.params.id);
      const before = await getCycle(db, districtId, project.id, request.params.cycleId);
      if (!before) throw notFound('PDSA cycle of this project');
      const input = { ...request.body, title: request.body.title?.trim() };
      await checkCycleInput(db, districtId, project.id, before.id, input);
      const startedOn = input.do?.startedOn !== undefined ? input.do.startedOn : before.do.startedOn;
      const endedOn = input.do?.endedOn !== undefined ? input.do.endedOn : before.do.endedOn;
      if (startedOn && endedOn && endedOn < startedOn) throw new Problem(400, `The cycle cannot end (${endedOn}) before it starts (${startedOn}).`);
      await db.transaction(async (tx) => {
        await updateCycle(tx, districtId, project.id, before.id, input);
        const phases = describeChange(input);
        const summary = phases.length > 0 ? `PDSA cycle “${input.title ?? before.title}”: ${phases.join(', ')}.` : `PDSA cycle “${input.title ?? before.title}” edited.`;
        await recordTimeline(tx, districtId, project.id, accountOf(request).id, input.act?.decision ? 'cycle.decided' : input.study ? 'cycle.studied' : 'cycle.updated', summary);
      });
      return cycleView((await getCycle(db, districtId, project.id, before.id))!);
    },
  );

  app.delete(
    '/api/improvement/projects/:id/cycles/:cycleId',
    { config: { access: ACCESS.staff }, schema: { tags, summary: 'Delete a cycle (cycles building on it keep going, unlinked)', params: CycleParams, response: { 204: Type.Null(), ...problems(400, 401, 403, 404) } } },
    async (request, reply) => {
      const { districtId } = scopeOf(request);
      const project = await visibleProject(db, request, request.params.id);
      const cycle = await getCycle(db, districtId, project.id, request.params.cycleId);
      if (!cycle) throw notFound('PDSA cycle of this project');
      await db.transaction(async (tx) => {
        await deleteCycle(tx, districtId, project.id, cycle.id);
        await recordTimeline(tx, districtId, project.id, accountOf(request).id, 'cycle.removed', `PDSA cycle “${cycle.title}” deleted.`);
      });
      return reply.code(204).send(null);
    },
  );
}
