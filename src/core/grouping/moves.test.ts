/** The trade across two blocks that no single move can make without breaking the day rule. */
import { describe, expect, it } from 'vitest';
import { compile } from './model.ts';
import { crossBlockSwaps } from './moves.ts';
import { evaluate } from './objective.ts';
import { checkHardRules } from './rules.ts';
import { SearchState } from './state.ts';
import { parseInstance } from './validate.ts';

const instance = parseInstance(
  {
    blocks: ['B1', 'B2'],
    skills: [
      { id: 'A', prerequisites: [] },
      { id: 'K', prerequisites: ['A'] },
    ],
    adults: [
      { id: 'T', role: 'teacher', capacity: 2, blocks: ['B1'] },
      { id: 'U', role: 'teacher', capacity: 2, blocks: ['B2'] },
    ],
    stations: [{ id: 'O', kind: 'online', capacity: 4 }],
    students: [
      { id: 'a', mastery: {} },
      { id: 'b', mastery: { A: 0.99 } },
      { id: 'c', mastery: {} },
      { id: 'd', mastery: { A: 0.99 } },
    ],
    constraints: { adultLedPerDay: 1 },
  },
  'trade.json',
);

describe('crossBlockSwaps', () => {
  it('lets two students trade their only adult-led blocks when each is in the other one’s group', () => {
    const model = compile(instance);
    const state = new SearchState(model);
    const [a, b, c, d] = [0, 1, 2, 3];
    const [B1, B2] = [0, 1];
    const group = 0;
    const station = 1;
    // B1: c (on A) and b in T's group, where b has mastered A; B2: d (on K) and a in U's group, where a lacks K's prerequisite.
    state.assign(c, B1, group);
    state.assign(b, B1, group);
    state.assign(a, B1, station);
    state.assign(d, B1, station);
    state.assign(d, B2, group);
    state.assign(a, B2, group);
    state.assign(b, B2, station);
    state.assign(c, B2, station);
    expect(checkHardRules(model, state.toPlan())).toEqual([]);
    const before = evaluate(model, state.toPlan()).total;
    // A single trade of a and b in either block would leave one of them with no adult-led block.
    expect(state.swapDelta(a, b, B1)).toBeNull();
    expect(state.swapDelta(a, b, B2)).toBeNull();

    expect(crossBlockSwaps(state, B1, B2)).toBe(true);

    const plan = state.toPlan();
    expect(plan.place[a * 2 + B1]).toBe(group);
    expect(plan.place[b * 2 + B2]).toBe(group);
    expect(checkHardRules(model, plan)).toEqual([]);
    const after = evaluate(model, plan).total;
    expect(after).toBeGreaterThan(before);
    expect(state.total).toBeCloseTo(after, 9);
  });
});
