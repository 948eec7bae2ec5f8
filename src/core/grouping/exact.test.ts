/**
 * The heuristic against the exact optimum: small generated teams (20 students,
 * 3 adults, 2 blocks) that HiGHS solves to optimality in seconds. Also checks
 * that HiGHS's plan keeps every hard rule and that its objective is the one the
 * heuristic optimises, so the two really solve the same model.
 */
import loadHighs, { type Highs } from 'highs';
import { beforeAll, describe, expect, it } from 'vitest';
import { solveExact } from './exact.ts';
import { generateInstance } from './generate.ts';
import { evaluate } from './objective.ts';
import { regroup } from './regroup.ts';
import { checkHardRules } from './rules.ts';
import { parseInstance } from './validate.ts';

let highs: Highs;
beforeAll(async () => {
  // highs's types describe its CommonJS build; the ES module build imported here exports the loader itself.
  highs = await (loadHighs as unknown as () => Promise<Highs>)();
});

describe('heuristic against the HiGHS optimum', () => {
  for (const seed of [1, 2, 3]) {
    it(`is within 1% on a small team (seed ${seed})`, () => {
      const result = regroup(parseInstance(generateInstance({ students: 20, adults: 3, blocks: 2, seed }), `small-${seed}.json`));
      if (!result.feasible) throw new Error('expected a plan');
      const exact = solveExact(highs, result.model, { timeLimit: 60 });
      expect(exact.status).toBe('optimal');
      expect(exact.plan).not.toBeNull();
      expect(checkHardRules(result.model, exact.plan!)).toEqual([]);
      expect(evaluate(result.model, exact.plan!).total).toBeCloseTo(exact.objective!, 6);
      expect(result.objective).toBeLessThanOrEqual(exact.bound! + 1e-6);
      expect(result.objective).toBeGreaterThanOrEqual(0.99 * exact.objective!);
    }, 120_000);
  }
});
