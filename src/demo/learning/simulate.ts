/**
 * Eight weeks of blended-learning data for the demo: students with a hidden,
 * true state of knowledge practise in an adaptive program and take weekly
 * check-ins, and both programs report each answer as an xAPI statement. The
 * truth is returned too, so tests can check that mastery estimates recover it.
 * Pure and deterministic: the same students and seed give the same statements.
 *
 * The hidden model: each student has an ability; each skill a difficulty. An
 * answer is right with probability 1 − slip when the skill is known, and a
 * guess otherwise; every attempt on an unknown skill may teach it; a known skill
 * is rarely forgotten. English learners start well back in the sequence, students
 * with disabilities a little (an opportunity gap, not an ability gap),
 * which the improvement workspace's gap measures can then show closing or not.
 */
import { createRandom, type Random } from '../random.ts';
import { DEMO_SKILLS, demoUuid, skillUri, type DemoSkill } from './framework.ts';

export interface SimulatedStudent {
  sourcedId: string;
  grade: DemoSkill['grade'];
  englishLearner: boolean;
  specialEducation: boolean;
}

export interface SimulationOptions {
  seed: number;
  /** First school day (a Monday), YYYY-MM-DD. */
  startDate: string;
  /** School days to simulate (Monday to Friday). */
  schoolDays: number;
  /** Adaptive-practice items a student answers on a day they practise (default 4 to 12). */
  practiceItems?: { min: number; max: number };
  /** The share of the school days they attend on which a student practises (default 0.97: nearly all). */
  practiceDays?: number;
  /**
   * ISO 8601: statements timestamped later are not returned (not sent yet), so a
   * period that ends today holds no answers from later today. The simulation runs
   * the same either way: the statements kept do not depend on it.
   */
  until?: string;
}

export interface SkillTruth {
  student: string;
  skill: string;
  knownAtStart: boolean;
  /** First school day in the period the skill became known (again, after forgetting); null: not learned in the period. */
  learnedOn: string | null;
  knownAtEnd: boolean;
}

export interface DemoStatement {
  id: string;
  actor: { objectType: 'Agent'; account: { homePage: string; name: string } };
  verb: { id: string; display: Record<string, string> };
  object: { objectType: 'Activity'; id: string; definition: { name: Record<string, string>; type: string } };
  result: { success: boolean; score: { scaled: number }; duration: string };
  context: { platform: string; extensions?: Record<string, unknown> };
  timestamp: string;
}

export interface Simulation {
  statements: DemoStatement[];
  truth: SkillTruth[];
  /** The check-in program's activities and the skills they test (for `trellis import activity-map`). */
  activityMap: Array<{ activity: string; skill: string; program: string }>;
}

export const SIS_HOME_PAGE = 'https://sis.valleyoak.example';
export const ADAPTIVE_PROGRAM = 'MathPath Adaptive Practice';
export const CHECKIN_PROGRAM = 'Friday Check-ins';
/** The adaptive program's timed fact-fluency games: they exercise no skill of the framework, so their statements stay unmapped. */
export const FLUENCY_SPRINT_HOST = 'https://mathpath.valleyoak.example/activities/fluency-sprint';
const CHECKIN_HOST = 'https://checkins.valleyoak.example/activities';
const ANSWERED = { id: 'http://adlnet.gov/expapi/verbs/answered', display: { 'en-US': 'answered' } };
const QUESTION = 'http://adlnet.gov/expapi/activities/cmi.interaction';

const SLIP = 0.08;
/** The share of school days a student is away (no practice, no check-in). */
const ABSENT = 0.05;
const FORGET_PER_DAY = 0.002;
/** The adaptive program moves a student on after this many right answers in a row. */
const PROGRAM_STREAK = 5;

const logistic = (z: number) => 1 / (1 + Math.exp(-z));

function normal(random: Random): number {
  // Box–Muller; 1 − next() keeps the logarithm finite.
  return Math.sqrt(-2 * Math.log(1 - random.next())) * Math.cos(2 * Math.PI * random.next());
}

