import { describe, expect, it } from 'vitest';
import { compareSkill, normalCdf, oneSidedPValue, pinpointTeam, type Tally } from './pinpoint.ts';

describe('normalCdf', () => {
  it('matches the standard normal table', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 6);
    expect(normalCdf(-1.6449)).toBeCloseTo(0.05, 4);
    expect(normalCdf(1.96)).toBeCloseTo(0.975, 4);
    expect(normalCdf(-3)).toBeCloseTo(0.00135, 5);
  });
});

describe('oneSidedPValue', () => {
  it('is small when the group is clearly worse and large when it is better', () => {
    // 30/60 vs 48/60: z = (0.5 - 0.8) / sqrt(0.65*0.35*(2/60)) ≈ -3.45
    expect(oneSidedPValue({ right: 30, total: 60 }, { right: 48, total: 60 })!).toBeCloseTo(0.00028, 4);
    expect(oneSidedPValue({ right: 48, total: 60 }, { right: 30, total: 60 })!).toBeGreaterThan(0.99);
  });

  it('gives no value without attempts on a side, and 1 when everyone is right', () => {
    expect(oneSidedPValue({ right: 0, total: 0 }, { right: 3, total: 4 })).toBeNull();
    expect(oneSidedPValue({ right: 5, total: 5 }, { right: 9, total: 9 })).toBe(1);
  });
});

describe('compareSkill', () => {
  it('calls out a large gap on enough attempts', () => {
    const c = compareSkill('ratio', { right: 30, total: 60 }, { right: 48, total: 60 });
    expect(c.callOut).toBe(true);
    expect(c.gap).toBeCloseTo(-0.3, 6);
    expect(c.why).toMatch(/^50% right of 60 vs 80% of 60/);
  });

  it('does not call out the same gap on few attempts', () => {
    const c = compareSkill('ratio', { right: 5, total: 10 }, { right: 48, total: 60 });
    expect(c.callOut).toBe(false);
    expect(c.why).toMatch(/too few attempts/);
  });

  it('does not call out a small gap, however many attempts', () => {
    const c = compareSkill('ratio', { right: 750, total: 1000 }, { right: 800, total: 1000 });
    expect(c.p!).toBeLessThan(0.01);
    expect(c.callOut).toBe(false);
    expect(c.why).toMatch(/no large gap/);
  });

  it('does not call out a group that does better', () => {
    expect(compareSkill('ratio', { right: 55, total: 60 }, { right: 30, total: 60 }).callOut).toBe(false);
  });
});

describe('pinpointTeam', () => {
  const tallies = new Map<string, Map<string, Tally>>();
  const add = (student: string, skill: string, right: number, total: number) => {
    const bySkill = tallies.get(student) ?? new Map<string, Tally>();
    bySkill.set(skill, { right, total });
    tallies.set(student, bySkill);
  };
  // a1 and a2 struggle on "ratio"; b1 and b2 do well; everyone does well on "rate".
  add('a1', 'ratio', 8, 20);
  add('a2', 'ratio', 7, 20);
  add('b1', 'ratio', 17, 20);
  add('b2', 'ratio', 18, 20);
  for (const s of ['a1', 'a2', 'b1', 'b2']) add(s, 'rate', 18, 20);

  it("compares each adult's students with the rest of the team", () => {
    const [teacherA, teacherB] = pinpointTeam(['a1', 'a2', 'b1', 'b2'], [
      { sourcedId: 'tA', students: ['a1', 'a2'] },
      { sourcedId: 'tB', students: ['b1', 'b2', 'outsider'] },
    ], tallies);
    expect(teacherA!.students).toBe(2);
    expect(teacherA!.comparisons[0]).toMatchObject({ skill: 'ratio', group: { right: 15, total: 40 }, rest: { right: 35, total: 40 }, callOut: true });
    expect(teacherA!.comparisons[1]).toMatchObject({ skill: 'rate', callOut: false });
    expect(teacherB!.students).toBe(2);
    expect(teacherB!.comparisons.every((c) => !c.callOut)).toBe(true);
  });

  it('compares nothing for an adult who teaches every student of the team, or none', () => {
    const [all, none] = pinpointTeam(['a1', 'b1'], [
      { sourcedId: 't', students: ['a1', 'b1'] },
      { sourcedId: 'tutor', students: ['outsider'] },
    ], tallies);
    expect(all).toEqual({ sourcedId: 't', students: 2, comparisons: [] });
    expect(none).toEqual({ sourcedId: 'tutor', students: 0, comparisons: [] });
  });
});
