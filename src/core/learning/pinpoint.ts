/**
 * Pinpoint: for each adult of a team, the skills where the students they teach
 * do worse than the rest of the team. Pure: tallies of right and total attempts
 * in, comparisons out. The test is a one-sided two-proportion z-test, and a gap
 * is only called out when it is both large and backed by enough attempts, so a
 * coach is not sent chasing noise.
 */

/** Right answers out of attempts. */
export interface Tally {
  right: number;
  total: number;
}

export interface PinpointRule {
  /** Fewest attempts on each side before a gap can be called out. */
  minAttempts: number;
  /** Smallest gap in share right (0..1) worth calling out. */
  minGap: number;
  /** Largest one-sided p-value that counts as "unlikely to be chance". */
  alpha: number;
}

export const DEFAULT_PINPOINT_RULE: PinpointRule = { minAttempts: 20, minGap: 0.15, alpha: 0.05 };

export interface Comparison {
  skill: string;
  /** The adult's students. */
  group: Tally;
  /** The rest of the team's students. */
  rest: Tally;
  /** Share right of the group minus that of the rest; negative when the group does worse. Null when a side has no attempts. */
  gap: number | null;
  /** One-sided p-value that the group does no worse than the rest; null when it cannot be computed. */
  p: number | null;
  /** Large, unlikely to be chance, and backed by enough attempts. */
  callOut: boolean;
  /** Plain words for the page. */
  why: string;
}

export const share = (tally: Tally): number | null => (tally.total > 0 ? tally.right / tally.total : null);

/** The standard normal cumulative distribution (Abramowitz and Stegun 7.1.26 through erf; error below 1.5e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

/**
 * One-sided two-proportion z-test with a pooled share: the chance of a gap at
 * least this far below zero if the group and the rest really did equally well.
 */
export function oneSidedPValue(group: Tally, rest: Tally): number | null {
  if (group.total === 0 || rest.total === 0) return null;
  const pooled = (group.right + rest.right) / (group.total + rest.total);
  const spread = Math.sqrt(pooled * (1 - pooled) * (1 / group.total + 1 / rest.total));
  // Everyone right or everyone wrong: no spread, no evidence of a gap.
  if (spread === 0) return 1;
  const z = (group.right / group.total - rest.right / rest.total) / spread;
  return normalCdf(z);
}

const pct = (value: number) => `${Math.round(value * 100)}%`;

export function compareSkill(skill: string, group: Tally, rest: Tally, rule: PinpointRule = DEFAULT_PINPOINT_RULE): Comparison {
  const groupShare = share(group);
  const restShare = share(rest);
  const gap = groupShare === null || restShare === null ? null : groupShare - restShare;
  const p = oneSidedPValue(group, rest);
  const enough = group.total >= rule.minAttempts && rest.total >= rule.minAttempts;
  const large = gap !== null && gap <= -rule.minGap;
  const unlikelyChance = p !== null && p <= rule.alpha;
  const callOut = enough && large && unlikelyChance;
  return { skill, group, rest, gap, p, callOut, why: explainComparison(group, rest, gap, p, enough, large, unlikelyChance, rule) };
}

function explainComparison(
  group: Tally,
  rest: Tally,
  gap: number | null,
  p: number | null,
  enough: boolean,
  large: boolean,
  unlikelyChance: boolean,
  rule: PinpointRule,
): string {
  if (gap === null || p === null) return 'Not enough to compare: one side has no attempts.';
  const shares = `${pct(group.right / group.total)} right of ${group.total} vs ${pct(rest.right / rest.total)} of ${rest.total} for the rest of the team`;
  if (!enough) return `${shares}; too few attempts to tell (needs ${rule.minAttempts} on each side).`;
  if (!large) return `${shares}; no large gap.`;
  if (!unlikelyChance) return `${shares}; the gap could well be chance.`;
  return `${shares}; a gap this large would happen by chance less than ${pct(Math.max(p, 0.01))} of the time.`;
}

export interface AdultInput {
  sourcedId: string;
  /** The students this adult teaches within the team. */
  students: readonly string[];
}

export interface AdultPinpoint {
  sourcedId: string;
  students: number;
  /**
   * Every skill with attempts on either side, called-out ones first, then by
   * gap. None when the adult teaches none of the team's students or all of
   * them: one side would be empty, and a table of "not enough to compare" tells
   * a coach nothing.
   */
  comparisons: Comparison[];
}

/**
 * For each adult, compares the adult's students with the rest of the team's
 * students, skill by skill. `tallies` holds, per student, per skill, the attempts.
 */
export function pinpointTeam(
  teamStudents: readonly string[],
  adults: readonly AdultInput[],
  tallies: ReadonlyMap<string, ReadonlyMap<string, Tally>>,
  rule: PinpointRule = DEFAULT_PINPOINT_RULE,
): AdultPinpoint[] {
  const team = new Set(teamStudents);
  return adults.map((adult) => {
    const mine = new Set(adult.students.filter((s) => team.has(s)));
    if (mine.size === 0 || mine.size === team.size) return { sourcedId: adult.sourcedId, students: mine.size, comparisons: [] };
    const groupBySkill = new Map<string, Tally>();
    const restBySkill = new Map<string, Tally>();
    for (const student of team) {
      const target = mine.has(student) ? groupBySkill : restBySkill;
      for (const [skill, tally] of tallies.get(student) ?? []) {
        const sum = target.get(skill) ?? { right: 0, total: 0 };
        target.set(skill, { right: sum.right + tally.right, total: sum.total + tally.total });
      }
    }
    const skills = [...new Set([...groupBySkill.keys(), ...restBySkill.keys()])].sort();
    const comparisons = skills
      .map((skill) => compareSkill(skill, groupBySkill.get(skill) ?? { right: 0, total: 0 }, restBySkill.get(skill) ?? { right: 0, total: 0 }, rule))
      .sort((a, b) => Number(b.callOut) - Number(a.callOut) || (a.gap ?? 0) - (b.gap ?? 0) || a.skill.localeCompare(b.skill));
    return { sourcedId: adult.sourcedId, students: mine.size, comparisons };
  });
}
