/**
 * Live measures: a project measure whose values Trellis computes from its own
 * data (mastery estimates, struggling flags, published team-day plans) instead
 * of a person typing them. This module holds the definition's shape and its
 * checks, the periods, and the turning of rows into one point per period. Pure:
 * src/db/live-measures.ts reads the rows. See docs/measures.md, "Live measures".
 */
import { MAX_OUTCOME_KEY, OUTCOME_KEY } from './outcomes.ts';

/** Kinds computed from a team's students and plans. */
export const TEAM_LIVE_KINDS = ['mastery_share', 'struggling', 'regrouping_frequency', 'adults_per_student'] as const;
export type TeamLiveKind = (typeof TEAM_LIVE_KINDS)[number];
/** Every kind: the team kinds and `imported_outcome`, figures imported by school and period (src/core/improvement/outcomes.ts). */
export const LIVE_KINDS = [...TEAM_LIVE_KINDS, 'imported_outcome'] as const;
export type LiveKind = (typeof LIVE_KINDS)[number];

export const LIVE_PERIODS = ['week', 'month'] as const;
export type LivePeriod = (typeof LIVE_PERIODS)[number];

/** The student attributes a gap can compare (the columns of student_attributes). */
export const GROUP_ATTRIBUTES = ['english_learner', 'special_education', 'economically_disadvantaged', 'home_language'] as const;
export type GroupAttribute = (typeof GROUP_ATTRIBUTES)[number];

/** Students whose attribute has this value: true/false, or a home language's name. */
export interface StudentGroup {
  attribute: GroupAttribute;
  value: boolean | string;
}

export interface TeamLiveDefinition {
  kind: TeamLiveKind;
  /** The team's sourcedId. */
  team: string;
  period: LivePeriod;
  /** How many periods back, the current one included. */
  periods: number;
  /** mastery_share: the skills counted; absent means the team's skill sequence. */
  skills?: string[];
  /** struggling: a share of the team's students (%) instead of a count. */
  share?: boolean;
  /** Group A's value minus group B's, in the measure's unit (points for shares). */
  gap?: { a: StudentGroup; b: StudentGroup };
}

/** A measure fed by imported outcomes: their periods are the file's, summed over the schools. */
export interface OutcomeLiveDefinition {
  kind: 'imported_outcome';
  /** The outcome key, such as `college_applications_nonlocal`. */
  outcome: string;
  /** One school's sourcedId; absent means every school the project's scope covers. */
  school?: string;
}

export type LiveDefinition = TeamLiveDefinition | OutcomeLiveDefinition;

export const DEFAULT_PERIODS = { week: 12, month: 12 } as const;
export const MAX_PERIODS = 104;

export class LiveDefinitionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LiveDefinitionError';
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function checkGroup(raw: unknown, which: string): StudentGroup {
  if (!isObject(raw)) throw new LiveDefinitionError(`gap.${which}: give the group as { "attribute": ..., "value": ... }.`);
  const attribute = raw.attribute;
  if (typeof attribute !== 'string' || !(GROUP_ATTRIBUTES as readonly string[]).includes(attribute)) {
    throw new LiveDefinitionError(`gap.${which}.attribute "${String(attribute)}": not a student attribute (one of ${GROUP_ATTRIBUTES.join(', ')}).`);
  }
  const value = raw.value;
  if (attribute === 'home_language') {
    if (typeof value !== 'string' || value.trim() === '') throw new LiveDefinitionError(`gap.${which}.value: name the home language, e.g. "Spanish".`);
    return { attribute, value: value.trim() };
  }
  if (typeof value !== 'boolean') throw new LiveDefinitionError(`gap.${which}.value: ${attribute} is true or false.`);
  return { attribute: attribute as GroupAttribute, value };
}

/**
 * A live definition from the API or the database, checked whole; `team` falls
 * back to `defaultTeam` (the project's team). Existence of the team and skills
 * is the database's to check.
 */
