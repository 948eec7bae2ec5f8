import { describe, expect, it } from 'vitest';
import type { BktParams } from '../bkt/params.ts';
import { band, RATING_STEP, SparseRow, StudentFeatures, type SkillIndex } from './features.ts';
import { layout, PATTERNS, RATING_BANDS, SKILL_RATING_BANDS } from './layout.ts';

const shape = layout(2, 2);
const rates = [0.6, 0.7];
const bkt: Record<string, BktParams> = {
  a: { prior: 0.3, learn: 0.2, guess: 0.2, slip: 0.1, forget: 0 },
  b: { prior: 0.4, learn: 0.1, guess: 0.25, slip: 0.1, forget: 0 },
  district: { prior: 0.5, learn: 0.1, guess: 0.2, slip: 0.1, forget: 0 },
};
const index: SkillIndex = {
  skill: (name) => ['a', 'b'].indexOf(name),
  source: (name) => ['a', 'b'].indexOf(name),
  rate: (skill) => (skill >= 0 ? rates[skill]! : 0.7),
  bkt: (name) => bkt[name] ?? bkt.district!,
};
const logit = (p: number) => Math.log(p / (1 - p));
/** Where the bands of each situation start: first attempt, continuing, returning. */
const OVERALL_BANDS = RATING_BANDS.length + 1;
const SKILL_BANDS = SKILL_RATING_BANDS.length + 1;
const g = shape.groups;

function entries(row: SparseRow): Map<number, number> {
  const map = new Map<number, number>();
  for (let e = 0; e < row.length; e++) map.set(row.indices[e]!, row.values[e]!);
  return map;
}

