/**
 * Improvement projects: create, list, read and change them, their members,
 * change ideas and timeline. Every change records a timeline entry in the same
 * transaction. Cycles and measures have their own route files.
 */
import { Type } from '@fastify/type-provider-typebox';
import { aimSentence } from '../../core/improvement/aim.ts';
import { JOB_CHOICES } from '../../core/improvement/playbooks.ts';
import { isIsoDate } from '../../core/improvement/values.ts';
import {
  deleteMember,
  insertMember,
  insertProject,
  listMembers,
  listProjects,
  listTimeline,
  mayOwnScope,
  recordTimeline,
  staffInScope,
  updateMember,
  updateProject,
} from '../../db/improvement.ts';
import { deleteChangeIdea, insertChangeIdea, listChangeIdeas, updateChangeIdea } from '../../db/improvement-cycles.ts';
import { accountOf, scopeOf } from '../plugins/auth.ts';
import { notFound, Problem } from '../problem.ts';
import { Items, problems } from '../schemas.ts';
import { projectDetail, viewerOf, visibleProject, withSentence } from './improvement-facts.ts';
import { improvementCapacityRoutes } from './improvement-capacity.ts';
import { improvementCycleRoutes } from './improvement-cycles.ts';
import { improvementMeasureRoutes } from './improvement-measures.ts';
import { improvementReportRoutes } from './improvement-reports.ts';
import {
  ChangeIdea,
  ChangeIdeaPatch,
  IdeaParams,
  Member,
  MemberParams,
  MemberPatch,
  NewChangeIdea,
  NewMember,
  NewProject,
  ProjectDetail,
  ProjectParams,
  ProjectPatch,
  ProjectQuery,
  ProjectSummary,
  TimelineEntry,
} from './improvement-schemas.ts';
import { ACCESS, type Api, type RouteContext } from './types.ts';

const tags = ['improvement'];

function checkDate(value: string | null | undefined, field: string): void {
  if (value !== null && value !== undefined && !isIsoDate(value)) throw new Problem(400, `The field "${field}" must be a real date written YYYY-MM-DD, not "${value}".`);
}

const scopeWords = { district: 'the district', school: 'that school', team: 'that team' } as const;

