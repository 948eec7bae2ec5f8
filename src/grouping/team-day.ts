/**
 * The team day's work, shared by the HTTP routes and the CLI: generate a
 * date's draft from the database, store the leader's edits with the rules they
 * break, publish, and assemble the plan view the board shows. Callers check
 * who may do it; this module does not know about HTTP.
 */
import { regroup } from '../core/grouping/regroup.ts';
import type { Group, ObjectiveTerms, Pin, Problem } from '../core/grouping/types.ts';
import type { Database, Sql } from '../db/database.ts';
import { insertPublication, lastPublishedBefore, loadDraft, publishedPlans, saveDraft, teamHeader, type SequenceSkill } from '../db/team-day.ts';
import type { PlanReasons, PlanWarning, Publication, StoredPlan } from './day-plan.ts';
import type { DayAdult } from './day-setup.ts';
import { buildDayInstance, loadDayInputs, withSkillCodes, type DayInputs } from './instance-from-db.ts';
import { assessPlan } from './plan-check.ts';
import { currentSetup, setupOut } from './setup-store.ts';

export interface PlanOut {
  groups: Group[];
  pins: Pin[];
  reasons: PlanReasons;
  objective: number | null;
  warnings: PlanWarning[];
  generatedAt: string | null;
  publishedAt: string | null;
  publishedBy: string | null;
}

export interface PlanView {
  date: string;
  team: { id: string; name: string };
  setup: ReturnType<typeof setupOut>;
  draft: PlanOut | null;
  published: PlanOut | null;
  previous: (PlanOut & { date: string }) | null;
  students: { id: string; name: string; mastery: Record<string, number>; flags: string[]; needs: string[] }[];
  skills: SequenceSkill[];
  adults: DayAdult[];
}

/** The optimiser's answer as `trellis regroup --json` prints it, with skill codes in the sentences. */
export interface Solution {
  groups: Group[];
  objective: number;
  terms: ObjectiveTerms;
  reasons: { students: PlanReasons; groups: PlanReasons };
}

export type GenerateOutcome = { feasible: true; plan: StoredPlan; solution: Solution } | { feasible: false; proven: boolean; problems: Problem[] };

const relabelReasons = (reasons: PlanReasons, skills: readonly SequenceSkill[]): PlanReasons =>
  Object.fromEntries(Object.entries(reasons).map(([student, blocks]) => [student, Object.fromEntries(Object.entries(blocks).map(([block, text]) => [block, withSkillCodes(text, skills)]))]));

const relabelWarnings = (warnings: PlanWarning[], skills: readonly SequenceSkill[]): PlanWarning[] =>
  warnings.map((warning) => ({ ...warning, message: withSkillCodes(warning.message, skills) }));

/** Solves the date from the database and stores the plan as its draft, keeping the draft's pins. */
export async function generateDraft(db: Database, districtId: string, team: string, date: string, accountId: string | null): Promise<GenerateOutcome> {
  const draft = await loadDraft(db, districtId, team, date);
  const inputs = await loadDayInputs(db, districtId, team, date, draft?.pins ?? []);
  const result = regroup(buildDayInstance(inputs));
  if (!result.feasible) {
    return { feasible: false, proven: result.proven, problems: result.problems.map((problem) => ({ ...problem, message: withSkillCodes(problem.message, inputs.skills) })) };
  }
  const plan: StoredPlan = {
    groups: result.groups,
    pins: draft?.pins ?? [],
    reasons: relabelReasons(result.reasons.students, inputs.skills),
    objective: result.objective,
    generatedAt: new Date().toISOString(),
  };
  await saveDraft(db, districtId, team, date, plan, accountId);
  const solution = {
    groups: result.groups,
    objective: result.objective,
    terms: result.terms,
    reasons: { students: plan.reasons, groups: relabelReasons(result.reasons.groups, inputs.skills) },
  };
  return { feasible: true, plan, solution };
}

/** The plan judged against the day as it stands: warnings, objective and reasons. */
export function assessAgainst(inputs: DayInputs, groups: Group[], pins: Pin[]) {
  const assessment = assessPlan(buildDayInstance({ ...inputs, pins }), groups, pins);
  return { ...assessment, warnings: relabelWarnings(assessment.warnings, inputs.skills), reasons: relabelReasons(assessment.reasons, inputs.skills) };
}

