/**
 * What the demo's learning data covers, worked out from the generated district
 * and the clock: the period (eight weeks of school days ending today, so the
 * demo looks live), the middle-school students whose programs report, the math
 * courses the framework's skills belong to, and each middle-school team's
 * current skill sequence. Pure: the district and `now` in, the plan out.
 */
import type { DemoDistrict } from '../generate.ts';
import { DEMO_SKILLS, type DemoSkill } from './framework.ts';
import { schoolDays, type SimulatedStudent } from './simulate.ts';

/** Eight weeks of school. */
export const LEARNING_WEEKS = 8;
/**
 * At most this many students' programs report. A default-size demo has fewer
 * middle-schoolers; a large one reports for whole teams up to this many, so the
 * learning phase takes the same short time at any size.
 */
export const MAX_LEARNING_STUDENTS = 600;
/** The school day's first answers (UTC, as the simulator writes them): before this, today has none yet. */
const SCHOOL_DAY_STARTS_UTC_HOUR = 9;
/** The skills a team's current sequence covers: about a week each over the period. */
const SEQUENCE_LENGTH = 8;

const MIDDLE_GRADES = new Set<string>(['06', '07', '08']);
const MATH_COURSE = /^MATH(6|7|8)$/;

export interface LearningPeriod {
  /** The first school day, a Monday. */
  startDate: string;
  schoolDays: number;
  /** The last school day (today on a school day once school has begun). */
  endDate: string;
  /** ISO 8601: nothing is reported after this moment. */
  until: string;
}

export interface SequencePlan {
  team: string;
  grade: DemoSkill['grade'];
  items: { code: string; startsOn: string; endsOn: string }[];
}

export interface DemoLearningPlan {
  period: LearningPeriod;
  /** The students whose programs report, with what the simulator needs to know of them. */
  students: SimulatedStudent[];
  /** The teams those students come from (whole teams). */
  reportingTeams: string[];
  /** Skill code → the middle-school math courses of its grade. */
  courseLinks: { code: string; course: string }[];
  sequences: SequencePlan[];
}

const day = (date: Date) => date.toISOString().slice(0, 10);

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return day(d);
}

/**
 * The eight weeks of school days that end with the latest school day that has
 * begun by `now`: from the Monday seven weeks before that day's week.
 */
export function learningPeriod(now: Date): LearningPeriod {
  let last = day(now);
  if (now.getUTCHours() < SCHOOL_DAY_STARTS_UTC_HOUR) last = addDays(last, -1);
  while ([0, 6].includes(new Date(`${last}T00:00:00Z`).getUTCDay())) last = addDays(last, -1);
  const weekday = new Date(`${last}T00:00:00Z`).getUTCDay(); // 1 = Monday ... 5 = Friday
  const startDate = addDays(last, -(weekday - 1) - 7 * (LEARNING_WEEKS - 1));
  const count = 5 * (LEARNING_WEEKS - 1) + weekday;
  return { startDate, schoolDays: count, endDate: last, until: now.toISOString() };
}

/** A grade's skills in sequence order. */
function gradeSkills(grade: DemoSkill['grade']): DemoSkill[] {
  return DEMO_SKILLS.filter((skill) => skill.grade === grade);
}

/**
 * A team's current sequence: the first skills of its grade, each given an equal
 * run of school days over the period (whole days, the last run ending on the
 * period's last day), as a team plans its weeks.
 */
export function teamSequence(team: string, grade: DemoSkill['grade'], period: LearningPeriod): SequencePlan {
  const skills = gradeSkills(grade).slice(0, SEQUENCE_LENGTH);
  const days = schoolDays(period.startDate, period.schoolDays);
  const items = skills.map((skill, i) => {
    const first = Math.floor((i * days.length) / skills.length);
    const last = Math.floor(((i + 1) * days.length) / skills.length) - 1;
    return { code: skill.code, startsOn: days[first]!, endsOn: days[Math.max(first, last)]! };
  });
  return { team, grade, items };
}

export function planDemoLearning(district: Pick<DemoDistrict, 'schools' | 'tables'>, now: Date, maxStudents = MAX_LEARNING_STUDENTS): DemoLearningPlan {
  const { tables } = district;
  const period = learningPeriod(now);
  const middleSchools = new Set(district.schools.filter((s) => s.level === 'middle').map((s) => s.sourcedId));

  const courseLinks = tables.courses.flatMap((course) => {
    const match = MATH_COURSE.exec(course.courseCode);
    if (!match || !middleSchools.has(course.orgSourcedId)) return [];
    const grade = `0${match[1]}` as DemoSkill['grade'];
    return gradeSkills(grade).map((skill) => ({ code: skill.code, course: course.sourcedId }));
  });

  // Middle-school grade teams (one grade each): they teach math, so each gets a sequence.
  const teams = tables.teams.filter((team) => middleSchools.has(team.schoolSourcedId) && MIDDLE_GRADES.has(team.grades));
  const sequences = teams.map((team) => teamSequence(team.sourcedId, team.grades as DemoSkill['grade'], period));

  const studentsOf = new Map<string, string[]>();
  for (const row of tables.teamStudents) {
    const list = studentsOf.get(row.teamSourcedId);
    if (list) list.push(row.userSourcedId);
    else studentsOf.set(row.teamSourcedId, [row.userSourcedId]);
  }
  const users = new Map(tables.users.map((user) => [user.sourcedId, user]));
  const attributes = new Map(tables.studentsAttributes.map((row) => [row.student, row]));
  const students: SimulatedStudent[] = [];
  const reportingTeams: string[] = [];
  const seen = new Set<string>();
  for (const team of teams) {
    const roster = (studentsOf.get(team.sourcedId) ?? []).filter((id) => !seen.has(id) && MIDDLE_GRADES.has(users.get(id)?.grades ?? ''));
    if (reportingTeams.length > 0 && students.length + roster.length > maxStudents) break;
    reportingTeams.push(team.sourcedId);
    for (const id of roster) {
      seen.add(id);
      const attribute = attributes.get(id);
      students.push({
        sourcedId: id,
        grade: users.get(id)!.grades as DemoSkill['grade'],
        englishLearner: attribute?.englishLearner === 'true',
        specialEducation: attribute?.specialEducation === 'true',
      });
    }
  }
  return { period, students, reportingTeams, courseLinks, sequences };
}