describe('StudentFeatures', () => {
  it('describes a first attempt with the bias, the skill and "first attempt" only', () => {
    const row = new SparseRow();
    new StudentFeatures(shape, index).encode('b', row);
    expect(entries(row)).toEqual(
      new Map([
        [g.bias.offset, 1],
        [g.skill.offset + 1, 1],
        [g.recent.offset + 6, 1],
        [g.pattern.offset + PATTERNS / 2, 1],
        [g.run.offset, 1],
        // BKT before any answer: the prior 0.4, and the chance of a right answer 0.4·0.9 + 0.6·0.25 = 0.51
        [g.knowledge.offset, logit(0.4)],
        [g.knowledge.offset + 1, logit(0.51)],
        // first attempt (situation 0), overall rating 0: cut points -0.8, -0.4, -0.15, 0 are at or below it
        [g.ratingBands.offset + 4, 1],
      ]),
    );
  });

  it('encodes the history a✓ a✗ b✓ for the next attempt at a, by hand', () => {
    const student = new StudentFeatures(shape, index);
    student.observe('a', true);
    student.observe('a', false);
    student.observe('b', true);
    const row = new SparseRow();
    student.encode('a', row);
    const ema = (d: number, outcomes: number[]) => outcomes.reduce((value, y) => d * value + (1 - d) * y, 0);
    // Elo-style ratings by hand: expected = σ(logit(rate) + overall + at skill); steps shrink with attempts.
    const ratings = { overall: 0, a: 0, b: 0 };
    const history: [keyof typeof ratings & ('a' | 'b'), number, number][] = [['a', 1, 0], ['a', 0, 1], ['b', 1, 0]];
    history.forEach(([skill, y, before], n) => {
      const rate = skill === 'a' ? 0.6 : 0.7;
      const expected = 1 / (1 + Math.exp(-(Math.log(rate / (1 - rate)) + ratings.overall + ratings[skill])));
      ratings.overall += (RATING_STEP.overall.first / (1 + RATING_STEP.overall.shrink * n)) * (y - expected);
      ratings[skill] += (RATING_STEP.skill.first / (1 + RATING_STEP.skill.shrink * before)) * (y - expected);
    });
    const expected = new Map<number, number>([
      [g.bias.offset, 1],
      [g.skill.offset, 1],
      [g.practice.offset, Math.log(2)],
      [g.practice.offset + 1, Math.log(2)],
      [g.practiceBySkill.offset, Math.log(2)],
      [g.practiceBySkill.offset + 1, Math.log(2)],
      [g.overall.offset, Math.log(3)],
      [g.overall.offset + 1, Math.log(2)],
      [g.ability.offset, (1 - 0.6 + (0 - 0.6) + (1 - 0.7)) / (3 + 5)],
      [g.ability.offset + 1, (1 - 0.6 + (0 - 0.6)) / (2 + 3)],
      [g.recent.offset, ema(0.5, [1, -1])],
      [g.recent.offset + 1, ema(0.8, [1, -1])],
      [g.recent.offset + 2, ema(0.95, [1, -1])],
      [g.recent.offset + 3, ema(0.5, [1, -1, 1])],
      [g.recent.offset + 4, ema(0.8, [1, -1, 1])],
      [g.recent.offset + 5, ema(0.95, [1, -1, 1])],
      // last two at a: right then wrong (binary 10 = 2) among the 2-attempt patterns (from 3), returning to a (+15)
      [g.pattern.offset + 3 + 2 + PATTERNS / 2, 1],
      [g.run.offset, 1],
      // one attempt at another skill since the last at a
      [g.gap.offset, Math.log(2)],
      // b informs a: one right, no wrong (a zero is not stored)
      [g.transfer.offset + 2 * 1, Math.log(2)],
      // of the last attempts: 2 right, 1 wrong overall; 1 right, 1 wrong at a
      [g.window.offset, 2],
      [g.window.offset + 1, 1],
      [g.window.offset + 2, 1],
      [g.window.offset + 3, 1],
      [g.rating.offset, ratings.overall],
      [g.rating.offset + 1, ratings.a],
      [g.recentBySkill.offset, ema(0.5, [1, -1])],
      [g.recentBySkill.offset + 1, ema(0.8, [1, -1])],
      [g.recentBySkill.offset + 2, ema(0.95, [1, -1])],
      [g.ratingBySkill.offset, ratings.overall],
      [g.breadth.offset, Math.log(3)],
      [g.patternBySkill.offset + 3 + 2 + PATTERNS / 2, 1],
      // BKT at a (prior 0.3, learn 0.2, guess 0.2, slip 0.1), by hand:
      // right: 0.27 / (0.27 + 0.7·0.2) = 0.65854, then learns: 0.65854 + 0.34146·0.2 = 0.72683;
      // wrong: 0.072683 / (0.072683 + 0.27317·0.8) = 0.24958, then learns: 0.24958 + 0.75042·0.2 = 0.39967.
      [g.knowledge.offset, logit(0.39967)],
      [g.knowledge.offset + 1, logit(0.39967 * 0.9 + 0.60033 * 0.2)],
      // returning to a (situation 2); overall rating ≈ 0.013 is in band 4, the rating at a ≈ -0.218 in band 4 (above -0.3)
      [g.ratingBands.offset + 2 * OVERALL_BANDS + 4, 1],
      [g.skillRatingBands.offset + SKILL_BANDS + 4, 1],
    ]);
    const actual = entries(row);
    expect([...actual.keys()].sort((x, y) => x - y)).toEqual([...expected.keys()].sort((x, y) => x - y));
    const places = (column: number) => (column === g.knowledge.offset || column === g.knowledge.offset + 1 ? 4 : 12);
    for (const [column, value] of expected) expect(actual.get(column), `column ${column}`).toBeCloseTo(value, places(column));
    expect(ratings.overall).toBeCloseTo(0.0134, 4);
    expect(ratings.a).toBeCloseTo(-0.2181, 4);
  });

  it('counts the run at a skill while the student stays on it', () => {
    const student = new StudentFeatures(shape, index);
    for (let i = 0; i < 4; i++) student.observe('a', true);
    const row = new SparseRow();
    student.encode('a', row);
    const map = entries(row);
    expect(map.get(g.run.offset + 4)).toBe(1);
    // continuing, last three right: 3-attempt pattern 111 = 7 after the 7 shorter ones
    expect(map.get(g.pattern.offset + 7 + 7)).toBe(1);
    // run of 4 (band 3 of 1, 2, 3, 4, …) crossed with the same pattern: 3·15 + 14
    expect(map.get(g.runPattern.offset + 3 * (PATTERNS / 2) + 14)).toBe(1);
    // continuing (situation 1): overall rating ≈ 0.77 is in band 8 (at or above 0.6, below 0.8);
    // the rating at a ≈ 0.73 is above every skill cut point (band 8)
    expect(map.get(g.ratingBands.offset + OVERALL_BANDS + 8)).toBe(1);
    expect(map.get(g.skillRatingBands.offset + 8)).toBe(1);
  });

  it('crosses runs of 8 or more with the pattern in the last run band', () => {
    const student = new StudentFeatures(shape, index);
    for (let i = 0; i < 11; i++) student.observe('b', i % 2 === 0);
    const row = new SparseRow();
    student.encode('b', row);
    const map = entries(row);
    // last three: right, wrong, right = 101 = 5, after the 7 shorter patterns
    expect(map.get(g.runPattern.offset + 7 * (PATTERNS / 2) + 7 + 5)).toBe(1);
    expect([...map.keys()].filter((c) => c >= g.runPattern.offset && c < g.runPattern.offset + g.runPattern.size)).toHaveLength(1);
  });

  it('gives a returning student no run-by-pattern feature', () => {
    const student = new StudentFeatures(shape, index);
    student.observe('a', true);
    student.observe('b', true);
    const row = new SparseRow();
    student.encode('a', row);
    expect([...entries(row).keys()].some((c) => c >= g.runPattern.offset && c < g.runPattern.offset + g.runPattern.size)).toBe(false);
  });

  it('uses the district BKT parameters for a skill the model has not seen', () => {
    const row = new SparseRow();
    new StudentFeatures(shape, index).encode('unseen', row);
    // prior 0.5 has log-odds 0 (not stored); right with 0.5·0.9 + 0.5·0.2 = 0.55
    expect(entries(row).has(g.knowledge.offset)).toBe(false);
    expect(entries(row).get(g.knowledge.offset + 1)).toBeCloseTo(logit(0.55), 12);
  });

  it('uses no skill-specific weights for a skill the model has not seen', () => {
    const row = new SparseRow();
    const student = new StudentFeatures(shape, index);
    student.observe('a', true);
    student.encode('unseen', row);
    const columns = [...entries(row).keys()];
    expect(columns.some((c) => c >= g.skill.offset && c < g.skill.offset + g.skill.size)).toBe(false);
    for (const group of [g.skill, g.practiceBySkill, g.transfer, g.recentBySkill, g.ratingBySkill, g.patternBySkill]) {
      expect(columns.some((c) => c >= group.offset && c < group.offset + group.size)).toBe(false);
    }
  });
});

describe('band', () => {
  it('counts the cut points at or below the value', () => {
    expect(band(-5, [-1, 0, 1])).toBe(0);
    expect(band(-1, [-1, 0, 1])).toBe(1);
    expect(band(0.5, [-1, 0, 1])).toBe(2);
    expect(band(1, [-1, 0, 1])).toBe(3);
    expect(band(9, [-1, 0, 1])).toBe(3);
  });
});
