/**
 * Fitted models as JSON, for the database or a file, and back. Reading checks
 * every field, so a damaged or foreign document fails with the field's name
 * instead of producing nonsense predictions.
 */
import type { BktModel, BktSkillParams } from './bkt/model.ts';
import type { BktParams } from './bkt/params.ts';
import { GROUPS, groupSizes, V1_GROUPS, V2_GROUPS, type GroupName } from './logistic/layout.ts';
import type { LogisticModel } from './logistic/model.ts';
import type { MasteryModel } from './models.ts';

export const MODEL_FORMAT = 'trellis-mastery-model';
/**
 * 2: the logistic model gained attempt windows, Elo-style ratings and per-skill
 * recency, rating and pattern weights. A version-1 document still reads: its
 * model has none of those groups, so they read as zero weights and it predicts
 * exactly as it did.
 * 3: BKT's estimate of knowing the skill as a feature, the ratings in bands,
 * and the run length crossed with the last outcomes. A version-2 document reads
 * the same way: those groups weigh nothing.
 */
export const MODEL_VERSION = 3;
const READABLE_VERSIONS: readonly number[] = [1, 2, 3];
/** The weight groups a logistic model of each older version stored. */
const STORED_GROUPS: Record<number, readonly GroupName[]> = { 1: V1_GROUPS, 2: V2_GROUPS };

export interface StoredModel {
  format: typeof MODEL_FORMAT;
  version: typeof MODEL_VERSION;
  model: MasteryModel;
}

export class MasteryModelError extends Error {
  override name = 'MasteryModelError';
}

export function storeModel(model: MasteryModel): StoredModel {
  return { format: MODEL_FORMAT, version: MODEL_VERSION, model };
}

type Json = Record<string, unknown>;

function object(value: unknown, path: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new MasteryModelError(`${path}: expected an object`);
  return value as Json;
}

function probability(value: unknown, path: string): number {
  if (typeof value !== 'number' || !(value >= 0 && value <= 1)) throw new MasteryModelError(`${path}: expected a probability from 0 to 1, found ${JSON.stringify(value)}`);
  return value;
}

function count(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) throw new MasteryModelError(`${path}: expected a whole number, found ${JSON.stringify(value)}`);
  return value;
}

function strings(value: unknown, path: string): string[] {
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) throw new MasteryModelError(`${path}: expected a list of skill names`);
  return value as string[];
}

function numbers(value: unknown, length: number, path: string, check = (n: number) => Number.isFinite(n)): number[] {
  if (!Array.isArray(value) || value.length !== length) throw new MasteryModelError(`${path}: expected a list of ${length} numbers`);
  value.forEach((item, i) => {
    if (typeof item !== 'number' || !check(item)) throw new MasteryModelError(`${path}[${i}]: expected a number, found ${JSON.stringify(item)}`);
  });
  return value as number[];
}

function bktParams(value: unknown, path: string): BktParams {
  const json = object(value, path);
  const params = {
    prior: probability(json.prior, `${path}.prior`),
    learn: probability(json.learn, `${path}.learn`),
    guess: probability(json.guess, `${path}.guess`),
    slip: probability(json.slip, `${path}.slip`),
    forget: probability(json.forget, `${path}.forget`),
  };
  if (params.guess + params.slip >= 1) throw new MasteryModelError(`${path}: guess + slip must be below 1`);
  return params;
}

function readBkt(json: Json, path: string): BktModel {
  const skillsJson = object(json.skills, `${path}.skills`);
  const skills: Record<string, BktSkillParams> = {};
  for (const [skill, value] of Object.entries(skillsJson)) {
    const where = `${path}.skills[${JSON.stringify(skill)}]`;
    const params = object(value, where);
    skills[skill] = { ...bktParams(params, where), responses: count(params.responses, `${where}.responses`), sequences: count(params.sequences, `${where}.sequences`) };
  }
  return { kind: 'bkt', district: bktParams(json.district, `${path}.district`), skills };
}

function readLogistic(json: Json, path: string, version: number): LogisticModel {
  const skills = strings(json.skills, `${path}.skills`);
  const transferSources = strings(json.transferSources, `${path}.transferSources`);
  const known = new Set(skills);
  const stray = transferSources.find((skill) => !known.has(skill));
  if (stray !== undefined) throw new MasteryModelError(`${path}.transferSources: "${stray}" is not one of the model's skills`);
  const inUnit = (n: number) => n >= 0 && n <= 1;
  const sizes = groupSizes(skills.length, transferSources.length);
  const weightsJson = object(json.weights, `${path}.weights`);
  const weights = {} as Record<GroupName, number[]>;
  const stored = STORED_GROUPS[version] ?? GROUPS;
  for (const name of GROUPS) {
    weights[name] = stored.includes(name) ? numbers(weightsJson[name], sizes[name], `${path}.weights.${name}`) : new Array<number>(sizes[name]).fill(0);
  }
  return {
    kind: 'logistic',
    skills,
    transferSources,
    rates: numbers(json.rates, skills.length, `${path}.rates`, inUnit),
    overallRate: probability(json.overallRate, `${path}.overallRate`),
    weights,
    bkt: readBkt(object(json.bkt, `${path}.bkt`), `${path}.bkt`),
  };
}

/** The model in a stored document (parsed JSON). */
export function readStoredModel(value: unknown): MasteryModel {
  const json = object(value, 'model document');
  if (json.format !== MODEL_FORMAT) throw new MasteryModelError(`format: expected "${MODEL_FORMAT}", found ${JSON.stringify(json.format)}`);
  if (typeof json.version !== 'number' || !READABLE_VERSIONS.includes(json.version)) {
    throw new MasteryModelError(`version: expected one of ${READABLE_VERSIONS.join(', ')}, found ${JSON.stringify(json.version)}`);
  }
  const model = object(json.model, 'model');
  if (model.kind === 'bkt') return readBkt(model, 'model');
  if (model.kind === 'logistic') return readLogistic(model, 'model', json.version);
  throw new MasteryModelError(`model.kind: expected "bkt" or "logistic", found ${JSON.stringify(model.kind)}`);
}
