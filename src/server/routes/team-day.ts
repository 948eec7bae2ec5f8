/**
 * The team day: its setup, the date's draft and published plans, each adult's
 * and student's day, the calendar feed and the CSV export, and how often the
 * team regroups (docs/regrouping.md, HTTP API). The team's adults read; its
 * teacher-leader, the school's leaders and district admins edit and publish.
 */
import { createHash, randomBytes } from 'node:crypto';
import { Type } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Database } from '../../db/database.ts';
import { leadsTeam } from '../../db/learning.ts';
import { canSee } from '../../db/scope.ts';
import {
  calendarTokenOwner,
  deleteCalendarToken,
  person,
  personNames,
  publicationCounts,
  publishedPlans,
  saveSetup,
  setCalendarTokenHash,
  skillRefs,
  teamDayStudents,
  teamMemberRefs,
  teamsOfMember,
  teamsOfStudent,
} from '../../db/team-day.ts';
import { planCsv } from '../../grouping/csv-export.ts';
import { staffCalendar } from '../../grouping/calendar.ts';
import { addDays, isDate, today, weekStart } from '../../grouping/dates.ts';
import { checkSetup, type DaySetup } from '../../grouping/day-setup.ts';
import { adultsMet, DayNotPlannable } from '../../grouping/instance-from-db.ts';
import { staffDays, studentDay } from '../../grouping/personal-day.ts';
import { weekHistory } from '../../grouping/history.ts';
import { currentSetup, setupOut } from '../../grouping/setup-store.ts';
import { generateDraft, planView, publishDraft, saveEditedDraft } from '../../grouping/team-day.ts';
import { accountOf, scopeOf } from '../plugins/auth.ts';
import { notFound, Problem, problemBody } from '../problem.ts';
import { IdParams, problems } from '../schemas.ts';
import {
  DateQuery,
  DraftInput,
  DraftSaved,
  ExportQuery,
  FeedQuery,
  FeedToken,
  History,
  HistoryQuery,
  PlanView,
  Setup,
  SetupInput,
  StaffPlan,
  StudentDay,
  TeamDateParams,
} from './team-day-schemas.ts';
import { ACCESS, type Api, type RouteContext } from './types.ts';

/** Who may change a team's day; the handler also checks that a teacher-leader leads this team. */
const DAY_EDITORS = { roles: ['district_admin', 'school_leader', 'teacher_leader'], scope: 'team' } as const;

function checkDate(date: string): string {
  if (!isDate(date)) throw new Problem(400, `The date "${date}" is not a calendar date (YYYY-MM-DD).`);
  return date;
}

/** Problem+json with extra members (the rules a plan breaks), which a `Problem` does not carry. */
function sendProblemWith(reply: FastifyReply, status: number, detail: string, extra: Record<string, unknown>) {
  return reply
    .code(status)
    .type('application/problem+json; charset=utf-8')
    .send(JSON.stringify({ ...problemBody(status, detail), ...extra }));
}

async function assertTeamVisible(db: Database, request: FastifyRequest, team: string): Promise<void> {
  if (!(await canSee(db, scopeOf(request), 'team', team))) throw notFound('team');
}

/** The team's teacher-leader, a school leader of its school, or a district admin (the scope check covers the last two). */
async function assertCanEdit(db: Database, request: FastifyRequest, team: string): Promise<void> {
  await assertTeamVisible(db, request, team);
  const account = accountOf(request);
  if (account.role === 'teacher_leader' && !(await leadsTeam(db, account.districtId, team, account.userSourcedId))) {
    throw new Problem(403, "Only the team's teacher-leader, the school's leaders or a district admin can change the team's day.");
  }
}

function dayNotPlannable(error: unknown): never {
  if (error instanceof DayNotPlannable) throw new Problem(409, `The day cannot be planned: ${error.message}.`);
  throw error;
}

/** Teams of the adult whose plans the caller may read: all their own when it is the adult, else those the caller sees. */
async function readableTeamsOfStaff(db: Database, request: FastifyRequest, staff: string): Promise<string[]> {
  const scope = scopeOf(request);
  const teams = await teamsOfMember(db, scope.districtId, staff);
  if (accountOf(request).userSourcedId === staff) return teams;
  const visible: string[] = [];
  for (const team of teams) if (await canSee(db, scope, 'team', team)) visible.push(team);
  return visible;
}

/** The optional `{ "override": true }` of publish; the body may be absent. */
function publishOverride(body: unknown): boolean {
  if (body === undefined || body === null) return false;
  if (typeof body !== 'object' || Array.isArray(body)) throw new Problem(400, 'The body must be a JSON object such as { "override": true }, or absent.');
  const override = (body as Record<string, unknown>).override;
  if (override !== undefined && typeof override !== 'boolean') throw new Problem(400, 'The field "override" must be true or false.');
  return override === true;
}