export function improvementRoutes(app: Api, context: RouteContext): void {
  const { db } = context;

  app.get(
    '/api/improvement/projects',
    {
      config: { access: ACCESS.staff },
      schema: { tags, summary: 'Improvement projects you can see, most recently changed first', querystring: ProjectQuery, response: { 200: Items(ProjectSummary), ...problems(400, 401, 403) } },
    },
    async (request) => ({ items: (await listProjects(db, viewerOf(request), request.query)).map(withSentence) }),
  );

  app.post(
    '/api/improvement/projects',
    {
      config: { access: ACCESS.staff },
      schema: { tags, summary: 'Start a project with the playbook of its job; you become its lead', body: NewProject, response: { 201: ProjectDetail, ...problems(400, 401, 403) } },
    },
    async (request, reply) => {
      const scope = scopeOf(request);
      const account = accountOf(request);
      const body = request.body;
      checkDate(body.aim?.byWhen, 'aim.byWhen');
      const target = { kind: body.scope.kind, id: body.scope.kind === 'district' ? null : body.scope.id };
      if (target.kind !== 'district' && target.id === null) throw new Problem(400, `A ${target.kind} project needs the ${target.kind}'s sourcedId in "scope.id".`);
      if (!(await mayOwnScope(db, scope, target.kind, target.id))) {
        throw new Problem(403, `You cannot start a project for ${scopeWords[target.kind]}: it is not in your scope.`);
      }
      const aim = { what: '', forWhom: '', howMuch: '', byWhen: null, ...body.aim };
      const id = await db.transaction(async (tx) => {
        const id = await insertProject(tx, scope.districtId, account.id, { title: body.title.trim(), job: body.job, aim, scope: target });
        await insertMember(tx, scope.districtId, id, { userSourcedId: account.userSourcedId, accountId: account.id, role: 'lead', department: null });
        await recordTimeline(tx, scope.districtId, id, account.id, 'project.created', `Started “${body.title.trim()}” (${JOB_CHOICES[body.job].name}).`);
        return id;
      });
      const project = await visibleProject(db, request, id);
      reply.code(201);
      return projectDetail(db, request, project);
    },
  );

  app.get(
    '/api/improvement/projects/:id',
    {
      config: { access: ACCESS.staff },
      schema: { tags, summary: 'A project with its aim check, members, change ideas, playbook, capacity and ramps', params: ProjectParams, response: { 200: ProjectDetail, ...problems(400, 401, 403, 404) } },
    },
    async (request) => projectDetail(db, request, await visibleProject(db, request, request.params.id)),
  );

  app.patch(
    '/api/improvement/projects/:id',
    {
      config: { access: ACCESS.staff },
      schema: { tags, summary: 'Change the title, status, aim or scope', params: ProjectParams, body: ProjectPatch, response: { 200: ProjectDetail, ...problems(400, 401, 403, 404) } },
    },
    async (request) => {
      const scope = scopeOf(request);
      const account = accountOf(request);
      const project = await visibleProject(db, request, request.params.id);
      const body = request.body;
      checkDate(body.aim?.byWhen, 'aim.byWhen');
      let target = body.scope;
      if (target) {
        target = { kind: target.kind, id: target.kind === 'district' ? null : target.id };
        if (target.kind !== 'district' && target.id === null) throw new Problem(400, `A ${target.kind} project needs the ${target.kind}'s sourcedId in "scope.id".`);
        if (!(await mayOwnScope(db, scope, target.kind, target.id))) {
          throw new Problem(403, `You cannot move the project to ${scopeWords[target.kind]}: it is not in your scope.`);
        }
      }
      const entries: [string, string][] = [];
      if (body.title !== undefined && body.title.trim() !== project.title) entries.push(['project.renamed', `Renamed to “${body.title.trim()}”.`]);
      if (body.status !== undefined && body.status !== project.status) entries.push(['project.status', `Status changed from ${project.status} to ${body.status}.`]);
      if (body.aim !== undefined) entries.push(['aim.updated', `Aim: ${aimSentence({ ...project.aim, ...body.aim })}`]);
      if (target !== undefined) entries.push(['project.scope', `Moved to a ${target.kind} scope${target.id ? ` (${target.id})` : ''}.`]);
      await db.transaction(async (tx) => {
        await updateProject(tx, scope.districtId, project.id, { ...body, title: body.title?.trim(), scope: target });
        for (const [kind, summary] of entries) await recordTimeline(tx, scope.districtId, project.id, account.id, kind, summary);
      });
      return projectDetail(db, request, await visibleProject(db, request, project.id));
    },
  );

  // Members

  app.get(
    '/api/improvement/projects/:id/members',
    { config: { access: ACCESS.staff }, schema: { tags, summary: 'The people on a project', params: ProjectParams, response: { 200: Items(Member), ...problems(400, 401, 403, 404) } } },
    async (request) => {
      const project = await visibleProject(db, request, request.params.id);
      return { items: await listMembers(db, scopeOf(request).districtId, project.id) };
    },
  );

  app.post(
    '/api/improvement/projects/:id/members',
    {
      config: { access: ACCESS.staff },
      schema: { tags, summary: 'Add an adult in your scope to the project', params: ProjectParams, body: NewMember, response: { 201: Member, ...problems(400, 401, 403, 404, 409) } },
    },
    async (request, reply) => {
      const scope = scopeOf(request);
      const project = await visibleProject(db, request, request.params.id);
      const { userSourcedId, role = 'member', department = null } = request.body;
      if (!(await staffInScope(db, scope, userSourcedId))) {
        throw new Problem(400, `There is no adult "${userSourcedId}" in your scope to add.`);
      }
      const memberId = await db.transaction(async (tx) => {
        const id = await insertMember(tx, scope.districtId, project.id, { userSourcedId, accountId: null, role, department: department?.trim() || null });
        if (id === null) return null;
        const [added] = (await listMembers(tx, scope.districtId, project.id)).filter((m) => m.id === id);
        await recordTimeline(tx, scope.districtId, project.id, accountOf(request).id, 'member.added', `${added!.name} joined as ${role}${added!.department ? ` (${added!.department})` : ''}.`);
        return id;
      });
      if (memberId === null) throw new Problem(409, 'That person is already on the project.');
      reply.code(201);
      return (await listMembers(db, scope.districtId, project.id)).find((m) => m.id === memberId)!;
    },
  );

  app.patch(
    '/api/improvement/projects/:id/members/:memberId',
    { config: { access: ACCESS.staff }, schema: { tags, summary: 'Change a member’s role or department', params: MemberParams, body: MemberPatch, response: { 200: Member, ...problems(400, 401, 403, 404) } } },
    async (request) => {
      const scope = scopeOf(request);
      const project = await visibleProject(db, request, request.params.id);
      const changes = { role: request.body.role, department: request.body.department === undefined ? undefined : request.body.department?.trim() || null };
      const member = await db.transaction(async (tx) => {
        if (!(await updateMember(tx, scope.districtId, project.id, request.params.memberId, changes))) return null;
        const member = (await listMembers(tx, scope.districtId, project.id)).find((m) => m.id === request.params.memberId)!;
        await recordTimeline(tx, scope.districtId, project.id, accountOf(request).id, 'member.changed', `${member.name} is now ${member.role}${member.department ? ` (${member.department})` : ''}.`);
        return member;
      });
      if (!member) throw notFound('member of this project');
      return member;
    },
  );

  app.delete(
    '/api/improvement/projects/:id/members/:memberId',
    { config: { access: ACCESS.staff }, schema: { tags, summary: 'Remove a member', params: MemberParams, response: { 204: Type.Null(), ...problems(400, 401, 403, 404) } } },
    async (request, reply) => {
      const scope = scopeOf(request);
      const project = await visibleProject(db, request, request.params.id);
      const removed = await db.transaction(async (tx) => {
        const member = (await listMembers(tx, scope.districtId, project.id)).find((m) => m.id === request.params.memberId);
        if (!member || !(await deleteMember(tx, scope.districtId, project.id, member.id))) return false;
        await recordTimeline(tx, scope.districtId, project.id, accountOf(request).id, 'member.removed', `${member.name} left the project.`);
        return true;
      });
      if (!removed) throw notFound('member of this project');
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/improvement/projects/:id/timeline',
    { config: { access: ACCESS.staff }, schema: { tags, summary: 'What happened on the project, newest first', params: ProjectParams, response: { 200: Items(TimelineEntry), ...problems(400, 401, 403, 404) } } },
    async (request) => {
      const project = await visibleProject(db, request, request.params.id);
      return { items: await listTimeline(db, scopeOf(request).districtId, project.id) };
    },
  );

  // Change ideas

  app.get(
    '/api/improvement/projects/:id/change-ideas',
    { config: { access: ACCESS.staff }, schema: { tags, summary: 'The project’s change ideas', params: ProjectParams, response: { 200: Items(ChangeIdea), ...problems(400, 401, 403, 404) } } },
    async (request) => {
      const project = await visibleProject(db, request, request.params.id);
      return { items: await listChangeIdeas(db, scopeOf(request).districtId, project.id) };
    },
  );

  app.post(
    '/api/improvement/projects/:id/change-ideas',
    { config: { access: ACCESS.staff }, schema: { tags, summary: 'Add a change idea', params: ProjectParams, body: NewChangeIdea, response: { 201: ChangeIdea, ...problems(400, 401, 403, 404) } } },
    async (request, reply) => {
      const scope = scopeOf(request);
      const project = await visibleProject(db, request, request.params.id);
      const title = request.body.title.trim();
      const id = await db.transaction(async (tx) => {
        const id = await insertChangeIdea(tx, scope.districtId, project.id, { title, description: request.body.description ?? '' });
        await recordTimeline(tx, scope.districtId, project.id, accountOf(request).id, 'idea.added', `Change idea “${title}” added.`);
        return id;
      });
      reply.code(201);
      return (await listChangeIdeas(db, scope.districtId, project.id)).find((idea) => idea.id === id)!;
    },
  );

  app.patch(
    '/api/improvement/projects/:id/change-ideas/:ideaId',
    { config: { access: ACCESS.staff }, schema: { tags, summary: 'Change a change idea', params: IdeaParams, body: ChangeIdeaPatch, response: { 200: ChangeIdea, ...problems(400, 401, 403, 404) } } },
    async (request) => {
      const scope = scopeOf(request);
      const project = await visibleProject(db, request, request.params.id);
      const changed = await db.transaction(async (tx) => {
        if (!(await updateChangeIdea(tx, scope.districtId, project.id, request.params.ideaId, { title: request.body.title?.trim(), description: request.body.description }))) return false;
        const idea = (await listChangeIdeas(tx, scope.districtId, project.id)).find((i) => i.id === request.params.ideaId)!;
        await recordTimeline(tx, scope.districtId, project.id, accountOf(request).id, 'idea.changed', `Change idea “${idea.title}” edited.`);
        return true;
      });
      if (!changed) throw notFound('change idea of this project');
      return (await listChangeIdeas(db, scope.districtId, project.id)).find((idea) => idea.id === request.params.ideaId)!;
    },
  );

  app.delete(
    '/api/improvement/projects/:id/change-ideas/:ideaId',
    { config: { access: ACCESS.staff }, schema: { tags, summary: 'Delete a change idea (its cycles stay, unlinked)', params: IdeaParams, response: { 204: Type.Null(), ...problems(400, 401, 403, 404) } } },
    async (request, reply) => {
      const scope = scopeOf(request);
      const project = await visibleProject(db, request, request.params.id);
      const removed = await db.transaction(async (tx) => {
        const idea = (await listChangeIdeas(tx, scope.districtId, project.id)).find((i) => i.id === request.params.ideaId);
        if (!idea || !(await deleteChangeIdea(tx, scope.districtId, project.id, idea.id))) return false;
        await recordTimeline(tx, scope.districtId, project.id, accountOf(request).id, 'idea.removed', `Change idea “${idea.title}” deleted.`);
        return true;
      });
      if (!removed) throw notFound('change idea of this project');
      return reply.code(204).send(null);
    },
  );

  improvementCycleRoutes(app, context);
  improvementMeasureRoutes(app, context);
  improvementReportRoutes(app, context);
  improvementCapacityRoutes(app, context);
}
