/**
 * The daily regrouping problem as a team states it (docs/regrouping.md): who is
 * here, what they have mastered, which adults and stations run in which blocks,
 * and the rules the plan must keep. Everything here is already validated and
 * has its defaults filled in; `parseInstance` builds it from JSON.
 */

export const ROLES = ['teacher', 'teacher_leader', 'resident', 'tutor'] as const;
export type Role = (typeof ROLES)[number];

/** Students an adult can lead at once when the instance does not say. */
export const DEFAULT_CAPACITY: Record<Role, number> = { teacher: 12, teacher_leader: 12, resident: 8, tutor: 4 };

export const STATION_KINDS = ['online', 'independent', 'collaborative'] as const;
export type StationKind = (typeof STATION_KINDS)[number];

export interface Block {
  id: string;
  name?: string;
}

export interface Skill {
  id: string;
  name?: string;
  /** Skills that must be mastered before this one is ready; all earlier in the sequence. */
  prerequisites: string[];
}

export interface Adult {
  id: string;
  name?: string;
  role: Role;
  capacity: number;
  /** Blocks the adult is available in. */
  blocks: string[];
  /** Needs the adult can serve, e.g. "english_learner". */
  supports: string[];
}

export interface Station {
  id: string;
  name?: string;
  kind: StationKind;
  capacity: number;
  /** An adult who watches the station and so leads no group in its blocks. */
  supervisor?: string;
  /** Blocks the station is open in. */
  blocks: string[];
}

export interface Student {
  id: string;
  name?: string;
  /** Probability of mastery per skill id; a skill not listed counts as 0. */
  mastery: Record<string, number>;
  needs: string[];
  /** e.g. "wheel_spinning", "regression", "inactive", "behind". */
  flags: string[];
  /** Attempts so far per skill id, for the reasons only. */
  attempts: Record<string, number>;
}

export interface Constraints {
  apart: Array<[string, string]>;
  together: Array<[string, string]>;
  /** Blocks per day each student spends in an adult-led group, at least. */
  adultLedPerDay: number;
}

/** One place in one block: an adult's group or a station. The output format, also used for `previous`. */
export interface Group {
  block: string;
  adult?: string;
  station?: string;
  /** The group's single focus skill; null for stations (each student practises their own next skill). */
  focusSkill: string | null;
  students: string[];
}

export interface Pin {
  block: string;
  student: string;
  adult?: string;
  station?: string;
  focusSkill?: string;
}

/** The objective's weights (docs/regrouping.md states the objective they weigh). */
export interface Weights {
  /** Per student-block in an adult group whose focus is the student's next skill. */
  next: number;
  /** Per student-block in an adult group whose focus is ready for the student but not the next one. */
  ready: number;
  /** Penalty per student-block in an adult group whose focus is mastered or lacks a prerequisite. */
  notReady: number;
  /** Times (1 − mastery) of a ready focus: the lowest-mastery students gain most from adult time. */
  depth: number;
  /** Per student-block at a station. */
  station: number;
  /** Flagged students: this divided by the adult's capacity, per block with that adult. */
  smallGroup: number;
  /** Flagged students: per block with a tutor. */
  tutor: number;
  /** Penalty per student of a group's deviation from its fair share of the block's adult-led students. */
  balance: number;
  /** Keeping yesterday's adult and focus in a block while the student's next skill is unchanged. */
  churn: number;
  /** Per adult a student meets for the first time this week, up to two adults met in the week. */
  relationship: number;
}

export const DEFAULT_WEIGHTS: Weights = {
  next: 10,
  ready: 6,
  notReady: 8,
  depth: 4,
  station: 1,
  smallGroup: 8,
  tutor: 2,
  balance: 0.5,
  churn: 2,
  relationship: 1.5,
};

export const DEFAULT_MASTERED = 0.95;

export interface Instance {
  blocks: Block[];
  /** In sequence order. */
  skills: Skill[];
  adults: Adult[];
  stations: Station[];
  students: Student[];
  constraints: Constraints;
  /** Yesterday's groups; ids no longer in the instance are ignored. */
  previous: Group[];
  /** Adults each student has met earlier this week; null when the instance does not say. */
  week: Record<string, string[]> | null;
  pinned: Pin[];
  /** Mastered at or above this probability. */
  mastered: number;
  weights: Weights;
}

/** The objective split into its terms; they add up to `total`. */
export interface ObjectiveTerms {
  next: number;
  ready: number;
  notReady: number;
  depth: number;
  station: number;
  flagged: number;
  churn: number;
  balance: number;
  relationship: number;
}

export type HardRule = 'capacity' | 'place' | 'apart' | 'together' | 'adult_led' | 'needs' | 'pinned' | 'focus';

/** One hard rule that does not hold (or cannot hold), said so a teacher can act on it. */
export interface Problem {
  rule: HardRule;
  message: string;
  students: string[];
  block?: string;
}
