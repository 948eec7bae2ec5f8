/** The shapes of a team's day plan as stored and served (docs/regrouping.md, HTTP API). */
import type { Group, Pin } from '../core/grouping/types.ts';
import type { DaySetup } from './day-setup.ts';

export type PlanGroup = Group;
export type PlanPin = Pin;

/** A hard rule a plan breaks, or an id it names that is not in the day model (`unknown`). */
export interface PlanWarning {
  rule: string;
  message: string;
  block?: string;
  student?: string;
}

/** Per student, per block: why the student is there. */
export type PlanReasons = Record<string, Record<string, string>>;

export interface StoredPlan {
  groups: PlanGroup[];
  pins: PlanPin[];
  reasons: PlanReasons;
  /** Null while the plan breaks a hard rule. */
  objective: number | null;
  generatedAt: string | null;
}

export interface Publication extends StoredPlan {
  team: string;
  date: string;
  version: number;
  warnings: PlanWarning[];
  /** The setup the plan was published with: block times and station names as they were. */
  setup: DaySetup;
  publishedAt: string;
  publishedBy: string;
}
