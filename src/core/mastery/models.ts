/**
 * The two fitted models behind one name, and the tracker for either. The rest
 * of Trellis holds a `MasteryModel` and does not need to know which it is.
 */
import { fitBkt, type BktFitOptions } from './bkt/fit.ts';
import { bktTracker, type BktModel } from './bkt/model.ts';
import { fitLogistic, type LogisticFitOptions } from './logistic/fit.ts';
import { logisticTracker, type LogisticModel } from './logistic/model.ts';
import type { ProgressCallback, Response, Tracker } from './types.ts';

export type MasteryModel = BktModel | LogisticModel;

export function newTracker(model: MasteryModel): Tracker {
  return model.kind === 'bkt' ? bktTracker(model) : logisticTracker(model);
}

/** The skills a model was fitted on, sorted. */
export function modelSkills(model: MasteryModel): string[] {
  return model.kind === 'bkt' ? Object.keys(model.skills).sort() : [...model.skills];
}

export type ModelKind = MasteryModel['kind'];

/** The model to use unless told otherwise: it predicts better (docs/mastery.md). */
export const DEFAULT_MODEL_KIND: ModelKind = 'logistic';

export interface FitOptions {
  bkt?: Omit<BktFitOptions, 'onProgress'>;
  logistic?: Omit<LogisticFitOptions, 'onProgress' | 'bkt'>;
  onProgress?: ProgressCallback;
}

export function fitMasteryModel(kind: ModelKind, responses: readonly Response[], options: FitOptions = {}): MasteryModel {
  return kind === 'bkt'
    ? fitBkt(responses, { ...options.bkt, onProgress: options.onProgress })
    : fitLogistic(responses, { ...options.logistic, bkt: options.bkt, onProgress: options.onProgress });
}
