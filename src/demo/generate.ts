/**
 * The demo district: a realistic, deterministic school system of any size, as
 * OneRoster 1.1 rows plus Trellis's team and student-attribute rows. Pure: no I/O,
 * no clock, no Math.random; the same students and seed give the same rows.
 *
 * Shape: elementary (K–5), middle (6–8) and high (9–12) schools in proportion to the
 * students, at least one of each. Elementary teams are a grade (or two small grades)
 * sharing 75–200 students in homerooms, with art, music and PE as specials. Middle
 * schools and grade 9 have interdisciplinary grade teams (ELA, math, science, social
 * studies teachers sharing about 150 students over six periods); grades 10–12 have
 * subject (department) teams whose students come through their classes.
 */
import type { Role } from '../core/access/roles.ts';
import { HERITAGE, SCHOOL_NAMESAKES, STAFF_HERITAGE, STUDENT_HERITAGE, TEAM_NAMES, type Heritage } from './population.ts';
import { createRandom, type Random } from './random.ts';
import { DEMO_ACCOUNTS } from './sign-ins.ts';
import { TABLE_NAMES, type DemoTables, type Row } from './tables.ts';

export const DEFAULT_DEMO_STUDENTS = 2_000;
export const DEFAULT_DEMO_SEED = 1;
export const MIN_DEMO_STUDENTS = 100;
export const MAX_DEMO_STUDENTS = 1_000_000;

export const DEMO_DISTRICT_SOURCED_ID = 'demo-district';
export const DEMO_DISTRICT_NAME = 'Valley Oak Unified School District';

// A fixed school year, so the output never depends on today's date.
const SCHOOL_YEAR = { sourcedId: 'sy-2026-2027', title: '2026-2027', startDate: '2026-08-12', endDate: '2027-06-03', schoolYear: '2027' };
const TERMS = [
  { sourcedId: 'term-2026-fall', title: 'Fall 2026', startDate: '2026-08-12', endDate: '2026-12-18' },
  { sourcedId: 'term-2027-spring', title: 'Spring 2027', startDate: '2027-01-06', endDate: '2027-06-03' },
];
const TERM_IDS = TERMS.map((t) => t.sourcedId).join(',');

export const TEAM_SIZE = { min: 75, max: 200, target: 150 };
const SECTION_SIZE = 32;
const SECTIONS_PER_TEACHER = 5;
const SPECIALS_SECTIONS_PER_TEACHER = 25;

export type Level = 'elementary' | 'middle' | 'high';
const GRADES = ['KG', '01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12'] as const;
type Grade = (typeof GRADES)[number];

const LEVELS: readonly { level: Level; grades: readonly Grade[]; studentsPerSchool: number; suffix: string }[] = [
  { level: 'elementary', grades: ['KG', '01', '02', '03', '04', '05'], studentsPerSchool: 550, suffix: 'Elementary School' },
  { level: 'middle', grades: ['06', '07', '08'], studentsPerSchool: 900, suffix: 'Middle School' },
  { level: 'high', grades: ['09', '10', '11', '12'], studentsPerSchool: 1_800, suffix: 'High School' },
];

interface CourseSpec {
  code: string;
  title: string;
  subject: string;
}
const SUBJECTS = ['English Language Arts', 'Mathematics', 'Science', 'Social Studies'] as const;
const DEPARTMENTS = ['English', 'Mathematics', 'Science', 'Social Studies'] as const;
const core = (grade: string, codes: string[], titles: string[]): CourseSpec[] =>
  SUBJECTS.map((subject, i) => ({ code: `${codes[i]}${grade}`, title: titles[i]!, subject }));
