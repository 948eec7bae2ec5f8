import { describe, expect, it } from 'vitest';
import { evaluateOnline } from '../evaluate.ts';
import { auc } from '../metrics.ts';
import { seededRandom } from '../simulate.ts';
import type { Response } from '../types.ts';
import { fitLogistic } from './fit.ts';
import { knownFromCorrect, logisticTracker } from './model.ts';
import { sigmoid } from './regression.ts';

const DIFFICULTY: Record<string, number> = { easy: -1, medium: 0, hard: 1.2 };

/**
 * Students of differing ability (normal, sd 1) practise three skills of known
 * difficulty; each right answer makes the next likelier (learning).
 */
function simulate(students: number, seed: number, prefix: string): Response[] {
  const random = seededRandom(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const responses: Response[] = [];
  for (let s = 0; s < students; s++) {
    const ability = normal();
    let at = 0;
    for (const skill of Object.keys(DIFFICULTY)) {
      let right = 0;
      for (let a = 0; a < 8; a++) {
        const correct = random() < sigmoid(ability - DIFFICULTY[skill]! + 0.6 * Math.log1p(right));
        if (correct) right++;
        responses.push({ student: `${prefix}${s}`, skill, correct, at: ++at });
      }
    }
  }
  return responses;
}

describe('fitLogistic', () => {
  const train = simulate(1500, 1, 'train-');
  const model = fitLogistic(train, { maxIterations: 150 });

  it('learns which skills are harder', () => {
    const [easy, hard, medium] = ['easy', 'hard', 'medium'].map((skill) => model.weights.skill[model.skills.indexOf(skill)]!);
    expect(model.skills).toEqual(['easy', 'hard', 'medium']);
    expect(easy).toBeGreaterThan(medium!);
    expect(medium).toBeGreaterThan(hard!);
  });

  it('learns that past right answers predict the next', () => {
    const tracker = logisticTracker(model);
    const before = tracker.predict('medium');
    for (let i = 0; i < 4; i++) tracker.observe({ skill: 'medium', at: i, correct: true });
    expect(tracker.predict('medium')).toBeGreaterThan(before + 0.1);
    const struggling = logisticTracker(model);
    for (let i = 0; i < 4; i++) struggling.observe({ skill: 'medium', at: i, correct: false });
    expect(struggling.predict('medium')).toBeLessThan(before - 0.1);
  });

  it('predicts new students far better than their skills alone do', () => {
    const test = simulate(500, 2, 'test-');
    const ours = evaluateOnline(() => logisticTracker(model), test).auc!;
    const skillRate = new Map(model.skills.map((skill, i) => [skill, model.rates[i]!]));
    const skillsOnly = auc(test.map((r) => skillRate.get(r.skill)!), test.map((r) => r.correct))!;
    // on this simulation: about 0.79 against 0.70
    expect(ours).toBeGreaterThan(skillsOnly + 0.05);
  });

  it('is deterministic', () => {
    expect(JSON.stringify(fitLogistic(train, { maxIterations: 150 }))).toBe(JSON.stringify(model));
    // A whole second fit: allow for a busy machine.
  }, 30_000);

  it('reads the probability of knowing off the predicted success, between guessing and knowing', () => {
    const { guess, slip } = model.bkt.skills.medium!;
    expect(knownFromCorrect(guess, model, 'medium')).toBe(0);
    expect(knownFromCorrect(1 - slip, model, 'medium')).toBeCloseTo(1, 12);
    expect(knownFromCorrect((guess + 1 - slip) / 2, model, 'medium')).toBeCloseTo(0.5, 12);
  });
});
