/**
 * The shapes of docs/api.md as TypeBox schemas: they validate requests, shape
 * responses (nothing beyond them leaves the server) and make the OpenAPI document.
 */
import { Type, type Static, type TSchema } from '@fastify/type-provider-typebox';
import { ROLES, TEAM_ROLES } from '../core/access/roles.ts';

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Strings = Type.Array(Type.String());
const Ref = Type.Object({ sourcedId: Type.String(), name: Type.String() });

export const Role = Type.Enum(ROLES);
export type Role = Static<typeof Role>;

export const Problem = Type.Object(
  { type: Type.String(), title: Type.String(), status: Type.Integer(), detail: Type.String() },
  { description: 'application/problem+json (RFC 9457)' },
);

export const Me = Type.Object({
  id: Type.String(),
  email: Type.String(),
  displayName: Type.String(),
  role: Role,
  userSourcedId: Nullable(Type.String()),
  district: Type.Object({ id: Type.String(), name: Type.String() }),
  csrfToken: Type.String(),
  scope: Type.Object({
    schools: Type.Array(Ref),
    teams: Type.Array(Type.Object({ sourcedId: Type.String(), name: Type.String(), schoolSourcedId: Type.String() })),
  }),
});
export type Me = Static<typeof Me>;

export const SignIn = Type.Object({
  email: Type.String({ minLength: 1, maxLength: 320 }),
  password: Type.String({ minLength: 1, maxLength: 1024 }),
});

export const School = Type.Object({
  sourcedId: Type.String(),
  name: Type.String(),
  identifier: Nullable(Type.String()),
  grades: Strings,
  studentCount: Type.Integer(),
  teamCount: Type.Integer(),
  classCount: Type.Integer(),
});
export type School = Static<typeof School>;

export const TeamSummary = Type.Object({
  sourcedId: Type.String(),
  name: Type.String(),
  schoolSourcedId: Type.String(),
  schoolName: Type.String(),
  grades: Strings,
  studentCount: Type.Integer(),
  leader: Nullable(Ref),
});
export type TeamSummary = Static<typeof TeamSummary>;

export const ClassSummary = Type.Object({
  sourcedId: Type.String(),
  title: Type.String(),
  classCode: Nullable(Type.String()),
  courseTitle: Type.String(),
  schoolSourcedId: Type.String(),
  grades: Strings,
  periods: Strings,
  studentCount: Type.Integer(),
  teachers: Strings,
});
export type ClassSummary = Static<typeof ClassSummary>;

const TeamRole = Type.Enum(TEAM_ROLES);
export type TeamRole = Static<typeof TeamRole>;

export const Team = Type.Object({
  ...TeamSummary.properties,
  members: Type.Array(Type.Object({ sourcedId: Type.String(), name: Type.String(), role: TeamRole })),
  classes: Type.Array(ClassSummary),
});
export type Team = Static<typeof Team>;

export const SchoolDetail = Type.Object({ ...School.properties, teams: Type.Array(TeamSummary) });
export type SchoolDetail = Static<typeof SchoolDetail>;

export const StudentSummary = Type.Object({
  sourcedId: Type.String(),
  givenName: Type.String(),
  familyName: Type.String(),
  identifier: Nullable(Type.String()),
  grades: Strings,
  schools: Type.Array(Ref),
  englishLearner: Type.Boolean(),
  specialEducation: Type.Boolean(),
  economicallyDisadvantaged: Type.Boolean(),
  homeLanguage: Nullable(Type.String()),
});
export type StudentSummary = Static<typeof StudentSummary>;

export const ClassDetail = Type.Object({ ...ClassSummary.properties, students: Type.Array(StudentSummary) });
export type ClassDetail = Static<typeof ClassDetail>;

export const StudentProfile = Type.Object({
  ...StudentSummary.properties,
  email: Nullable(Type.String()),
  username: Nullable(Type.String()),
  demographics: Nullable(
    Type.Object({
      birthDate: Nullable(Type.String()),
      sex: Nullable(Type.String()),
      races: Strings,
      hispanicOrLatino: Nullable(Type.Boolean()),
    }),
  ),
  classes: Type.Array(ClassSummary),
  teams: Type.Array(Ref),
  adults: Type.Array(Type.Object({ sourcedId: Type.String(), name: Type.String(), role: Type.String(), via: Type.String() })),
});
export type StudentProfile = Static<typeof StudentProfile>;

