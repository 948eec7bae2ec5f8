/**
 * Realistic regrouping instances from a seed, for the benchmark and the tests:
 * a skill sequence in strands with prerequisites, students spread along it
 * with the holes real mastery data has, about one in ten with a need and one
 * in ten flagged, a team's mix of adults, stations sized so the day fits, some
 * students to keep apart and a few to keep together. The same options give the
 * same instance. The result is the JSON an instance file holds.
 */
import { seededRandom } from './random.ts';
import { DEFAULT_MASTERED, type Role } from './types.ts';

export interface GenerateOptions {
  students: number;
  adults: number;
  blocks: number;
  seed: number;
  /** Skills in the sequence, at most 12 (default 12). */
  skills?: number;
  /** 0 for yesterday, 1 for today: a third of the students have moved on a little since yesterday. */
  day?: number;
}

const SKILLS = [
  ['6.RP.1', 'Ratio language'],
  ['6.RP.2', 'Unit rates'],
  ['6.RP.3', 'Ratio reasoning'],
  ['6.NS.1', 'Dividing fractions'],
  ['6.NS.2', 'Dividing multi-digit numbers'],
  ['6.NS.3', 'Decimal operations'],
  ['6.EE.1', 'Exponents'],
  ['6.EE.2', 'Expressions with variables'],
  ['6.EE.3', 'Equivalent expressions'],
  ['6.G.1', 'Area of polygons'],
  ['6.G.2', 'Volume of prisms'],
  ['6.SP.1', 'Statistical questions'],
] as const;

/** Strands of three: each skill needs the one before it in its strand; a strand's first skill needs the previous strand's first. */
function prerequisites(i: number): number[] {
  if (i === 0) return [];
  return i % 3 === 0 ? [i - 3] : [i - 1];
}

const FIRST_NAMES = ['Ana', 'Ben', 'Chloé', 'Dev', 'Eli', 'Fatima', 'Gus', 'Hana', 'Ivan', 'Jada', 'Kofi', 'Lena', 'Mateo', 'Nia', 'Omar', 'Priya', 'Quinn', 'Rosa', 'Sam', 'Tariq', 'Uma', 'Victor', 'Wen', 'Ximena', 'Yusuf', 'Zoe'];
const ADULT_NAMES = ['Ms Lee', 'Mr Diaz', 'Ms Okafor', 'Mr Novak', 'Ms Brown', 'Mr Singh', 'Ms Garcia', 'Mr Kim', 'Ms Haddad', 'Mr Rossi'];
/** A team of eight is three teachers, a teacher-leader, two residents and two tutors; larger counts repeat the pattern. */
const ROLE_PATTERN: Role[] = ['teacher', 'tutor', 'resident', 'teacher_leader', 'teacher', 'resident', 'tutor', 'teacher'];
const CAPACITY: Record<Role, number> = { teacher: 12, teacher_leader: 12, resident: 8, tutor: 4 };
const FLAGS = ['wheel_spinning', 'wheel_spinning', 'behind', 'behind', 'regression', 'inactive'];

