import { describe, expect, it } from 'vitest';
import type { BktModel } from './bkt/model.ts';
import { updateKnown, type BktParams } from './bkt/params.ts';
import { continueMastery, estimateMastery, extendMastery, masteryTrace } from './estimate.ts';
import { fitLogistic } from './logistic/fit.ts';
import { simulateBkt } from './simulate.ts';
import type { Evidence } from './types.ts';

const medium: BktParams = { prior: 0.3, learn: 0.2, guess: 0.25, slip: 0.1, forget: 0 };
const skill = (params: BktParams) => ({ ...params, responses: 100, sequences: 20 });
const model: BktModel = {
  kind: 'bkt',
  district: medium,
  skills: {
    'easy': skill({ ...medium, prior: 0.8 }),
    '6.RP.3': skill(medium),
    'hard': skill({ ...medium, prior: 0.05, guess: 0.1 }),
  },
};

const attempts = (skillName: string, text: string, from = 0): Evidence[] => [...text].map((c, i) => ({ skill: skillName, at: from + i, correct: c === '1' }));

describe('estimateMastery', () => {
  it('gives the probability of knowing from the online updates, and mastery at 0.95', () => {
    const [result] = estimateMastery(model, attempts('6.RP.3', '111'), { student: 'Ana' });
    const known = [true, true, true].reduce((k, correct) => updateKnown(k, correct, medium), medium.prior);
    expect(known).toBeGreaterThan(0.95);
    expect(result).toMatchObject({ skill: '6.RP.3', attempts: 3, right: 3, mastered: true, struggling: false, reason: null });
    expect(result!.known).toBeCloseTo(known, 15);
    expect(result!.nextCorrect).toBeCloseTo(known * 0.9 + (1 - known) * 0.25, 15);
    expect(result!.explanation).toBe('Ana: 98% likely to know 6.RP.3 — 3 of 3 attempts right; this skill is about as hard as most');
    expect(estimateMastery(model, attempts('6.RP.3', '111'), { masteredAt: 0.99 })[0]!.mastered).toBe(false);
  });

  it('flags a struggling student with the reason, and counts the last seven attempts', () => {
    const [result] = estimateMastery(model, attempts('hard', '0010000100'));
    expect(result).toMatchObject({ mastered: false, struggling: true, reason: '10 attempts at hard without mastery (2 right)' });
    expect(result!.explanation).toMatch(/^\d+% likely to know hard — 1 of the last 7 attempts right; this skill is harder than most$/);
  });

  it('orders evidence by time, whatever order it comes in', () => {
    const evidence = [...attempts('6.RP.3', '000'), ...attempts('6.RP.3', '11', 10)];
    const shuffled = [evidence[4]!, evidence[0]!, evidence[3]!, evidence[2]!, evidence[1]!];
    expect(estimateMastery(model, shuffled)).toEqual(estimateMastery(model, evidence));
    expect(estimateMastery(model, evidence)[0]!.struggling).toBe(false);
  });

  it('names skills by their label in sentences', () => {
    const [result] = estimateMastery(model, attempts('hard', '1000'), { label: (id) => `skill ${id.toUpperCase()}` });
    expect(result!.explanation).toMatch(/likely to know skill HARD — 1 of 4 attempts right;/);
    expect(result!.reason).toBe('the last 3 attempts at skill HARD were wrong');
    expect(result!.skill).toBe('hard');
  });

  it('reports requested skills without evidence at the prior', () => {
    const results = estimateMastery(model, attempts('6.RP.3', '1'), { skills: ['easy', '6.RP.3'] });
    expect(results.map((r) => r.skill)).toEqual(['easy', '6.RP.3']);
    expect(results[0]).toMatchObject({ known: 0.8, attempts: 0, mastered: false });
    expect(results[0]!.explanation).toBe('80% likely to know easy — no attempts yet; this skill is easier than most');
    expect(results[1]!.explanation).toMatch(/— the one attempt so far right;/);
  });

  it('splits the logistic prediction into factors that add up to it', () => {
    const logistic = fitLogistic(simulateBkt({ skills: { a: medium, b: { ...medium, prior: 0.6 } }, students: 300, attempts: 6, seed: 4 }), { maxIterations: 60 });
    const evidence = [...attempts('a', '0110'), ...attempts('b', '111', 10)];
    const results = estimateMastery(logistic, evidence, { student: 'Ben' });
    for (const result of results) {
      const logit = Object.values(result.factors!).reduce((sum, value) => sum + value, 0);
      expect(1 / (1 + Math.exp(-logit))).toBeCloseTo(result.nextCorrect, 12);
      expect(result.explanation).toMatch(new RegExp(`^Ben: (\\d+%|over 99%) likely to know ${result.skill} — `));
    }
    expect(estimateMastery(model, evidence)[0]!.factors).toBeUndefined();
  });
});

