import { describe, expect, it } from 'vitest';
import { simulateBkt } from '../simulate.ts';
import { expectationMaximisation, type EmOptions } from './em.ts';
import { fitBkt, sequencesBySkill } from './fit.ts';
import type { BktParams } from './params.ts';

const truth: BktParams = { prior: 0.3, learn: 0.15, guess: 0.2, slip: 0.1, forget: 0 };

function expectNear(actual: BktParams, expected: BktParams, tolerance: number) {
  for (const name of ['prior', 'learn', 'guess', 'slip', 'forget'] as const) {
    expect(Math.abs(actual[name] - expected[name]), `${name}: ${actual[name]} vs ${expected[name]}`).toBeLessThan(tolerance);
  }
}

describe('fitBkt', () => {
  it('recovers the parameters the students were simulated from', () => {
    const responses = simulateBkt({ skills: { fractions: truth }, students: 3000, attempts: 12, seed: 7 });
    const model = fitBkt(responses, { shrinkage: 0 });
    expectNear(model.skills.fractions!, truth, 0.03);
    expect(model.skills.fractions).toMatchObject({ responses: 36_000, sequences: 3000 });
  });

  it('recovers forgetting when asked to fit it', () => {
    const forgetful = { prior: 0.4, learn: 0.2, guess: 0.15, slip: 0.1, forget: 0.05 };
    const responses = simulateBkt({ skills: { ratios: forgetful }, students: 4000, attempts: 15, seed: 11 });
    expectNear(fitBkt(responses, { shrinkage: 0, fitForget: true }).skills.ratios!, forgetful, 0.04);
    expect(fitBkt(responses, { shrinkage: 0 }).skills.ratios!.forget).toBe(0);
  });

  it('keeps guess and slip within their bounds', () => {
    const sloppy = { prior: 0.5, learn: 0.1, guess: 0.45, slip: 0.4, forget: 0 };
    const responses = simulateBkt({ skills: { area: sloppy }, students: 500, attempts: 8, seed: 3 });
    const fitted = fitBkt(responses, { shrinkage: 0 }).skills.area!;
    expect(fitted.guess).toBeLessThanOrEqual(0.3);
    expect(fitted.slip).toBeLessThanOrEqual(0.3);
    const tighter = fitBkt(responses, { shrinkage: 0, maxGuess: 0.2, maxSlip: 0.15 }).skills.area!;
    expect(tighter.guess).toBeLessThanOrEqual(0.2);
    expect(tighter.slip).toBeLessThanOrEqual(0.15);
  });

  it('pulls a skill with little data toward the district, and leaves a well-observed one to its data', () => {
    const easy = { prior: 0.8, learn: 0.3, guess: 0.25, slip: 0.05, forget: 0 };
    const hard = { prior: 0.1, learn: 0.05, guess: 0.1, slip: 0.2, forget: 0 };
    const many = simulateBkt({ skills: { easy }, students: 3000, attempts: 10, seed: 5 });
    const few = simulateBkt({ skills: { hard }, students: 4, attempts: 5, seed: 6 });
    const model = fitBkt([...many, ...few.map((r) => ({ ...r, student: `few-${r.student}` }))]);
    expectNear(model.skills.easy!, easy, 0.04);
    // 20 responses against 20 pseudo-observations: much nearer the district's prior than the truth's 0.1
    const { prior } = model.skills.hard!;
    expect(Math.abs(prior - model.district.prior)).toBeLessThan(Math.abs(prior - hard.prior));
    const alone = fitBkt(few, { shrinkage: 0 }).skills.hard!;
    expect(Math.abs(prior - model.district.prior)).toBeLessThan(Math.abs(alone.prior - model.district.prior));
  });

  it('gives the same model for the same data, whatever order the rows come in', () => {
    const responses = simulateBkt({ skills: { a: truth, b: { ...truth, prior: 0.6 } }, students: 200, attempts: 6, seed: 9 });
    const first = fitBkt(responses);
    expect(JSON.stringify(fitBkt([...responses].reverse()))).toBe(JSON.stringify(first));
  });

  it('never lowers the likelihood from one EM round to the next', () => {
    const data = sequencesBySkill(simulateBkt({ skills: { x: truth }, students: 300, attempts: 10, seed: 2 })).get('x')!;
    const options: EmOptions = { bounds: { maxGuess: 0.3, maxSlip: 0.3 }, fitForget: true, maxIterations: 1, tolerance: 0 };
    const start = { prior: 0.5, learn: 0.4, guess: 0.3, slip: 0.3, forget: 0.2 };
    const objectives = [1, 2, 3, 5, 8, 13, 21].map((rounds) => expectationMaximisation(data, start, { ...options, maxIterations: rounds }).objective);
    for (let i = 1; i < objectives.length; i++) expect(objectives[i]!).toBeGreaterThanOrEqual(objectives[i - 1]! - 1e-9);
  });
});
