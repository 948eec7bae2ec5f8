/**
 * A student's features, kept up to date one attempt at a time: counts of right
 * and wrong answers, recency averages, the last few outcomes, how long the
 * current run at a skill is. `encode` writes the features for the next attempt
 * at a skill as a sparse row; `observe` then adds that attempt's outcome.
 * Training and prediction share this code, so they cannot drift apart.
 */
import { predictCorrect, updateKnown, type BktParams } from '../bkt/params.ts';
import { DECAYS, PATTERNS, RATING_BANDS, RUN_BANDS, RUN_CAP, SKILL_RATING_BANDS, WINDOW_ALL, WINDOW_SKILL, type Layout } from './layout.ts';

/**
 * Elo-style ratings: after each answer the rating moves toward the surprise
 * (right minus expected), by a step that shrinks as evidence piles up, so early
 * answers move it a lot and later ones refine it. Expected is the district's
 * rate at the skill shifted by the student's ratings.
 */
export const RATING_STEP = { overall: { first: 0.8, shrink: 0.05 }, skill: { first: 0.8, shrink: 0.1 } } as const;

function logit(p: number): number {
  return Math.log(p / (1 - p));
}

/** BKT's probabilities are kept off 0 and 1 by this much before taking log-odds. */
const KNOWN_CLAMP = 1e-4;

function clampedLogit(p: number): number {
  return logit(Math.min(1 - KNOWN_CLAMP, Math.max(KNOWN_CLAMP, p)));
}

/** The band `value` falls in: how many cut points are at or below it. */
export function band(value: number, cuts: readonly number[]): number {
  let result = 0;
  while (result < cuts.length && cuts[result]! <= value) result++;
  return result;
}

function popcount(bits: number): number {
  let count = 0;
  for (let b = bits; b !== 0; b &= b - 1) count++;
  return count;
}

/** What the features need to know about the fitted model's skills. */
export interface SkillIndex {
  /** Position of the skill in the model, or -1 for a skill the model has not seen. */
  skill(name: string): number;
  /** Position of the skill among the transfer sources, or -1. */
  source(name: string): number;
  /** The district's rate of right answers at the skill (its overall rate for an unseen skill). */
  rate(skill: number): number;
  /** BKT's parameters for the skill (the district's for an unseen skill). */
  bkt(name: string): BktParams;
}

/** A reusable sparse row: `length` (index, value) pairs. */
export class SparseRow {
  indices = new Int32Array(256);
  values = new Float64Array(256);
  length = 0;

  push(index: number, value: number): void {
    if (value === 0) return;
    if (this.length === this.indices.length) {
      const indices = new Int32Array(this.length * 2);
      indices.set(this.indices);
      this.indices = indices;
      const values = new Float64Array(this.length * 2);
      values.set(this.values);
      this.values = values;
    }
    this.indices[this.length] = index;
    this.values[this.length++] = value;
  }
}

/** One student's history at one skill. */
class SkillRecord {
  right = 0;
  wrong = 0;
  /** Right answers beyond the district's rate at the skill. */
  residual = 0;
  readonly recent = new Float64Array(DECAYS.length);
  /** The last up-to-3 outcomes, oldest in the highest bit. */
  lastBits = 0;
  lastCount = 0;
  /** The student's total attempts just after the last attempt here. */
  lastAt = 0;
  /** The last up-to-WINDOW_SKILL outcomes here, newest in the lowest bit. */
  windowBits = 0;
  /** The student's Elo-style rating at this skill, beyond their overall rating. */
  rating = 0;
  /** BKT's probability that the student knows the skill. */
  known: number;

  constructor(
    readonly skill: number,
    readonly source: number,
    readonly bkt: BktParams,
  ) {
    this.known = bkt.prior;
  }

  get attempts(): number {
    return this.right + this.wrong;
  }
}

export class StudentFeatures {
  private readonly records = new Map<string, SkillRecord>();
  /** Records of skills that are transfer sources, in the order first attempted. */
  private readonly sources: SkillRecord[] = [];
  private right = 0;
  private wrong = 0;
  private residual = 0;
  private readonly recent = new Float64Array(DECAYS.length);
  private previousSkill: string | null = null;
  private run = 0;
  /** The last up-to-WINDOW_ALL outcomes at any skill, newest in the lowest bit. */
  private windowBits = 0;
  /** The student's overall Elo-style rating. */
  private rating = 0;

  constructor(
    private readonly layout: Layout,
    private readonly index: SkillIndex,
  ) {}

  private record(name: string): SkillRecord {
    let record = this.records.get(name);
    if (!record) {
      record = new SkillRecord(this.index.skill(name), this.index.source(name), this.index.bkt(name));
      this.records.set(name, record);
      if (record.source >= 0) this.sources.push(record);
    }
    return record;
  }

