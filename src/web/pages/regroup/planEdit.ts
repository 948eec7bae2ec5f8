/**
 * Pure helpers of the team day board: the day as a regrouping instance (so the
 * board checks a hand-edited plan with the same hard rules as the server),
 * moving a student between groups, pins, and what changed since yesterday.
 */
import { DEFAULT_MASTERED, DEFAULT_WEIGHTS, type Instance } from '../../../core/grouping/types.ts';
import { assessPlan, type PlanAssessment } from '../../../grouping/plan-check.ts';
import type { Group, Pin, PlanView } from './types.ts';

/** The instance the server would check the draft against; attempts, history and weights do not affect hard rules. */
export function instanceOf(view: PlanView, pins: readonly Pin[]): Instance {
  const { setup } = view;
  return {
    blocks: setup.blocks.map((block) => ({ id: block.id, name: block.name })),
    skills: view.skills.map((skill) => ({ id: skill.id, name: skill.code, prerequisites: skill.prerequisites })),
    adults: setup.adults.map((adult) => ({ ...adult })),
    stations: setup.stations.map((station) => ({
      id: station.id,
      name: station.name,
      kind: station.kind,
      capacity: station.capacity,
      blocks: station.blocks,
      ...(station.supervisor ? { supervisor: station.supervisor } : {}),
    })),
    students: view.students.map((student) => ({ id: student.id, name: student.name, mastery: student.mastery, needs: student.needs, flags: student.flags, attempts: {} })),
    constraints: setup.constraints,
    previous: [],
    week: null,
    pinned: pins.map((pin) => ({ ...pin })),
    mastered: DEFAULT_MASTERED,
    weights: DEFAULT_WEIGHTS,
  };
}

/** The board's live check; never throws, so a malformed day shows as a warning instead of a blank board. */
export function checkDraft(view: PlanView, groups: readonly Group[], pins: readonly Pin[]): PlanAssessment {
  try {
    return assessPlan(instanceOf(view, pins), groups, pins);
  } catch (error) {
    return { warnings: [{ rule: 'unknown', message: error instanceof Error ? error.message : String(error) }], objective: null, reasons: {} };
  }
}

/** A stable key of a group: block and place. */
export function groupKey(group: Pick<Group, 'block' | 'adult' | 'station'>): string {
  return `${group.block}|${group.adult ? `a:${group.adult}` : `s:${group.station ?? ''}`}`;
}

/** Moves `student` into the group with key `target` (same block); other groups are untouched. */
export function moveStudent(groups: readonly Group[], student: string, target: string): Group[] {
  const block = target.split('|')[0];
  if (!groups.some((group) => groupKey(group) === target)) return [...groups];
  return groups.map((group) => {
    if (group.block !== block) return group;
    const without = group.students.filter((id) => id !== student);
    if (groupKey(group) === target) return { ...group, students: [...without, student] };
    return without.length === group.students.length ? group : { ...group, students: without };
  });
}

export function setFocus(groups: readonly Group[], target: string, focusSkill: string | null): Group[] {
  return groups.map((group) => (groupKey(group) === target ? { ...group, focusSkill } : group));
}

export function pinOf(pins: readonly Pin[], block: string, student: string): Pin | undefined {
  return pins.find((pin) => pin.block === block && pin.student === student);
}

/** Pins the student to their current place in the block, or removes the pin they have. */
export function togglePin(pins: readonly Pin[], groups: readonly Group[], block: string, student: string): Pin[] {
  if (pinOf(pins, block, student)) return pins.filter((pin) => !(pin.block === block && pin.student === student));
  const group = groups.find((g) => g.block === block && g.students.includes(student));
  if (!group) return [...pins];
  return [...pins, { block, student, ...(group.adult ? { adult: group.adult } : { station: group.station! }) }];
}

/** A pin follows its student when they are moved by hand: the leader's latest choice is the one to keep. */
export function followPin(pins: readonly Pin[], groups: readonly Group[], block: string, student: string): Pin[] {
  if (!pinOf(pins, block, student)) return [...pins];
  const rest = pins.filter((pin) => !(pin.block === block && pin.student === student));
  return togglePin(rest, groups, block, student);
}

/** Students whose adult or station, or focus, in a block differs from the previous plan's; keys `student|block`. */
export function changedSince(groups: readonly Group[], previous: readonly Group[] | undefined): Set<string> {
  const changed = new Set<string>();
  if (!previous) return changed;
  const before = new Map<string, string>();
  for (const group of previous) for (const student of group.students) before.set(`${student}|${group.block}`, placeSignature(group));
  for (const group of groups) {
    for (const student of group.students) {
      const key = `${student}|${group.block}`;
      const was = before.get(key);
      if (was !== undefined && was !== placeSignature(group)) changed.add(key);
    }
  }
  return changed;
}

function placeSignature(group: Group): string {
  return `${group.adult ?? ''}|${group.station ?? ''}|${group.focusSkill ?? ''}`;
}

/** The next school day after `today` (YYYY-MM-DD): tomorrow, or Monday after a Friday or weekend. */
export function nextSchoolDay(today: Date): string {
  const day = new Date(Date.UTC(today.getFullYear(), today.getMonth(), today.getDate()));
  do day.setUTCDate(day.getUTCDate() + 1);
  while (day.getUTCDay() === 0 || day.getUTCDay() === 6);
  return day.toISOString().slice(0, 10);
}

export function todayIso(now: Date = new Date()): string {
  return new Date(Date.UTC(now.getFullYear(), now.getMonth(), now.getDate())).toISOString().slice(0, 10);
}

export const isIsoDate = (value: string | null | undefined): value is string => !!value && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value));

/** The student's next skill: the first in the sequence not yet mastered whose prerequisites are; the default focus of a group they start. */
export function nextSkillOf(view: PlanView, studentId: string, mastered = DEFAULT_MASTERED): string | null {
  const mastery = view.students.find((s) => s.id === studentId)?.mastery ?? {};
  const known = (skill: string) => (mastery[skill] ?? 0) >= mastered;
  const ready = view.skills.find((skill) => !known(skill.id) && skill.prerequisites.every(known));
  return (ready ?? view.skills.find((skill) => !known(skill.id)) ?? view.skills.at(-1))?.id ?? null;
}
