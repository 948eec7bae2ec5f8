/**
 * Request and response shapes of the improvement API (docs/api.md, "Improvement").
 */
import { Type, type Static, type TSchema } from '@fastify/type-provider-typebox';
import { ACT_DECISIONS, AREAS, JOBS, MEASURE_KINDS, MEASURE_SOURCES, MEMBER_ROLES, PROJECT_SCOPES, PROJECT_STATUSES, SCALES } from '../../core/improvement/types.ts';
import { GROUP_ATTRIBUTES, LIVE_KINDS, LIVE_PERIODS, MAX_PERIODS } from '../../core/improvement/live-measures.ts';
import { CHART_TYPES, RULE_SETS } from '../../core/spc/types.ts';

// Null first: with type coercion on, Ajv would otherwise turn a null into 0 or "" to fit the first branch.
const Nullable = <T extends TSchema>(schema: T) => Type.Union([Type.Null(), schema]);
const Text = (maxLength: number) => Type.String({ maxLength });
const Name = (maxLength = 200) => Type.String({ minLength: 1, maxLength, pattern: '\\S' });
export const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });
const Uuid = Type.String({ pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$' });

export const ProjectParams = Type.Object({ id: Uuid });
export const MemberParams = Type.Object({ id: Uuid, memberId: Uuid });
export const IdeaParams = Type.Object({ id: Uuid, ideaId: Uuid });
export const CycleParams = Type.Object({ id: Uuid, cycleId: Uuid });
export const MeasureParams = Type.Object({ id: Uuid, measureId: Uuid });

export const Aim = Type.Object({ what: Text(500), forWhom: Text(500), howMuch: Text(500), byWhen: Nullable(IsoDate) });
const ProjectScope = Type.Object({ kind: Type.Enum(PROJECT_SCOPES), id: Nullable(Type.String({ minLength: 1, maxLength: 256 })) });

export const ProjectSummary = Type.Object({
  id: Type.String(),
  title: Type.String(),
  job: Type.Enum(JOBS),
  status: Type.Enum(PROJECT_STATUSES),
  aim: Aim,
  aimSentence: Type.String(),
  scope: Type.Object({ kind: Type.Enum(PROJECT_SCOPES), id: Nullable(Type.String()), name: Type.String() }),
  createdBy: Nullable(Type.Object({ id: Type.String(), name: Type.String() })),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

export const Member = Type.Object({
  id: Type.String(),
  userSourcedId: Nullable(Type.String()),
  accountId: Nullable(Type.String()),
  name: Type.String(),
  role: Type.Enum(MEMBER_ROLES),
  department: Nullable(Type.String()),
});

export const ChangeIdea = Type.Object({
  id: Type.String(),
  title: Type.String(),
  description: Type.String(),
  parentNodeId: Nullable(Type.String()),
  createdAt: Type.String(),
});

const Step = Type.Object({
  id: Type.String(),
  title: Type.String(),
  why: Type.String(),
  status: Type.Union([Type.Literal('done'), Type.Literal('todo'), Type.Literal('attention')]),
  note: Type.String(),
});

export const ProjectDetail = Type.Object({
  ...ProjectSummary.properties,
  canEdit: Type.Boolean({ description: 'Whether you may change the project: its members and district admins may; others who see it read it' }),
  aimCheck: Type.Object({ complete: Type.Boolean(), problems: Type.Array(Type.Object({ part: Type.String(), hint: Type.String() })) }),
  members: Type.Array(Member),
  changeIdeas: Type.Array(ChangeIdea),
  playbook: Type.Object({ job: Type.Enum(JOBS), name: Type.String(), choice: Type.String(), example: Type.String(), steps: Type.Array(Step) }),
  capacity: Type.Object({
    people: Type.Integer(),
    departments: Type.Integer(),
    active: Type.Integer(),
    studied: Type.Integer(),
    overdue: Type.Integer(),
    load: Type.Number(),
  }),
  ramps: Type.Array(Type.Object({ cycleIds: Type.Array(Type.String()), scales: Type.Array(Type.Enum(SCALES)), spread: Type.Boolean() })),
});

export const NewProject = Type.Object({
  title: Name(),
  job: Type.Enum(JOBS),
  aim: Type.Optional(Type.Partial(Aim)),
  scope: ProjectScope,
});

export const ProjectPatch = Type.Object({
  title: Type.Optional(Name()),
  status: Type.Optional(Type.Enum(PROJECT_STATUSES)),
  aim: Type.Optional(Type.Partial(Aim)),
  scope: Type.Optional(ProjectScope),
});

export const ProjectQuery = Type.Object({ job: Type.Optional(Type.Enum(JOBS)), status: Type.Optional(Type.Enum(PROJECT_STATUSES)) });

export const NewMember = Type.Object({
  userSourcedId: Type.String({ minLength: 1, maxLength: 256 }),
  role: Type.Optional(Type.Enum(MEMBER_ROLES)),
  department: Type.Optional(Nullable(Text(200))),
});
export const MemberPatch = Type.Object({ role: Type.Optional(Type.Enum(MEMBER_ROLES)), department: Type.Optional(Nullable(Text(200))) });

export const TimelineEntry = Type.Object({ id: Type.String(), at: Type.String(), kind: Type.String(), summary: Type.String(), by: Nullable(Type.String()) });

export const NewChangeIdea = Type.Object({ title: Name(), description: Type.Optional(Text(4000)) });
export const ChangeIdeaPatch = Type.Object({ title: Type.Optional(Name()), description: Type.Optional(Text(4000)) });

const CyclePlan = Type.Object({ question: Text(2000), prediction: Text(2000), who: Text(500), what: Text(2000), where: Text(500), when: Text(500), data: Text(2000) });
const CycleDo = Type.Object({ startedOn: Nullable(IsoDate), endedOn: Nullable(IsoDate), whatHappened: Text(4000), observations: Text(4000) });
const CycleStudy = Type.Object({ results: Text(4000) });
const CycleAct = Type.Object({ decision: Nullable(Type.Enum(ACT_DECISIONS)), nextStep: Text(2000) });

const cycleFields = {
  changeIdeaId: Type.Optional(Nullable(Uuid)),
  previousCycleId: Type.Optional(Nullable(Uuid)),
  measureId: Type.Optional(Nullable(Uuid)),
  scale: Type.Optional(Type.Enum(SCALES)),
  participants: Type.Optional(Text(1000)),
  dueOn: Type.Optional(Nullable(IsoDate)),
  plan: Type.Optional(Type.Partial(CyclePlan)),
  do: Type.Optional(Type.Partial(CycleDo)),
  study: Type.Optional(Type.Partial(CycleStudy)),
  act: Type.Optional(Type.Partial(CycleAct)),
};
export const NewCycle = Type.Object({ title: Name(), ...cycleFields });
export const CyclePatch = Type.Object({ title: Type.Optional(Name()), ...cycleFields });

export const Cycle = Type.Object({
  id: Type.String(),
  title: Type.String(),
  changeIdeaId: Nullable(Type.String()),
  previousCycleId: Nullable(Type.String()),
  measureId: Nullable(Type.String()),
  scale: Type.Enum(SCALES),
  participants: Type.String(),
  dueOn: Nullable(Type.String()),
  plan: CyclePlan,
  do: CycleDo,
  study: CycleStudy,
  act: CycleAct,
  phase: Type.Union([Type.Literal('plan'), Type.Literal('do'), Type.Literal('study'), Type.Literal('act'), Type.Literal('done')]),
  overdue: Type.Boolean(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

export const ChartOptions = Type.Object({
  chart: Type.Enum(CHART_TYPES),
  freeze: Type.Optional(Type.Integer({ minimum: 1 })),
  part: Type.Optional(Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 100 })),
  exclude: Type.Optional(Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 1000 })),
  multiply: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
  rules: Type.Optional(Type.Enum(RULE_SETS)),
});

const StudentGroup = Type.Object(
  {
    attribute: Type.Enum(GROUP_ATTRIBUTES, { description: 'a student attribute (students-attributes import)' }),
    value: Type.Union([Type.Boolean(), Type.String({ minLength: 1, maxLength: 100 })], { description: 'true/false, or the home language' }),
  },
  { additionalProperties: false },
);
/** How a live measure is computed (docs/measures.md, "Live measures"); src/core/improvement/live-measures.ts checks the rest. */
export const LiveDefinition = Type.Object(
  {
    kind: Type.Enum(LIVE_KINDS),
    team: Type.Optional(Type.String({ minLength: 1, maxLength: 256, description: 'the team’s sourcedId; default the project’s team' })),
    period: Type.Optional(Type.Enum(LIVE_PERIODS)),
    periods: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PERIODS, description: 'how many periods back, the current one included' })),
    skills: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { minItems: 1, maxItems: 500, description: 'mastery_share: skill ids; default the team’s sequence' })),
    share: Type.Optional(Type.Boolean({ description: 'struggling: a share of the students (%) instead of a count' })),
    gap: Type.Optional(Type.Object({ a: StudentGroup, b: StudentGroup }, { additionalProperties: false, description: 'group A’s value minus group B’s' })),
    outcome: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'imported_outcome: the outcome key, e.g. college_applications_nonlocal' })),
    school: Type.Optional(Type.String({ minLength: 1, maxLength: 256, description: 'imported_outcome: one school’s sourcedId; default every school of the project' })),
  },
  { additionalProperties: false },
);

