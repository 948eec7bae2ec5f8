/**
 * Per student and skill: a state (not started, learning, mastered), and the
 * flags that tell a team who is struggling, each with its reason and since when.
 * Pure: evidence histories with the mastery estimate after each attempt in,
 * states and flags out. The mastery model that produced the estimates lives in
 * src/core/mastery.
 */

export type SkillState = 'not_started' | 'learning' | 'mastered';
export type FlagKind = 'wheel_spinning' | 'regression' | 'inactive' | 'behind';

export interface Attempt {
  /** When the evidence happened, in milliseconds since 1970 (a number: a student's history holds thousands; flags give ISO times). */
  at: number;
  correct: boolean;
  /** Estimated probability of mastery after this attempt. */
  mastery: number;
}

export interface SkillHistory {
  skill: string;
  /** In time order. */
  attempts: Attempt[];
}

export interface StudentHistory {
  student: string;
  skills: SkillHistory[];
}

export interface FlagRules {
  /** Mastered at or above this probability (default 0.95). */
  masteredAt: number;
  /** Attempts on one skill without mastery before it counts as wheel-spinning (default 10). */
  wheelSpinningAttempts: number;
  /** A mastered skill whose estimate falls this far below the threshold has regressed (default 0.15), so one slip is not a flag. */
  regressionMargin: number;
  /** School days without any evidence before a student counts as inactive (default 3). */
  inactiveSchoolDays: number;
  /** Skills of the team's sequence behind the team's median before a student counts as behind (default 2). */
  behindBySkills: number;
}

export const DEFAULT_FLAG_RULES: FlagRules = {
  masteredAt: 0.95,
  wheelSpinningAttempts: 10,
  regressionMargin: 0.15,
  inactiveSchoolDays: 3,
  behindBySkills: 2,
};

export interface Flag {
  student: string;
  kind: FlagKind;
  /** The skill concerned (wheel-spinning, regression); null for the student as a whole. */
  skill: string | null;
  /** A sentence for the team: what the data show. */
  reason: string;
  /** When the condition began (ISO date or timestamp). */
  since: string;
}

export function skillState(history: SkillHistory | undefined, rules: FlagRules = DEFAULT_FLAG_RULES): SkillState {
  const last = history?.attempts[history.attempts.length - 1];
  if (!last) return 'not_started';
  return last.mastery >= rules.masteredAt ? 'mastered' : 'learning';
}

const iso = (ms: number) => new Date(ms).toISOString();

/** How reasons name a skill (e.g. its code for a skill id); the skill as given by default. */
export type SkillLabel = (skill: string) => string;
const asGiven: SkillLabel = (skill) => skill;

function wheelSpinning(student: string, history: SkillHistory, rules: FlagRules, label: SkillLabel): Flag | null {
  if (history.attempts.some((attempt) => attempt.mastery >= rules.masteredAt)) return null;
  const count = history.attempts.length;
  if (count < rules.wheelSpinningAttempts) return null;
  const right = history.attempts.filter((attempt) => attempt.correct).length;
  return {
    student,
    kind: 'wheel_spinning',
    skill: history.skill,
    reason: `${count} attempts at ${label(history.skill)} without mastery (${right} right)`,
    since: iso(history.attempts[rules.wheelSpinningAttempts - 1]!.at),
  };
}

/**
 * Attempts in a row with the estimate down before a slip counts as regression:
 * one wrong answer on a review moves a reactive model a long way, and the next
 * answer usually settles it.
 */
const REGRESSION_ATTEMPTS = 2;

function regression(student: string, history: SkillHistory, rules: FlagRules, label: SkillLabel): Flag | null {
  const floor = rules.masteredAt - rules.regressionMargin;
  let masteredAt: number | null = null;
  // The current fall below the floor, if any: where it began and how many attempts it has lasted.
  let fellAt: Attempt | null = null;
  let down = 0;
  for (const attempt of history.attempts) {
    if (attempt.mastery >= floor) {
      if (attempt.mastery >= rules.masteredAt) masteredAt ??= attempt.at;
      fellAt = null;
      down = 0;
    } else if (masteredAt !== null) {
      fellAt ??= attempt;
      down++;
    }
  }
  // Only while the estimate is still down and has stayed down: a student who slipped once,
  // or is climbing back (above the floor, not yet mastered again), needs no one yet.
  if (masteredAt === null || !fellAt || down < REGRESSION_ATTEMPTS) return null;
  const last = history.attempts[history.attempts.length - 1]!;
  const percent = Math.round(last.mastery * 100);
  return {
    student,
    kind: 'regression',
    skill: history.skill,
    reason: `${label(history.skill)} was mastered on ${iso(masteredAt).slice(0, 10)} and has slipped to ${percent}%`,
    since: iso(fellAt.at),
  };
}

