/**
 * A fitted logistic model and the tracker that applies it to one student.
 * The model is plain data (JSON-ready); the flat weight vector and skill
 * lookups it needs at prediction time are built once per model and cached.
 */
import { skillParams, type BktModel } from '../bkt/model.ts';
import type { Evidence, Tracker } from '../types.ts';
import { SparseRow, StudentFeatures, type SkillIndex } from './features.ts';
import { GROUPS, layout, type GroupName, type Layout } from './layout.ts';
import { sigmoid } from './regression.ts';

export interface LogisticModel {
  kind: 'logistic';
  /** The skills seen in training, in weight order. */
  skills: string[];
  /** The skills whose practice informs every other skill (the most practised ones), in weight order. */
  transferSources: string[];
  /** The district's rate of right answers at each skill, in `skills` order. */
  rates: number[];
  /** The district's rate of right answers over all skills: used for a skill not seen in training. */
  overallRate: number;
  weights: Record<GroupName, number[]>;
  /**
   * BKT fitted on the same data. Its guess and slip per skill turn a predicted
   * chance of a right answer into a probability of knowing the skill.
   */
  bkt: BktModel;
}

export interface CompiledModel {
  layout: Layout;
  weights: Float64Array;
  index: SkillIndex;
}

export function skillIndex(model: Pick<LogisticModel, 'skills' | 'transferSources' | 'rates' | 'overallRate' | 'bkt'>): SkillIndex {
  const skills = new Map(model.skills.map((skill, i) => [skill, i]));
  const sources = new Map(model.transferSources.map((skill, i) => [skill, i]));
  return {
    skill: (name) => skills.get(name) ?? -1,
    source: (name) => sources.get(name) ?? -1,
    rate: (skill) => (skill >= 0 ? model.rates[skill]! : model.overallRate),
    bkt: (name) => skillParams(model.bkt, name),
  };
}

export function flattenWeights(groups: Record<GroupName, number[]>, shape: Layout): Float64Array {
  const weights = new Float64Array(shape.size);
  for (const name of GROUPS) weights.set(groups[name], shape.groups[name].offset);
  return weights;
}

export function groupWeights(weights: Float64Array, shape: Layout): Record<GroupName, number[]> {
  const groups = {} as Record<GroupName, number[]>;
  for (const name of GROUPS) {
    const { offset, size } = shape.groups[name];
    groups[name] = Array.from(weights.subarray(offset, offset + size));
  }
  return groups;
}

const compiled = new WeakMap<LogisticModel, CompiledModel>();

export function compile(model: LogisticModel): CompiledModel {
  let result = compiled.get(model);
  if (!result) {
    const shape = layout(model.skills.length, model.transferSources.length);
    result = { layout: shape, weights: flattenWeights(model.weights, shape), index: skillIndex(model) };
    compiled.set(model, result);
  }
  return result;
}

export function linearPredictor(weights: Float64Array, row: SparseRow): number {
  let z = 0;
  for (let e = 0; e < row.length; e++) z += weights[row.indices[e]!]! * row.values[e]!;
  return z;
}

/**
 * The probability of knowing a skill, read off the predicted chance of a right
 * answer: 0 at the rate of someone guessing, 1 at the rate of someone who
 * knows it but may slip, in proportion between them.
 */
export function knownFromCorrect(pCorrect: number, model: LogisticModel, skill: string): number {
  const { guess, slip } = skillParams(model.bkt, skill);
  return Math.min(1, Math.max(0, (pCorrect - guess) / (1 - slip - guess)));
}

export interface LogisticTracker extends Tracker {
  /** The features of the next attempt at `skill`: for explanations. */
  row(skill: string): SparseRow;
}

export function logisticTracker(model: LogisticModel): LogisticTracker {
  const { layout: shape, weights, index } = compile(model);
  const features = new StudentFeatures(shape, index);
  const row = new SparseRow();
  const predict = (skill: string) => {
    features.encode(skill, row);
    return sigmoid(linearPredictor(weights, row));
  };
  return {
    predict,
    known: (skill) => knownFromCorrect(predict(skill), model, skill),
    observe: (evidence: Evidence) => features.observe(evidence.skill, evidence.correct),
    row(skill) {
      const copy = new SparseRow();
      features.encode(skill, copy);
      return copy;
    },
  };
}
