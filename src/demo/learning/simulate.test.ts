import { describe, expect, it } from 'vitest';
import { DEMO_SKILLS, demoCasePackage, demoUuid, skillUri } from './framework.ts';
import { ADAPTIVE_PROGRAM, CHECKIN_PROGRAM, FLUENCY_SPRINT_HOST, schoolDays, simulateLearning, type SimulatedStudent } from './simulate.ts';

const students: SimulatedStudent[] = Array.from({ length: 40 }, (_, i) => ({
  sourcedId: `stu-${i}`,
  grade: '06',
  englishLearner: i % 4 === 0,
  specialEducation: i % 10 === 0,
}));
const options = { seed: 7, startDate: '2026-09-14', schoolDays: 20 };

describe('demo learning data', () => {
  it('is the same for the same students and seed, and different for another seed', () => {
    const a = simulateLearning(students, options);
    const b = simulateLearning(students, options);
    expect(b.statements).toEqual(a.statements);
    expect(simulateLearning(students, { ...options, seed: 8 }).statements).not.toEqual(a.statements);
  });

  it('sends valid-looking, time-ordered statements with unique ids about known students', () => {
    const { statements } = simulateLearning(students, options);
    expect(statements.length).toBeGreaterThan(students.length * 20);
    expect(new Set(statements.map((s) => s.id)).size).toBe(statements.length);
    const ids = new Set(students.map((s) => s.sourcedId));
    for (const statement of statements) {
      expect(ids.has(statement.actor.account.name)).toBe(true);
      expect(statement.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(statement.timestamp).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00Z$/);
    }
    const times = statements.map((s) => s.timestamp);
    expect([...times].sort()).toEqual(times);
    const programs = new Set(statements.map((s) => s.context.platform));
    expect(programs).toContain(ADAPTIVE_PROGRAM);
    expect(programs).toContain(CHECKIN_PROGRAM);
  });

  it('keeps a truth in which students learn, and answers that follow it', () => {
    const { truth } = simulateLearning(students, options);
    expect(truth).toHaveLength(students.length * DEMO_SKILLS.filter((s) => s.grade === '06').length);
    const learned = truth.filter((fact) => !fact.knownAtStart && fact.learnedOn !== null).length;
    expect(learned).toBeGreaterThan(students.length);
    // Right answers are far more common on skills known all along than on skills never learned.
    const { statements } = simulateLearning(students, options);
    const known = new Set(truth.filter((f) => f.knownAtStart && f.knownAtEnd).map((f) => `${f.student}|${skillUri(f.skill)}`));
    const never = new Set(truth.filter((f) => !f.knownAtStart && f.learnedOn === null).map((f) => `${f.student}|${skillUri(f.skill)}`));
    const rate = (keys: Set<string>) => {
      const hits = statements.filter((s) => keys.has(`${s.actor.account.name}|${s.object.id}`));
      return hits.filter((s) => s.result.success).length / hits.length;
    };
    expect(rate(known)).toBeGreaterThan(0.8);
    expect(rate(never)).toBeLessThan(0.5);
  });

  it('sends nothing after `until`, and the same statements before it', () => {
    const all = simulateLearning(students, options);
    const until = '2026-10-07T12:00:00Z';
    const cut = simulateLearning(students, { ...options, until });
    expect(cut.statements).toEqual(all.statements.filter((s) => s.timestamp <= until));
    expect(cut.statements.length).toBeLessThan(all.statements.length);
  });

  it('practises as much as asked, and sends a few answers on activities outside the framework', () => {
    const light = simulateLearning(students, { ...options, practiceItems: { min: 1, max: 3 }, practiceDays: 0.9 });
    const heavy = simulateLearning(students, options);
    const practice = (sim: typeof light) => sim.statements.filter((s) => s.object.id.startsWith('https://standards.')).length;
    expect(practice(light)).toBeLessThan(practice(heavy) / 2);
    const unmapped = light.statements.filter((s) => s.object.id.startsWith(FLUENCY_SPRINT_HOST));
    expect(unmapped.length).toBeGreaterThan(0);
    expect(unmapped.length).toBeLessThan(light.statements.length * 0.1);
    expect(new Set(unmapped.map((s) => s.context.platform))).toEqual(new Set([ADAPTIVE_PROGRAM]));
  });

  it('starts English learners further back in the sequence than other students', () => {
    const many: SimulatedStudent[] = Array.from({ length: 400 }, (_, i) => ({ sourcedId: `s-${i}`, grade: '06', englishLearner: i % 2 === 0, specialEducation: false }));
    const { truth } = simulateLearning(many, { ...options, schoolDays: 1 });
    const knownShare = (el: boolean) => {
      const facts = truth.filter((f) => (Number(f.student.slice(2)) % 2 === 0) === el);
      return facts.filter((f) => f.knownAtStart).length / facts.length;
    };
    expect(knownShare(true)).toBeLessThan(knownShare(false) - 0.03);
  });

  it('counts school days Monday to Friday', () => {
    expect(schoolDays('2026-09-14', 6)).toEqual(['2026-09-14', '2026-09-15', '2026-09-16', '2026-09-17', '2026-09-18', '2026-09-21']);
  });

  it('publishes the framework as a CASE package with the tree and the prerequisites', () => {
    const pkg = demoCasePackage() as { CFItems: Array<{ identifier: string; CFItemType: string }>; CFAssociations: Array<{ associationType: string }> };
    expect(pkg.CFItems.filter((item) => item.CFItemType === 'Standard').length).toBe(DEMO_SKILLS.length);
    const precedes = pkg.CFAssociations.filter((a) => a.associationType === 'precedes').length;
    expect(precedes).toBe(DEMO_SKILLS.reduce((n, skill) => n + skill.prerequisites.length, 0));
    expect(new Set(pkg.CFItems.map((item) => item.identifier)).size).toBe(pkg.CFItems.length);
    expect(demoUuid('x')).toBe(demoUuid('x'));
  });
});
