/** TypeBox schemas of the team day routes (docs/regrouping.md, HTTP API). */
import { Type, type TSchema } from '@fastify/type-provider-typebox';
import { ROLES, STATION_KINDS } from '../../core/grouping/types.ts';

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Id = Type.String({ minLength: 1, maxLength: 256 });
const Ids = Type.Array(Id, { maxItems: 1000 });
const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });
const Time = Type.String({ pattern: '^\\d{2}:\\d{2}$', description: 'HH:MM, the school day local time' });
const Pair = Type.Array(Id, { minItems: 2, maxItems: 2 });

export const TeamDateParams = Type.Object({ id: Id, date: Day });
export const DateQuery = Type.Object({ date: Type.Optional(Day) });

const Block = Type.Object({ id: Id, name: Type.String({ minLength: 1, maxLength: 100 }), start: Time, end: Time });
const Adult = Type.Object({
  id: Id,
  name: Type.Optional(Type.String()),
  role: Type.Enum(ROLES),
  capacity: Type.Integer(),
  blocks: Ids,
  supports: Type.Array(Type.String({ pattern: '^[a-z][a-z0-9_]*$', maxLength: 64 }), { maxItems: 20 }),
});
const Station = Type.Object({
  id: Id,
  name: Type.String({ minLength: 1, maxLength: 100 }),
  kind: Type.Enum(STATION_KINDS),
  capacity: Type.Integer(),
  supervisor: Nullable(Id),
  blocks: Ids,
});
const Room = Type.Object({ name: Type.String({ minLength: 1, maxLength: 100 }), capacity: Type.Integer() });
const Constraints = Type.Object({
  apart: Type.Array(Pair, { maxItems: 1000 }),
  together: Type.Array(Pair, { maxItems: 1000 }),
  adultLedPerDay: Type.Integer(),
});

export const SetupInput = Type.Object({
  blocks: Type.Array(Block, { minItems: 1, maxItems: 12 }),
  adults: Type.Array(Adult, { maxItems: 100 }),
  stations: Type.Array(Station, { maxItems: 50 }),
  rooms: Type.Array(Room, { maxItems: 50 }),
  constraints: Constraints,
});

export const Setup = Type.Object({
  team: Type.String(),
  stored: Type.Boolean(),
  ...SetupInput.properties,
  updatedAt: Nullable(Type.String()),
  updatedBy: Nullable(Type.String()),
});

export const PlanGroup = Type.Object({
  block: Id,
  adult: Type.Optional(Id),
  station: Type.Optional(Id),
  focusSkill: Nullable(Id),
  students: Ids,
});
export const PlanPin = Type.Object({ block: Id, student: Id, adult: Type.Optional(Id), station: Type.Optional(Id), focusSkill: Type.Optional(Id) });
export const Warning = Type.Object({ rule: Type.String(), message: Type.String(), block: Type.Optional(Type.String()), student: Type.Optional(Type.String()) });
const Reasons = Type.Record(Type.String(), Type.Record(Type.String(), Type.String()));

export const Plan = Type.Object({
  groups: Type.Array(PlanGroup),
  pins: Type.Array(PlanPin),
  reasons: Reasons,
  objective: Nullable(Type.Number()),
  warnings: Type.Array(Warning),
  generatedAt: Nullable(Type.String()),
  publishedAt: Nullable(Type.String()),
  publishedBy: Nullable(Type.String()),
});

const Ref = Type.Object({ id: Type.String(), name: Type.String() });

export const PlanView = Type.Object({
  date: Type.String(),
  team: Ref,
  setup: Setup,
  draft: Nullable(Plan),
  published: Nullable(Plan),
  previous: Nullable(Type.Object({ date: Type.String(), ...Plan.properties })),
  students: Type.Array(
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      mastery: Type.Record(Type.String(), Type.Number()),
      flags: Type.Array(Type.String()),
      needs: Type.Array(Type.String()),
    }),
  ),
  skills: Type.Array(Type.Object({ id: Type.String(), code: Nullable(Type.String()), name: Type.String(), prerequisites: Type.Array(Type.String()) })),
  adults: Type.Array(Adult),
});

export const DraftInput = Type.Object({ groups: Type.Array(PlanGroup, { maxItems: 2000 }), pins: Type.Array(PlanPin, { maxItems: 2000 }) });
export const DraftSaved = Type.Object({ draft: Plan, warnings: Type.Array(Warning) });
export const PublishInput = Type.Object({ override: Type.Optional(Type.Boolean()) });

const SkillRef = Type.Object({ id: Type.String(), code: Nullable(Type.String()), name: Type.String() });
const BlockOut = Type.Object({ id: Type.String(), name: Type.String(), start: Type.String(), end: Type.String() });
const PlaceRef = Type.Object({ kind: Type.Union([Type.Literal('group'), Type.Literal('station')]), id: Type.String(), name: Type.String(), stationKind: Type.Optional(Type.String()) });

export const StaffPlan = Type.Object({
  staff: Ref,
  date: Type.String(),
  blocks: Type.Array(
    Type.Object({
      team: Ref,
      block: BlockOut,
      place: PlaceRef,
      focusSkill: Nullable(SkillRef),
      students: Type.Array(
        Type.Object({
          id: Type.String(),
          name: Type.String(),
          needs: Type.Array(Type.String()),
          reason: Nullable(Type.String()),
          flags: Type.Array(Type.Object({ kind: Type.String(), reason: Type.String(), since: Type.String() })),
          evidence: Type.Array(
            Type.Object({
              skillId: Type.String(),
              skillCode: Nullable(Type.String()),
              skillName: Type.String(),
              occurredAt: Type.String(),
              correct: Type.Boolean(),
              score: Nullable(Type.Number()),
            }),
          ),
        }),
      ),
    }),
  ),
});

export const StudentDay = Type.Object({
  student: Ref,
  date: Type.String(),
  blocks: Type.Array(Type.Object({ team: Ref, block: BlockOut, place: PlaceRef, focusSkill: Nullable(SkillRef), reason: Nullable(Type.String()) })),
});

export const FeedQuery = Type.Object({
  token: Type.Optional(Type.String({ maxLength: 200 })),
  date: Type.Optional(Day),
  days: Type.Integer({ minimum: 1, maximum: 60, default: 14 }),
});
export const FeedToken = Type.Object({ token: Type.String(), url: Type.String() });

export const ExportQuery = Type.Object({ plan: Type.Union([Type.Literal('published'), Type.Literal('draft')], { default: 'published' }) });

export const HistoryQuery = Type.Object({ weeks: Type.Integer({ minimum: 1, maximum: 26, default: 4 }), date: Type.Optional(Day) });
export const History = Type.Object({
  team: Type.String(),
  weeks: Type.Array(Type.Object({ weekStart: Type.String(), publishedDays: Type.Integer(), publications: Type.Integer(), changedShare: Nullable(Type.Number()) })),
  thisWeek: Type.Object({
    weekStart: Type.String(),
    students: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), adults: Type.Array(Ref) })),
  }),
});
