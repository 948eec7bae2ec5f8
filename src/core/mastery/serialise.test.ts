import { describe, expect, it } from 'vitest';
import { fitBkt } from './bkt/fit.ts';
import { estimateMastery } from './estimate.ts';
import { fitLogistic } from './logistic/fit.ts';
import { GROUPS, V1_GROUPS, V2_GROUPS, type GroupName } from './logistic/layout.ts';
import { MasteryModelError, readStoredModel, storeModel } from './serialise.ts';
import { simulateBkt } from './simulate.ts';
import type { Evidence } from './types.ts';

const responses = simulateBkt({
  skills: { a: { prior: 0.3, learn: 0.2, guess: 0.2, slip: 0.1, forget: 0 }, b: { prior: 0.6, learn: 0.1, guess: 0.25, slip: 0.05, forget: 0 } },
  students: 200,
  attempts: 5,
  seed: 8,
});
const evidence: Evidence[] = [
  { skill: 'a', at: 1, correct: false },
  { skill: 'b', at: 2, correct: true },
  { skill: 'a', at: 3, correct: true },
];
const roundTrip = (value: unknown) => readStoredModel(JSON.parse(JSON.stringify(value)));

describe('stored models', () => {
  it('give the same estimates after a trip through JSON', () => {
    for (const model of [fitBkt(responses), fitLogistic(responses, { maxIterations: 40 })]) {
      const stored = storeModel(model);
      expect(stored).toMatchObject({ format: 'trellis-mastery-model', version: 3 });
      const back = roundTrip(stored);
      expect(back).toEqual(model);
      expect(estimateMastery(back, evidence)).toEqual(estimateMastery(model, evidence));
    }
  });

  it.each([
    [1, V1_GROUPS],
    [2, V2_GROUPS],
  ] as [number, readonly GroupName[]][])('read a version-%i logistic model, predicting as it did: the groups it lacks weigh nothing', (version, stored) => {
    const model = fitLogistic(responses, { maxIterations: 20 });
    const document = JSON.parse(JSON.stringify(storeModel(model)));
    document.version = version;
    for (const name of GROUPS) if (!stored.includes(name)) delete document.model.weights[name];
    const back = readStoredModel(document);
    if (back.kind !== 'logistic') throw new Error('expected a logistic model');
    for (const name of GROUPS) if (!stored.includes(name)) expect(back.weights[name].every((w) => w === 0)).toBe(true);
    const oldWeights = Object.fromEntries(GROUPS.map((name) => [name, stored.includes(name) ? model.weights[name] : model.weights[name].map(() => 0)]));
    const asOld = { ...model, weights: oldWeights as typeof model.weights };
    expect(estimateMastery(back, evidence)).toEqual(estimateMastery(asOld, evidence));
  });

  it('name the field that is wrong', () => {
    const bkt = JSON.parse(JSON.stringify(storeModel(fitBkt(responses))));
    const logistic = JSON.parse(JSON.stringify(storeModel(fitLogistic(responses, { maxIterations: 5 }))));
    const broken = (document: any, change: (d: any) => void) => {
      const copy = structuredClone(document);
      change(copy);
      return () => readStoredModel(copy);
    };
    expect(() => readStoredModel('hello')).toThrow(new MasteryModelError('model document: expected an object'));
    expect(broken(bkt, (d) => (d.format = 'other'))).toThrow('format: expected "trellis-mastery-model", found "other"');
    expect(broken(bkt, (d) => (d.version = 4))).toThrow('version: expected one of 1, 2, 3, found 4');
    expect(broken(logistic, (d) => delete d.model.weights.rating)).toThrow('model.weights.rating: expected a list of 2 numbers');
    expect(broken(bkt, (d) => (d.model.kind = 'dkt'))).toThrow('model.kind: expected "bkt" or "logistic", found "dkt"');
    expect(broken(bkt, (d) => (d.model.skills.a.slip = 1.5))).toThrow('model.skills["a"].slip: expected a probability from 0 to 1, found 1.5');
    expect(broken(bkt, (d) => (d.model.district.guess = 0.6) && (d.model.district.slip = 0.5))).toThrow('model.district: guess + slip must be below 1');
    expect(broken(logistic, (d) => d.model.weights.skill.pop())).toThrow('model.weights.skill: expected a list of 2 numbers');
    expect(broken(logistic, (d) => (d.model.weights.bias[0] = 'x'))).toThrow('model.weights.bias[0]: expected a number, found "x"');
    expect(broken(logistic, (d) => (d.model.transferSources = ['z']))).toThrow('model.transferSources: "z" is not one of the model\'s skills');
  });
});
