/**
 * How often a team regroups, from its published plans: per week the days
 * with a plan, the publications, and the share of students whose place
 * changed from one published day to the next; and who each student has been
 * with this week.
 */
import type { Group } from '../core/grouping/types.ts';

export interface WeekHistory {
  weekStart: string;
  publishedDays: number;
  publications: number;
  /** Over consecutive published days in the week, the share of students present both days whose place changed in some block; null with fewer than two days. */
  changedShare: number | null;
}

/** Per student: block → "adult:focus" or "station:id". */
function placements(groups: readonly Group[]): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  for (const group of groups) {
    const place = group.adult !== undefined ? `adult:${group.adult}:${group.focusSkill ?? ''}` : `station:${group.station}`;
    for (const student of group.students) {
      const blocks = out.get(student) ?? out.set(student, new Map()).get(student)!;
      blocks.set(group.block, place);
    }
  }
  return out;
}

/** Students present on both days, and how many of them changed place in some block. */
export function dayToDayChange(yesterday: readonly Group[], today: readonly Group[]): { compared: number; changed: number } {
  const before = placements(yesterday);
  const after = placements(today);
  let compared = 0;
  let changed = 0;
  for (const [student, blocks] of after) {
    const earlier = before.get(student);
    if (!earlier) continue;
    compared++;
    const keys = new Set([...blocks.keys(), ...earlier.keys()]);
    if ([...keys].some((block) => blocks.get(block) !== earlier.get(block))) changed++;
  }
  return { compared, changed };
}

/** One week's figures from its published plans (the latest per date, in date order) and the number of publications. */
export function weekHistory(weekStart: string, plans: readonly { date: string; groups: Group[] }[], publications: number): WeekHistory {
  let compared = 0;
  let changed = 0;
  for (let i = 1; i < plans.length; i++) {
    const change = dayToDayChange(plans[i - 1]!.groups, plans[i]!.groups);
    compared += change.compared;
    changed += change.changed;
  }
  return { weekStart, publishedDays: plans.length, publications, changedShare: plans.length < 2 || compared === 0 ? null : changed / compared };
}
