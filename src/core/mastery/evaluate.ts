/**
 * Next-response evaluation, the way the model is used: for each student, in
 * time order, predict the attempt from the evidence before it, then show the
 * model the outcome. Nothing from later attempts, or from other held-out
 * students, reaches a prediction.
 */
import { byStudent } from './histories.ts';
import { auc, rmse } from './metrics.ts';
import type { ProgressCallback, Response, Tracker } from './types.ts';

export interface Evaluation {
  /** Area under the ROC curve; null when the responses are all right or all wrong. */
  auc: number | null;
  rmse: number;
  /** Responses predicted. */
  n: number;
}

export interface Predictions {
  predictions: number[];
  outcomes: boolean[];
}

export function predictOnline(newTracker: () => Tracker, responses: readonly Response[], onProgress?: ProgressCallback): Predictions {
  const predictions: number[] = [];
  const outcomes: boolean[] = [];
  const students = byStudent(responses);
  let done = 0;
  for (const history of students.values()) {
    const tracker = newTracker();
    for (const response of history) {
      predictions.push(tracker.predict(response.skill));
      outcomes.push(response.correct);
      tracker.observe(response);
    }
    if (++done % 500 === 0) onProgress?.('predicting', done, students.size);
  }
  onProgress?.('predicting', students.size, students.size);
  return { predictions, outcomes };
}

export function evaluateOnline(newTracker: () => Tracker, responses: readonly Response[], onProgress?: ProgressCallback): Evaluation {
  const { predictions, outcomes } = predictOnline(newTracker, responses, onProgress);
  return { auc: auc(predictions, outcomes), rmse: rmse(predictions, outcomes), n: predictions.length };
}