export function parseLiveDefinition(raw: unknown, defaultTeam: string | null): LiveDefinition {
  if (!isObject(raw)) throw new LiveDefinitionError('A live measure needs its definition: { "kind": ..., "team": ... }.');
  const kind = raw.kind;
  if (typeof kind !== 'string' || !(LIVE_KINDS as readonly string[]).includes(kind)) {
    throw new LiveDefinitionError(`kind "${String(kind)}": not a live measure kind (one of ${LIVE_KINDS.join(', ')}).`);
  }
  if (kind === 'imported_outcome') return parseOutcomeDefinition(raw);
  const team = raw.team ?? defaultTeam;
  if (typeof team !== 'string' || team.trim() === '') throw new LiveDefinitionError('team: name the team whose students are counted (the project is not a team project).');
  const period = raw.period ?? 'week';
  if (typeof period !== 'string' || !(LIVE_PERIODS as readonly string[]).includes(period)) throw new LiveDefinitionError(`period "${String(period)}": week or month.`);
  const periods = raw.periods ?? DEFAULT_PERIODS[period as LivePeriod];
  if (typeof periods !== 'number' || !Number.isInteger(periods) || periods < 1 || periods > MAX_PERIODS) {
    throw new LiveDefinitionError(`periods: a whole number from 1 to ${MAX_PERIODS}.`);
  }
  const definition: TeamLiveDefinition = { kind: kind as TeamLiveKind, team: team.trim(), period: period as LivePeriod, periods };
  if (raw.skills !== undefined && raw.skills !== null) {
    if (kind !== 'mastery_share') throw new LiveDefinitionError('skills: only a mastery_share measure counts skills.');
    if (!Array.isArray(raw.skills) || raw.skills.length === 0 || raw.skills.some((s) => typeof s !== 'string' || s === '')) {
      throw new LiveDefinitionError('skills: a list of skill ids, or leave it out to use the team’s skill sequence.');
    }
    if (raw.skills.length > 500) throw new LiveDefinitionError('skills: at most 500.');
    definition.skills = [...new Set(raw.skills as string[])];
  }
  if (raw.share !== undefined && raw.share !== null) {
    if (kind !== 'struggling') throw new LiveDefinitionError('share: only a struggling measure can be a count or a share.');
    if (typeof raw.share !== 'boolean') throw new LiveDefinitionError('share: true or false.');
    definition.share = raw.share;
  }
  if (raw.gap !== undefined && raw.gap !== null) {
    if (kind === 'regrouping_frequency') throw new LiveDefinitionError('gap: plans are published for the whole team, so regrouping frequency has no gap between groups.');
    if (!isObject(raw.gap)) throw new LiveDefinitionError('gap: give two groups, { "a": ..., "b": ... }.');
    definition.gap = { a: checkGroup(raw.gap.a, 'a'), b: checkGroup(raw.gap.b, 'b') };
  }
  const known = new Set(['kind', 'team', 'period', 'periods', 'skills', 'share', 'gap']);
  const unknown = Object.keys(raw).find((key) => !known.has(key));
  if (unknown) throw new LiveDefinitionError(`${unknown}: not part of a live definition.`);
  return definition;
}

function parseOutcomeDefinition(raw: Record<string, unknown>): OutcomeLiveDefinition {
  const outcome = raw.outcome;
  if (typeof outcome !== 'string' || !OUTCOME_KEY.test(outcome.trim()) || outcome.trim().length > MAX_OUTCOME_KEY) {
    throw new LiveDefinitionError('outcome: name the imported outcome by its key, such as "graduation_rate".');
  }
  const definition: OutcomeLiveDefinition = { kind: 'imported_outcome', outcome: outcome.trim() };
  if (raw.school !== undefined && raw.school !== null) {
    if (typeof raw.school !== 'string' || raw.school.trim() === '') throw new LiveDefinitionError('school: a school’s sourcedId, or leave it out for every school of the project.');
    definition.school = raw.school.trim();
  }
  const unknown = Object.keys(raw).find((key) => !['kind', 'outcome', 'school'].includes(key));
  if (unknown) throw new LiveDefinitionError(`${unknown}: not part of an imported_outcome definition (kind, outcome and optionally school).`);
  return definition;
}

/** One period: its first day (the chart's x) and the instant it ends (exclusive), in ms. */
export interface Period {
  x: string;
  start: number;
  end: number;
}

const DAY = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function periodStart(ms: number, period: LivePeriod): number {
  const day = new Date(ms);
  if (period === 'month') return Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), 1);
  const midnight = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate());
  // Weeks start on Monday (UTC), as school weeks do.
  return midnight - ((day.getUTCDay() + 6) % 7) * DAY;
}