  /** The features of the next attempt at `name`, written into `row` (cleared first). */
  encode(name: string, row: SparseRow): void {
    const { groups, transferSources } = this.layout;
    const record = this.records.get(name);
    const skill = record?.skill ?? this.index.skill(name);
    const right = record?.right ?? 0;
    const wrong = record?.wrong ?? 0;
    const attempts = right + wrong;
    const total = this.right + this.wrong;
    row.length = 0;

    row.push(groups.bias.offset, 1);
    if (skill >= 0) row.push(groups.skill.offset + skill, 1);
    const logRight = Math.log1p(right);
    const logWrong = Math.log1p(wrong);
    row.push(groups.practice.offset, logRight);
    row.push(groups.practice.offset + 1, logWrong);
    if (skill >= 0) {
      row.push(groups.practiceBySkill.offset + 2 * skill, logRight);
      row.push(groups.practiceBySkill.offset + 2 * skill + 1, logWrong);
    }
    row.push(groups.overall.offset, Math.log1p(this.right));
    row.push(groups.overall.offset + 1, Math.log1p(this.wrong));
    // Shrunk toward 0 by a few pseudo-attempts, so one lucky answer is not "able".
    row.push(groups.ability.offset, this.residual / (total + 5));
    row.push(groups.ability.offset + 1, (record?.residual ?? 0) / (attempts + 3));

    const recent = groups.recent.offset;
    for (let d = 0; d < DECAYS.length; d++) {
      if (record) row.push(recent + d, record.recent[d]!);
      row.push(recent + DECAYS.length + d, this.recent[d]!);
    }
    if (attempts === 0) row.push(recent + 2 * DECAYS.length, 1);

    const continuing = this.previousSkill === name;
    const count = record?.lastCount ?? 0;
    const pattern = (1 << count) - 1 + (record?.lastBits ?? 0) + (continuing ? 0 : PATTERNS / 2);
    row.push(groups.pattern.offset + pattern, 1);
    // Not for a first attempt: that is the skill's own weight, its difficulty.
    if (skill >= 0 && count > 0) row.push(groups.patternBySkill.offset + PATTERNS * skill + pattern, 1);
    row.push(groups.run.offset + Math.min(continuing ? this.run : 0, RUN_CAP), 1);
    if (record) row.push(groups.gap.offset, Math.log1p(total - record.lastAt));

    if (skill >= 0) {
      const base = groups.transfer.offset + 2 * skill * transferSources;
      for (const other of this.sources) {
        if (other === record) continue;
        row.push(base + 2 * other.source, Math.log1p(other.right));
        row.push(base + 2 * other.source + 1, Math.log1p(other.wrong));
      }
    }

    const seenAll = Math.min(total, WINDOW_ALL);
    const rightAll = popcount(this.windowBits);
    row.push(groups.window.offset, rightAll);
    row.push(groups.window.offset + 1, seenAll - rightAll);
    const seenHere = Math.min(attempts, WINDOW_SKILL);
    const rightHere = popcount(record?.windowBits ?? 0);
    row.push(groups.window.offset + 2, rightHere);
    row.push(groups.window.offset + 3, seenHere - rightHere);
    row.push(groups.rating.offset, this.rating);
    row.push(groups.rating.offset + 1, record?.rating ?? 0);
    if (skill >= 0) {
      if (record) for (let d = 0; d < DECAYS.length; d++) row.push(groups.recentBySkill.offset + DECAYS.length * skill + d, record.recent[d]!);
      row.push(groups.ratingBySkill.offset + skill, this.rating);
    }
    row.push(groups.breadth.offset, Math.log1p(this.records.size));

    const bkt = record?.bkt ?? this.index.bkt(name);
    const known = record?.known ?? bkt.prior;
    row.push(groups.knowledge.offset, clampedLogit(known));
    row.push(groups.knowledge.offset + 1, clampedLogit(predictCorrect(known, bkt)));
    // Bands let the rating's weight bend, differently for a first attempt, a run and a return.
    const situation = attempts === 0 ? 0 : continuing ? 1 : 2;
    row.push(groups.ratingBands.offset + situation * (RATING_BANDS.length + 1) + band(this.rating, RATING_BANDS), 1);
    if (record) {
      row.push(groups.skillRatingBands.offset + (continuing ? 0 : SKILL_RATING_BANDS.length + 1) + band(record.rating, SKILL_RATING_BANDS), 1);
    }
    if (continuing) {
      const runBand = Math.min(this.run, RUN_BANDS) - 1;
      row.push(groups.runPattern.offset + runBand * (PATTERNS / 2) + (1 << count) - 1 + (record?.lastBits ?? 0), 1);
    }
  }

  observe(name: string, correct: boolean): void {
    const record = this.record(name);
    // Ratings first: the expectation they compare against is the one before this answer.
    const expected = 1 / (1 + Math.exp(-(logit(this.index.rate(record.skill)) + this.rating + record.rating)));
    const y = correct ? 1 : 0;
    const { overall, skill: atSkill } = RATING_STEP;
    this.rating += (overall.first / (1 + overall.shrink * (this.right + this.wrong))) * (y - expected);
    record.rating += (atSkill.first / (1 + atSkill.shrink * record.attempts)) * (y - expected);
    this.windowBits = ((this.windowBits << 1) | y) & ((1 << WINDOW_ALL) - 1);
    record.windowBits = ((record.windowBits << 1) | y) & ((1 << WINDOW_SKILL) - 1);
    record.known = updateKnown(record.known, correct, record.bkt);
    const outcome = correct ? 1 : -1;
    const surprise = (correct ? 1 : 0) - this.index.rate(record.skill);
    for (let d = 0; d < DECAYS.length; d++) {
      record.recent[d] = DECAYS[d]! * record.recent[d]! + (1 - DECAYS[d]!) * outcome;
      this.recent[d] = DECAYS[d]! * this.recent[d]! + (1 - DECAYS[d]!) * outcome;
    }
    if (correct) {
      record.right++;
      this.right++;
    } else {
      record.wrong++;
      this.wrong++;
    }
    record.residual += surprise;
    this.residual += surprise;
    record.lastBits = ((record.lastBits << 1) | (correct ? 1 : 0)) & 0b111;
    record.lastCount = Math.min(record.lastCount + 1, 3);
    record.lastAt = this.right + this.wrong;
    this.run = this.previousSkill === name ? this.run + 1 : 1;
    this.previousSkill = name;
  }
}
