/**
 * A plan as the team left it (generated, or edited by hand on the board)
 * judged against the day's instance: the hard rules it breaks, its objective
 * when it keeps them all, and the sentence for each placement. Pure; the web
 * board can run the same checks while a leader drags students.
 */
import { compile, type Model } from '../core/grouping/model.ts';
import { evaluate, type Plan } from '../core/grouping/objective.ts';
import { groupReason, stationReason } from '../core/grouping/reasons.ts';
import { checkHardRules } from '../core/grouping/rules.ts';
import type { Group, Instance, Pin } from '../core/grouping/types.ts';
import type { PlanReasons, PlanWarning } from './day-plan.ts';

export interface PlanAssessment {
  warnings: PlanWarning[];
  /** Null while a hard rule is broken. */
  objective: number | null;
  reasons: PlanReasons;
}

const UNPLACED = -1;

/** The groups as a compiled plan; ids the day does not know, and students placed twice, become warnings. */
export function compileGroups(model: Model, groups: readonly Group[]): { plan: Plan; warnings: PlanWarning[] } {
  const { instance, blocks: B } = model;
  const warnings: PlanWarning[] = [];
  const plan: Plan = { place: new Int32Array(model.students * B).fill(UNPLACED), focus: new Int32Array(model.totalGroups).fill(-1) };
  const blockIndex = new Map(instance.blocks.map((block, b) => [block.id, b]));
  const studentIndex = new Map(instance.students.map((student, s) => [student.id, s]));
  const skillIndex = new Map(instance.skills.map((skill, k) => [skill.id, k]));
  const adultIndex = new Map(instance.adults.map((adult, a) => [adult.id, a]));
  const stationIndex = new Map(instance.stations.map((station, t) => [station.id, t]));
  for (const group of groups) {
    const b = blockIndex.get(group.block);
    if (b === undefined) {
      warnings.push({ rule: 'unknown', message: `there is no block ${group.block} in the day`, block: group.block });
      continue;
    }
    const kind = group.adult !== undefined ? 'group' : 'station';
    const owner = kind === 'group' ? adultIndex.get(group.adult!) : stationIndex.get(group.station ?? '');
    const who = group.adult ?? group.station ?? '?';
    if (owner === undefined) {
      warnings.push({ rule: 'unknown', message: `block ${group.block}: ${who} is not an adult or station of the day`, block: group.block });
      continue;
    }
    const p = model.places[b]!.findIndex((place) => place.kind === kind && place.owner === owner);
    if (p === -1) {
      const why = kind === 'group' ? 'is not available to lead a group' : 'is not open';
      warnings.push({ rule: 'place', message: `block ${group.block}: ${who} ${why} in this block`, block: group.block, ...single(group.students) });
      continue;
    }
    if (kind === 'group' && group.focusSkill !== null) {
      const k = skillIndex.get(group.focusSkill);
      if (k === undefined) warnings.push({ rule: 'unknown', message: `block ${group.block}: ${who}'s focus ${group.focusSkill} is not in the team's sequence`, block: group.block });
      else plan.focus[model.groupOffset[b]! + p] = k;
    }
    for (const student of group.students) {
      const s = studentIndex.get(student);
      if (s === undefined) {
        warnings.push({ rule: 'unknown', message: `block ${group.block}: ${student} is not a student of the team`, block: group.block, student });
        continue;
      }
      if (plan.place[s * B + b] !== UNPLACED) {
        warnings.push({ rule: 'place', message: `block ${group.block}: ${student} is in two places`, block: group.block, student });
        continue;
      }
      plan.place[s * B + b] = p;
    }
  }
  return { plan, warnings };
}

function single(students: readonly string[]): { student?: string } {
  return students.length === 1 ? { student: students[0]! } : {};
}

/** Pins the day cannot hold because they name what is not in it. */
export function unknownPins(instance: Instance, pins: readonly Pin[]): PlanWarning[] {
  const kept = new Set(instance.pinned.map((pin) => JSON.stringify([pin.block, pin.student, pin.adult ?? null, pin.station ?? null])));
  return pins
    .filter((pin) => !kept.has(JSON.stringify([pin.block, pin.student, pin.adult ?? null, pin.station ?? null])))
    .map((pin) => ({ rule: 'unknown', message: `block ${pin.block}: the pin of ${pin.student} to ${pin.adult ?? pin.station} names someone or something not in the day`, block: pin.block, student: pin.student }));
}

export function assessPlan(instance: Instance, groups: readonly Group[], pins: readonly Pin[] = instance.pinned): PlanAssessment {
  const model = compile(instance);
  const { plan, warnings } = compileGroups(model, groups);
  warnings.push(...unknownPins(instance, pins));
  for (const problem of checkHardRules(model, plan)) {
    warnings.push({ rule: problem.rule, message: problem.message, ...(problem.block !== undefined && { block: problem.block }), ...single(problem.students) });
  }
  return { warnings, objective: warnings.length === 0 ? evaluate(model, plan).total : null, reasons: placementReasons(model, plan) };
}

/** The optimiser's sentence for every placed student (a student with no place, or in a group without a focus, has none there). */
export function placementReasons(model: Model, plan: Plan): PlanReasons {
  const { instance, blocks: B } = model;
  const reasons: PlanReasons = {};
  for (let s = 0; s < model.students; s++) {
    const adultBlocks: string[] = [];
    for (let b = 0; b < B; b++) {
      const place = model.places[b]![plan.place[s * B + b]!];
      if (place?.kind === 'group') adultBlocks.push(instance.blocks[b]!.name ?? instance.blocks[b]!.id);
    }
    const sentences: Record<string, string> = {};
    for (let b = 0; b < B; b++) {
      const p = plan.place[s * B + b]!;
      const place = model.places[b]![p];
      if (!place) continue;
      if (place.kind === 'station') {
        sentences[instance.blocks[b]!.id] = stationReason(model, s, place.owner, adultBlocks);
        continue;
      }
      const k = plan.focus[model.groupOffset[b]! + p]!;
      if (k >= 0) sentences[instance.blocks[b]!.id] = groupReason(model, s, b, place.owner, k);
    }
    reasons[instance.students[s]!.id] = sentences;
  }
  return reasons;
}
