import { describe, expect, it } from 'vitest';
import { apportion, generateDemoDistrict, gradeTeamCount, groupGrades, TEAM_SIZE } from './generate.ts';
import { DEMO_ACCOUNTS } from './sign-ins.ts';
import { TABLE_NAMES } from './tables.ts';

const district = generateDemoDistrict({ students: 5_000, seed: 7 });
const { tables } = district;
const students = tables.users.filter((u) => u.role === 'student');
const share = (rows: { [k: string]: string }[], field: string) => rows.filter((r) => r[field] === 'true').length / rows.length;

describe('generateDemoDistrict', () => {
  it('gives the same rows for the same seed and different ones for another', () => {
    const a = generateDemoDistrict({ students: 600, seed: 42 });
    const b = generateDemoDistrict({ students: 600, seed: 42 });
    const c = generateDemoDistrict({ students: 600, seed: 43 });
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    expect(JSON.stringify(c.tables.users)).not.toBe(JSON.stringify(a.tables.users));
  });

  it('refuses sizes it cannot make a district of', () => {
    expect(() => generateDemoDistrict({ students: 10, seed: 1 })).toThrow(RangeError);
    expect(() => generateDemoDistrict({ students: 1.5e3 + 0.5, seed: 1 })).toThrow(RangeError);
  });

  it('has the requested students, schools of every level and a district', () => {
    expect(students).toHaveLength(5_000);
    expect(tables.orgs.filter((o) => o.type === 'district')).toHaveLength(1);
    for (const level of ['elementary', 'middle', 'high'] as const) {
      expect(district.schools.filter((s) => s.level === level).length).toBeGreaterThanOrEqual(1);
    }
    const small = generateDemoDistrict({ students: 100, seed: 1 });
    expect(new Set(small.schools.map((s) => s.level))).toEqual(new Set(['elementary', 'middle', 'high']));
  });

  it('scales to about a hundred schools for a Fresno-sized district', () => {
    const schools = generateDemoDistrict({ students: 75_000, seed: 1 }).schools;
    expect(schools.length).toBeGreaterThanOrEqual(85);
    expect(schools.length).toBeLessThanOrEqual(110);
  });

  it('draws student attributes in realistic proportions', () => {
    const attributes = tables.studentsAttributes;
    expect(attributes).toHaveLength(5_000);
    expect(share(attributes, 'englishLearner')).toBeGreaterThan(0.15);
    expect(share(attributes, 'englishLearner')).toBeLessThan(0.25);
    expect(share(attributes, 'specialEducation')).toBeGreaterThan(0.1);
    expect(share(attributes, 'specialEducation')).toBeLessThan(0.16);
    expect(share(attributes, 'economicallyDisadvantaged')).toBeGreaterThan(0.78);
    expect(share(attributes, 'economicallyDisadvantaged')).toBeLessThan(0.9);
    const languages = new Set(attributes.map((a) => a.homeLanguage));
    for (const language of ['English', 'Spanish', 'Hmong', 'Punjabi', 'Arabic', 'Vietnamese']) expect(languages).toContain(language);
    // English learners speak another language at home.
    expect(attributes.filter((a) => a.englishLearner === 'true' && a.homeLanguage === 'English')).toHaveLength(0);
    expect(share(tables.demographics, 'hispanicOrLatinoEthnicity')).toBeGreaterThan(0.6);
    const males = tables.demographics.filter((d) => d.sex === 'male').length / 5_000;
    expect(males).toBeGreaterThan(0.45);
    expect(males).toBeLessThan(0.57);
  });

  it('gives birth dates consistent with the grade', () => {
    const birthYear = new Map(tables.demographics.map((d) => [d.sourcedId, d.birthDate]));
    for (const student of students) {
      const grade = student.grades === 'KG' ? 0 : Number(student.grades);
      const born = birthYear.get(student.sourcedId)!;
      // Kindergarten 2026-27: turned 5 by 2026-09-01; a few students held back a year.
      expect(born >= `${2019 - grade}-09-02` && born <= `${2021 - grade}-09-01`, `${student.grades} ${born}`).toBe(true);
    }
  });

  it('gives every user a unique username and email', () => {
    const users = tables.users;
    expect(new Set(users.map((u) => u.username)).size).toBe(users.length);
    expect(new Set(users.map((u) => u.email.toLowerCase())).size).toBe(users.length);
    expect(users.every((u) => /^[a-z0-9.]+@([a-z]+\.)?demo\.school$/.test(u.email))).toBe(true);
  });

  it('keeps every reference in every file pointing at a row that exists', () => {
    for (const name of TABLE_NAMES) expect(tables[name].length, name).toBeGreaterThan(0);
    const ids = (rows: { sourcedId: string }[]) => new Set(rows.map((r) => r.sourcedId));
    const orgs = ids(tables.orgs);
    const sessions = ids(tables.academicSessions);
    const courses = ids(tables.courses);
    const classes = ids(tables.classes);
    const users = ids(tables.users);
    const teams = ids(tables.teams);
    const studentIds = new Set(students.map((s) => s.sourcedId));
    const unique: [Set<string>, unknown[]][] = [
      [orgs, tables.orgs], [sessions, tables.academicSessions], [courses, tables.courses], [classes, tables.classes],
      [users, tables.users], [teams, tables.teams], [ids(tables.enrollments), tables.enrollments],
    ];
    for (const [set, rows] of unique) expect(set.size).toBe(rows.length);

    for (const o of tables.orgs) if (o.parentSourcedId) expect(orgs.has(o.parentSourcedId)).toBe(true);
    for (const s of tables.academicSessions) if (s.parentSourcedId) expect(sessions.has(s.parentSourcedId)).toBe(true);
    for (const c of tables.courses) expect(orgs.has(c.orgSourcedId) && sessions.has(c.schoolYearSourcedId)).toBe(true);
    for (const c of tables.classes) {
      expect(courses.has(c.courseSourcedId) && orgs.has(c.schoolSourcedId)).toBe(true);
      for (const term of c.termSourcedIds.split(',')) expect(sessions.has(term)).toBe(true);
    }
    for (const u of tables.users) for (const org of u.orgSourcedIds.split(',')) expect(orgs.has(org)).toBe(true);
    for (const e of tables.enrollments) {
      expect(classes.has(e.classSourcedId) && users.has(e.userSourcedId) && orgs.has(e.schoolSourcedId), e.sourcedId).toBe(true);
    }
    for (const d of tables.demographics) expect(studentIds.has(d.sourcedId)).toBe(true);
    for (const a of tables.studentsAttributes) expect(studentIds.has(a.student)).toBe(true);
    for (const t of tables.teams) expect(orgs.has(t.schoolSourcedId)).toBe(true);
    for (const m of tables.teamMembers) expect(teams.has(m.teamSourcedId) && users.has(m.userSourcedId)).toBe(true);
    for (const c of tables.teamClasses) expect(teams.has(c.teamSourcedId) && classes.has(c.classSourcedId)).toBe(true);
    for (const s of tables.teamStudents) expect(teams.has(s.teamSourcedId) && studentIds.has(s.userSourcedId)).toBe(true);
  });

  it('enrolls every student in a full day of classes, each class with a primary teacher', () => {
    const perStudent = new Map<string, number>();
    const primaries = new Map<string, number>();
    for (const e of tables.enrollments) {
      if (e.role === 'student') perStudent.set(e.userSourcedId, (perStudent.get(e.userSourcedId) ?? 0) + 1);
      if (e.role === 'teacher' && e.primary === 'true') primaries.set(e.classSourcedId, (primaries.get(e.classSourcedId) ?? 0) + 1);
    }
    for (const s of students) expect(perStudent.get(s.sourcedId), s.sourcedId).toBe(s.grades <= '05' || s.grades === 'KG' ? 4 : 6);
    for (const c of tables.classes) expect(primaries.get(c.sourcedId), c.sourcedId).toBe(1);
    // No student has two classes in the same period.
    const periodOf = new Map(tables.classes.map((c) => [c.sourcedId, c.periods]));
    const seen = new Set<string>();
    for (const e of tables.enrollments) {
      const period = periodOf.get(e.classSourcedId);
      if (e.role !== 'student' || !period) continue;
      const key = `${e.userSourcedId}@${period}`;
      expect(seen.has(key), key).toBe(false);
      seen.add(key);
    }
  });

  it('puts every student on a team with a teacher-leader, and staffs every team', () => {
    const roles = new Map<string, Set<string>>();
    for (const m of tables.teamMembers) roles.set(m.teamSourcedId, (roles.get(m.teamSourcedId) ?? new Set()).add(m.role));
    for (const team of tables.teams) {
      for (const role of ['teacher_leader', 'teacher', 'tutor', 'resident']) expect(roles.get(team.sourcedId), `${team.name} ${role}`).toContain(role);
    }
    const leaders = tables.teamMembers.filter((m) => m.role === 'teacher_leader');
    expect(new Set(leaders.map((m) => m.teamSourcedId)).size).toBe(leaders.length);

    // A team's students: those placed on it and those in its classes.
    const classStudents = new Map<string, string[]>();
    for (const e of tables.enrollments) if (e.role === 'student') classStudents.set(e.classSourcedId, [...(classStudents.get(e.classSourcedId) ?? []), e.userSourcedId]);
    const onTeam = new Set(tables.teamStudents.map((s) => s.userSourcedId));
    for (const c of tables.teamClasses) for (const s of classStudents.get(c.classSourcedId) ?? []) onTeam.add(s);
    expect(students.filter((s) => !onTeam.has(s.sourcedId))).toEqual([]);
  });

  it('keeps elementary and middle grade teams at 75–200 students', () => {
    const level = new Map(district.schools.map((s) => [s.sourcedId, s.level]));
    const size = new Map<string, number>();
    for (const s of tables.teamStudents) size.set(s.teamSourcedId, (size.get(s.teamSourcedId) ?? 0) + 1);
    const gradeTeams = tables.teams.filter((t) => level.get(t.schoolSourcedId) !== 'high');
    expect(gradeTeams.length).toBeGreaterThan(10);
    for (const team of gradeTeams) {
      expect(size.get(team.sourcedId), team.name).toBeGreaterThanOrEqual(TEAM_SIZE.min);
      expect(size.get(team.sourcedId), team.name).toBeLessThanOrEqual(TEAM_SIZE.max);
    }
  });

  it('ties the demo sign-ins to the right roster people', () => {
    const user = new Map(tables.users.map((u) => [u.sourcedId, u]));
    const account = new Map(district.accounts.map((a) => [a.email, a]));
    expect(district.accounts.map((a) => [a.email, a.role])).toEqual(DEMO_ACCOUNTS.map((a) => [a.email, a.role]));
    for (const a of district.accounts) {
      const person = user.get(a.userSourcedId!)!;
      expect(person.email).toBe(a.email);
      expect(a.displayName).toBe(`${person.givenName} ${person.familyName}`);
    }
    const person = (email: string) => user.get(account.get(email)!.userSourcedId!)!;
    expect(person('admin@demo.school')).toMatchObject({ role: 'administrator', orgSourcedIds: 'demo-district' });
    const principal = person('principal@demo.school');
    expect(principal.role).toBe('administrator');
    const school = district.schools.find((s) => s.sourcedId === principal.orgSourcedIds)!;
    expect(school.level).toBe('middle');

    const leaderId = account.get('leader@demo.school')!.userSourcedId;
    const team = tables.teamMembers.find((m) => m.userSourcedId === leaderId && m.role === 'teacher_leader')!;
    expect(tables.teams.find((t) => t.sourcedId === team.teamSourcedId)).toMatchObject({ grades: '06', schoolSourcedId: school.sourcedId });
    const roleOn = (email: string) =>
      tables.teamMembers.find((m) => m.teamSourcedId === team.teamSourcedId && m.userSourcedId === account.get(email)!.userSourcedId)?.role;
    expect(roleOn('teacher@demo.school')).toBe('teacher');
    expect(roleOn('tutor@demo.school')).toBe('tutor');
    expect(roleOn('coach@demo.school')).toBe('coach');
    const coachTeams = tables.teamMembers.filter((m) => m.userSourcedId === account.get('coach@demo.school')!.userSourcedId);
    expect(coachTeams.length).toBeGreaterThanOrEqual(2);
    expect(coachTeams.every((m) => m.role === 'coach')).toBe(true);
    const studentId = account.get('student@demo.school')!.userSourcedId;
    expect(person('student@demo.school')).toMatchObject({ role: 'student', grades: '06' });
    expect(tables.teamStudents).toContainEqual({ teamSourcedId: team.teamSourcedId, userSourcedId: studentId });
  });
});

describe('district arithmetic', () => {
  it('apportions a total exactly', () => {
    expect(apportion(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(apportion(75_000, [6, 3, 4]).reduce((a, b) => a + b)).toBe(75_000);
  });

  it('groups small elementary grades in pairs and leaves big ones alone', () => {
    expect(groupGrades([90, 95, 100, 92, 88, 91])).toEqual([[0], [1], [2], [3], [4], [5]]);
    expect(groupGrades([40, 45, 50, 42, 38, 41])).toEqual([[0, 1], [2, 3], [4, 5]]);
    expect(groupGrades([90, 95, 100, 92, 150, 60])).toEqual([[0], [1], [2], [3], [4, 5]]);
  });

  it('splits a secondary grade into teams of 75–200', () => {
    expect(gradeTeamCount(60)).toBe(1);
    expect(gradeTeamCount(150)).toBe(1);
    expect(gradeTeamCount(300)).toBe(2);
    for (let n = 75; n < 2_000; n += 7) {
      const k = gradeTeamCount(n);
      expect(n / k).toBeGreaterThanOrEqual(75);
      expect(n / k).toBeLessThanOrEqual(200);
    }
  });
});
