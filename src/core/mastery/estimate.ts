/**
 * The mastery API for the rest of Trellis: a fitted model and one student's
 * evidence in, per skill the probability of knowing it, whether that counts as
 * mastered, the struggling flag and a sentence for the team.
 */
import { contributions, explainMastery } from './explain.ts';
import { inTimeOrder } from './histories.ts';
import type { GroupName } from './logistic/layout.ts';
import { logisticTracker } from './logistic/model.ts';
import { newTracker, type MasteryModel } from './models.ts';
import { DEFAULT_STRUGGLING_RULE, strugglingAt, type StrugglingRule } from './struggling.ts';
import type { Evidence } from './types.ts';

/**
 * Mastered at or above this probability of knowing the skill. Both models
 * report that probability on the same scale (the logistic model converts its
 * predicted success through the skill's guess and slip), so one threshold
 * serves both; 0.95 is the customary BKT threshold.
 */
export const DEFAULT_MASTERED_AT = 0.95;

export interface MasteryOptions {
  masteredAt?: number;
  struggling?: Partial<StrugglingRule>;
  /** The student's name, to start each explanation with. */
  student?: string;
  /** Skills to report even without evidence (e.g. a team's sequence); by default only skills with evidence. */
  skills?: readonly string[];
  /** How to name a skill in sentences (e.g. its code, "6.RP.3", for a skill id); by default the skill as given. */
  label?: (skill: string) => string;
}

export interface SkillMastery {
  skill: string;
  /** Probability the student knows the skill now. */
  known: number;
  /** Probability the next attempt at it is right. */
  nextCorrect: number;
  mastered: boolean;
  attempts: number;
  right: number;
  struggling: boolean;
  /** Why the student counts as struggling; null when not. */
  reason: string | null;
  /** A sentence for the team. */
  explanation: string;
  /** Logistic model only: what each feature group adds to the prediction, in log-odds. */
  factors?: Record<GroupName, number>;
}

export function estimateMastery(model: MasteryModel, evidence: readonly Evidence[], options: MasteryOptions = {}): SkillMastery[] {
  const masteredAt = options.masteredAt ?? DEFAULT_MASTERED_AT;
  const rule = { ...DEFAULT_STRUGGLING_RULE, ...options.struggling };
  const history = inTimeOrder(evidence);
  // The logistic tracker can also show its features, for the factors.
  const logistic = model.kind === 'logistic' ? { model, tracker: logisticTracker(model) } : null;
  const tracker = logistic?.tracker ?? newTracker(model);
  const outcomes = new Map<string, boolean[]>();
  for (const skill of options.skills ?? []) outcomes.set(skill, []);
  for (const item of history) {
    tracker.observe(item);
    const list = outcomes.get(item.skill);
    if (list) list.push(item.correct);
    else outcomes.set(item.skill, [item.correct]);
  }
  return [...outcomes].map(([skill, attempts]): SkillMastery => {
    const known = tracker.known(skill);
    const mastered = known >= masteredAt;
    const flag = strugglingAt(options.label?.(skill) ?? skill, attempts, mastered, rule);
    const result: SkillMastery = {
      skill,
      known,
      nextCorrect: tracker.predict(skill),
      mastered,
      attempts: attempts.length,
      right: attempts.filter(Boolean).length,
      struggling: flag.struggling,
      reason: flag.reason,
      explanation: explainMastery({ model, skill, known, evidence: history, student: options.student, label: options.label }),
    };
    if (logistic) result.factors = contributions(logistic.model, logistic.tracker.row(skill));
    return result;
  });
}

export interface TracedEvidence extends Evidence {
  /** Probability of knowing the skill just after this attempt. */
  known: number;
}

/** The probability of knowing each skill after every attempt: the mastery history the learning flags read. */
export function masteryTrace(model: MasteryModel, evidence: readonly Evidence[]): TracedEvidence[] {
  const tracker = newTracker(model);
  return inTimeOrder(evidence).map((item) => {
    tracker.observe(item);
    return { ...item, known: tracker.known(item.skill) };
  });
}
