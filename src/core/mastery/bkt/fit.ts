/**
 * Fits BKT to a district's responses: first one set of parameters for all
 * skills pooled (the district's), then each skill on its own data, shrunk
 * toward the district's so that a skill with little data borrows strength.
 */
import { byStudent } from '../histories.ts';
import type { ProgressCallback, Response } from '../types.ts';
import { expectationMaximisation, type EmOptions, type Sequences } from './em.ts';
import type { BktModel, BktSkillParams } from './model.ts';
import type { BktParams } from './params.ts';

export interface BktFitOptions {
  /** Upper bound on guess (default 0.3). */
  maxGuess?: number;
  /** Upper bound on slip (default 0.3). */
  maxSlip?: number;
  /** Estimate forgetting (default false: forget = 0, standard BKT). */
  fitForget?: boolean;
  /** Pseudo-observations of the district's parameters added to each skill's (default 20). */
  shrinkage?: number;
  /** EM rounds at most per fit (default 200). */
  maxIterations?: number;
  /** Stop EM when a round gains less log-likelihood per response than this (default 1e-6). */
  tolerance?: number;
  onProgress?: ProgressCallback;
}

/**
 * Starting points for the pooled fit. EM finds a local optimum; these span
 * "mostly known already" to "mostly learnt here", and the best one wins.
 */
const STARTS: BktParams[] = [
  { prior: 0.5, learn: 0.1, guess: 0.2, slip: 0.1, forget: 0.01 },
  { prior: 0.2, learn: 0.3, guess: 0.25, slip: 0.05, forget: 0.01 },
  { prior: 0.8, learn: 0.05, guess: 0.1, slip: 0.2, forget: 0.01 },
];

/** Each student's attempts at each skill, in time order, as EM's sequences. */
export function sequencesBySkill(responses: readonly Response[]): Map<string, Sequences> {
  const lists = new Map<string, number[][]>();
  for (const history of byStudent(responses).values()) {
    const perSkill = new Map<string, number[]>();
    for (const response of history) {
      let outcomes = perSkill.get(response.skill);
      if (!outcomes) {
        outcomes = [];
        perSkill.set(response.skill, outcomes);
        const skillLists = lists.get(response.skill);
        if (skillLists) skillLists.push(outcomes);
        else lists.set(response.skill, [outcomes]);
      }
      outcomes.push(response.correct ? 1 : 0);
    }
  }
  const sequences = new Map<string, Sequences>();
  for (const skill of [...lists.keys()].sort()) sequences.set(skill, pack(lists.get(skill)!));
  return sequences;
}

function pack(lists: number[][]): Sequences {
  const starts = new Int32Array(lists.length + 1);
  lists.forEach((list, i) => (starts[i + 1] = starts[i]! + list.length));
  const outcomes = new Uint8Array(starts[lists.length]!);
  lists.forEach((list, i) => outcomes.set(list, starts[i]!));
  return { outcomes, starts };
}

function concatenate(all: Sequences[]): Sequences {
  const count = all.reduce((sum, data) => sum + data.starts.length - 1, 0);
  const starts = new Int32Array(count + 1);
  const outcomes = new Uint8Array(all.reduce((sum, data) => sum + data.outcomes.length, 0));
  let sequence = 0;
  let offset = 0;
  for (const data of all) {
    outcomes.set(data.outcomes, offset);
    for (let i = 1; i < data.starts.length; i++) starts[++sequence] = offset + data.starts[i]!;
    offset += data.outcomes.length;
  }
  return { outcomes, starts };
}

export function fitBkt(responses: readonly Response[], options: BktFitOptions = {}): BktModel {
  if (responses.length === 0) throw new RangeError('fitBkt: no responses to fit');
  const fitForget = options.fitForget ?? false;
  const em: EmOptions = {
    bounds: { maxGuess: options.maxGuess ?? 0.3, maxSlip: options.maxSlip ?? 0.3 },
    fitForget,
    maxIterations: options.maxIterations ?? 200,
    tolerance: options.tolerance ?? 1e-6,
  };
  const bySkill = sequencesBySkill(responses);
  const total = bySkill.size + 1;
  options.onProgress?.('BKT: district', 0, total);

  const pooled = concatenate([...bySkill.values()]);
  const district = STARTS.map((start) => expectationMaximisation(pooled, start, em)).reduce((best, fit) => (fit.objective > best.objective ? fit : best)).params;

  const shrinkage = { centre: district, strength: options.shrinkage ?? 20 };
  const skills: Record<string, BktSkillParams> = {};
  let done = 1;
  for (const [skill, data] of bySkill) {
    options.onProgress?.('BKT: skills', done++, total);
    // Two starts: the district's parameters (usually the basin the skill is in) and a generic one.
    const fits = [district, STARTS[0]!].map((start) => expectationMaximisation(data, start, { ...em, shrinkage }));
    const best = fits.reduce((a, b) => (b.objective > a.objective ? b : a));
    skills[skill] = { ...best.params, responses: data.outcomes.length, sequences: data.starts.length - 1 };
  }
  options.onProgress?.('BKT: skills', total, total);
  return { kind: 'bkt', district, skills };
}