export function generateInstance(options: GenerateOptions): Record<string, unknown> {
  const next = seededRandom(options.seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const K = Math.min(options.skills ?? 12, SKILLS.length);
  const blocks = Array.from({ length: options.blocks }, (_, b) => ({ id: `B${b + 1}`, name: `Block ${b + 1}` }));
  const skills = SKILLS.slice(0, K).map(([id, name], i) => ({ id, name, prerequisites: prerequisites(i).map((j) => SKILLS[j]![0]) }));

  const roleCount: Partial<Record<Role, number>> = {};
  const adults = Array.from({ length: options.adults }, (_, j) => {
    const role = ROLE_PATTERN[j % ROLE_PATTERN.length]!;
    const nth = (roleCount[role] = (roleCount[role] ?? 0) + 1);
    const supports =
      role === 'teacher' && nth % 2 === 1 ? ['english_learner'] : role === 'tutor' && nth % 2 === 1 ? ['english_learner', 'special_education'] : role === 'teacher_leader' ? ['special_education'] : [];
    // The teacher-leader keeps the last block for coaching and planning.
    const available = role === 'teacher_leader' && options.blocks >= 3 ? blocks.slice(0, -1).map((block) => block.id) : undefined;
    return {
      id: `${role.replace('_', '-')}-${nth}`,
      name: `${ADULT_NAMES[j % ADULT_NAMES.length]}${j >= ADULT_NAMES.length ? ` ${Math.floor(j / ADULT_NAMES.length) + 1}` : ''}`,
      role,
      ...(available && { blocks: available }),
      supports,
    };
  });

  const students = Array.from({ length: options.students }, (_, s) => {
    // Two uniforms averaged: most students mid-sequence, a few far behind or ahead.
    const position = Math.min(K - 1, Math.floor(((next() + next()) / 2) * K));
    const movedDraw = next(); // drawn on both days, so yesterday and today are the same students
    const moved = (options.day ?? 1) >= 1 && movedDraw < 1 / 3;
    const mastery: Record<string, number> = {};
    for (let i = 0; i < K; i++) {
      let p: number;
      if (i < position) p = next() < 0.85 ? 0.95 + 0.05 * next() : 0.55 + 0.35 * next();
      else if (i === position) p = Math.min(0.99, 0.1 + 0.75 * next() + (moved ? 0.25 : 0));
      else p = next() < 0.04 ? 0.96 : 0.3 * next();
      if (p > 0.005) mastery[skills[i]!.id] = Math.round(p * 100) / 100;
    }
    const r = next();
    const needs = r < 0.06 ? ['english_learner'] : r < 0.09 ? ['special_education'] : r < 0.1 ? ['english_learner', 'special_education'] : [];
    const flags = next() < 0.1 ? [pick(FLAGS)] : [];
    const attempts: Record<string, number> = { [skills[position]!.id]: flags.includes('wheel_spinning') ? 10 + Math.floor(9 * next()) : Math.floor(8 * next()) };
    return { id: `s${String(s + 1).padStart(4, '0')}`, name: `${FIRST_NAMES[s % FIRST_NAMES.length]} ${String.fromCharCode(65 + (Math.floor(s / FIRST_NAMES.length) % 26))}.`, mastery, needs, flags, attempts };
  });

  // A collaborative table a resident watches in the first block, when the team has a second resident.
  const residents = adults.filter((adult) => adult.role === 'resident');
  const supervised = residents.length >= 2 ? residents[1]! : null;
  const seats = blocks.map((block) =>
    adults.reduce((sum, adult) => {
      const available = !adult.blocks || adult.blocks.includes(block.id);
      const supervising = supervised === adult && block.id === blocks[0]!.id;
      return sum + (available && !supervising ? CAPACITY[adult.role] : 0);
    }, 0),
  );
  const stationSeats = Math.max(0, options.students - Math.min(...seats)) + Math.ceil(0.4 * options.students);
  const stationCount = Math.max(1, Math.ceil(options.students / 150));
  const stations: Array<Record<string, unknown>> = [];
  for (let i = 0; i < stationCount; i++) {
    const share = Math.ceil(stationSeats / stationCount);
    stations.push({ id: `online-${i + 1}`, name: `Online practice ${i + 1}`, kind: 'online', capacity: Math.ceil(share * 0.7) });
    stations.push({ id: `independent-${i + 1}`, name: `Independent work ${i + 1}`, kind: 'independent', capacity: Math.ceil(share * 0.3) });
  }
  if (supervised) stations.push({ id: 'collaborative-1', name: 'Collaborative table', kind: 'collaborative', capacity: 8, supervisor: supervised.id, blocks: [blocks[0]!.id] });

  const used = new Set<number>();
  const pair = (): [string, string] | null => {
    for (let attempt = 0; attempt < 50; attempt++) {
      const a = Math.floor(next() * options.students);
      const b = Math.floor(next() * options.students);
      if (a === b || used.has(a) || used.has(b)) continue;
      used.add(a);
      used.add(b);
      return [students[a]!.id, students[b]!.id];
    }
    return null;
  };
  const apart = Array.from({ length: Math.round(options.students / 30) }, pair).filter((p) => p !== null);
  const together = Array.from({ length: Math.round(options.students / 75) }, pair).filter((p) => p !== null);

  const week: Record<string, string[]> = {};
  for (const student of students) {
    const r = next();
    const count = r < 0.4 ? 0 : r < 0.75 ? 1 : 2;
    const met = new Set<string>();
    while (met.size < count) met.add(pick(adults).id);
    if (count > 0) week[student.id] = [...met];
  }

  // A flagged student or two pinned to a tutor in the first block, on their next skill, as a teacher-leader would.
  const tutors = adults.filter((adult) => adult.role === 'tutor');
  const pinned: Array<Record<string, unknown>> = [];
  const flagged = students.filter((student) => student.flags.length > 0 && student.needs.length === 0 && !used.has(students.indexOf(student)));
  for (let i = 0; i < Math.min(tutors.length, flagged.length, Math.round(options.students / 150)); i++) {
    const student = flagged[i]!;
    const nextSkill = skills.find((skill) => (student.mastery[skill.id] ?? 0) < DEFAULT_MASTERED && skill.prerequisites.every((id) => (student.mastery[id] ?? 0) >= DEFAULT_MASTERED));
    pinned.push({ block: blocks[0]!.id, student: student.id, adult: tutors[i]!.id, ...(nextSkill && { focusSkill: nextSkill.id }) });
  }

  return { blocks, skills, adults, stations, students, constraints: { apart, together, adultLedPerDay: 1 }, week, pinned };
}
