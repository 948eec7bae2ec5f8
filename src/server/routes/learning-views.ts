/**
 * The team learning views: a team's mastery heatmap, the pinpoint comparison of
 * each teaching adult's students with the rest of the team, the team's open
 * struggling flags, and a student's skill profile with the estimate over time.
 * Read-only: the estimates and flags come from src/learning/mastery.ts, and a
 * flag is acknowledged through /api/learning/flags/:id/acknowledge.
 *
 * Team views: the team's adults, and school leaders and district admins whose
 * scope holds the team (404 otherwise). Skill profile: staff who see the
 * student, or the student themself.
 */
import { DEFAULT_PINPOINT_RULE, pinpointTeam } from '../../core/learning/pinpoint.ts';
import { masteryTrace, MasteryModelError, readStoredModel } from '../../core/mastery/index.ts';
import {
  heatmapStudents,
  sequenceSkills,
  skillNames,
  studentEstimates,
  studentName,
  studentTimeline,
  teachingAdults,
  teamOpenFlags,
  teamStudentIds,
  teamTallies,
} from '../../db/learning-views.ts';
import { loadModel } from '../../db/mastery.ts';
import { canSee } from '../../db/scope.ts';
import { scopeOf } from '../plugins/auth.ts';
import { notFound, Problem } from '../problem.ts';
import { IdParams, problems } from '../schemas.ts';
import { assertFiltersInScope } from '../scope-filters.ts';
import { FlagsQuery, Heatmap, HeatmapQuery, Pinpoint, PinpointQuery, ProfileQuery, SkillProfile, TeamFlags } from './learning-schemas.ts';
import { ACCESS, type Api, type RouteContext } from './types.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

export function learningViewRoutes(app: Api, { db }: RouteContext): void {
  app.get(
    '/api/teams/:id/mastery',
    {
      config: { access: ACCESS.staff },
      schema: {
        tags: ['learning'],
        summary: "The team's students × its skill sequence: each student's state and probability of knowing each skill",
        params: IdParams,
        querystring: HeatmapQuery,
        response: { 200: Heatmap, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const scope = scopeOf(request);
      const team = request.params.id;
      if (!(await canSee(db, scope, 'team', team))) throw notFound('team');
      await assertFiltersInScope(db, scope, { school: request.query.school, class: request.query.class });
      const skills = await sequenceSkills(db, scope.districtId, team);
      const students = await heatmapStudents(db, scope, team, request.query);
      return {
        team,
        skills,
        students: students.map((s) => ({ ...s, mastered: s.cells.filter((c) => c.state === 'mastered').length })),
      };
    },
  );

  app.get(
    '/api/teams/:id/pinpoint',
    {
      config: { access: ACCESS.staff },
      schema: {
        tags: ['learning'],
        summary: "For each teaching adult, the skills where the students in their classes do worse than the rest of the team",
        params: IdParams,
        querystring: PinpointQuery,
        response: { 200: Pinpoint, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const scope = scopeOf(request);
      const team = request.params.id;
      if (!(await canSee(db, scope, 'team', team))) throw notFound('team');
      const since = new Date(Date.now() - request.query.days * DAY_MS).toISOString();
      const [students, adults, tallies] = [
        await teamStudentIds(db, scope.districtId, team),
        await teachingAdults(db, scope.districtId, team),
        await teamTallies(db, scope.districtId, team, since),
      ];
      const results = pinpointTeam(students, adults, tallies);
      const skillIds = [...new Set(results.flatMap((r) => r.comparisons.map((c) => c.skill)))];
      const names = await skillNames(db, scope.districtId, skillIds);
      return {
        team,
        since,
        rule: DEFAULT_PINPOINT_RULE,
        teamStudents: students.length,
        adults: adults.map((adult, i) => ({
          sourcedId: adult.sourcedId,
          name: adult.name,
          role: adult.role,
          classes: adult.classes,
          students: results[i]!.students,
          comparisons: results[i]!.comparisons.map(({ skill, ...c }) => ({ ...(names.get(skill) ?? { skillId: skill, code: null, name: skill }), ...c })),
        })),
      };
    },
  );

  app.get(
    '/api/teams/:id/struggling',
    {
      config: { access: ACCESS.staff },
      schema: {
        tags: ['learning'],
        summary: "The open struggling flags of the team's students, newest first",
        params: IdParams,
        querystring: FlagsQuery,
        response: { 200: TeamFlags, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const scope = scopeOf(request);
      const team = request.params.id;
      if (!(await canSee(db, scope, 'team', team))) throw notFound('team');
      return { team, items: await teamOpenFlags(db, scope, team, { unacknowledged: request.query.unacknowledged }) };
    },
  );

  app.get(
    '/api/students/:id/skill-profile',
    {
      config: { access: ACCESS.staffOrSelf },
      schema: {
        tags: ['learning'],
        summary: "A student's estimate on each skill, and the evidence over time with the estimate after each attempt",
        params: IdParams,
        querystring: ProfileQuery,
        response: { 200: SkillProfile, ...problems(400, 401, 404) },
      },
    },
    async (request) => {
      const scope = scopeOf(request);
      const student = request.params.id;
      if (!(await canSee(db, scope, 'student', student))) throw notFound('student');
      const name = (await studentName(db, scope.districtId, student)) ?? student;
      const skills = await studentEstimates(db, scope.districtId, student);
      // The whole history is traced, so the estimate is right even when only the newest attempts are returned.
      const evidence = await studentTimeline(db, scope.districtId, student);
      const stored = await loadModel(db, scope.districtId);
      const known = stored ? traceKnown(stored.model, evidence) : null;
      const names = await skillNames(db, scope.districtId, [...new Set(evidence.map((e) => e.skillId))]);
      const skill = request.query.skill?.toLowerCase();
      const timeline = evidence
        .map((item, i) => ({ ...(names.get(item.skillId) ?? { skillId: item.skillId, code: null, name: item.skillId }), ...item, known: known?.[i] ?? null }))
        .filter((item) => !skill || item.skillId === skill)
        .slice(-request.query.limit);
      return { student, name, skills, timeline, model: stored ? { kind: stored.kind, fittedAt: stored.fittedAt } : null };
    },
  );
}

/** The estimate just after each attempt, in the order given (oldest first). */
function traceKnown(model: unknown, evidence: readonly { skillId: string; at: string; correct: boolean }[]): number[] {
  let read;
  try {
    read = readStoredModel(model);
  } catch (error) {
    if (error instanceof MasteryModelError) throw new Problem(500, `The district's stored mastery model cannot be read (${error.message}); refit it with \`trellis mastery fit\`.`);
    throw error;
  }
  // The sequence number as time keeps the order of attempts at the same instant.
  return masteryTrace(read, evidence.map((e, i) => ({ skill: e.skillId, at: i, correct: e.correct }))).map((t) => t.known);
}