function nextStart(start: number, period: LivePeriod): number {
  if (period === 'week') return start + 7 * DAY;
  const day = new Date(start);
  return Date.UTC(day.getUTCFullYear(), day.getUTCMonth() + 1, 1);
}

/**
 * The last `count` periods up to the one holding `now`, oldest first, none
 * starting before the period that holds `firstData`. The current period ends
 * at `now`: its value is the value so far.
 */
export function livePeriods(now: number, period: LivePeriod, count: number, firstData: number | null): Period[] {
  if (firstData === null || firstData > now) return [];
  const first = periodStart(firstData, period);
  const starts: number[] = [];
  for (let start = periodStart(now, period); starts.length < count && start >= first; ) {
    starts.unshift(start);
    const day = new Date(start);
    start = period === 'week' ? start - 7 * DAY : Date.UTC(day.getUTCFullYear(), day.getUTCMonth() - 1, 1);
  }
  return starts.map((start) => ({ x: isoDay(start), start, end: Math.min(nextStart(start, period), now) }));
}

/** A point of the series: y the value, n the students (or plans) it was computed over. */
export interface LivePoint {
  x: string;
  y: number | null;
  n: number | null;
}

export interface MasteryRow {
  student: string;
  skill: string;
  state: 'learning' | 'mastered';
  /** When the estimate last crossed the mastery threshold upward (ms); null if never. */
  masteredAt: number | null;
}

export interface FlagRow {
  student: string;
  /** When the flag's condition began (ms). */
  since: number;
  clearedAt: number | null;
}

export interface PublishedPlan {
  planDate: string;
  /** The plan's groups: each an adult (or none) with its students. */
  groups: { adult?: string | null; students: string[] }[];
}

const round = (value: number) => Math.round(value * 100) / 100;

/**
 * Per student, the share (%) of `skills` mastered at the period's end, averaged
 * over `students`. A skill counts as mastered at time t when its estimate is
 * mastered now and last crossed the threshold at or before t: the estimates
 * keep no fuller history (see docs/measures.md for what that misses).
 */
export function masteryShare(students: readonly string[], skills: readonly string[], rows: readonly MasteryRow[], end: number): number | null {
  if (students.length === 0 || skills.length === 0) return null;
  const wanted = new Set(skills);
  const members = new Set(students);
  let mastered = 0;
  for (const row of rows) {
    if (row.state === 'mastered' && row.masteredAt !== null && row.masteredAt < end && wanted.has(row.skill) && members.has(row.student)) mastered++;
  }
  return round((100 * mastered) / (students.length * wanted.size));
}

/** Students of `students` with a flag open at the period's end: begun by then and not cleared by then. */
export function strugglingCount(students: readonly string[], flags: readonly FlagRow[], end: number): number {
  const members = new Set(students);
  const open = new Set<string>();
  for (const flag of flags) {
    if (members.has(flag.student) && flag.since < end && (flag.clearedAt === null || flag.clearedAt >= end)) open.add(flag.student);
  }
  return open.size;
}

/** Days in the period with a published plan. */
export function publishedPlanCount(plans: readonly PublishedPlan[], period: Period): number {
  return new Set(plans.filter((p) => inPeriod(p.planDate, period)).map((p) => p.planDate)).size;
}

function inPeriod(planDate: string, period: Period): boolean {
  const at = Date.parse(`${planDate}T00:00:00Z`);
  return at >= period.start && at < period.end;
}

/**
 * The distinct adults each student of `students` met in the period's published
 * plans, averaged over the students who appear in them; null when none does.
 */
export function adultsPerStudent(students: readonly string[], plans: readonly PublishedPlan[], period: Period): { mean: number; students: number } | null {
  const members = new Set(students);
  const met = new Map<string, Set<string>>();
  for (const plan of plans) {
    if (!inPeriod(plan.planDate, period)) continue;
    for (const group of plan.groups) {
      for (const student of group.students) {
        if (!members.has(student)) continue;
        const adults = met.get(student) ?? new Set<string>();
        if (group.adult) adults.add(group.adult);
        met.set(student, adults);
      }
    }
  }
  if (met.size === 0) return null;
  let total = 0;
  for (const adults of met.values()) total += adults.size;
  return { mean: round(total / met.size), students: met.size };
}

