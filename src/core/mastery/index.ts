/**
 * Mastery models for the rest of Trellis. Fit from plain arrays of responses
 * (`fitMasteryModel`), store the result as JSON (`storeModel`,
 * `readStoredModel`), and ask for a student's mastery (`estimateMastery`,
 * `masteryTrace`). docs/mastery.md explains the models.
 */
export { evaluateOnline, predictOnline, type Evaluation } from './evaluate.ts';
export { continueMastery, DEFAULT_MASTERED_AT, estimateMastery, extendMastery, masteryTrace, type MasteryRun, type MasteryOptions, type SkillMastery, type TracedEvidence } from './estimate.ts';
export { auc, rmse } from './metrics.ts';
export { DEFAULT_MODEL_KIND, fitMasteryModel, modelSkills, newTracker, type FitOptions, type MasteryModel, type ModelKind } from './models.ts';
export { MasteryModelError, readStoredModel, storeModel, type StoredModel } from './serialise.ts';
export { DEFAULT_STRUGGLING_RULE, type StrugglingRule } from './struggling.ts';
export type { Evidence, ProgressCallback, Response, Tracker } from './types.ts';