const CORE_COURSES: Partial<Record<Grade, CourseSpec[]>> = {
  '06': core('6', ['ELA', 'MATH', 'SCI', 'SS'], ['English Language Arts 6', 'Math 6', 'Science 6', 'Social Studies 6']),
  '07': core('7', ['ELA', 'MATH', 'SCI', 'SS'], ['English Language Arts 7', 'Math 7', 'Science 7', 'Social Studies 7']),
  '08': core('8', ['ELA', 'MATH', 'SCI', 'SS'], ['English Language Arts 8', 'Math 8', 'Science 8', 'U.S. History 8']),
  '09': core('', ['ENG9', 'MATH1', 'BIO', 'ETHST'], ['English 9', 'Integrated Math I', 'Biology', 'Ethnic Studies']),
  '10': core('', ['ENG10', 'MATH2', 'CHEM', 'WHIST'], ['English 10', 'Integrated Math II', 'Chemistry', 'World History']),
  '11': core('', ['ENG11', 'MATH3', 'PHYS', 'USHIST'], ['English 11', 'Integrated Math III', 'Physics', 'U.S. History']),
  '12': core('', ['ENG12', 'PRECALC', 'ENVSCI', 'GOVECON'], ['English 12', 'Precalculus', 'Environmental Science', 'Government and Economics']),
};
// Five electives: with a school-wide cohort counter g, cohort g takes elective g % 5
// in period (g + 5) % 6, so each elective teacher's five sections fall in distinct periods.
const ELECTIVES: Record<'middle' | 'high', CourseSpec[]> = {
  middle: [
    { code: 'ART', title: 'Art', subject: 'Visual and Performing Arts' },
    { code: 'MUSIC', title: 'Music', subject: 'Visual and Performing Arts' },
    { code: 'SPAN', title: 'Spanish', subject: 'World Languages' },
    { code: 'ROBO', title: 'Robotics', subject: 'Career Technical Education' },
    { code: 'DRAMA', title: 'Drama', subject: 'Visual and Performing Arts' },
  ],
  high: [
    { code: 'VART', title: 'Visual Arts', subject: 'Visual and Performing Arts' },
    { code: 'BAND', title: 'Band', subject: 'Visual and Performing Arts' },
    { code: 'SPAN1', title: 'Spanish 1', subject: 'World Languages' },
    { code: 'CSP', title: 'Computer Science Principles', subject: 'Computer Science' },
    { code: 'THTR', title: 'Theater', subject: 'Visual and Performing Arts' },
  ],
};
const PE: CourseSpec = { code: 'PE', title: 'Physical Education', subject: 'Physical Education' };
const SPECIALS: CourseSpec[] = [
  { code: 'ART', title: 'Art', subject: 'Visual and Performing Arts' },
  { code: 'MUSIC', title: 'Music', subject: 'Visual and Performing Arts' },
  PE,
];

export interface DemoOptions {
  students: number;
  seed: number;
}

export interface DemoAccountSpec {
  email: string;
  role: Role;
  /** The roster person behind the account (null: none). */
  userSourcedId: string | null;
  displayName: string;
}

export interface DemoSchool {
  sourcedId: string;
  name: string;
  level: Level;
  students: number;
}

export interface DemoDistrict {
  districtSourcedId: string;
  districtName: string;
  schools: DemoSchool[];
  tables: DemoTables;
  accounts: DemoAccountSpec[];
}

