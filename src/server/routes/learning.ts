/**
 * Learning data, read-only for now except a team's skill sequence: the skill
 * frameworks, a student's recent evidence, a team's sequence, and for district
 * admins the statements that gave no evidence. Scoped like the roster routes:
 * staff see the evidence of students in their scope, a student their own.
 */
import { Type, type TSchema } from '@fastify/type-provider-typebox';
import { UNMAPPED_REASONS } from '../../core/learning/statement-evidence.ts';
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
import { ACCESS, type Api, type RouteContext } from './types.ts';

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Uuid = Type.String({ format: 'uuid' });
const Day = Type.String({ format: 'date', description: 'YYYY-MM-DD' });
const Reason = Type.Enum(UNMAPPED_REASONS);

const SkillNode = Type.Object({
  id: Type.String(),
  code: Nullable(Type.String()),
  name: Type.String(),
  itemType: Nullable(Type.String()),
  caseIdentifier: Nullable(Type.String()),
  caseUri: Nullable(Type.String()),
  parentId: Nullable(Type.String()),
  depth: Type.Integer({ description: '0 at the top of the tree' }),
  prerequisites: Type.Array(Type.String(), { description: 'ids of the skills this one needs first' }),
  courses: Type.Array(Type.String(), { description: 'course sourcedIds' }),
});

const Frameworks = Type.Object({
  frameworks: Type.Array(
    Type.Object({
      id: Type.String(),
      source: Type.Union([Type.Literal('case'), Type.Literal('csv')]),
      title: Type.String(),
      version: Nullable(Type.String()),
      uri: Nullable(Type.String()),
      skills: Type.Array(SkillNode, { description: 'depth first, siblings in order' }),
    }),
  ),
});

const EvidenceQuery = Type.Object({
  limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
  skill: Type.Optional(Uuid),
  since: Type.Optional(Type.String({ format: 'date-time' })),
});

const Evidence = Type.Object({
  items: Type.Array(
    Type.Object({
      skillId: Type.String(),
      skillCode: Nullable(Type.String()),
      skillName: Type.String(),
      occurredAt: Type.String({ format: 'date-time' }),
      correct: Type.Boolean(),
      score: Nullable(Type.Number()),
      sourceKind: Type.Union([Type.Literal('xapi'), Type.Literal('csv'), Type.Literal('oneroster')]),
      sourceRef: Type.String({ description: 'the statement id, FILE:LINE, or the lineItem sourcedId' }),
    }),
  ),
});

const Sequence = Type.Object({
  team: Type.String(),
  items: Type.Array(
    Type.Object({
      position: Type.Integer(),
      skillId: Type.String(),
      skillCode: Nullable(Type.String()),
      skillName: Type.String(),
      startsOn: Nullable(Type.String()),
      endsOn: Nullable(Type.String()),
    }),
  ),
});

const SequenceInput = Type.Object({
  items: Type.Array(
    Type.Object({ skillId: Uuid, startsOn: Type.Optional(Nullable(Day)), endsOn: Type.Optional(Nullable(Day)) }),
    { maxItems: 500, description: 'the skills in order; an empty list clears the sequence' },
  ),
});

const Unmapped = Type.Object({
  total: Type.Integer(),
  statements: Type.Integer(),
  byReason: Type.Array(Type.Object({ reason: Reason, count: Type.Integer() })),
  byActivity: Type.Array(Type.Object({ reason: Reason, activityId: Nullable(Type.String()), platform: Nullable(Type.String()), count: Type.Integer() })),
  byActor: Type.Array(Type.Object({ reason: Reason, actor: Nullable(Type.String()), count: Type.Integer() })),
});

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
        querystring: Type.Object({ top: Type.Integer({ minimum: 1, maximum: 500, default: 50 }) }),
        response: { 200: Unmapped, ...problems(401, 403) },
      },
    },
    async (request) => unmappedSummary(db, scopeOf(request).districtId, request.query.top),
  );
}