/** An imported outcome (GET /api/improvement/outcomes): the schools with values that the caller can see, and their periods. */
export const ImportedOutcome = Type.Object({
  outcome: Type.String({ description: 'the outcome key, e.g. graduation_rate' }),
  schools: Type.Array(Type.Object({ id: Type.String({ description: 'the school’s sourcedId' }), name: Type.String() })),
  periods: Type.Array(Type.String({ description: 'YYYY, YYYY-MM, YYYY-MM-DD or a school year YYYY-YY' })),
});

const measureFields = {
  area: Type.Optional(Nullable(Type.Enum(AREAS))),
  operationalDefinition: Type.Optional(Text(4000)),
  chartOptions: Type.Optional(ChartOptions),
  source: Type.Optional(Type.Enum(MEASURE_SOURCES)),
  // The definition first, unlike Nullable: Ajv never coerces null into an object, and its errors then name the definition's field.
  liveDefinition: Type.Optional(Type.Union([LiveDefinition, Type.Null()])),
};
export const NewMeasure = Type.Object({ kind: Type.Enum(MEASURE_KINDS), name: Name(), ...measureFields });
export const MeasurePatch = Type.Object({ kind: Type.Optional(Type.Enum(MEASURE_KINDS)), name: Type.Optional(Name()), ...measureFields });