/** Generates the demo district for `students` students from `seed`. */
export function generateDemoDistrict(options: DemoOptions): DemoDistrict {
  const { students, seed } = options;
  if (!Number.isInteger(students) || students < MIN_DEMO_STUDENTS || students > MAX_DEMO_STUDENTS) {
    throw new RangeError(`students must be a whole number from ${MIN_DEMO_STUDENTS} to ${MAX_DEMO_STUDENTS}, not ${students}`);
  }
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be a whole number, not ${seed}`);
  return new DistrictBuilder(createRandom(seed)).build(students);
}

/** Splits `total` into whole parts proportional to `weights` that sum to `total` (largest remainder). */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (total * w) / sum);
  const parts = exact.map(Math.floor);
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left-- <= 0) break;
    parts[i]!++;
  }
  return parts;
}

/**
 * Groups consecutive elementary grades into teams of `min`–`max` students: a grade
 * alone when it is big enough, otherwise with the next one. Returns grade indexes.
 */
export function groupGrades(sizes: readonly number[], min = TEAM_SIZE.min, max = TEAM_SIZE.max): number[][] {
  const groups: number[][] = [];
  const total = (group: number[]) => group.reduce((sum, i) => sum + sizes[i]!, 0);
  for (let i = 0; i < sizes.length; ) {
    const group = [i];
    let size = sizes[i++]!;
    while (size < min && i < sizes.length && size + sizes[i]! <= max) {
      size += sizes[i]!;
      group.push(i++);
    }
    groups.push(group);
  }
  // A small last group joins the one before it (split again later if that is too big).
  const last = groups.at(-1)!;
  if (groups.length > 1 && total(last) < min) groups.splice(-2, 2, [...groups.at(-2)!, ...last]);
  return groups;
}

/** How many grade-level teams of about 150 students a secondary grade of `n` students has. */
export function gradeTeamCount(n: number): number {
  let k = Math.max(1, Math.round(n / TEAM_SIZE.target));
  while (n / k > TEAM_SIZE.max) k++;
  while (k > 1 && n / k < TEAM_SIZE.min) k--;
  return k;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const ascii = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
const bool = (value: boolean) => (value ? 'true' : 'false');
const gradeLabel = (grade: string) => (grade === 'KG' ? 'Kindergarten' : `Grade ${Number(grade)}`);
const gradesLabel = (grades: readonly string[]) =>
  grades.length === 1
    ? gradeLabel(grades[0]!)
    : grades[0] === 'KG'
      ? `Kindergarten–Grade ${Number(grades.at(-1))}`
      : `Grades ${Number(grades[0])}–${Number(grades.at(-1))}`;
/** Deals `items` into `k` piles round-robin, so piles differ by at most one. */
const deal = <T>(items: readonly T[], k: number): T[][] => {
  const piles = Array.from({ length: k }, () => [] as T[]);
  items.forEach((item, i) => piles[i % k]!.push(item));
  return piles;
};

type User = Row<'users'>;
type Class = Row<'classes'>;
type TeamRole = 'teacher_leader' | 'teacher' | 'tutor' | 'resident' | 'coach';

interface School {
  org: Row<'orgs'>;
  number: number;
  level: Level;
  grades: readonly Grade[];
  rooms: number;
  courses: Map<string, Row<'courses'>>;
  sectionsOfCourse: Map<string, number>;
  principal?: User;
  teams: TeamInfo[];
  students: number;
}

interface TeamInfo {
  row: Row<'teams'>;
  members: { user: User; role: TeamRole }[];
  students: User[];
}

interface Teacher {
  user: User;
  room: string;
}

/** Hands out teachers for sections, hiring a new one every `perTeacher` sections. */
class TeacherPool {
  readonly teachers: Teacher[] = [];
  private sections = 0;
  constructor(
    private readonly hire: () => Teacher,
    private readonly perTeacher: number,
  ) {}
  next(): Teacher {
    if (this.sections++ % this.perTeacher === 0) this.teachers.push(this.hire());
    return this.teachers.at(-1)!;
  }
}

class DistrictBuilder {
  private readonly tables = Object.fromEntries(TABLE_NAMES.map((name) => [name, []])) as unknown as DemoTables;
  private readonly usernames = new Set<string>();
  private readonly schools: School[] = [];
  private counts = { students: 0, staff: 0, classes: 0, enrollments: 0, teams: 0 };

  constructor(private readonly rng: Random) {}

  build(students: number): DemoDistrict {
    this.tables.orgs.push(this.org(DEMO_DISTRICT_SOURCED_ID, DEMO_DISTRICT_NAME, 'district', 'VOUSD', ''));
    this.sessions();
    const admin = this.hireStaff([DEMO_DISTRICT_SOURCED_ID], 'administrator', '');

    const perLevel = apportion(students, LEVELS.map((l) => l.grades.length));
    const namesakes = this.rng.shuffle(SCHOOL_NAMESAKES);
    let schoolNumber = 0;
    LEVELS.forEach((spec, levelIndex) => {
      const levelStudents = perLevel[levelIndex]!;
      const schoolCount = Math.max(1, Math.round(levelStudents / spec.studentsPerSchool));
      const sizes = apportion(levelStudents, Array.from({ length: schoolCount }, () => 0.85 + 0.3 * this.rng.next()));
      for (const size of sizes) {
        const n = schoolNumber++;
        const namesake = namesakes[n % namesakes.length]!;
        const name = `${namesake}${n >= namesakes.length ? ` ${Math.floor(n / namesakes.length) + 1}` : ''} ${spec.suffix}`;
        const school = this.school(n + 1, name, spec.level, spec.grades, size);
        if (spec.level === 'elementary') this.elementarySchool(school);
        else this.secondarySchool(school);
      }
    });

    return {
      districtSourcedId: DEMO_DISTRICT_SOURCED_ID,
      districtName: DEMO_DISTRICT_NAME,
      schools: this.schools.map((s) => ({ sourcedId: s.org.sourcedId, name: s.org.name, level: s.level, students: s.students })),
      tables: this.tables,
      accounts: this.demoAccounts(admin),
    };
  }

  // ---- the demo sign-ins: people of one grade-6 team in the first middle school

  private demoAccounts(admin: User): DemoAccountSpec[] {
    const school = this.schools.find((s) => s.level === 'middle')!;
    const team = school.teams.find((t) => t.row.grades === '06')!;
    const memberWith = (role: TeamRole) => team.members.find((m) => m.role === role)!.user;
    const people: Record<(typeof DEMO_ACCOUNTS)[number]['role'], User> = {
      district_admin: admin,
      school_leader: school.principal!,
      teacher_leader: memberWith('teacher_leader'),
      teacher: memberWith('teacher'),
      tutor: memberWith('tutor'),
      coach: memberWith('coach'),
      student: team.students[0]!,
    };
    return DEMO_ACCOUNTS.map(({ email, role }) => {
      const user = people[role];
      user.email = email;
      return { email, role, userSourcedId: user.sourcedId, displayName: `${user.givenName} ${user.familyName}` };
    });
  }

  // ---- district-wide rows

  private org(sourcedId: string, name: string, type: string, identifier: string, parentSourcedId: string): Row<'orgs'> {
    return { sourcedId, status: '', dateLastModified: '', name, type, identifier, parentSourcedId };
  }

  private sessions(): void {
    const base = { status: '', dateLastModified: '', schoolYear: SCHOOL_YEAR.schoolYear };
    const y = SCHOOL_YEAR;
    this.tables.academicSessions.push({ ...base, sourcedId: y.sourcedId, title: y.title, type: 'schoolYear', startDate: y.startDate, endDate: y.endDate, parentSourcedId: '' });
    for (const t of TERMS) {
      this.tables.academicSessions.push({ ...base, sourcedId: t.sourcedId, title: t.title, type: 'semester', startDate: t.startDate, endDate: t.endDate, parentSourcedId: y.sourcedId });
    }
  }

  private school(number: number, name: string, level: Level, grades: readonly Grade[], students: number): School {
    const org = this.org(`sch-${pad(number, 3)}`, name, 'school', String(6_001_000 + number * 37), DEMO_DISTRICT_SOURCED_ID);
    this.tables.orgs.push(org);
    const school: School = { org, number, level, grades, rooms: level === 'elementary' ? 0 : 100, courses: new Map(), sectionsOfCourse: new Map(), teams: [], students };
    this.schools.push(school);
    school.principal = this.hireStaff([org.sourcedId], 'administrator', '');
    for (let i = 0; i < Math.floor(students / 800); i++) this.hireStaff([org.sourcedId], 'administrator', '');
    return school;
  }

  // ---- people

  private person(heritage: Heritage, sex: 'male' | 'female') {
    const group = HERITAGE[heritage];
    return { givenName: this.rng.pick(sex === 'male' ? group.male : group.female), familyName: this.rng.pick(group.family) };
  }

  private uniqueUsername(base: string, fallback: string): string {
    let username = base;
    for (let n = 2; this.usernames.has(username); n++) username = `${fallback}${n === 2 ? '' : n}`;
    this.usernames.add(username);
    return username;
  }

  private hireStaff(orgs: string[], role: 'administrator' | 'teacher' | 'aide', grades: string): User {
    const n = ++this.counts.staff;
    const { givenName, familyName } = this.person(this.rng.weighted(STAFF_HERITAGE), this.rng.chance(0.72) ? 'female' : 'male');
    const base = `${ascii(givenName)}.${ascii(familyName)}`;
    const username = this.uniqueUsername(base, `${base}${pad(n % 100, 2)}`);
    const user = this.user(`stf-${pad(n, 5)}`, orgs.join(','), role, username, givenName, familyName, `E${pad(n, 6)}`, `${username}@demo.school`, grades);
    this.tables.users.push(user);
    return user;
  }

  private hireTeacher(school: School, grades: readonly string[], role: 'teacher' | 'aide' = 'teacher'): Teacher {
    const user = this.hireStaff([school.org.sourcedId], role, grades.join(','));
    return { user, room: `Room ${++school.rooms}` };
  }

  private user(
    sourcedId: string, orgSourcedIds: string, role: string, username: string, givenName: string, familyName: string,
    identifier: string, email: string, grades: string,
  ): User {
    return {
      sourcedId, status: '', dateLastModified: '', enabledUser: 'true', orgSourcedIds, role, username, userIds: '', givenName,
      familyName, middleName: '', identifier, email, sms: '', phone: '', agentSourcedIds: '', grades, password: '',
    };
  }

  private enrollStudent(school: School, grade: Grade): User {
    const rng = this.rng;
    const n = ++this.counts.students;
    const heritage = rng.weighted(STUDENT_HERITAGE);
    const group = HERITAGE[heritage];
    const sex = rng.chance(0.51) ? 'male' : 'female';
    const { givenName, familyName } = this.person(heritage, sex);
    const identifier = String(4_100_000 + n);
    const base = `${ascii(givenName)}.${ascii(familyName)}${identifier.slice(-3)}`;
    const username = this.uniqueUsername(base, `${ascii(givenName)}.${ascii(familyName)}${identifier}`);
    const user = this.user(`stu-${pad(n, 6)}`, school.org.sourcedId, 'student', username, givenName, familyName, identifier, `${username}@students.demo.school`, grade);
    this.tables.users.push(user);

    // Program attributes: English learners are more common in the early grades.
    const gradeIndex = GRADES.indexOf(grade);
    const homeLanguage = rng.weighted(group.languages);
    const englishLearner = homeLanguage !== 'English' && rng.chance(0.37 * (1.35 - 0.06 * gradeIndex));
    const specialEducation = rng.chance(sex === 'male' ? 0.165 : 0.095);
    const economicallyDisadvantaged = rng.chance(group.economicallyDisadvantaged);
    this.tables.studentsAttributes.push({
      student: user.sourcedId,
      englishLearner: bool(englishLearner),
      specialEducation: bool(specialEducation),
      economicallyDisadvantaged: bool(economicallyDisadvantaged),
      homeLanguage,
    });

    // Born in the year that puts them in this grade (turning 5 by September 1 for
    // kindergarten), a few a year older (held back once).
    const yearsBack = gradeIndex + (rng.chance(0.03) ? 1 : 0);
    const born = Date.UTC(2020 - yearsBack, 8, 2) + rng.int(0, 364) * 86_400_000;
    const bornAbroad = englishLearner && rng.chance(0.3);
    this.tables.demographics.push({
      sourcedId: user.sourcedId,
      status: '',
      dateLastModified: '',
      birthDate: new Date(born).toISOString().slice(0, 10),
      sex,
      ...this.races(heritage),
      countryOfBirthCode: bornAbroad ? group.newcomerCountry : 'US',
      stateOfBirthAbbreviation: bornAbroad ? '' : 'CA',
      cityOfBirth: '',
      publicSchoolResidenceStatus: '',
    });
    return user;
  }

  /** The federal race and ethnicity flags of a student of `heritage`. */
  private races(heritage: Heritage) {
    const rng = this.rng;
    const r = {
      americanIndianOrAlaskaNative: false,
      asian: false,
      blackOrAfricanAmerican: false,
      nativeHawaiianOrOtherPacificIslander: false,
      white: false,
      demographicRaceTwoOrMoreRaces: false,
      hispanicOrLatinoEthnicity: heritage === 'hispanic',
    };
    const x = rng.next();
    if (heritage === 'hispanic') {
      if (x < 0.5) r.white = true;
      else if (x < 0.56) r.americanIndianOrAlaskaNative = true;
      else if (x < 0.64) r.white = r.americanIndianOrAlaskaNative = r.demographicRaceTwoOrMoreRaces = true;
    } else if (heritage === 'black') {
      r.blackOrAfricanAmerican = true;
      if (x < 0.08) r.white = r.demographicRaceTwoOrMoreRaces = true;
    } else if (heritage === 'white' || heritage === 'arab') {
      r.white = true;
      if (heritage === 'white' && x < 0.05) r.asian = r.demographicRaceTwoOrMoreRaces = true;
    } else if (heritage === 'otherAsian' && x < 0.06) {
      r.nativeHawaiianOrOtherPacificIslander = true;
    } else {
      r.asian = true;
    }
    return Object.fromEntries(Object.entries(r).map(([k, v]) => [k, bool(v)])) as Record<keyof typeof r, string>;
  }

  // ---- courses, classes, enrollments, teams

  private course(school: School, spec: CourseSpec, grades: readonly string[]): Row<'courses'> {
    let course = school.courses.get(spec.code);
    if (!course) {
      course = {
        sourcedId: `crs-${pad(school.number, 3)}-${spec.code}`,
        status: '',
        dateLastModified: '',
        schoolYearSourcedId: SCHOOL_YEAR.sourcedId,
        title: spec.title,
        courseCode: spec.code,
        grades: grades.join(','),
        orgSourcedId: school.org.sourcedId,
        subjects: spec.subject,
        subjectCodes: '',
      };
      school.courses.set(spec.code, course);
      this.tables.courses.push(course);
    }
    return course;
  }

  private section(
    school: School, course: Row<'courses'>, title: string, grades: readonly string[], classType: 'homeroom' | 'scheduled',
    teacher: Teacher, period: string, students: readonly User[],
  ): Class {
    const number = (school.sectionsOfCourse.get(course.sourcedId) ?? 0) + 1;
    school.sectionsOfCourse.set(course.sourcedId, number);
    const row: Class = {
      sourcedId: `cls-${pad(++this.counts.classes, 6)}`,
      status: '',
      dateLastModified: '',
      title,
      grades: grades.join(','),
      courseSourcedId: course.sourcedId,
      classCode: `${course.courseCode}-${pad(number, 2)}`,
      classType,
      location: teacher.room,
      schoolSourcedId: school.org.sourcedId,
      termSourcedIds: TERM_IDS,
      subjects: course.subjects,
      subjectCodes: '',
      periods: period,
    };
    this.tables.classes.push(row);
    this.enroll(row, teacher.user, 'teacher', true);
    for (const student of students) this.enroll(row, student, 'student', false);
    return row;
  }

  private enroll(row: Class, user: User, role: 'teacher' | 'student', primary: boolean): void {
    this.tables.enrollments.push({
      sourcedId: `enr-${pad(++this.counts.enrollments, 7)}`,
      status: '',
      dateLastModified: '',
      classSourcedId: row.sourcedId,
      schoolSourcedId: row.schoolSourcedId,
      userSourcedId: user.sourcedId,
      role,
      primary: bool(primary),
      beginDate: SCHOOL_YEAR.startDate,
      endDate: SCHOOL_YEAR.endDate,
    });
  }

  private team(school: School, name: string, grades: readonly string[]): TeamInfo {
    const row: Row<'teams'> = { sourcedId: `team-${pad(++this.counts.teams, 4)}`, schoolSourcedId: school.org.sourcedId, name, grades: grades.join(',') };
    this.tables.teams.push(row);
    const team: TeamInfo = { row, members: [], students: [] };
    school.teams.push(team);
    return team;
  }

  private addMember(team: TeamInfo, user: User, role: TeamRole): void {
    team.members.push({ user, role });
    this.tables.teamMembers.push({ teamSourcedId: team.row.sourcedId, userSourcedId: user.sourcedId, role });
  }

  private addClass(team: TeamInfo, row: Class): void {
    this.tables.teamClasses.push({ teamSourcedId: team.row.sourcedId, classSourcedId: row.sourcedId });
  }

  private addStudents(team: TeamInfo, students: readonly User[]): void {
    for (const student of students) {
      team.students.push(student);
      this.tables.teamStudents.push({ teamSourcedId: team.row.sourcedId, userSourcedId: student.sourcedId });
    }
  }

  /**
   * Tutors (one per 150 students or part) and a resident, who co-teaches the
   * teacher-leader's classes, complete a team.
   */
  private addSupport(school: School, team: TeamInfo, grades: readonly string[], studentCount: number, leaderClasses: readonly Class[]): void {
    for (let i = 0; i < Math.max(1, Math.ceil(studentCount / 150)); i++) this.addMember(team, this.hireTeacher(school, grades, 'aide').user, 'tutor');
    const resident = this.hireTeacher(school, grades, 'aide').user;
    this.addMember(team, resident, 'resident');
    for (const row of leaderClasses) this.enroll(row, resident, 'teacher', false);
  }

  /** An instructional coach who works with the school's first three teams. */
  private addCoach(school: School): void {
    const coach = this.hireTeacher(school, school.grades).user;
    for (const team of school.teams.slice(0, 3)) this.addMember(team, coach, 'coach');
  }

  private gradeSizes(school: School): number[] {
    return apportion(school.students, school.grades.map(() => 0.94 + 0.12 * this.rng.next()));
  }

  // ---- elementary: grade teams sharing homerooms; art, music and PE as specials

  private elementarySchool(school: School): void {
    const sizes = this.gradeSizes(school);
    const byGrade = school.grades.map((grade, i) => Array.from({ length: sizes[i]! }, () => this.enrollStudent(school, grade)));
    const specials = SPECIALS.map((spec) => ({
      course: this.course(school, spec, school.grades),
      pool: new TeacherPool(() => this.hireTeacher(school, school.grades), SPECIALS_SECTIONS_PER_TEACHER),
    }));

    for (const group of groupGrades(sizes)) {
      const groupStudents = group.reduce((n, i) => n + sizes[i]!, 0);
      const k = Math.max(1, Math.ceil(groupStudents / TEAM_SIZE.max));
      const piles = group.map((i) => deal(byGrade[i]!, k));
      for (let t = 0; t < k; t++) {
        const grades = group.map((i) => school.grades[i]!);
        const team = this.team(school, `${gradesLabel(grades)} Team${k > 1 ? ` ${'ABCDEFGH'[t]}` : ''}`, grades);
        const rosters = group.map((_, g) => piles[g]![t]!);
        const homerooms = rosters.map((roster, g) => Math.max(1, Math.ceil(roster.length / (GRADES.indexOf(grades[g]!) <= 3 ? 24 : 28))));
        if (homerooms.reduce((a, b) => a + b, 0) < 2) homerooms[0] = 2; // a leader and at least one teacher

        const leaderClasses: Class[] = [];
        rosters.forEach((roster, g) => {
          const grade = grades[g]!;
          const course = this.course(school, { code: `HR${grade}`, title: `${gradeLabel(grade)} Homeroom`, subject: 'Homeroom' }, [grade]);
          deal(roster, homerooms[g]!).forEach((students) => {
            const teacher = this.hireTeacher(school, [grade]);
            const homeroom = this.section(school, course, `${gradeLabel(grade)} – ${teacher.user.familyName}`, [grade], 'homeroom', teacher, '', students);
            const role = team.members.length === 0 ? 'teacher_leader' : 'teacher';
            this.addMember(team, teacher.user, role);
            this.addClass(team, homeroom);
            if (role === 'teacher_leader') leaderClasses.push(homeroom);
            for (const special of specials) {
              const title = `${special.course.title} – ${gradeLabel(grade)} (${teacher.user.familyName})`;
              this.section(school, special.course, title, [grade], 'scheduled', special.pool.next(), '', students);
            }
          });
        });
        this.addStudents(team, rosters.flat());
        this.addSupport(school, team, grades, rosters.flat().length, leaderClasses);
      }
    }
    this.addCoach(school);
  }

  // ---- middle and high: six periods; grade teams (6–9) and department teams (10–12)

  private secondarySchool(school: School): void {
    const level = school.level as 'middle' | 'high';
    const sizes = this.gradeSizes(school);
    const byGrade = new Map(school.grades.map((grade, i) => [grade, Array.from({ length: sizes[i]! }, () => this.enrollStudent(school, grade))]));
    const pe = { course: this.course(school, PE, school.grades), pool: new TeacherPool(() => this.hireTeacher(school, school.grades), SECTIONS_PER_TEACHER) };
    const electives = ELECTIVES[level].map((spec) => ({
      course: this.course(school, spec, school.grades),
      pool: new TeacherPool(() => this.hireTeacher(school, school.grades), SECTIONS_PER_TEACHER),
    }));
    // The school-wide cohort counter staggers periods: cohort g takes core subject s in
    // period (g + s) % 6 + 1, PE in (g + 4) % 6 + 1 and an elective in (g + 5) % 6 + 1,
    // so a teacher's five consecutive cohorts never meet in the same period.
    let cohortNumber = 0;
    const period = (g: number, slot: number) => String(((g + slot) % 6) + 1);

    /** Schedules one cohort's day; returns its four core sections. */
    const scheduleCohort = (grade: Grade, students: User[], corePools: TeacherPool[]): Class[] => {
      const g = cohortNumber++;
      const cores = CORE_COURSES[grade]!.map((spec, s) => {
        const course = this.course(school, spec, [grade]);
        const teacher = corePools[s]!.next();
        return this.section(school, course, `${spec.title} – P${period(g, s)} (${teacher.user.familyName})`, [grade], 'scheduled', teacher, period(g, s), students);
      });
      const peTeacher = pe.pool.next();
      this.section(school, pe.course, `${PE.title} ${gradeLabel(grade)} – P${period(g, 4)}`, [grade], 'scheduled', peTeacher, period(g, 4), students);
      const elective = electives[g % electives.length]!;
      const electiveTeacher = elective.pool.next();
      this.section(school, elective.course, `${elective.course.title} – P${period(g, 5)} (${electiveTeacher.user.familyName})`, [grade], 'scheduled', electiveTeacher, period(g, 5), students);
      return cores;
    };

    const gradeTeamGrades = school.grades.filter((g) => g <= '09');
    for (const grade of gradeTeamGrades) {
      const students = byGrade.get(grade)!;
      const k = gradeTeamCount(students.length);
      deal(students, k).forEach((roster, t) => {
        const team = this.team(school, `${gradeLabel(grade)} Team ${TEAM_NAMES[t % TEAM_NAMES.length]}${t >= TEAM_NAMES.length ? ` ${Math.floor(t / TEAM_NAMES.length) + 1}` : ''}`, [grade]);
        const corePools = SUBJECTS.map(() => new TeacherPool(() => this.hireTeacher(school, [grade]), SECTIONS_PER_TEACHER));
        const sections = deal(roster, Math.max(1, Math.ceil(roster.length / SECTION_SIZE))).map((cohort) => scheduleCohort(grade, cohort, corePools));
        // The leader's subject rotates between teams so that not every leader teaches ELA.
        const leaderSubject = t % SUBJECTS.length;
        const leader = corePools[leaderSubject]!.teachers[0]!;
        this.addMember(team, leader.user, 'teacher_leader');
        for (const pool of corePools) for (const teacher of pool.teachers) if (teacher !== leader) this.addMember(team, teacher.user, 'teacher');
        for (const cores of sections) for (const row of cores) this.addClass(team, row);
        this.addStudents(team, roster);
        this.addSupport(school, team, [grade], roster.length, sections.map((cores) => cores[leaderSubject]!));
      });
    }

    const upperGrades = school.grades.filter((g) => g > '09');
    if (upperGrades.length > 0) {
      // A small school still gets two teachers per department: a leader and a teacher.
      const cohorts = upperGrades.reduce((n, grade) => n + Math.max(1, Math.ceil(byGrade.get(grade)!.length / SECTION_SIZE)), 0);
      const perTeacher = Math.max(1, Math.min(SECTIONS_PER_TEACHER, Math.ceil(cohorts / 2)));
      const departmentPools = SUBJECTS.map(() => new TeacherPool(() => this.hireTeacher(school, upperGrades), perTeacher));
      const departmentSections: Class[][] = SUBJECTS.map(() => []);
      let upperStudents = 0;
      for (const grade of upperGrades) {
        const students = byGrade.get(grade)!;
        upperStudents += students.length;
        for (const cohort of deal(students, Math.max(1, Math.ceil(students.length / SECTION_SIZE)))) {
          scheduleCohort(grade, cohort, departmentPools).forEach((row, s) => departmentSections[s]!.push(row));
        }
      }
      DEPARTMENTS.forEach((department, s) => {
        const team = this.team(school, `${department} Department`, upperGrades);
        const [leader, ...teachers] = departmentPools[s]!.teachers;
        this.addMember(team, leader!.user, 'teacher_leader');
        for (const teacher of teachers) this.addMember(team, teacher.user, 'teacher');
        for (const row of departmentSections[s]!) this.addClass(team, row);
        const leaderClasses = departmentSections[s]!.filter((row) => row.location === leader!.room);
        this.addSupport(school, team, upperGrades, Math.min(upperStudents, 300), leaderClasses);
      });
    }
    this.addCoach(school);
  }
}
