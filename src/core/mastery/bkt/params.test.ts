import { describe, expect, it } from 'vitest';
import { posteriorKnown, predictCorrect, transition, updateKnown, type BktParams } from './params.ts';

const params: BktParams = { prior: 0.3, learn: 0.2, guess: 0.25, slip: 0.1, forget: 0 };

describe('BKT online update', () => {
  it('predicts a right answer from knowing (1 - slip) or guessing', () => {
    // 0.3·0.9 + 0.7·0.25 = 0.27 + 0.175
    expect(predictCorrect(0.3, params)).toBeCloseTo(0.445, 15);
  });

  it('after a right answer: Bayes, then the chance to learn', () => {
    // posterior 0.27 / 0.445 = 0.606741573…; then + (1 - 0.606741573…)·0.2
    expect(posteriorKnown(0.3, true, params)).toBeCloseTo(0.27 / 0.445, 15);
    expect(updateKnown(0.3, true, params)).toBeCloseTo(0.27 / 0.445 + (1 - 0.27 / 0.445) * 0.2, 15);
    expect(updateKnown(0.3, true, params)).toBeCloseTo(0.685393258, 9);
  });

  it('after a wrong answer', () => {
    // posterior 0.3·0.1 / (0.03 + 0.7·0.75) = 0.03 / 0.555
    expect(posteriorKnown(0.3, false, params)).toBeCloseTo(0.03 / 0.555, 15);
    expect(updateKnown(0.3, false, params)).toBeCloseTo(0.243243243, 9);
  });

  it('forgets a known skill with probability forget', () => {
    expect(transition(1, { ...params, forget: 0.05 })).toBeCloseTo(0.95, 15);
    expect(transition(0.5, { ...params, forget: 0.05 })).toBeCloseTo(0.5 * 0.95 + 0.5 * 0.2, 15);
  });
});