export const StaffSummary = Type.Object({
  sourcedId: Type.String(),
  givenName: Type.String(),
  familyName: Type.String(),
  email: Nullable(Type.String()),
  role: Type.String(),
  schools: Type.Array(Ref),
  teams: Type.Array(Type.Object({ sourcedId: Type.String(), name: Type.String(), role: Type.String() })),
});
export type StaffSummary = Static<typeof StaffSummary>;

export const AcademicSession = Type.Object({
  sourcedId: Type.String(),
  title: Type.String(),
  type: Type.String(),
  startDate: Type.String(),
  endDate: Type.String(),
  schoolYear: Type.String(),
  parentSourcedId: Nullable(Type.String()),
});
export type AcademicSession = Static<typeof AcademicSession>;

export const Course = Type.Object({
  sourcedId: Type.String(),
  title: Type.String(),
  courseCode: Nullable(Type.String()),
  grades: Strings,
  orgSourcedId: Type.String(),
});
export type Course = Static<typeof Course>;

export const ImportCounts = Type.Object({ read: Type.Integer(), accepted: Type.Integer(), skipped: Type.Integer(), deleted: Type.Integer() });
export const ImportProblem = Type.Object({
  file: Type.String(),
  line: Type.Integer(),
  field: Type.String(),
  value: Type.String(),
  message: Type.String(),
});

export type ImportCounts = Static<typeof ImportCounts>;
export type ImportProblem = Static<typeof ImportProblem>;

export const ImportReport = Type.Object({
  outcome: Type.Union([Type.Literal('accepted'), Type.Literal('rejected')]),
  version: Type.Union([Type.Literal('1.1'), Type.Literal('1.2')]),
  mode: Type.Union([Type.Literal('bulk'), Type.Literal('delta')]),
  districtId: Nullable(Type.String()),
  counts: Type.Record(Type.String(), ImportCounts),
  problems: Type.Array(ImportProblem),
  error: Type.Optional(Type.String()),
});

export type ImportReport = Static<typeof ImportReport>;

export const ImportRun = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  source: Type.String(),
  outcome: Type.Union([Type.Literal('accepted'), Type.Literal('rejected')]),
  counts: Type.Record(Type.String(), ImportCounts),
  problemCount: Type.Integer(),
  startedAt: Type.String({ format: 'date-time' }),
  finishedAt: Type.String({ format: 'date-time' }),
});
export type ImportRun = Static<typeof ImportRun>;

export const RosterStats = Type.Object({
  districts: Type.Integer(),
  schools: Type.Integer(),
  academicSessions: Type.Integer(),
  courses: Type.Integer(),
  classes: Type.Integer(),
  students: Type.Integer(),
  staff: Type.Integer(),
  enrollments: Type.Integer(),
  teams: Type.Integer(),
});
export type RosterStats = Static<typeof RosterStats>;

export const Items = <T extends TSchema>(item: T) => Type.Object({ items: Type.Array(item) });
export const Page = <T extends TSchema>(item: T) => Type.Object({ items: Type.Array(item), next: Nullable(Type.String()) });

export const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 256 }) });

/** Query of a paged list. */
export const PageQuery = {
  limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
  cursor: Type.Optional(Type.String({ maxLength: 2048, description: 'the `next` of the previous page' })),
};

const Filter = (description: string) => Type.Optional(Type.String({ minLength: 1, maxLength: 256, description }));

export const StudentQuery = Type.Object({
  ...PageQuery,
  q: Type.Optional(Type.String({ maxLength: 200, description: 'part of a name or identifier' })),
  school: Filter('school sourcedId'),
  grade: Filter('grade level, e.g. 03 or KG'),
  team: Filter('team sourcedId'),
  class: Filter('class sourcedId'),
  englishLearner: Type.Optional(Type.Boolean()),
  specialEducation: Type.Optional(Type.Boolean()),
  economicallyDisadvantaged: Type.Optional(Type.Boolean()),
});

export const StaffQuery = Type.Object({
  ...PageQuery,
  q: Type.Optional(Type.String({ maxLength: 200, description: 'part of a name, email or identifier' })),
  school: Filter('school sourcedId'),
  team: Filter('team sourcedId'),
});

export const SchoolFilter = Type.Object({ school: Filter('school sourcedId') });
export const ClassQuery = Type.Object({ school: Filter('school sourcedId'), team: Filter('team sourcedId') });

/** Error responses every protected route may give, for the OpenAPI document. */
export const problems = (...statuses: number[]) => Object.fromEntries(statuses.map((status) => [status, Problem]));
