/**
 * Mastery in words a teacher reads: the probability, the student's recent
 * record at the skill, how hard the skill is, and (for the logistic model) how
 * the student does at other skills. For analysts, the logistic model's
 * prediction split into what each group of features adds.
 */
import type { SparseRow } from './logistic/features.ts';
import { compile, type LogisticModel } from './logistic/model.ts';
import { GROUPS, type GroupName } from './logistic/layout.ts';
import { modelSkills, newTracker, type MasteryModel } from './models.ts';
import type { Evidence } from './types.ts';

/** How many of the latest attempts the sentence counts. */
export const RECENT_ATTEMPTS = 7;

export type Difficulty = 'harder' | 'typical' | 'easier';

const difficulties = new WeakMap<MasteryModel, Map<string, Difficulty>>();

/**
 * Each skill's difficulty among the model's skills, from the predicted chance
 * of a right first attempt: the hardest third is "harder than most", the
 * easiest third "easier than most".
 */
export function skillDifficulty(model: MasteryModel, skill: string): Difficulty {
  let bySkill = difficulties.get(model);
  if (!bySkill) {
    const tracker = newTracker(model);
    const ranked = modelSkills(model)
      .map((name) => ({ name, first: tracker.predict(name) }))
      .sort((a, b) => a.first - b.first || (a.name < b.name ? -1 : 1));
    bySkill = new Map(ranked.map(({ name }, i) => [name, i < ranked.length / 3 ? 'harder' : i >= (2 * ranked.length) / 3 ? 'easier' : 'typical']));
    difficulties.set(model, bySkill);
  }
  return bySkill.get(skill) ?? 'typical';
}

export function percent(probability: number): string {
  const value = Math.round(probability * 100);
  if (value >= 100 && probability < 1) return 'over 99%';
  if (value <= 0 && probability > 0) return 'under 1%';
  return `${value}%`;
}

function recentRecord(outcomes: readonly boolean[]): string {
  if (outcomes.length === 0) return 'no attempts yet';
  const recent = outcomes.slice(-RECENT_ATTEMPTS);
  const right = recent.filter(Boolean).length;
  if (outcomes.length === 1) return right ? 'the one attempt so far right' : 'the one attempt so far wrong';
  const of = outcomes.length > RECENT_ATTEMPTS ? `of the last ${recent.length}` : `of ${recent.length}`;
  return `${right} ${of} attempts right`;
}

const DIFFICULTY_WORDS: Record<Difficulty, string> = {
  harder: 'this skill is harder than most',
  typical: 'this skill is about as hard as most',
  easier: 'this skill is easier than most',
};

/** Attempts at other skills before a clause about them is worth saying. */
const OTHER_SKILLS_MINIMUM = 5;
/** Right answers beyond the district's rate, per attempt, that count as doing better (or worse). */
const OTHER_SKILLS_MARGIN = 0.1;

/** How the student does at other skills against the district's rate there; null when there is too little or nothing notable. */
function otherSkills(model: LogisticModel, skill: string, evidence: readonly Evidence[]): string | null {
  const { index } = compile(model);
  let attempts = 0;
  let beyond = 0;
  for (const item of evidence) {
    if (item.skill === skill) continue;
    attempts++;
    beyond += (item.correct ? 1 : 0) - index.rate(index.skill(item.skill));
  }
  if (attempts < OTHER_SKILLS_MINIMUM) return null;
  if (beyond / attempts >= OTHER_SKILLS_MARGIN) return 'gets more right than most at other skills';
  if (beyond / attempts <= -OTHER_SKILLS_MARGIN) return 'gets fewer right than most at other skills';
  return null;
}

export interface ExplainInput {
  model: MasteryModel;
  skill: string;
  known: number;
  /** All the student's evidence, in time order. */
  evidence: readonly Evidence[];
  student?: string;
  label?: (skill: string) => string;
}

/** e.g. "Ana: 78% likely to know 6.RP.3 — 5 of the last 7 attempts right; this skill is harder than most". */
export function explainMastery({ model, skill, known, evidence, student, label }: ExplainInput): string {
  const outcomes = evidence.filter((item) => item.skill === skill).map((item) => item.correct);
  const clauses = [recentRecord(outcomes), DIFFICULTY_WORDS[skillDifficulty(model, skill)]];
  const others = model.kind === 'logistic' ? otherSkills(model, skill, evidence) : null;
  if (others) clauses.push(others);
  return `${student ? `${student}: ` : ''}${percent(known)} likely to know ${label?.(skill) ?? skill} — ${clauses.join('; ')}`;
}

/** The logistic model's prediction (in log-odds) split by feature group: what each adds to the total. */
export function contributions(model: LogisticModel, row: SparseRow): Record<GroupName, number> {
  const { layout, weights } = compile(model);
  const result = Object.fromEntries(GROUPS.map((name) => [name, 0])) as Record<GroupName, number>;
  for (let e = 0; e < row.length; e++) {
    const column = row.indices[e]!;
    const group = GROUPS.findLast((name) => layout.groups[name].offset <= column)!;
    result[group] += weights[column]! * row.values[e]!;
  }
  return result;
}
