/** The objective on a case small enough to add up by hand, and the MILP's coefficients against it. */
import { describe, expect, it } from 'vitest';
import { buildMilp } from './milp.ts';
import { compile } from './model.ts';
import { evaluate, type Plan } from './objective.ts';
import { checkHardRules } from './rules.ts';
import { parseInstance } from './validate.ts';

const instance = parseInstance(
  {
    blocks: ['B1', 'B2'],
    skills: [
      { id: 'A', prerequisites: [] },
      { id: 'K', prerequisites: ['A'] },
    ],
    adults: [
      { id: 'T', role: 'teacher', capacity: 2, blocks: ['B1'], supports: ['english_learner'] },
      { id: 'U', role: 'tutor', capacity: 1 },
    ],
    stations: [{ id: 'O', kind: 'online', capacity: 3 }],
    students: [
      { id: 's1', mastery: { A: 0.5 } },
      { id: 's2', mastery: { A: 0.96, K: 0.2 }, flags: ['behind'] },
      { id: 's3', mastery: { A: 0.97, K: 0.97 } },
    ],
    constraints: { adultLedPerDay: 0 },
    previous: [{ block: 'B1', adult: 'T', focusSkill: 'A', students: ['s1'] }],
    week: { s1: [], s2: ['T'], s3: ['T', 'U'] },
  },
  'hand.json',
);
const model = compile(instance);

// Places: B1 = [T's group, U's group, O]; B2 = [U's group, O] (T is not there). Groups: B1/T, B1/U, B2/U.
// B1: s1 and s2 with T on A, s3 online. B2: s2 with U on K, s1 and s3 online.
const plan: Plan = {
  place: Int32Array.from([0, 1, 0, 0, 2, 1]),
  focus: Int32Array.from([0, -1, 1]),
};

describe('objective', () => {
  it('adds up term by term as computed by hand', () => {
    const { total, terms } = evaluate(model, plan);
    // s1 with T on A, its next skill: 10, depth 4·(1 − 0.5) = 2, and yesterday's adult and focus: churn 2.
    // s2 with T on A, mastered: −8, flagged with capacity 2: 8/2 = 4.
    // s2 with the tutor U on K, its next skill: 10, depth 4·(1 − 0.2) = 3.2, flagged: 8/1 + 2 = 10.
    // Three student-blocks online: 3.
    // Balance in B1: T has 2, U has 0; N = 2, C = 3, shares 4/3 and 2/3: deviation 4/3, times 0.5. B2: U has its share.
    // Relationships: s1 (room 2) meets T, new: 1.5; s2 (room 1) meets U, new (T it met before): 1.5; s3 has no room.
    expect(terms.next).toBeCloseTo(20, 10);
    expect(terms.ready).toBe(0);
    expect(terms.notReady).toBeCloseTo(-8, 10);
    expect(terms.depth).toBeCloseTo(5.2, 10);
    expect(terms.station).toBeCloseTo(3, 10);
    expect(terms.flagged).toBeCloseTo(14, 10);
    expect(terms.churn).toBeCloseTo(2, 10);
    expect(terms.balance).toBeCloseTo(-2 / 3, 10);
    expect(terms.relationship).toBeCloseTo(3, 10);
    expect(total).toBeCloseTo(38.5 + 1 / 30, 10);
  });

  it('is what the MILP says of the same plan, which meets every MILP row', () => {
    const milp = buildMilp(model);
    const x = milp.encode(plan);
    let value = 0;
    for (let j = 0; j < milp.numCols; j++) value += milp.colCost[j]! * x[j]!;
    expect(value).toBeCloseTo(evaluate(model, plan).total, 9);
    const activity = new Float64Array(milp.numRows);
    for (let j = 0; j < milp.numCols; j++) {
      expect(x[j]).toBeGreaterThanOrEqual(milp.colLower[j]! - 1e-9);
      expect(x[j]).toBeLessThanOrEqual(milp.colUpper[j]! + 1e-9);
      for (let e = milp.starts[j]!; e < milp.starts[j + 1]!; e++) activity[milp.indices[e]!]! += milp.values[e]! * x[j]!;
    }
    for (let i = 0; i < milp.numRows; i++) {
      expect(activity[i]).toBeGreaterThanOrEqual(milp.rowLower[i]! - 1e-9);
      expect(activity[i]).toBeLessThanOrEqual(milp.rowUpper[i]! + 1e-9);
    }
    const decoded = milp.decode(x);
    expect([...decoded.place]).toEqual([...plan.place]);
    expect([...decoded.focus]).toEqual([0, -1, 1]);
  });

  it('finds no broken rule in this plan, and names one when a student has no place', () => {
    expect(checkHardRules(model, plan)).toEqual([]);
    const broken = { place: plan.place.slice(), focus: plan.focus };
    broken.place[0] = 7;
    expect(checkHardRules(model, broken)).toEqual([{ rule: 'place', message: 'block B1: s1 has no place: not placed, though a place has room', students: ['s1'], block: 'B1' }]);
  });
});
