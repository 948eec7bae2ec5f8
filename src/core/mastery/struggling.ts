/**
 * The struggling flag: a student who keeps working at a skill without
 * mastering it, or who has just got several in a row wrong. Either is a reason
 * for an adult to step in, whatever the model's probability says.
 */

export interface StrugglingRule {
  /** Attempts at a skill without (current) mastery before it counts as struggling (default 10, as in wheel-spinning research). */
  attemptsWithoutMastery: number;
  /** Wrong answers in a row, at the end, that count as struggling (default 3). */
  wrongInARow: number;
}

export const DEFAULT_STRUGGLING_RULE: StrugglingRule = { attemptsWithoutMastery: 10, wrongInARow: 3 };

export interface Struggling {
  struggling: boolean;
  /** What the data show, for the team; null when not struggling. */
  reason: string | null;
}

/** `outcomes`: the student's attempts at `skill`, oldest first. */
export function strugglingAt(skill: string, outcomes: readonly boolean[], mastered: boolean, rule: StrugglingRule = DEFAULT_STRUGGLING_RULE): Struggling {
  if (mastered) return { struggling: false, reason: null };
  let wrongRun = 0;
  while (wrongRun < outcomes.length && !outcomes[outcomes.length - 1 - wrongRun]) wrongRun++;
  const right = outcomes.filter(Boolean).length;
  const reasons: string[] = [];
  if (outcomes.length >= rule.attemptsWithoutMastery) reasons.push(`${outcomes.length} attempts at ${skill} without mastery (${right} right)`);
  if (wrongRun >= rule.wrongInARow) reasons.push(`the last ${wrongRun} attempts at ${skill} were wrong`);
  return reasons.length > 0 ? { struggling: true, reason: reasons.join('; ') } : { struggling: false, reason: null };
}