/** The rows a definition's series is computed from; the students already cut to the team. */
export interface LiveData {
  students: readonly string[];
  /** Group A's and group B's students when the definition has a gap. */
  groups?: { a: readonly string[]; b: readonly string[] };
  skills: readonly string[];
  mastery: readonly MasteryRow[];
  flags: readonly FlagRow[];
  plans: readonly PublishedPlan[];
}

/** The value for one set of students in one period, with its denominator. */
function valueFor(definition: TeamLiveDefinition, data: LiveData, students: readonly string[], period: Period): { y: number | null; n: number | null } {
  switch (definition.kind) {
    case 'mastery_share':
      return { y: masteryShare(students, data.skills, data.mastery, period.end), n: students.length };
    case 'struggling': {
      const count = strugglingCount(students, data.flags, period.end);
      if (!definition.share) return { y: count, n: students.length };
      return { y: students.length === 0 ? null : round((100 * count) / students.length), n: students.length };
    }
    case 'regrouping_frequency':
      return { y: publishedPlanCount(data.plans, period), n: null };
    case 'adults_per_student': {
      const result = adultsPerStudent(students, data.plans, period);
      return result === null ? { y: null, n: 0 } : { y: result.mean, n: result.students };
    }
  }
}

/**
 * The series: one point per period. With a gap, group A's value minus group
 * B's (no denominator); a period where either group has no value is a gap (null).
 */
export function computeLiveSeries(definition: TeamLiveDefinition, data: LiveData, periods: readonly Period[]): LivePoint[] {
  return periods.map((period) => {
    if (definition.gap && data.groups) {
      const a = valueFor(definition, data, data.groups.a, period).y;
      const b = valueFor(definition, data, data.groups.b, period).y;
      return { x: period.x, y: a === null || b === null ? null : round(a - b), n: null };
    }
    const { y, n } = valueFor(definition, data, data.students, period);
    return { x: period.x, y, n };
  });
}

/** Whether a student's attributes put them in `group`; a student with no attribute row has every flag false and no language. */
export function inGroup(attributes: { english_learner: boolean; special_education: boolean; economically_disadvantaged: boolean; home_language: string | null } | undefined, group: StudentGroup): boolean {
  if (group.attribute === 'home_language') return (attributes?.home_language ?? '').toLowerCase() === String(group.value).toLowerCase();
  return (attributes?.[group.attribute] ?? false) === group.value;
}

const GROUP_WORDS: Record<GroupAttribute, [string, string]> = {
  english_learner: ['English learners', 'students who are not English learners'],
  special_education: ['students in special education', 'students not in special education'],
  economically_disadvantaged: ['economically disadvantaged students', 'students not economically disadvantaged'],
  home_language: ['', ''],
};

export function describeGroup(group: StudentGroup): string {
  if (group.attribute === 'home_language') return `students whose home language is ${String(group.value)}`;
  return GROUP_WORDS[group.attribute][group.value ? 0 : 1];
}

/** What the measure counts, in a sentence for the page under its chart. */
export function describeLiveDefinition(definition: LiveDefinition): string {
  if (definition.kind === 'imported_outcome') {
    const where = definition.school ? `school ${definition.school}` : 'every school of the project';
    return `Imported outcome “${definition.outcome}” for ${where}, one point per period of the imported file: the schools’ values summed, divided by their summed denominators when they gave them.`;
  }
  const each = definition.period === 'week' ? 'each week (Monday to Sunday)' : 'each month';
  const what = (() => {
    switch (definition.kind) {
      case 'mastery_share':
        return `the share of ${definition.skills ? `the ${definition.skills.length} chosen skills` : 'the skills in the team’s sequence'} each student has mastered by the end of the period, averaged over the team’s students`;
      case 'struggling':
        return definition.share ? 'the share of the team’s students with an open struggling flag at the end of the period' : 'the number of the team’s students with an open struggling flag at the end of the period';
      case 'regrouping_frequency':
        return 'the number of days with a published team-day plan';
      case 'adults_per_student':
        return 'how many different adults a student met in the period’s published plans, averaged over the students in them';
    }
  })();
  const gap = definition.gap ? `, for ${describeGroup(definition.gap.a)} minus ${describeGroup(definition.gap.b)}` : '';
  return `Live from Trellis data: ${what}${gap}, ${each}, over the last ${definition.periods} ${definition.period}s; the current ${definition.period} so far.`;
}