export const hashFeedToken = (token: string) => createHash('sha256').update(token).digest('hex');

export function teamDayRoutes(app: Api, { db }: RouteContext): void {
  app.get(
    '/api/teams/:id/day-setup',
    {
      config: { access: ACCESS.staff },
      schema: { tags: ['team day'], summary: "The team's day model, or the defaults from its members", params: IdParams, response: { 200: Setup, ...problems(401, 403, 404) } },
    },
    async (request) => {
      await assertTeamVisible(db, request, request.params.id);
      return setupOut(request.params.id, await currentSetup(db, scopeOf(request).districtId, request.params.id));
    },
  );

  app.put(
    '/api/teams/:id/day-setup',
    {
      config: { access: DAY_EDITORS },
      schema: { tags: ['team day'], summary: "Store the team's day model", params: IdParams, body: SetupInput, response: { 200: Setup, ...problems(400, 401, 403, 404) } },
    },
    async (request) => {
      const team = request.params.id;
      await assertCanEdit(db, request, team);
      const { districtId } = scopeOf(request);
      const body = request.body;
      const setup: DaySetup = {
        blocks: body.blocks,
        adults: body.adults.map(({ name: _name, ...adult }) => adult),
        stations: body.stations,
        rooms: body.rooms,
        constraints: {
          apart: body.constraints.apart.map(([a, b]) => [a!, b!]),
          together: body.constraints.together.map(([a, b]) => [a!, b!]),
          adultLedPerDay: body.constraints.adultLedPerDay,
        },
      };
      const members = await teamMemberRefs(db, districtId, team);
      const students = new Set((await teamDayStudents(db, districtId, team)).map((student) => student.id));
      const found = checkSetup(setup, members, students);
      if (found.length > 0) {
        const shown = found.slice(0, 5).map((problem) => `${problem.path}: ${problem.message}`);
        throw new Problem(400, `The day setup has ${found.length} problem${found.length === 1 ? '' : 's'}: ${shown.join('; ')}${found.length > 5 ? '; …' : ''}.`);
      }
      await saveSetup(db, districtId, team, setup, accountOf(request).id);
      return setupOut(team, await currentSetup(db, districtId, team));
    },
  );

  app.get(
    '/api/teams/:id/plans/:date',
    {
      config: { access: ACCESS.staff },
      schema: {
        tags: ['team day'],
        summary: "The date's draft and published plan, the last plan before it, and the students, skills and adults of the day",
        params: TeamDateParams,
        response: { 200: PlanView, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { id: team, date } = request.params;
      await assertTeamVisible(db, request, team);
      const view = await planView(db, scopeOf(request).districtId, team, checkDate(date));
      if (!view) throw notFound('team');
      return view;
    },
  );

  app.post(
    '/api/teams/:id/plans/:date/generate',
    {
      config: { access: DAY_EDITORS },
      schema: {
        tags: ['team day'],
        summary: "Solve the date from the team's data and store the plan as its draft (keeping the draft's pins)",
        params: TeamDateParams,
        response: { 200: PlanView, ...problems(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const { id: team, date } = request.params;
      await assertCanEdit(db, request, team);
      const { districtId } = scopeOf(request);
      const outcome = await generateDraft(db, districtId, team, checkDate(date), accountOf(request).id).catch(dayNotPlannable);
      if (!outcome.feasible) {
        const head = outcome.proven ? 'No plan can keep every hard rule' : 'The search found no plan that keeps every hard rule (loosen a rule or add a place)';
        return sendProblemWith(reply, 422, `${head}: ${outcome.problems.map((problem) => problem.message).join('; ')}.`, {
          proven: outcome.proven,
          problems: outcome.problems,
        });
      }
      return (await planView(db, districtId, team, date))!;
    },
  );

  app.put(
    '/api/teams/:id/plans/:date/draft',
    {
      config: { access: DAY_EDITORS },
      schema: {
        tags: ['team day'],
        summary: "Store the leader's edits to the draft; the answer lists the hard rules they break",
        params: TeamDateParams,
        body: DraftInput,
        response: { 200: DraftSaved, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const { id: team, date } = request.params;
      await assertCanEdit(db, request, team);
      checkDate(date);
      request.body.groups.forEach((group, i) => {
        if ((group.adult === undefined) === (group.station === undefined)) throw new Problem(400, `groups[${i}]: give exactly one of "adult" and "station".`);
        if (group.station !== undefined && group.focusSkill !== null) throw new Problem(400, `groups[${i}].focusSkill: a station has no focus skill (null).`);
      });
      request.body.pins.forEach((pin, i) => {
        if ((pin.adult === undefined) === (pin.station === undefined)) throw new Problem(400, `pins[${i}]: give exactly one of "adult" and "station".`);
      });
      return saveEditedDraft(db, scopeOf(request).districtId, team, date, request.body, accountOf(request).id).catch(dayNotPlannable);
    },
  );

  app.post(
    '/api/teams/:id/plans/:date/publish',
    {
      config: { access: DAY_EDITORS },
      schema: {
        tags: ['team day'],
        summary: 'Publish the draft (refused while it breaks a hard rule, unless override is true)',
        params: TeamDateParams,
        response: { 200: PlanView, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const { id: team, date } = request.params;
      await assertCanEdit(db, request, team);
      const { districtId } = scopeOf(request);
      const account = accountOf(request);
      const by = { accountId: account.id, name: (account.userSourcedId && (await person(db, districtId, account.userSourcedId))?.name) || account.displayName };
      const override = publishOverride(request.body);
      const outcome = await publishDraft(db, districtId, team, checkDate(date), by, override).catch(dayNotPlannable);
      if (!outcome.published && outcome.reason === 'no_draft') throw new Problem(404, `There is no draft for ${date}: generate one first.`);
      if (!outcome.published && outcome.reason === 'broken_rules') {
        const shown = outcome.warnings.slice(0, 5).map((warning) => warning.message);
        return sendProblemWith(
          reply,
          409,
          `The draft breaks ${outcome.warnings.length} hard rule${outcome.warnings.length === 1 ? '' : 's'}: ${shown.join('; ')}${outcome.warnings.length > 5 ? '; …' : ''}. Fix them, or publish with "override": true.`,
          { warnings: outcome.warnings },
        );
      }
      return (await planView(db, districtId, team, date))!;
    },
  );

  app.get(
    '/api/teams/:id/plans/:date/export.csv',
    {
      config: { access: ACCESS.staff },
      schema: { tags: ['team day'], summary: 'The published plan (or the draft) as CSV, one row per student and block', params: TeamDateParams, querystring: ExportQuery },
    },
    async (request, reply) => {
      const { id: team, date } = request.params;
      await assertTeamVisible(db, request, team);
      const { districtId } = scopeOf(request);
      const view = await planView(db, districtId, team, checkDate(date));
      const plan = request.query.plan === 'draft' ? view?.draft : view?.published;
      if (!view || !plan) throw new Problem(404, `There is no ${request.query.plan} plan for ${date}.`);
      const [publication] = request.query.plan === 'published' ? await publishedPlans(db, districtId, [team], date, date) : [];
      const students = new Map(view.students.map((student) => [student.id, student.name]));
      const skills = await skillRefs(db, districtId, [...new Set(plan.groups.flatMap((group) => (group.focusSkill ? [group.focusSkill] : [])))]);
      const csv = planCsv(plan, publication?.setup ?? view.setup, { students, skills });
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${team.replace(/[^A-Za-z0-9_.-]/g, '_')}-${date}-${request.query.plan}.csv"`)
        .send(csv);
    },
  );

  app.get(
    '/api/teams/:id/regrouping-history',
    {
      config: { access: ACCESS.staff },
      schema: {
        tags: ['team day'],
        summary: 'How often the team regroups: published plans per week, the share of students whose group changed day to day, and who each student met this week',
        params: IdParams,
        querystring: HistoryQuery,
        response: { 200: History, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const team = request.params.id;
      await assertTeamVisible(db, request, team);
      const { districtId } = scopeOf(request);
      const current = weekStart(checkDate(request.query.date ?? today()));
      const weeks = [];
      for (let i = request.query.weeks - 1; i >= 0; i--) {
        const start = addDays(current, -7 * i);
        const end = addDays(start, 6);
        const plans = await publishedPlans(db, districtId, [team], start, end);
        const counts = await publicationCounts(db, districtId, team, start, end);
        weeks.push(
          weekHistory(
            start,
            plans,
            counts.reduce((sum, row) => sum + row.count, 0),
          ),
        );
      }
      const thisWeek = await publishedPlans(db, districtId, [team], current, addDays(current, 6));
      const met = adultsMet(thisWeek);
      const students = await teamDayStudents(db, districtId, team);
      const names = await personNames(db, districtId, [...new Set(Object.values(met).flat())]);
      return {
        team,
        weeks,
        thisWeek: {
          weekStart: current,
          students: students.map((student) => ({ id: student.id, name: student.name, adults: (met[student.id] ?? []).map((id) => ({ id, name: names.get(id) ?? id })) })),
        },
      };
    },
  );

  app.get(
    '/api/staff/:id/plan',
    {
      config: { access: ACCESS.staff },
      schema: {
        tags: ['team day'],
        summary: "One adult's published groups on a date, with their students' open flags and recent evidence",
        params: IdParams,
        querystring: DateQuery,
        response: { 200: StaffPlan, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const staff = request.params.id;
      const { districtId } = scopeOf(request);
      const teams = await readableTeamsOfStaff(db, request, staff);
      const who = await person(db, districtId, staff);
      if (!who || (teams.length === 0 && accountOf(request).userSourcedId !== staff)) throw notFound('adult');
      const date = checkDate(request.query.date ?? today());
      const blocks = await staffDays(db, districtId, who, teams, date, date, true);
      return { staff: { id: who.id, name: who.name }, date, blocks };
    },
  );

  app.get(
    '/api/staff/:id/plan.ics',
    {
      // A calendar app sends no cookie: the secret feed token in the URL stands in for the session.
      config: { access: ACCESS.anyone },
      schema: { tags: ['team day'], summary: "An adult's published groups as an iCalendar feed (session, or the adult's feed token)", params: IdParams, querystring: FeedQuery },
    },
    async (request, reply) => {
      const staff = request.params.id;
      let districtId: string;
      let teams: string[];
      if (request.query.token !== undefined) {
        const [district, secret] = request.query.token.split('.');
        const owner = district && secret && /^[0-9a-f-]{36}$/i.test(district) ? await calendarTokenOwner(db, district, hashFeedToken(request.query.token)) : null;
        if (owner !== staff) throw new Problem(401, 'This calendar feed link is not valid (it may have been replaced); make a new one in Trellis.');
        districtId = district!;
        teams = await teamsOfMember(db, districtId, staff);
      } else {
        if (!request.account) throw new Problem(401, 'Sign in, or use the calendar feed link with its token.');
        districtId = scopeOf(request).districtId;
        if (request.account.role === 'student') throw new Problem(403, 'Your role does not give access to this.');
        teams = await readableTeamsOfStaff(db, request, staff);
        if (teams.length === 0 && request.account.userSourcedId !== staff) throw notFound('adult');
      }
      const who = await person(db, districtId, staff);
      if (!who) throw notFound('adult');
      const from = checkDate(request.query.date ?? today());
      const blocks = await staffDays(db, districtId, who, teams, from, addDays(from, request.query.days - 1), false);
      return reply
        .type('text/calendar; charset=utf-8')
        .header('content-disposition', `inline; filename="trellis-${staff.replace(/[^A-Za-z0-9_.-]/g, '_')}.ics"`)
        .send(staffCalendar(who, blocks, ''));
    },
  );

  app.post(
    '/api/staff/:id/calendar-token',
    {
      config: { access: ACCESS.staff },
      schema: { tags: ['team day'], summary: 'Make a new secret calendar feed link for yourself (replacing any earlier one)', params: IdParams, response: { 200: FeedToken, ...problems(401, 403) } },
    },
    async (request) => {
      const account = accountOf(request);
      if (account.userSourcedId !== request.params.id) throw new Problem(403, 'You can make a calendar feed link only for yourself.');
      const token = `${account.districtId}.${randomBytes(24).toString('base64url')}`;
      await setCalendarTokenHash(db, account.districtId, account.id, hashFeedToken(token));
      return { token, url: `/api/staff/${encodeURIComponent(request.params.id)}/plan.ics?token=${encodeURIComponent(token)}` };
    },
  );

  app.delete(
    '/api/staff/:id/calendar-token',
    {
      config: { access: ACCESS.staff },
      schema: { tags: ['team day'], summary: 'Revoke your calendar feed link', params: IdParams, response: { 204: Type.Null(), ...problems(401, 403) } },
    },
    async (request, reply) => {
      const account = accountOf(request);
      if (account.userSourcedId !== request.params.id) throw new Problem(403, 'You can revoke only your own calendar feed link.');
      await deleteCalendarToken(db, account.districtId, account.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/students/:id/day',
    {
      config: { access: ACCESS.staffOrSelf },
      schema: {
        tags: ['team day'],
        summary: "A student's day from the published plans: where they are in each block, with whom, on what",
        params: IdParams,
        querystring: DateQuery,
        response: { 200: StudentDay, ...problems(400, 401, 404) },
      },
    },
    async (request) => {
      const scope = scopeOf(request);
      const student = request.params.id;
      if (!(await canSee(db, scope, 'student', student))) throw notFound('student');
      const who = await person(db, scope.districtId, student);
      if (!who) throw notFound('student');
      const date = checkDate(request.query.date ?? today());
      let teams = await teamsOfStudent(db, scope.districtId, student);
      // Staff see the student's day in the teams they see; the student sees all of their own.
      if (scope.kind !== 'self') {
        const visible: string[] = [];
        for (const team of teams) if (await canSee(db, scope, 'team', team)) visible.push(team);
        teams = visible;
      }
      return { student: { id: who.id, name: who.name }, date, blocks: await studentDay(db, scope.districtId, student, teams, date) };
    },
  );
}