const Value = Type.Object({ x: Type.String({ maxLength: 40 }), y: Nullable(Type.Number()), n: Type.Optional(Nullable(Type.Number())) });

export const Measure = Type.Object({
  id: Type.String(),
  kind: Type.Enum(MEASURE_KINDS),
  name: Type.String(),
  area: Nullable(Type.Enum(AREAS)),
  operationalDefinition: Type.String(),
  chartOptions: ChartOptions,
  source: Type.Enum(MEASURE_SOURCES),
  liveDefinition: Nullable(Type.Record(Type.String(), Type.Unknown())),
  liveComputedAt: Nullable(Type.String({ description: 'when a live measure’s values were last recomputed' })),
  liveDescription: Type.Optional(Nullable(Type.String({ description: 'what a live measure counts, in a sentence' }))),
  valueCount: Type.Integer(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
export const MeasureDetail = Type.Object({ ...Measure.properties, values: Type.Array(Type.Object({ x: Type.String(), y: Nullable(Type.Number()), n: Nullable(Type.Number()) })) });

export const ValuesBody = Type.Object({ values: Type.Array(Value, { maxItems: 10_000 }) });
export const CsvBody = Type.Object({
  text: Type.String({ minLength: 1, maxLength: 5_000_000 }),
  fileName: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  columns: Type.Object({ x: Name(), y: Name(), n: Type.Optional(Type.String({ maxLength: 200 })) }),
});

export const MeasureChart = Type.Object({
  measure: Measure,
  events: Type.Array(Type.Object({ x: Type.String(), label: Type.String(), cycleId: Type.String() })),
  result: Nullable(Type.Unknown({ description: 'the engine’s ChartResult (src/core/spc/types.ts); null when there are no values' })),
  explanation: Nullable(Type.Object({ summary: Type.String(), details: Type.Array(Type.String()) })),
  problem: Nullable(Type.String({ description: 'why the chart cannot be drawn, e.g. too few values for the chart type' })),
});

export const DistrictCapacity = Type.Object({
  today: Type.String({ description: 'The date the figures were computed for (YYYY-MM-DD)' }),
  projects: Type.Object({
    total: Type.Integer(),
    active: Type.Integer({ description: 'Active or paused' }),
    byJob: Type.Object({ correct: Type.Integer(), coordinate: Type.Integer(), reorient: Type.Integer() }),
  }),
  people: Type.Integer(),
  departments: Type.Integer(),
  practitioners: Type.Integer({ description: 'People on a project that has studied at least one PDSA cycle' }),
  cycles: Type.Object({ underWay: Type.Integer(), studied: Type.Integer(), overdue: Type.Integer() }),
  studiedPerMonth: Type.Array(Type.Object({ month: Type.String({ description: 'YYYY-MM' }), studied: Type.Integer() })),
  recentRate: Type.Number({ description: 'Cycles studied per month, mean of the last three months' }),
  spreadRamps: Type.Integer(),
  areas: Type.Array(Type.Object({ area: Type.Enum(AREAS), projects: Type.Integer() })),
  missingAreas: Type.Array(Type.Enum(AREAS)),
  rows: Type.Array(
    Type.Object({
      id: Type.String(),
      title: Type.String(),
      job: Type.Enum(JOBS),
      status: Type.Enum(PROJECT_STATUSES),
      scope: Type.String(),
      people: Type.Integer(),
      underWay: Type.Integer(),
      studied: Type.Integer(),
      overdue: Type.Integer(),
      widestScale: Type.Union([Type.Enum(SCALES), Type.Null()]),
      lastCycleOn: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
  sentences: Type.Array(Type.String()),
});
export type DistrictCapacity = Static<typeof DistrictCapacity>;