/** Weekdays strictly after `from` up to and including `to` (both ISO dates). */
export function schoolDaysBetween(from: string, to: string): number {
  const start = Date.parse(`${from.slice(0, 10)}T00:00:00Z`);
  const end = Date.parse(`${to.slice(0, 10)}T00:00:00Z`);
  let count = 0;
  for (let day = start + 86_400_000; day <= end; day += 86_400_000) {
    const weekday = new Date(day).getUTCDay();
    if (weekday !== 0 && weekday !== 6) count++;
  }
  return count;
}

function nextSchoolDay(date: string): string {
  let day = Date.parse(`${date.slice(0, 10)}T00:00:00Z`) + 86_400_000;
  while ([0, 6].includes(new Date(day).getUTCDay())) day += 86_400_000;
  return new Date(day).toISOString().slice(0, 10);
}

function inactive(student: StudentHistory, today: string, rules: FlagRules): Flag | null {
  let last: number | null = null;
  for (const skill of student.skills) for (const attempt of skill.attempts) if (last === null || attempt.at > last) last = attempt.at;
  return inactiveFlag(student.student, last === null ? null : iso(last), today, rules);
}

/** The inactive flag of a student whose last evidence was at `last` (null: never started, shown as "not started" instead). */
export function inactiveFlag(student: string, last: string | null, today: string, rules: FlagRules = DEFAULT_FLAG_RULES): Flag | null {
  if (!last) return null;
  const idle = schoolDaysBetween(last, today);
  if (idle < rules.inactiveSchoolDays) return null;
  return {
    student,
    kind: 'inactive',
    skill: null,
    reason: `no learning data for ${idle} school days (last on ${last.slice(0, 10)})`,
    since: nextSchoolDay(last),
  };
}

function masteredCount(student: StudentHistory, sequence: readonly string[], rules: FlagRules): number {
  const bySkill = new Map(student.skills.map((history) => [history.skill, history]));
  return sequence.filter((skill) => skillState(bySkill.get(skill), rules) === 'mastered').length;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export interface TeamFlagsInput {
  students: StudentHistory[];
  /** The team's current sequence of skills, in order. */
  sequence: readonly string[];
  /** Today (ISO date): inactivity counts school days up to it. */
  today: string;
  rules?: Partial<FlagRules>;
  /** How reasons name a skill; the skill as given by default. */
  label?: SkillLabel;
}

/** Every flag for a team's students today. */
export function teamFlags(input: TeamFlagsInput): Flag[] {
  const rules = { ...DEFAULT_FLAG_RULES, ...input.rules };
  const label = input.label ?? asGiven;
  const flags: Flag[] = [];
  const counts = input.students.map((student) => masteredCount(student, input.sequence, rules));
  const behind = behindFlags(
    input.students.map((student, index) => ({ student: student.student, mastered: counts[index]! })),
    input.sequence.length,
    input.today,
    rules,
  );
  input.students.forEach((student) => {
    for (const history of student.skills) {
      const spinning = wheelSpinning(student.student, history, rules, label);
      if (spinning) flags.push(spinning);
      const slipped = regression(student.student, history, rules, label);
      if (slipped) flags.push(slipped);
    }
    const idle = inactive(student, input.today, rules);
    if (idle) flags.push(idle);
    const late = behind.get(student.student);
    if (late) flags.push(late);
  });
  return flags;
}

/**
 * The "behind" flags of a team: students whose count of mastered skills of the
 * team's sequence (of `sequenceLength` skills) is `behindBySkills` or more
 * below the team's median. Keyed by student.
 */
export function behindFlags(
  students: readonly { student: string; mastered: number }[],
  sequenceLength: number,
  today: string,
  rules: FlagRules = DEFAULT_FLAG_RULES,
): Map<string, Flag> {
  const flags = new Map<string, Flag>();
  if (sequenceLength === 0 || students.length === 0) return flags;
  const teamMedian = median(students.map((s) => s.mastered));
  for (const { student, mastered } of students) {
    if (teamMedian - mastered < rules.behindBySkills) continue;
    flags.set(student, {
      student,
      kind: 'behind',
      skill: null,
      reason: `${mastered} of the team's ${sequenceLength} skills mastered; the team's median is ${teamMedian}`,
      since: today,
    });
  }
  return flags;
}
