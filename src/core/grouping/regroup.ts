/**
 * The daily regrouping: `regroup(instance)` returns the day's groups with the
 * objective and a reason for every placement, or, when the hard rules cannot
 * all hold, a report of which and why. Pure and deterministic: the CLI reads
 * the instance from a file, a database layer can build it from a team's data.
 *
 * Steps: compile the instance into numbered arrays; look for proofs that no
 * plan exists (counting); build a first plan block by block; repair the day
 * rules it left open; improve it by local search, then by kicks out of local
 * optima (for a small team, from several first plans, keeping the best);
 * check every hard rule from scratch before anything leaves.
 */
import { construct, type ConstructVariant } from './construct.ts';
import { infeasibilityReport } from './feasibility.ts';
import { compile, type Model } from './model.ts';
import { evaluate, type Plan } from './objective.ts';
import { explainPlan, type Reasons } from './reasons.ts';
import { repair } from './repair.ts';
import { perturb } from './perturb.ts';
import { checkHardRules } from './rules.ts';
import { improve, polishAcrossBlocks } from './search.ts';
import { SearchState } from './state.ts';
import type { Group, Instance, ObjectiveTerms, Problem } from './types.ts';

export interface RegroupPlan {
  feasible: true;
  groups: Group[];
  objective: number;
  terms: ObjectiveTerms;
  reasons: Reasons;
  /** The compiled model and plan, for callers that evaluate or compare (benchmarks, tests). */
  model: Model;
  plan: Plan;
}

export interface RegroupFailure {
  feasible: false;
  /** True when the problems prove no plan exists; false when the search found none but one may exist. */
  proven: boolean;
  problems: Problem[];
}

export type RegroupResult = RegroupPlan | RegroupFailure;

export interface RegroupOptions {
  /** Local-search rounds at most (default 50); each visits every student in every block. */
  maxRounds?: number;
  /** First plans to search from, each built differently; the best result wins (default by size, see `effort`). */
  starts?: number;
  /** Kicks out of local optima per start (default by size, see `effort`). */
  kicks?: number;
  /**
   * Work for the large moves (refocus-and-refill, kicks), in student-place
   * evaluations (default 5·10⁶): ample for a team of 200, a bound for a
   * district-sized instance.
   */
  workBudget?: number;
}

const DEFAULT_WORK_BUDGET = 5e6;
/** A team this small (students × places in a block) is cheap to search: several starts, many kicks. */
const SMALL_TEAM = 1000;

/**
 * How hard to search, by size: a small team's search costs little, so it gets
 * four starts and up to 150 kicks each; a team of 150 gets one start and 80;
 * larger instances are held by the work budget. Fixed numbers, not time, so
 * the same instance always gets the same plan.
 */
function effort(model: Model, options: RegroupOptions): { starts: number; kicks: number } {
  const places = Math.max(...model.places.map((list) => list.length));
  const small = model.students * places <= SMALL_TEAM;
  return {
    starts: options.starts ?? (small ? 4 : 1),
    kicks: options.kicks ?? Math.max(60, Math.min(150, Math.round(12_000 / Math.max(1, model.students)))),
  };
}

/** Different first plans: yesterday's groups when the instance has them, blocks built forwards or backwards, large or small groups first. */
function variants(model: Model): ConstructVariant[] {
  const forward = Array.from({ length: model.blocks }, (_, b) => b);
  const backward = [...forward].reverse();
  return [
    ...(model.instance.previous.length > 0 ? [{ blockOrder: forward, largeGroupsFirst: true, fromYesterday: true }] : []),
    { blockOrder: forward, largeGroupsFirst: true },
    { blockOrder: backward, largeGroupsFirst: true },
    { blockOrder: forward, largeGroupsFirst: false },
    { blockOrder: backward, largeGroupsFirst: false },
  ];
}

export function regroup(instance: Instance, options: RegroupOptions = {}): RegroupResult {
  const model = compile(instance);
  const proof = infeasibilityReport(model);
  if (proof.length > 0) return { feasible: false, proven: true, problems: proof };
  const { starts, kicks } = effort(model, options);
  const workBudget = options.workBudget ?? DEFAULT_WORK_BUDGET;
  let best: { total: number; plan: Plan } | null = null;
  let firstProblems: Problem[] = [];
  for (const [start, variant] of variants(model).slice(0, Math.max(1, starts)).entries()) {
    const state = new SearchState(model);
    construct(state, variant);
    repair(state);
    const search = { maxRounds: options.maxRounds ?? 50, workBudget };
    improve(state, search);
    if (perturb(state, { kicks, seed: model.students * 4 + start, workBudget })) improve(state, search);
    polishAcrossBlocks(state, search);
    const plan = state.toPlan();
    const problems = checkHardRules(model, plan);
    if (problems.length > 0) {
      if (best === null && firstProblems.length === 0) firstProblems = problems;
      continue;
    }
    if (best === null || state.total > best.total + 1e-9) best = { total: state.total, plan };
  }
  if (best === null) return { feasible: false, proven: false, problems: firstProblems };
  return describePlan(model, best.plan);
}

/** A plan with its groups in the output format, its objective and its reasons. */
export function describePlan(model: Model, plan: Plan): RegroupPlan {
  const { total, terms } = evaluate(model, plan);
  return { feasible: true, groups: planGroups(model, plan), objective: total, terms, reasons: explainPlan(model, plan), model, plan };
}

/** The plan in the output format: every place with students, block by block, in instance order. */
export function planGroups(model: Model, plan: Plan): Group[] {
  const { instance, blocks: B } = model;
  const groups: Group[] = [];
  for (let b = 0; b < B; b++) {
    const members: string[][] = model.places[b]!.map(() => []);
    for (let s = 0; s < model.students; s++) members[plan.place[s * B + b]!]!.push(instance.students[s]!.id);
    model.places[b]!.forEach((place, p) => {
      if (members[p]!.length === 0) return;
      const block = instance.blocks[b]!.id;
      if (place.kind === 'group') {
        const k = plan.focus[model.groupOffset[b]! + p]!;
        groups.push({ block, adult: instance.adults[place.owner]!.id, focusSkill: instance.skills[k]!.id, students: members[p]! });
      } else {
        groups.push({ block, station: instance.stations[place.owner]!.id, focusSkill: null, students: members[p]! });
      }
    });
  }
  return groups;
}

/** How well adult time is aimed: of the student-blocks in adult groups, how many have a ready focus (and how many their next skill). */
export function focusShares(model: Model, plan: Plan): { adultLed: number; ready: number; next: number } {
  let adultLed = 0;
  let ready = 0;
  let next = 0;
  for (let s = 0; s < model.students; s++) {
    for (let b = 0; b < model.blocks; b++) {
      const p = plan.place[s * model.blocks + b]!;
      if (model.places[b]![p]!.kind !== 'group') continue;
      const k = plan.focus[model.groupOffset[b]! + p]!;
      adultLed++;
      if (model.readiness[s]!.ready[k]) ready++;
      if (model.readiness[s]!.next === k) next++;
    }
  }
  return { adultLed, ready, next };
}
