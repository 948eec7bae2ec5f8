/**
 * Where each feature's weight sits in the weight vector. Features come in named
 * groups; a group is either one weight per feature, or one per skill (or per
 * pair of skills), so the same layout serves fitting, prediction, explanation
 * and the JSON form of a fitted model.
 */

/** The number of categories in the `pattern` group: the last 0–3 attempts at the skill (1 + 2 + 4 + 8), when continuing or returning to it. */
export const PATTERNS = 30;
/** Runs of 0..RUN_CAP-1 attempts in a row at the skill, and RUN_CAP or more. */
export const RUN_CAP = 12;
/** How fast the recency averages forget: the weight of the previous average at each attempt. */
export const DECAYS = [0.5, 0.8, 0.95] as const;

export const GROUPS = [
  'bias',
  'skill',
  'practice',
  'practiceBySkill',
  'overall',
  'ability',
  'recent',
  'pattern',
  'run',
  'gap',
  'transfer',
  'window',
  'rating',
  'recentBySkill',
  'ratingBySkill',
  'breadth',
  'patternBySkill',
  'knowledge',
  'ratingBands',
  'skillRatingBands',
  'runPattern',
] as const;

/** The groups a version-1 stored model has; later groups read as zero weights from it. */
export const V1_GROUPS: readonly GroupName[] = GROUPS.slice(0, GROUPS.indexOf('transfer') + 1);
/** The groups a version-2 stored model has. */
export const V2_GROUPS: readonly GroupName[] = GROUPS.slice(0, GROUPS.indexOf('patternBySkill') + 1);

/**
 * Where the overall rating is cut into bands, so its weight can bend (a low
 * rating may matter more than a high one). Chosen near the deciles of the
 * ratings in ASSISTments-like data.
 */
export const RATING_BANDS = [-0.8, -0.4, -0.15, 0, 0.15, 0.3, 0.45, 0.6, 0.8, 1.1] as const;
/** The same for the rating at the skill, which is spread lower (it starts at 0 and falls after wrong answers). */
export const SKILL_RATING_BANDS = [-1.1, -0.75, -0.5, -0.3, -0.1, 0.05, 0.2, 0.4] as const;
/** Where a student stands at the skill when banding: first attempt, continuing a run, or returning to it. */
export const SITUATIONS = 3;
/** Runs at the skill for the run-by-pattern cross: 1, 2, …, RUN_BANDS-1 attempts, and RUN_BANDS or more. */
export const RUN_BANDS = 8;

/** Attempt windows: right and wrong among the student's last WINDOW_ALL attempts, and the last WINDOW_SKILL at this skill. */
export const WINDOW_ALL = 10;
export const WINDOW_SKILL = 5;
export type GroupName = (typeof GROUPS)[number];

export interface Group {
  name: GroupName;
  offset: number;
  size: number;
}

export interface Layout {
  skills: number;
  transferSources: number;
  groups: Record<GroupName, Group>;
  size: number;
}

export function groupSizes(skills: number, transferSources: number): Record<GroupName, number> {
  return {
    bias: 1,
    // how easy each skill is for a student new to it
    skill: skills,
    // log(1 + right) and log(1 + wrong) at this skill, shared by all skills, then per skill
    practice: 2,
    practiceBySkill: 2 * skills,
    // log(1 + right) and log(1 + wrong) at all skills
    overall: 2,
    // right answers beyond the district's rate, over all skills and at this one
    ability: 2,
    // decayed averages of the outcomes at this skill and at all skills, and "first attempt"
    recent: 2 * DECAYS.length + 1,
    pattern: PATTERNS,
    run: RUN_CAP + 1,
    // log(1 + attempts at other skills since the last attempt at this one)
    gap: 1,
    // log(1 + right) and log(1 + wrong) at each source skill, for each target skill
    transfer: 2 * skills * transferSources,
    // right and wrong among the last few attempts, overall and at this skill
    window: 4,
    // Elo-style ratings learnt from the student's own answers: overall, and at this skill
    rating: 2,
    // how much the recent record at this skill matters, per skill
    recentBySkill: DECAYS.length * skills,
    // how much the overall rating matters, per skill
    ratingBySkill: skills,
    // log(1 + skills attempted so far)
    breadth: 1,
    // the last few outcomes at this skill, per skill
    patternBySkill: PATTERNS * skills,
    // BKT's log-odds that the skill is known, from the student's answers at it
    knowledge: 2,
    // the overall rating in bands, in each situation (first attempt, continuing, returning)
    ratingBands: (RATING_BANDS.length + 1) * SITUATIONS,
    // the rating at this skill in bands, continuing or returning
    skillRatingBands: (SKILL_RATING_BANDS.length + 1) * 2,
    // how long the run at the skill is, with the last few outcomes in it
    runPattern: RUN_BANDS * (PATTERNS / 2),
  };
}

export function layout(skills: number, transferSources: number): Layout {
  const sizes = groupSizes(skills, transferSources);
  let offset = 0;
  const groups = {} as Record<GroupName, Group>;
  for (const name of GROUPS) {
    groups[name] = { name, offset, size: sizes[name] };
    offset += sizes[name];
  }
  return { skills, transferSources, groups, size: offset };
}