describe('masteryTrace', () => {
  it('gives the probability of knowing the skill after each attempt', () => {
    const trace = masteryTrace(model, [...attempts('6.RP.3', '10'), ...attempts('hard', '1', 5)]);
    const first = updateKnown(medium.prior, true, medium);
    expect(trace.map((t) => t.known)).toEqual([first, updateKnown(first, false, medium), updateKnown(0.05, true, model.skills.hard!)]);
    expect(trace[2]).toMatchObject({ skill: 'hard', at: 5, correct: true });
  });
});

describe('continueMastery', () => {
  const logistic = fitLogistic(simulateBkt({ skills: { a: medium, b: { ...medium, prior: 0.6 } }, students: 300, attempts: 6, seed: 5 }), { maxIterations: 60 });
  // Out of time order on purpose: a run must sort as estimateMastery does.
  const early = [...attempts('b', '101', 10), ...attempts('a', '0110')];

  it('gives in one pass what masteryTrace and estimateMastery give, for both models', () => {
    for (const fitted of [model, logistic]) {
      const { run, estimates } = continueMastery(undefined, fitted, early, { student: 'Ben' });
      expect(estimates).toEqual(estimateMastery(fitted, early, { student: 'Ben' }));
      expect(run.trace).toEqual(masteryTrace(fitted, early));
    }
  });

  it('goes on from a run when later attempts arrive, and agrees with a run from the start', () => {
    for (const fitted of [model, logistic]) {
      const first = continueMastery(undefined, fitted, early);
      const later = [...early, ...attempts('a', '11', 20), ...attempts('b', '0', 30)];
      const next = continueMastery(first.run, fitted, later, { skills: ['c', 'a'] });
      expect(next.run).toBe(first.run);
      expect(next.estimates).toEqual(estimateMastery(fitted, later, { skills: ['c', 'a'] }));
      expect(next.run.trace).toEqual(masteryTrace(fitted, later));
    }
  });

  it('starts again when an earlier attempt arrives late, one is changed or removed, or the model is another', () => {
    const first = continueMastery(undefined, logistic, early);
    const late = [...early, { skill: 'a', at: 1.5, correct: true }];
    const changed = early.map((item, i) => (i === 0 ? { ...item, correct: !item.correct } : item));
    for (const evidence of [late, changed, early.slice(1)]) {
      const next = continueMastery(first.run, logistic, evidence);
      expect(next.run).not.toBe(first.run);
      expect(next.estimates).toEqual(estimateMastery(logistic, evidence));
      expect(next.run.trace).toEqual(masteryTrace(logistic, evidence));
    }
    expect(continueMastery(first.run, model, early).run).not.toBe(first.run);
  });
});

describe('extendMastery', () => {
  const logistic = fitLogistic(simulateBkt({ skills: { a: medium, b: { ...medium, prior: 0.6 } }, students: 300, attempts: 6, seed: 6 }), { maxIterations: 60 });
  const early = [...attempts('a', '0110'), ...attempts('b', '101', 10)];

  it('reads only the later attempts into a run, and agrees with a run over all the evidence', () => {
    for (const fitted of [model, logistic]) {
      const { run } = continueMastery(undefined, fitted, early);
      const later = [...attempts('b', '1', 30), ...attempts('a', '11', 20)];
      const next = extendMastery(run, fitted, later, { student: 'Ben' });
      expect(next.run).toBe(run);
      expect(next.estimates).toEqual(estimateMastery(fitted, [...early, ...later], { student: 'Ben' }));
      expect(next.run.trace).toEqual(masteryTrace(fitted, [...early, ...later]));
    }
  });

  it('falls back to a run from the start when an attempt is not later after all', () => {
    const { run } = continueMastery(undefined, logistic, early);
    const late = [{ skill: 'a', at: 1.5, correct: true }];
    const next = extendMastery(run, logistic, late);
    expect(next.run).not.toBe(run);
    expect(next.estimates).toEqual(estimateMastery(logistic, [...early, ...late]));
    expect(next.run.trace).toEqual(masteryTrace(logistic, [...early, ...late]));
  });
});
