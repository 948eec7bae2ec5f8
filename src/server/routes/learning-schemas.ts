/**
 * Request and response shapes of the learning API (docs/learning-data.md):
 * skills, evidence and sequences (learning.ts), the team learning views
 * (learning-views.ts) and struggling flags (flags.ts). The one source of these
 * shapes: Fastify validates and serialises with the schemas, the OpenAPI
 * document is made from them, and the query modules (src/db/learning*.ts,
 * src/db/mastery.ts) and the web app (src/web/pages/learning) use the types.
 *
 * It imports `typebox` itself, not the Fastify type provider, and nothing of
 * the server, so the web app can import it (its pages import types only).
 */
import { Type, type Static, type TSchema } from 'typebox';
import { UNMAPPED_REASONS } from '../../core/learning/statement-evidence.ts';

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Uuid = Type.String({ format: 'uuid' });
const DateTime = Type.String({ format: 'date-time' });
const Day = Type.String({ format: 'date', description: 'YYYY-MM-DD' });
const Filter = (description: string) => Type.Optional(Type.String({ minLength: 1, maxLength: 256, description }));
const Probability = Type.Number({ minimum: 0, maximum: 1 });
const SourceKind = Type.Union([Type.Literal('xapi'), Type.Literal('csv'), Type.Literal('oneroster')]);

export const MasteryState = Type.Union([Type.Literal('learning'), Type.Literal('mastered')]);
export type MasteryState = Static<typeof MasteryState>;

export const FlagKind = Type.Union([Type.Literal('wheel_spinning'), Type.Literal('regression'), Type.Literal('inactive'), Type.Literal('behind')]);
export type FlagKind = Static<typeof FlagKind>;

export const SkillRef = Type.Object({ skillId: Type.String(), code: Nullable(Type.String()), name: Type.String() });
export type SkillRef = Static<typeof SkillRef>;

// Skills, evidence and sequences (learning.ts).

