/**
 * Learning data, read-only for now except a team's skill sequence: the skill
 * frameworks, a student's recent evidence, a team's sequence, and for district
 * admins the statements that gave no evidence. Scoped like the roster routes:
 * staff see the evidence of students in their scope, a student their own.
 */
import {
  existingSkillIds,
  leadsTeam,
  replaceTeamSequence,
  skillFrameworks,
  studentEvidence,
  teamSequence,
} from '../../db/learning.ts';
import { canSee } from '../../db/scope.ts';
import { unmappedSummary } from '../../db/statement-evidence.ts';
import { accountOf, scopeOf } from '../plugins/auth.ts';
import { notFound, Problem } from '../problem.ts';
import { IdParams, problems } from '../schemas.ts';
import { Evidence, EvidenceQuery, Frameworks, Sequence, SequenceInput, UnmappedQuery, UnmappedSummary } from './learning-schemas.ts';
import { ACCESS, type Api, type RouteContext } from './types.ts';

const SEQUENCE_EDITORS = { roles: ['district_admin', 'teacher_leader'], scope: 'team' } as const;

export function learningRoutes(app: Api, { db }: RouteContext): void {
  app.get(
    '/api/skills',
    {
      config: { access: ACCESS.staff },
      schema: {
        tags: ['learning'],
        summary: "The district's skill frameworks, each as a tree with prerequisites and courses",
        response: { 200: Frameworks, ...problems(401, 403) },
      },
    },
    async (request) => ({ frameworks: await skillFrameworks(db, scopeOf(request).districtId) }),
  );

  app.get(
    '/api/students/:id/evidence',
    {
      config: { access: ACCESS.staffOrSelf },
      schema: {
        tags: ['learning'],
        summary: "A student's most recent evidence, newest first",
        params: IdParams,
        querystring: EvidenceQuery,
        response: { 200: Evidence, ...problems(400, 401, 404) },
      },
    },
    async (request) => {
      const scope = scopeOf(request);
      if (!(await canSee(db, scope, 'student', request.params.id))) throw notFound('student');
      return { items: await studentEvidence(db, scope.districtId, request.params.id, request.query) };
    },
  );

  app.get(
    '/api/teams/:id/sequence',
    {
      config: { access: ACCESS.staff },
      schema: {
        tags: ['learning'],
        summary: "The team's current skill sequence, in order",
        params: IdParams,
        response: { 200: Sequence, ...problems(401, 403, 404) },
      },
    },
    async (request) => {
      const scope = scopeOf(request);
      if (!(await canSee(db, scope, 'team', request.params.id))) throw notFound('team');
      return { team: request.params.id, items: await teamSequence(db, scope.districtId, request.params.id) };
    },
  );

  app.put(
    '/api/teams/:id/sequence',
    {
      config: { access: SEQUENCE_EDITORS },
      schema: {
        tags: ['learning'],
        summary: "Set the team's skill sequence (its teacher-leader or a district admin)",
        params: IdParams,
        body: SequenceInput,
        response: { 200: Sequence, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const scope = scopeOf(request);
      const account = accountOf(request);
      const team = request.params.id;
      if (!(await canSee(db, scope, 'team', team))) throw notFound('team');
      if (account.role !== 'district_admin' && !(await leadsTeam(db, scope.districtId, team, account.userSourcedId))) {
        throw new Problem(403, "Only the team's teacher-leader or a district admin can set its skill sequence.");
      }
      const items = request.body.items.map((item) => ({ skillId: item.skillId.toLowerCase(), startsOn: item.startsOn ?? null, endsOn: item.endsOn ?? null }));
      const seen = new Set<string>();
      for (const [i, item] of items.entries()) {
        if (seen.has(item.skillId)) throw new Problem(400, `Item ${i + 1}: the skill ${item.skillId} is already in the sequence.`);
        seen.add(item.skillId);
        if (item.startsOn && item.endsOn && item.endsOn < item.startsOn) {
          throw new Problem(400, `Item ${i + 1}: endsOn ${item.endsOn} is before startsOn ${item.startsOn}.`);
        }
      }
      const known = await existingSkillIds(db, scope.districtId, [...seen]);
      const unknown = items.findIndex((item) => !known.has(item.skillId));
      if (unknown >= 0) throw new Problem(400, `Item ${unknown + 1}: there is no skill ${items[unknown]!.skillId} in the district.`);
      await db.transaction((tx) => replaceTeamSequence(tx, scope.districtId, team, items));
      return { team, items: await teamSequence(db, scope.districtId, team) };
    },
  );

  app.get(
    '/api/learning/unmapped',
    {
      config: { access: ACCESS.districtAdmin },
      schema: {
        tags: ['learning'],
        summary: 'xAPI statements that gave no evidence: counts by reason, and the activities and actors behind them',
        querystring: UnmappedQuery,
        response: { 200: UnmappedSummary, ...problems(401, 403) },
      },
    },
    async (request) => unmappedSummary(db, scopeOf(request).districtId, request.query.top),
  );
}