/** The school days from a Monday: weekdays only. */
export function schoolDays(startDate: string, count: number): string[] {
  const days: string[] = [];
  const date = new Date(`${startDate}T00:00:00Z`);
  while (days.length < count) {
    const weekday = date.getUTCDay();
    if (weekday !== 0 && weekday !== 6) days.push(date.toISOString().slice(0, 10));
    date.setUTCDate(date.getUTCDate() + 1);
  }
  return days;
}

interface StudentState {
  student: SimulatedStudent;
  ability: number;
  skills: DemoSkill[];
  known: boolean[];
  knownAtStart: boolean[];
  learnedOn: (string | null)[];
  /** Right answers in a row on each skill, as the adaptive program counts them. */
  streak: number[];
  programDone: boolean[];
  /** A skill this student will wheel-spin on (learns it very slowly), or -1. */
  stuckOn: number;
  /** The last school day this student practises (inactive students stop early). */
  lastActiveDay: number;
}

function difficulty(index: number, skill: DemoSkill): number {
  // Later skills in the sequence, and skills with more prerequisites, are harder.
  return -0.6 + 0.09 * index + 0.25 * skill.prerequisites.length;
}

function startState(student: SimulatedStudent, random: Random, days: number): StudentState {
  const skills = DEMO_SKILLS.filter((skill) => skill.grade === student.grade);
  const ability = normal(random);
  // Skills of head start lost: English learners meet grade-level math in a language they are still
  // learning, so they begin well back in the sequence (the gap the demo's Coordinate project works on).
  const gap = (student.englishLearner ? 3.5 : 0) + (student.specialEducation ? 0.6 : 0);
  const head = Math.max(0, 3.5 + 1.5 * ability - gap + normal(random) * 0.7);
  const known = skills.map((_, index) => index < head && random.chance(0.92));
  return {
    student,
    ability,
    skills,
    known,
    knownAtStart: [...known],
    learnedOn: skills.map(() => null),
    streak: skills.map(() => 0),
    // The program starts everyone at the start of the sequence; a student who knows a skill tests out of it in a few answers.
    programDone: known.map(() => false),
    stuckOn: random.chance(0.06) ? random.int(0, skills.length - 1) : -1,
    lastActiveDay: random.chance(0.04) ? random.int(Math.floor(days * 0.6), days - 3) : days,
  };
}

/** The adaptive program's current skill: the first it has not finished whose prerequisites it has. */
function currentSkill(state: StudentState): number {
  const done = new Set(state.skills.filter((_, i) => state.programDone[i]).map((skill) => skill.code));
  const sameGrade = new Set(state.skills.map((skill) => skill.code));
  const index = state.skills.findIndex(
    (skill, i) => !state.programDone[i] && skill.prerequisites.every((code) => !sameGrade.has(code) || done.has(code)),
  );
  return index;
}

function answer(state: StudentState, index: number, day: string, random: Random): boolean {
  const skill = state.skills[index]!;
  const hardness = difficulty(index, skill);
  const right = state.known[index] ? !random.chance(SLIP) : random.chance(0.15 + 0.3 * logistic(state.ability - hardness));
  if (!state.known[index]) {
    const rate = logistic(state.ability - hardness - 1.6) * (index === state.stuckOn ? 0.05 : 1);
    if (random.chance(rate)) {
      state.known[index] = true;
      state.learnedOn[index] ??= day;
    }
  }
  return right;
}

function timestamp(day: string, minuteOfDay: number): string {
  const hours = Math.floor(minuteOfDay / 60);
  const minutes = minuteOfDay % 60;
  return `${day}T${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}:00Z`;
}

