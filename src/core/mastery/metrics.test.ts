import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { auc, rmse } from './metrics.ts';

/** AUC by its definition: the share of (right, wrong) pairs ranked right above wrong, ties counting half. */
function pairwiseAuc(predictions: number[], outcomes: boolean[]): number | null {
  let pairs = 0;
  let score = 0;
  predictions.forEach((p, i) => {
    if (!outcomes[i]) return;
    predictions.forEach((q, j) => {
      if (outcomes[j]) return;
      pairs++;
      score += p > q ? 1 : p === q ? 0.5 : 0;
    });
  });
  return pairs === 0 ? null : score / pairs;
}

describe('auc', () => {
  it('counts correctly ordered pairs', () => {
    // pairs (right, wrong): (0.35, 0.1) ✓, (0.35, 0.4) ✗, (0.8, 0.1) ✓, (0.8, 0.4) ✓ → 3/4
    expect(auc([0.1, 0.4, 0.35, 0.8], [false, false, true, true])).toBe(0.75);
  });

  it('counts a tie between a right and a wrong answer as half', () => {
    // (0.5, 0.5) ½, (0.5, 0.2) 1, (0.9, 0.5) 1, (0.9, 0.2) 1 → 3.5/4
    expect(auc([0.5, 0.5, 0.2, 0.9], [true, false, false, true])).toBe(0.875);
    expect(auc([0.3, 0.3, 0.3], [true, false, true])).toBe(0.5);
  });

  it('is 1 for a perfect ranking, 0 for a reversed one, null with one class', () => {
    expect(auc([0.9, 0.1], [true, false])).toBe(1);
    expect(auc([0.1, 0.9], [true, false])).toBe(0);
    expect(auc([0.2, 0.7], [true, true])).toBeNull();
    expect(auc([], [])).toBeNull();
  });

  it('agrees with the pairwise definition on any data', () => {
    const data = fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.boolean()), { maxLength: 40 });
    fc.assert(
      fc.property(data, (rows) => {
        const predictions = rows.map(([p]) => p / 5);
        const outcomes = rows.map(([, y]) => y);
        const expected = pairwiseAuc(predictions, outcomes);
        const actual = auc(predictions, outcomes);
        if (expected === null) expect(actual).toBeNull();
        else expect(actual).toBeCloseTo(expected, 12);
      }),
    );
  });
});

describe('rmse', () => {
  it('is the root of the mean squared difference from the 0/1 outcomes', () => {
    // errors 0.2, -0.4 → sqrt((0.04 + 0.16) / 2) = sqrt(0.1)
    expect(rmse([0.8, 0.4], [true, false])).toBeCloseTo(Math.sqrt(0.1), 15);
    expect(rmse([], [])).toBeNaN();
  });
});