/** Stores the leader's groups and pins as the draft, whatever rules they break, and says which. */
export async function saveEditedDraft(
  db: Database,
  districtId: string,
  team: string,
  date: string,
  edit: { groups: Group[]; pins: Pin[] },
  accountId: string,
): Promise<{ draft: PlanOut; warnings: PlanWarning[] }> {
  const earlier = await loadDraft(db, districtId, team, date);
  const inputs = await loadDayInputs(db, districtId, team, date, edit.pins);
  const { warnings, objective, reasons } = assessAgainst(inputs, edit.groups, edit.pins);
  const plan: StoredPlan = { groups: edit.groups, pins: edit.pins, reasons, objective, generatedAt: earlier?.generatedAt ?? null };
  await saveDraft(db, districtId, team, date, plan, accountId);
  return { draft: { ...plan, warnings, publishedAt: null, publishedBy: null }, warnings };
}

export type PublishOutcome = { published: true } | { published: false; reason: 'no_draft' } | { published: false; reason: 'broken_rules'; warnings: PlanWarning[] };

/** Publishes the date's draft as a new version; refuses a draft that breaks a hard rule unless overridden. */
export async function publishDraft(
  db: Database,
  districtId: string,
  team: string,
  date: string,
  by: { accountId: string | null; name: string },
  override: boolean,
): Promise<PublishOutcome> {
  const draft = await loadDraft(db, districtId, team, date);
  if (!draft) return { published: false, reason: 'no_draft' };
  const inputs = await loadDayInputs(db, districtId, team, date, draft.pins);
  const { warnings, objective, reasons } = assessAgainst(inputs, draft.groups, draft.pins);
  if (warnings.length > 0 && !override) return { published: false, reason: 'broken_rules', warnings };
  await db.transaction((tx) =>
    insertPublication(tx, districtId, team, date, {
      plan: { ...draft, objective, reasons },
      warnings,
      setup: inputs.setup,
      accountId: by.accountId,
      publishedByName: by.name,
    }),
  );
  return { published: true };
}

const publicationOut = (publication: Publication): PlanOut => ({
  groups: publication.groups,
  pins: publication.pins,
  reasons: publication.reasons,
  objective: publication.objective,
  warnings: publication.warnings,
  generatedAt: publication.generatedAt,
  publishedAt: publication.publishedAt,
  publishedBy: publication.publishedBy,
});

export async function planView(sql: Sql, districtId: string, team: string, date: string): Promise<PlanView | null> {
  const header = await teamHeader(sql, districtId, team);
  if (!header) return null;
  const setup = await currentSetup(sql, districtId, team);
  const stored = await loadDraft(sql, districtId, team, date);
  const inputs = await loadDayInputs(sql, districtId, team, date, stored?.pins ?? []);
  let draft: PlanOut | null = null;
  if (stored) {
    let warnings: PlanWarning[] = [];
    try {
      warnings = assessAgainst(inputs, stored.groups, stored.pins).warnings;
    } catch {
      // The day cannot be planned any more (sequence or students gone): the draft stands as stored, the generate route says why.
    }
    draft = { ...stored, warnings, publishedAt: null, publishedBy: null };
  }
  const [published] = await publishedPlans(sql, districtId, [team], date, date);
  const previous = await lastPublishedBefore(sql, districtId, team, date);
  const mastery = new Map<string, Record<string, number>>();
  for (const row of inputs.mastery) (mastery.get(row.student) ?? mastery.set(row.student, {}).get(row.student)!)[row.skill] = row.known;
  const flags = new Map<string, string[]>();
  for (const flag of inputs.flags) {
    const list = flags.get(flag.student) ?? flags.set(flag.student, []).get(flag.student)!;
    if (!list.includes(flag.kind)) list.push(flag.kind);
  }
  return {
    date,
    team: { id: header.id, name: header.name },
    setup: setupOut(team, setup),
    draft,
    published: published ? publicationOut(published) : null,
    previous: previous ? { date: previous.date, ...publicationOut(previous) } : null,
    students: inputs.students.map((student) => ({
      id: student.id,
      name: student.name,
      mastery: mastery.get(student.id) ?? {},
      flags: flags.get(student.id) ?? [],
      needs: student.needs,
    })),
    skills: inputs.skills,
    adults: setup.setup.adults,
  };
}
