import { describe, expect, it } from 'vitest';
import { DEFAULT_MASTERED_AT, masteryTrace } from '../mastery/index.ts';
import { PRIOR_MASTERY_MODEL } from './prior-model.ts';

const known = (outcomes: boolean[]) => masteryTrace(PRIOR_MASTERY_MODEL, outcomes.map((correct, at) => ({ skill: 'any skill', at, correct }))).map((t) => t.known);

describe('the prior mastery model', () => {
  it('reaches mastery after three right answers in a row, not two', () => {
    const trace = known([true, true, true]);
    expect(trace[1]!).toBeLessThan(DEFAULT_MASTERED_AT);
    expect(trace[2]!).toBeGreaterThanOrEqual(DEFAULT_MASTERED_AT);
  });

  it('falls below mastery after a wrong answer and never masters a student who keeps getting it wrong', () => {
    expect(known([true, true, true, false]).at(-1)!).toBeLessThan(DEFAULT_MASTERED_AT);
    expect(Math.max(...known(Array.from({ length: 12 }, () => false)))).toBeLessThan(0.5);
  });
});
