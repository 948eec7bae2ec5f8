/**
 * Fits the logistic model to a district's responses: counts the district's
 * rate per skill, picks the transfer sources, fits BKT alongside (for the
 * probability-of-knowing scale), builds the training matrix and finds the
 * weights by L-BFGS.
 */
import { fitBkt, type BktFitOptions } from '../bkt/fit.ts';
import type { ProgressCallback, Response } from '../types.ts';
import { buildDesign } from './design.ts';
import { layout, type Layout } from './layout.ts';
import { groupWeights, skillIndex, type LogisticModel } from './model.ts';
import { fitWeights } from './regression.ts';

export interface LogisticFitOptions {
  /** Ridge penalty on each weight (default 1e-5, against the average log-loss). */
  penalty?: number;
  /** Ridge penalty on the skill-to-skill transfer weights (default 1e-3): there are many, each seen less often. */
  transferPenalty?: number;
  /** How many of the most practised skills inform the others (default 100). The transfer weights grow as skills × this. */
  transferSources?: number;
  /** L-BFGS iterations at most (default 100). */
  maxIterations?: number;
  bkt?: Omit<BktFitOptions, 'onProgress'>;
  onProgress?: ProgressCallback;
}

/** Pseudo-responses at the overall rate added to each skill's, so a rarely seen skill's rate is not 0 or 1. */
const RATE_PSEUDO_COUNT = 5;

function districtRates(responses: readonly Response[]) {
  const bySkill = new Map<string, { right: number; total: number }>();
  let right = 0;
  for (const response of responses) {
    let count = bySkill.get(response.skill);
    if (!count) {
      count = { right: 0, total: 0 };
      bySkill.set(response.skill, count);
    }
    count.total++;
    if (response.correct) {
      count.right++;
      right++;
    }
  }
  const overallRate = right / responses.length;
  const skills = [...bySkill.keys()].sort();
  const rates = skills.map((skill) => {
    const count = bySkill.get(skill)!;
    return (count.right + RATE_PSEUDO_COUNT * overallRate) / (count.total + RATE_PSEUDO_COUNT);
  });
  const byPractice = [...skills].sort((a, b) => bySkill.get(b)!.total - bySkill.get(a)!.total || (a < b ? -1 : 1));
  return { skills, rates, overallRate, byPractice };
}

function penalties(shape: Layout, penalty: number, transferPenalty: number): Float64Array {
  const result = new Float64Array(shape.size).fill(penalty);
  result[shape.groups.bias.offset] = 0;
  const { offset, size } = shape.groups.transfer;
  result.fill(transferPenalty, offset, offset + size);
  return result;
}

export function fitLogistic(responses: readonly Response[], options: LogisticFitOptions = {}): LogisticModel {
  if (responses.length === 0) throw new RangeError('fitLogistic: no responses to fit');
  const { skills, rates, overallRate, byPractice } = districtRates(responses);
  const transferSources = byPractice.slice(0, options.transferSources ?? 100).sort();
  const bkt = fitBkt(responses, { ...options.bkt, onProgress: options.onProgress });

  const shape = layout(skills.length, transferSources.length);
  const index = skillIndex({ skills, transferSources, rates, overallRate, bkt });
  options.onProgress?.('logistic: features', 0, 1);
  const design = buildDesign(responses, shape, index);
  const maxIterations = options.maxIterations ?? 100;
  const fit = fitWeights(design, penalties(shape, options.penalty ?? 1e-5, options.transferPenalty ?? 1e-3), {
    maxIterations,
    onIteration: (iteration) => options.onProgress?.('logistic: weights', iteration, maxIterations),
  });
  options.onProgress?.('logistic: weights', maxIterations, maxIterations);
  return { kind: 'logistic', skills, transferSources, rates, overallRate, weights: groupWeights(fit.w, shape), bkt };
}
