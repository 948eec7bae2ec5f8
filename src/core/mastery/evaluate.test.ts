import { describe, expect, it } from 'vitest';
import { evaluateOnline, predictOnline } from './evaluate.ts';
import type { SparseRow } from './logistic/features.ts';
import { fitLogistic } from './logistic/fit.ts';
import { compile, logisticTracker, type LogisticModel } from './logistic/model.ts';
import { seededRandom } from './simulate.ts';
import type { Evidence, Response, Tracker } from './types.ts';

/** Coin-flip answers: nothing before an answer says anything about it. */
function coinFlips(students: number, attempts: number, seed: number): Response[] {
  const random = seededRandom(seed);
  const responses: Response[] = [];
  for (let s = 0; s < students; s++) {
    for (let a = 0; a < attempts; a++) responses.push({ student: `s${s}`, skill: a % 2 ? 'a' : 'b', at: a, correct: random() < 0.5 });
  }
  return responses;
}

/**
 * A "model" that predicts whatever it was last shown. If evaluation ever showed
 * it an answer before asking for the prediction of that same answer, it would
 * score perfectly on coin flips; honestly evaluated it can do no better than
 * chance.
 */
function echoLastSeen(): Tracker & { seen: Evidence[] } {
  const seen: Evidence[] = [];
  const predict = () => (seen.length === 0 ? 0.5 : seen[seen.length - 1]!.correct ? 0.9 : 0.1);
  return { seen, predict, known: predict, observe: (evidence) => void seen.push(evidence) };
}

/** Each response's feature row and prediction, from the answers before it, as a tracker sees them one by one. */
function featureRows(model: LogisticModel, evidence: Response[]) {
  const tracker = logisticTracker(model);
  return evidence.map((response) => {
    const row: SparseRow = tracker.row(response.skill);
    const prediction = tracker.predict(response.skill);
    tracker.observe(response);
    return { columns: Array.from(row.indices.subarray(0, row.length)), values: Array.from(row.values.subarray(0, row.length)), prediction };
  });
}

describe('online evaluation cannot leak the answer it predicts', () => {
  const responses = coinFlips(300, 20, 11);

  it('gives a model that echoes its latest evidence no more than chance on coin flips', () => {
    const { auc } = evaluateOnline(echoLastSeen, responses);
    expect(auc).toBeGreaterThan(0.45);
    expect(auc).toBeLessThan(0.55);
  });

  it('would catch a leak: the same echo scores perfectly when shown the answer first', () => {
    // The check above can fail: evaluated the wrong way round (observe, then predict) the echo is perfect.
    const leaky = responses.map((response) => {
      const tracker = echoLastSeen();
      tracker.observe(response);
      return tracker.predict(response.skill);
    });
    expect(leaky.every((p, i) => (p > 0.5) === responses[i]!.correct)).toBe(true);
  });

  it('starts each student afresh: no evidence from another student reaches a prediction', () => {
    const trackers: ReturnType<typeof echoLastSeen>[] = [];
    predictOnline(() => {
      const tracker = echoLastSeen();
      trackers.push(tracker);
      return tracker;
    }, responses);
    expect(trackers).toHaveLength(300);
    for (const tracker of trackers) expect(new Set(tracker.seen.map((e) => (e as Response).student)).size).toBe(1);
  });

  it('gives the logistic model features that depend only on earlier answers', () => {
    const model = fitLogistic(coinFlips(100, 12, 3), { maxIterations: 10 });
    const history = responses.filter((r) => r.student === 's0');
    const flipped = history.map((r, i) => (i >= 10 ? { ...r, correct: !r.correct } : r));
    const [original, changed] = [featureRows(model, history), featureRows(model, flipped)];
    // Answers 10 onwards differ: the prediction of answer 10 (and everything before) must not.
    expect(changed.slice(0, 11)).toEqual(original.slice(0, 11));
    expect(changed[11]).not.toEqual(original[11]);
  });

  it('keeps every feature group to earlier answers when a student stays at a skill for a run', () => {
    const model = fitLogistic(coinFlips(100, 12, 3), { maxIterations: 10 });
    // Runs of three at a skill, then a switch: continuing, returning and first attempts all occur.
    const history = responses.filter((r) => r.student === 's1').map((r, i) => ({ ...r, skill: Math.floor(i / 3) % 2 ? 'a' : 'b' }));
    const flipped = history.map((r, i) => (i >= 10 ? { ...r, correct: !r.correct } : r));
    const [original, changed] = [featureRows(model, history), featureRows(model, flipped)];
    expect(changed.slice(0, 11)).toEqual(original.slice(0, 11));
    expect(changed[11]).not.toEqual(original[11]);
    // The check covers the groups a run brings in.
    const { groups } = compile(model).layout;
    const used = new Set(original.flatMap((row) => row.columns));
    for (const group of [groups.knowledge, groups.ratingBands, groups.skillRatingBands, groups.runPattern]) {
      expect([...used].some((c) => c >= group.offset && c < group.offset + group.size), group.name).toBe(true);
    }
  });
});