export const SkillNode = Type.Object({
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
export type SkillNode = Static<typeof SkillNode>;

export const Framework = Type.Object({
  id: Type.String(),
  source: Type.Union([Type.Literal('case'), Type.Literal('csv')]),
  title: Type.String(),
  version: Nullable(Type.String()),
  uri: Nullable(Type.String()),
  skills: Type.Array(SkillNode, { description: 'depth first, siblings in order' }),
});
export type Framework = Static<typeof Framework>;

export const Frameworks = Type.Object({ frameworks: Type.Array(Framework) });

export const EvidenceQuery = Type.Object({
  limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
  skill: Type.Optional(Uuid),
  since: Type.Optional(DateTime),
});

export const EvidenceItem = Type.Object({
  skillId: Type.String(),
  skillCode: Nullable(Type.String()),
  skillName: Type.String(),
  occurredAt: DateTime,
  correct: Type.Boolean(),
  score: Nullable(Type.Number()),
  sourceKind: SourceKind,
  sourceRef: Type.String({ description: 'the statement id, FILE:LINE, or the lineItem sourcedId' }),
});
export type EvidenceItem = Static<typeof EvidenceItem>;

export const Evidence = Type.Object({ items: Type.Array(EvidenceItem) });

export const SequenceItem = Type.Object({
  position: Type.Integer(),
  skillId: Type.String(),
  skillCode: Nullable(Type.String()),
  skillName: Type.String(),
  startsOn: Nullable(Type.String()),
  endsOn: Nullable(Type.String()),
});
export type SequenceItem = Static<typeof SequenceItem>;

export const Sequence = Type.Object({ team: Type.String(), items: Type.Array(SequenceItem) });

export const SequenceInput = Type.Object({
  items: Type.Array(
    Type.Object({ skillId: Uuid, startsOn: Type.Optional(Nullable(Day)), endsOn: Type.Optional(Nullable(Day)) }),
    { maxItems: 500, description: 'the skills in order; an empty list clears the sequence' },
  ),
});

export const UnmappedReason = Type.Enum(UNMAPPED_REASONS);
export type UnmappedReason = Static<typeof UnmappedReason>;

export const UnmappedQuery = Type.Object({ top: Type.Integer({ minimum: 1, maximum: 500, default: 50 }) });

export const UnmappedSummary = Type.Object({
  total: Type.Integer(),
  statements: Type.Integer(),
  byReason: Type.Array(Type.Object({ reason: UnmappedReason, count: Type.Integer() })),
  byActivity: Type.Array(Type.Object({ reason: UnmappedReason, activityId: Nullable(Type.String()), platform: Nullable(Type.String()), count: Type.Integer() })),
  byActor: Type.Array(Type.Object({ reason: UnmappedReason, actor: Nullable(Type.String()), count: Type.Integer() })),
});
export type UnmappedSummary = Static<typeof UnmappedSummary>;

// The team learning views (learning-views.ts).

export const HeatmapQuery = Type.Object({
  school: Filter('school sourcedId'),
  class: Filter('class sourcedId'),
  englishLearner: Type.Optional(Type.Boolean()),
  specialEducation: Type.Optional(Type.Boolean()),
  economicallyDisadvantaged: Type.Optional(Type.Boolean()),
});
export type HeatmapQuery = Static<typeof HeatmapQuery>;

export const HeatmapCell = Type.Object({ skillId: Type.String(), state: MasteryState, known: Probability, attempts: Type.Integer() });
export type HeatmapCell = Static<typeof HeatmapCell>;

export const HeatmapStudent = Type.Object({
  sourcedId: Type.String(),
  name: Type.String(),
  familyName: Type.String(),
  givenName: Type.String(),
  englishLearner: Type.Boolean(),
  specialEducation: Type.Boolean(),
  economicallyDisadvantaged: Type.Boolean(),
  openFlags: Type.Integer(),
  mastered: Type.Integer({ description: 'skills of the sequence mastered' }),
  cells: Type.Array(HeatmapCell, { description: 'skills of the sequence with an estimate; a skill missing here is not started' }),
});
export type HeatmapStudent = Static<typeof HeatmapStudent>;

export const Heatmap = Type.Object({
  team: Type.String(),
  skills: Type.Array(SkillRef, { description: "the team's current sequence, in order" }),
  students: Type.Array(HeatmapStudent),
});
export type Heatmap = Static<typeof Heatmap>;

export const PinpointQuery = Type.Object({ days: Type.Integer({ minimum: 1, maximum: 365, default: 14 }) });

export const Tally = Type.Object({ right: Type.Integer(), total: Type.Integer() });
export type Tally = Static<typeof Tally>;

export const PinpointComparison = Type.Object({
  ...SkillRef.properties,
  group: Tally,
  rest: Tally,
  gap: Nullable(Type.Number()),
  p: Nullable(Type.Number()),
  callOut: Type.Boolean(),
  why: Type.String(),
});
export type PinpointComparison = Static<typeof PinpointComparison>;

export const Pinpoint = Type.Object({
  team: Type.String(),
  since: DateTime,
  rule: Type.Object({ minAttempts: Type.Integer(), minGap: Type.Number(), alpha: Type.Number() }),
  teamStudents: Type.Integer(),
  adults: Type.Array(
    Type.Object({
      sourcedId: Type.String(),
      name: Type.String(),
      role: Type.String(),
      classes: Type.Array(Type.String()),
      students: Type.Integer({ description: "the team's students in this adult's classes" }),
      comparisons: Type.Array(PinpointComparison),
    }),
  ),
});
export type Pinpoint = Static<typeof Pinpoint>;

export const FlagsQuery = Type.Object({ unacknowledged: Type.Boolean({ default: false, description: 'only flags no one has acknowledged' }) });

export const TeamFlag = Type.Object({
  id: Type.String(),
  student: Type.String(),
  studentName: Type.String(),
  kind: FlagKind,
  skillId: Nullable(Type.String()),
  skillCode: Nullable(Type.String()),
  skillName: Nullable(Type.String()),
  reason: Type.String(),
  since: DateTime,
  raisedAt: DateTime,
  acknowledgedAt: Nullable(DateTime),
  owner: Nullable(Type.String()),
  ownerName: Nullable(Type.String()),
  note: Nullable(Type.String()),
});
export type TeamFlag = Static<typeof TeamFlag>;

export const TeamFlags = Type.Object({ team: Type.String(), items: Type.Array(TeamFlag) });

export const ProfileQuery = Type.Object({
  skill: Type.Optional(Uuid),
  limit: Type.Integer({ minimum: 1, maximum: 2000, default: 500, description: 'most evidence in the timeline, the newest' }),
});

export const SkillEstimate = Type.Object({
  ...SkillRef.properties,
  state: MasteryState,
  known: Probability,
  nextCorrect: Probability,
  attempts: Type.Integer(),
  rightCount: Type.Integer(),
  firstAt: DateTime,
  lastAt: DateTime,
  masteredAt: Nullable(DateTime),
  explanation: Type.String(),
});
export type SkillEstimate = Static<typeof SkillEstimate>;

export const TimelineItem = Type.Object({
  ...SkillRef.properties,
  at: DateTime,
  correct: Type.Boolean(),
  sourceKind: SourceKind,
  sourceRef: Type.String(),
  known: Nullable(Probability),
});
export type TimelineItem = Static<typeof TimelineItem>;

export const SkillProfile = Type.Object({
  student: Type.String(),
  name: Type.String(),
  skills: Type.Array(SkillEstimate),
  timeline: Type.Array(TimelineItem, {
    description: 'oldest first; `known` is the estimate just after the attempt, from the fitted model (null without one)',
  }),
  model: Nullable(Type.Object({ kind: Type.String(), fittedAt: DateTime })),
});
export type SkillProfile = Static<typeof SkillProfile>;

// Struggling flags (flags.ts).

export const Flag = Type.Object({
  id: Type.String(),
  student: Type.String({ description: 'student sourcedId' }),
  kind: FlagKind,
  skill: Nullable(Type.String({ description: 'skill id; null for the student as a whole' })),
  reason: Type.String(),
  since: DateTime,
  raisedAt: DateTime,
  clearedAt: Nullable(DateTime),
  acknowledgedAt: Nullable(DateTime),
  acknowledgedBy: Nullable(Type.String({ description: 'account id' })),
  owner: Nullable(Type.String({ description: 'staff sourcedId' })),
  note: Nullable(Type.String()),
});
export type Flag = Static<typeof Flag>;

export const Acknowledgement = Type.Object({
  owner: Nullable(Type.String({ minLength: 1, maxLength: 256, description: 'the staff sourcedId of who will act on it, or null' })),
  note: Type.String({ maxLength: 4000 }),
});
