/**
 * The mastery API for the rest of Trellis: a fitted model and one student's
 * evidence in, per skill the probability of knowing it, whether that counts as
 * mastered, the struggling flag and a sentence for the team.
 */
import { contributions, explainMastery } from './explain.ts';
import { inTimeOrder } from './histories.ts';
import type { GroupName } from './logistic/layout.ts';
import { logisticTracker, type LogisticTracker } from './logistic/model.ts';
import { newTracker, type MasteryModel } from './models.ts';
import { DEFAULT_STRUGGLING_RULE, strugglingAt, type StrugglingRule } from './struggling.ts';
import type { Evidence, Tracker } from './types.ts';

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
  return continueMastery(undefined, model, evidence, options, false).estimates;
}

/**
 * One student's run of a model over their evidence, kept so that the run can
 * go on when more evidence arrives: the model then reads only the new
 * attempts, not the whole history again. Mutable; owned by whoever keeps it.
 */
export interface MasteryRun {
  readonly model: MasteryModel;
  /** The attempts read so far, in time order (the run's own array: extendMastery appends to it). */
  history: Evidence[];
  readonly tracker: Tracker;
  /** The logistic tracker again, when the model is logistic: it also shows its features, for the factors. */
  readonly logistic: LogisticTracker | null;
  /** Each skill's outcomes, skills in the order first attempted. */
  readonly outcomes: Map<string, boolean[]>;
  /** The probability of knowing the skill after every attempt; null when not asked for. */
  readonly trace: TracedEvidence[] | null;
}

const sameAttempt = (a: Evidence, b: Evidence) => a.at === b.at && a.skill === b.skill && a.correct === b.correct;

/** True when `history` is `before` with attempts added after its end, so a run over `before` can simply go on. */
function extendsHistory(before: readonly Evidence[], history: readonly Evidence[]): boolean {
  if (history.length < before.length) return false;
  for (let i = 0; i < before.length; i++) if (!sameAttempt(before[i]!, history[i]!)) return false;
  return true;
}

/**
 * The estimates (and, with `traced`, the trace the flags read) for a student's
 * evidence, going on from `previous` when that run was over the same model and
 * the evidence only adds later attempts to what it read; otherwise (an earlier
 * attempt arrived late, one was removed or changed, the model was refitted)
 * from the start. Either way the result is what a run over all the evidence
 * gives: the tests check they agree.
 */
export function continueMastery(
  previous: MasteryRun | undefined,
  model: MasteryModel,
  evidence: readonly Evidence[],
  options: MasteryOptions = {},
  traced = true,
): { run: MasteryRun; estimates: SkillMastery[] } {
  const history = inTimeOrder(evidence);
  const reusable = previous && previous.model === model && (previous.trace !== null) === traced && extendsHistory(previous.history, history);
  const run = reusable ? previous : startRun(model, traced);
  for (let i = reusable ? previous.history.length : 0; i < history.length; i++) step(run, history[i]!);
  run.history = history;
  return { run, estimates: estimatesOf(run, options) };
}

/**
 * What `continueMastery(run, model, [...run.history, ...later])` gives, when
 * the caller knows `later` holds only attempts after all those the run has read
 * (the mastery updater checks that in the database): only the new attempts are
 * sorted and read. When they are not all later, or the model is another, it
 * falls back to that call.
 */
export function extendMastery(run: MasteryRun, model: MasteryModel, later: readonly Evidence[], options: MasteryOptions = {}): { run: MasteryRun; estimates: SkillMastery[] } {
  const added = inTimeOrder(later);
  const last = run.history[run.history.length - 1];
  if (run.model !== model || run.trace === null || (last && added[0] && added[0].at < last.at)) {
    return continueMastery(run, model, [...run.history, ...later], options);
  }
  for (const item of added) step(run, item);
  run.history.push(...added);
  return { run, estimates: estimatesOf(run, options) };
}

/** Reads one more attempt into the run. */
function step(run: MasteryRun, item: Evidence): void {
  run.tracker.observe(item);
  run.trace?.push({ skill: item.skill, at: item.at, correct: item.correct, known: run.tracker.known(item.skill) });
  const list = run.outcomes.get(item.skill);
  if (list) list.push(item.correct);
  else run.outcomes.set(item.skill, [item.correct]);
}

function startRun(model: MasteryModel, traced: boolean): MasteryRun {
  const logistic = model.kind === 'logistic' ? logisticTracker(model) : null;
  return { model, history: [], tracker: logistic ?? newTracker(model), logistic, outcomes: new Map(), trace: traced ? [] : null };
}

/** Each skill's estimate now: the skills asked for (even without attempts), then the others in the order first attempted. */
function estimatesOf(run: MasteryRun, options: MasteryOptions): SkillMastery[] {
  const masteredAt = options.masteredAt ?? DEFAULT_MASTERED_AT;
  const rule = { ...DEFAULT_STRUGGLING_RULE, ...options.struggling };
  const { model, tracker, logistic, history } = run;
  const skills = new Map<string, readonly boolean[]>();
  for (const skill of options.skills ?? []) skills.set(skill, run.outcomes.get(skill) ?? []);
  for (const [skill, outcomes] of run.outcomes) if (!skills.has(skill)) skills.set(skill, outcomes);
  return [...skills].map(([skill, attempts]): SkillMastery => {
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
    if (logistic && model.kind === 'logistic') result.factors = contributions(model, logistic.row(skill));
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
