import { describe, expect, it } from 'vitest';
import { generateDemoDistrict } from '../generate.ts';
import { DEMO_SKILLS } from './framework.ts';
import { learningPeriod, planDemoLearning, teamSequence } from './plan.ts';
import { schoolDays } from './simulate.ts';

describe('the period of the demo learning data', () => {
  it('is eight weeks of school days ending today, from a Monday', () => {
    // Wednesday 2026-11-18, after school has begun.
    const period = learningPeriod(new Date('2026-11-18T15:30:00Z'));
    expect(period).toEqual({ startDate: '2026-09-28', schoolDays: 38, endDate: '2026-11-18', until: '2026-11-18T15:30:00.000Z' });
    expect(new Date(`${period.startDate}T00:00:00Z`).getUTCDay()).toBe(1);
    expect(schoolDays(period.startDate, period.schoolDays).at(-1)).toBe('2026-11-18');
  });

  it('ends with the last school day that has begun: Friday at the weekend, yesterday before school', () => {
    expect(learningPeriod(new Date('2026-11-22T12:00:00Z'))).toMatchObject({ endDate: '2026-11-20', schoolDays: 40, startDate: '2026-09-28' });
    expect(learningPeriod(new Date('2026-11-18T06:00:00Z'))).toMatchObject({ endDate: '2026-11-17', schoolDays: 37 });
    // Monday before school: the period is the eight weeks that ended on Friday.
    expect(learningPeriod(new Date('2026-11-23T00:40:00Z'))).toMatchObject({ endDate: '2026-11-20', schoolDays: 40, startDate: '2026-09-28' });
  });
});

describe('a team sequence', () => {
  it('gives the grade skills in order consecutive runs of school days ending on the last day', () => {
    const period = learningPeriod(new Date('2026-11-20T16:00:00Z'));
    const { items } = teamSequence('team-1', '07', period);
    expect(items.map((i) => i.code)).toEqual(DEMO_SKILLS.filter((s) => s.grade === '07').map((s) => s.code).slice(0, 8));
    expect(items[0]!.startsOn).toBe(period.startDate);
    expect(items.at(-1)!.endsOn).toBe(period.endDate);
    const days = schoolDays(period.startDate, period.schoolDays);
    for (let i = 1; i < items.length; i++) {
      // Each run starts on the school day after the previous one ends.
      expect(days.indexOf(items[i]!.startsOn)).toBe(days.indexOf(items[i - 1]!.endsOn) + 1);
    }
  });
});

describe('the demo learning plan', () => {
  const district = generateDemoDistrict({ students: 2000, seed: 1 });
  const now = new Date('2026-11-20T16:00:00Z');

  it('reports for the middle-school students, with their grade and program needs', () => {
    const plan = planDemoLearning(district, now);
    const middle = district.tables.users.filter((u) => u.role === 'student' && ['06', '07', '08'].includes(u.grades));
    expect(plan.students.map((s) => s.sourcedId).sort()).toEqual(middle.map((u) => u.sourcedId).sort());
    const el = new Set(district.tables.studentsAttributes.filter((a) => a.englishLearner === 'true').map((a) => a.student));
    for (const student of plan.students) expect(student.englishLearner).toBe(el.has(student.sourcedId));
    expect(plan.students.some((s) => s.englishLearner)).toBe(true);
  });

  it('links each grade skill to its grade math course and sequences every middle-school team', () => {
    const plan = planDemoLearning(district, now);
    const mathCourses = district.tables.courses.filter((c) => /^MATH[678]$/.test(c.courseCode));
    expect(plan.courseLinks).toHaveLength(mathCourses.length > 0 ? DEMO_SKILLS.length * (mathCourses.length / 3) : 0);
    const grade6 = mathCourses.find((c) => c.courseCode === 'MATH6')!;
    expect(plan.courseLinks.filter((l) => l.course === grade6.sourcedId).map((l) => l.code)).toEqual(DEMO_SKILLS.filter((s) => s.grade === '06').map((s) => s.code));
    const middleSchools = new Set(district.schools.filter((s) => s.level === 'middle').map((s) => s.sourcedId));
    const middleTeams = district.tables.teams.filter((t) => middleSchools.has(t.schoolSourcedId));
    expect(plan.sequences.map((s) => s.team)).toEqual(middleTeams.map((t) => t.sourcedId));
    for (const sequence of plan.sequences) expect(sequence.items[0]!.code.startsWith(String(Number(sequence.grade)))).toBe(true);
  });

  it('limits a large district to whole teams up to the cap', () => {
    const plan = planDemoLearning(district, now, 200);
    expect(plan.students.length).toBeLessThanOrEqual(200);
    expect(plan.reportingTeams.length).toBeGreaterThanOrEqual(1);
    const members = new Set(district.tables.teamStudents.filter((r) => plan.reportingTeams.includes(r.teamSourcedId)).map((r) => r.userSourcedId));
    expect(new Set(plan.students.map((s) => s.sourcedId))).toEqual(members);
    // Every team still gets its sequence.
    expect(plan.sequences.length).toBeGreaterThan(plan.reportingTeams.length);
  });
});
