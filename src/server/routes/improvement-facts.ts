/**
 * Gathers what the improvement logic reads about a project from its tables, and
 * the shared steps of every improvement route: find the project the caller may
 * see (or 404), and record each change on the timeline.
 */
import type { FastifyRequest } from 'fastify';
import { today } from '../../grouping/dates.ts';
import { aimSentence, checkAim } from '../../core/improvement/aim.ts';
import { cyclePhase, isOverdue, ramps } from '../../core/improvement/cycles.ts';
import { improvementCapacity, playbookFor } from '../../core/improvement/playbooks.ts';
import type { CycleFacts, ProjectFacts } from '../../core/improvement/types.ts';
import type { Sql } from '../../db/database.ts';
import { mayEditProject, readOnlyReason } from '../../core/improvement/editing.ts';
import { getProject, isProjectMember, listMembers, type ProjectSummary, type Viewer } from '../../db/improvement.ts';
import { listChangeIdeas, listCycles, type Cycle } from '../../db/improvement-cycles.ts';
import { listMeasures } from '../../db/improvement-measures.ts';
import { accountOf, scopeOf } from '../plugins/auth.ts';
import { notFound, Problem } from '../problem.ts';

export function viewerOf(request: FastifyRequest): Viewer {
  return { scope: scopeOf(request), accountId: accountOf(request).id };
}

/** The project the caller may see, or a 404 that does not reveal whether it exists. */
export async function visibleProject(sql: Sql, request: FastifyRequest, id: string): Promise<ProjectSummary> {
  const project = await getProject(sql, viewerOf(request), id);
  if (!project) throw notFound('improvement project');
  return project;
}

/** Whether the caller may change the project: its members and district admins (src/core/improvement/editing.ts). */
export async function mayEdit(sql: Sql, request: FastifyRequest, project: ProjectSummary): Promise<boolean> {
  const account = accountOf(request);
  const member = await isProjectMember(sql, scopeOf(request).districtId, project.id, { accountId: account.id, userSourcedId: account.userSourcedId });
  return mayEditProject(account.role, member);
}

/** The project the caller may see and change; 404 if they cannot see it, 403 (saying whom to ask) if they can only read it. */
export async function editableProject(sql: Sql, request: FastifyRequest, id: string): Promise<ProjectSummary> {
  const project = await visibleProject(sql, request, id);
  if (await mayEdit(sql, request, project)) return project;
  const leads = (await listMembers(sql, scopeOf(request).districtId, project.id)).filter((m) => m.role === 'lead').map((m) => m.name);
  throw new Problem(403, readOnlyReason(leads));
}

/** Today's date where the server runs, as YYYY-MM-DD (src/grouping/dates.ts). */
export { today };

export function cycleFacts(cycle: Cycle): CycleFacts {
  return {
    id: cycle.id,
    title: cycle.title,
    scale: cycle.scale,
    previousCycleId: cycle.previousCycleId,
    changeIdeaId: cycle.changeIdeaId,
    measureId: cycle.measureId,
    dueOn: cycle.dueOn,
    planQuestion: cycle.plan.question,
    planPrediction: cycle.plan.prediction,
    doStartedOn: cycle.do.startedOn,
    doEndedOn: cycle.do.endedOn,
    doWhatHappened: cycle.do.whatHappened,
    studyResults: cycle.study.results,
    actDecision: cycle.act.decision,
    createdAt: cycle.createdAt,
  };
}

/** A cycle as the API returns it: with its phase and whether it is overdue. */
export function cycleView(cycle: Cycle, on = today()) {
  const facts = cycleFacts(cycle);
  return { ...cycle, phase: cyclePhase(facts), overdue: isOverdue(facts, on) };
}

export function withSentence(project: ProjectSummary) {
  return { ...project, aimSentence: aimSentence(project.aim) };
}

/** The project page's data: summary, aim check, members, change ideas, playbook, capacity, ramps, and whether the caller may change it. */
export async function projectDetail(sql: Sql, request: FastifyRequest, project: ProjectSummary) {
  const districtId = scopeOf(request).districtId;
  const [canEdit, members, changeIdeas, cycles, measures] = await Promise.all([
    mayEdit(sql, request, project),
    listMembers(sql, districtId, project.id),
    listChangeIdeas(sql, districtId, project.id),
    listCycles(sql, districtId, project.id),
    listMeasures(sql, districtId, project.id),
  ]);
  const facts: ProjectFacts = {
    job: project.job,
    aim: project.aim,
    createdAt: project.createdAt,
    members: members.map((m) => ({ role: m.role, department: m.department })),
    cycles: cycles.map(cycleFacts),
    measures: measures.map((m) => ({ id: m.id, kind: m.kind, area: m.area, operationalDefinition: m.operationalDefinition, valueCount: m.valueCount })),
    changeIdeas: changeIdeas.map((idea) => ({ id: idea.id, parentNodeId: idea.parentNodeId })),
  };
  const context = { today: today() };
  return {
    ...withSentence(project),
    canEdit,
    aimCheck: checkAim(project.aim),
    members,
    changeIdeas,
    playbook: playbookFor(facts, context),
    capacity: improvementCapacity(facts, context),
    ramps: ramps(facts.cycles).map((ramp) => ({ cycleIds: ramp.cycles.map((c) => c.id), scales: ramp.scales, spread: ramp.spread })),
  };
}