export function simulateLearning(students: readonly SimulatedStudent[], options: SimulationOptions): Simulation {
  const random = createRandom(options.seed);
  const days = schoolDays(options.startDate, options.schoolDays);
  const practice = options.practiceItems ?? { min: 4, max: 12 };
  const practiceDays = options.practiceDays ?? 0.97;
  const states = students.map((student) => startState(student, random, days.length));
  const statements: DemoStatement[] = [];
  let counter = 0;
  const statement = (state: StudentState, objectId: string, name: string, platform: string, right: boolean, at: string, extensions?: Record<string, unknown>): DemoStatement => ({
    id: demoUuid(`statement:${options.seed}:${counter++}`),
    actor: { objectType: 'Agent', account: { homePage: SIS_HOME_PAGE, name: state.student.sourcedId } },
    verb: ANSWERED,
    object: { objectType: 'Activity', id: objectId, definition: { name: { 'en-US': name }, type: QUESTION } },
    result: { success: right, score: { scaled: right ? 1 : 0 }, duration: `PT${random.int(15, 180)}S` },
    context: { platform, ...(extensions && { extensions }) },
    timestamp: at,
  });

  /** A practice session in the adaptive program. */
  const practise = (state: StudentState, day: string) => {
    let minute = 9 * 60 + random.int(0, 300);
    const items = random.int(practice.min, practice.max);
    for (let item = 0; item < items; item++) {
      // One item in five reviews a finished skill (spaced review), which is how a slipping skill shows.
      const finished = state.programDone.flatMap((done, i) => (done ? [i] : []));
      const index = finished.length > 0 && random.chance(0.2) ? random.pick(finished) : currentSkill(state);
      if (index < 0) break;
      const skill = state.skills[index]!;
      const right = answer(state, index, day, random);
      state.streak[index] = right ? state.streak[index]! + 1 : 0;
      if (state.streak[index]! >= PROGRAM_STREAK) state.programDone[index] = true;
      statements.push(statement(state, skillUri(skill.code), skill.statement, ADAPTIVE_PROGRAM, right, timestamp(day, minute), { 'https://valleyoak.example/xapi/item': `${skill.code}-${random.int(1, 40)}` }));
      minute += random.int(1, 4);
    }
    if (random.chance(0.08)) {
      // A fluency game no skill of the framework covers: the LRS keeps it and lists it as unmapped, never lost.
      const level = random.int(1, 6);
      statements.push(statement(state, `${FLUENCY_SPRINT_HOST}-${level}`, `Fluency sprint, level ${level}`, ADAPTIVE_PROGRAM, random.chance(0.7), timestamp(day, minute)));
    }
  };

  days.forEach((day, dayIndex) => {
    const friday = new Date(`${day}T00:00:00Z`).getUTCDay() === 5;
    for (const state of states) {
      for (let i = 0; i < state.known.length; i++) if (state.known[i] && random.chance(FORGET_PER_DAY)) state.known[i] = false;
      if (dayIndex >= state.lastActiveDay || random.chance(ABSENT)) continue;
      if (random.chance(practiceDays)) practise(state, day);
      if (friday) {
        // The weekly check-in asks about the last three skills the program worked on.
        const reached = Math.max(0, currentSkill(state) < 0 ? state.skills.length - 1 : currentSkill(state));
        for (let index = Math.max(0, reached - 2); index <= reached; index++) {
          const skill = state.skills[index]!;
          const right = answer(state, index, day, random);
          statements.push(statement(state, `${CHECKIN_HOST}/${skill.code.toLowerCase()}`, `Check-in: ${skill.code}`, CHECKIN_PROGRAM, right, timestamp(day, 14 * 60 + index)));
        }
      }
    }
  });

  const truth = states.flatMap((state) =>
    state.skills.map((skill, index) => ({
      student: state.student.sourcedId,
      skill: skill.code,
      knownAtStart: state.knownAtStart[index]!,
      learnedOn: state.learnedOn[index]!,
      knownAtEnd: state.known[index]!,
    })),
  );
  const activityMap = DEMO_SKILLS.map((skill) => ({ activity: `${CHECKIN_HOST}/${skill.code.toLowerCase()}`, skill: skill.code, program: CHECKIN_PROGRAM }));
  statements.sort((a, b) => (a.timestamp < b.timestamp ? -1 : a.timestamp > b.timestamp ? 1 : 0));
  const sent = options.until === undefined ? statements : statements.filter((s) => new Date(s.timestamp) <= new Date(options.until!));
  return { statements: sent, truth, activityMap };
}
