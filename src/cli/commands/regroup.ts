import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { RegroupInputError } from '../../core/grouping/errors.ts';
import { regroup, type RegroupPlan } from '../../core/grouping/regroup.ts';
import type { Instance, Problem } from '../../core/grouping/types.ts';
import { parseInstance } from '../../core/grouping/validate.ts';
import type { Database } from '../../db/database.ts';
import { teamHeader } from '../../db/team-day.ts';
import { isDate } from '../../grouping/dates.ts';
import { DayNotPlannable } from '../../grouping/instance-from-db.ts';
import { generateDraft, planView, publishDraft, type Solution } from '../../grouping/team-day.ts';
import { withDatabase } from '../database.ts';
import { chooseDistrict } from '../district.ts';
import { printJson, UserError } from '../output.ts';

interface Flags {
  instance?: string;
  team?: string;
  date?: string;
  district?: string;
  publish?: boolean;
  json?: boolean;
}

function readInstance(file: string): Instance {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UserError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
  }
  const source = path.basename(file);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new UserError(`${source}: not valid JSON: ${(error as Error).message}`);
  }
  try {
    return parseInstance(data, source);
  } catch (error) {
    if (error instanceof RegroupInputError) throw new UserError(error.message);
    throw error;
  }
}

/** The JSON contract of `trellis regroup --json` (docs/regrouping.md). */
function toJson(result: RegroupPlan | Solution) {
  return { groups: result.groups, objective: result.objective, terms: result.terms, reasons: result.reasons };
}

function failureJson(result: { proven: boolean; problems: Problem[] }) {
  return { feasible: false, proven: result.proven, problems: result.problems };
}

function failureText(result: { proven: boolean; problems: Problem[] }): string {
  const head = result.proven
    ? 'no plan can keep every hard rule:'
    : 'the search found no plan that keeps every hard rule (one may still exist; loosen a rule or add places to be sure):';
  return [head, ...result.problems.map((problem) => `- ${problem.rule}: ${problem.message}`)].join('\n');
}

interface Names {
  blocks: { id: string; name?: string }[];
  names: Map<string, string>;
}

function printPlan({ blocks, names }: Names, result: RegroupPlan | Solution, skillLabel: (id: string) => string = (id) => id): void {
  for (const block of blocks) {
    console.log(`${block.name ?? block.id}`);
    for (const group of result.groups.filter((item) => item.block === block.id)) {
      const place = group.adult ?? group.station!;
      const focus = group.focusSkill ? ` · ${skillLabel(group.focusSkill)}` : '';
      console.log(`  ${names.get(place) ?? place}${focus} (${group.students.length}): ${group.students.map((id) => names.get(id) ?? id).join(', ')}`);
    }
  }
  console.log(`\nobjective ${result.objective.toFixed(2)}`);
}

function instanceNames(instance: Instance): Names {
  return {
    blocks: instance.blocks,
    names: new Map<string, string>([
      ...instance.students.map((student) => [student.id, student.name ?? student.id] as const),
      ...instance.adults.map((adult) => [adult.id, adult.name ?? adult.id] as const),
      ...instance.stations.map((station) => [station.id, station.name ?? station.id] as const),
    ]),
  };
}

function solveFile(flags: Flags & { instance: string }): void {
  const instance = readInstance(flags.instance);
  const result = regroup(instance);
  if (!result.feasible) {
    if (!flags.json) throw new UserError(failureText(result));
    printJson(failureJson(result));
    process.exitCode = 1;
    return;
  }
  if (flags.json) printJson(toJson(result));
  else printPlan(instanceNames(instance), result);
}

/** Solves a team's date from the database, stores it as the date's draft, and with --publish publishes it. */
async function solveTeam(db: Database, flags: Flags & { team: string; date: string }): Promise<void> {
  const district = await chooseDistrict(db, flags.district);
  const team = await teamHeader(db, district.id, flags.team);
  if (!team) throw new UserError(`there is no team "${flags.team}" in ${district.sourcedId}`);
  let outcome;
  try {
    outcome = await generateDraft(db, district.id, team.id, flags.date, null);
  } catch (error) {
    if (error instanceof DayNotPlannable) throw new UserError(`cannot plan ${flags.date}: ${error.message}`);
    throw error;
  }
  if (!outcome.feasible) {
    if (!flags.json) throw new UserError(failureText(outcome));
    printJson(failureJson(outcome));
    process.exitCode = 1;
    return;
  }
  if (flags.publish) {
    const published = await publishDraft(db, district.id, team.id, flags.date, { accountId: null, name: 'trellis regroup (command line)' }, false);
    if (!published.published) throw new UserError(`the plan was stored as the draft but not published (${published.reason})`);
  }
  if (flags.json) {
    printJson(toJson(outcome.solution));
    return;
  }
  const view = await planView(db, district.id, team.id, flags.date);
  const names = new Map<string, string>([
    ...(view?.students ?? []).map((student) => [student.id, student.name] as const),
    ...(view?.setup.adults ?? []).map((adult) => [adult.id, adult.name ?? adult.id] as const),
    ...(view?.setup.stations ?? []).map((station) => [station.id, station.name] as const),
  ]);
  const codes = new Map((view?.skills ?? []).map((skill) => [skill.id, skill.code ?? skill.name]));
  console.log(`${team.name}, ${flags.date}${flags.publish ? ' (published)' : ' (stored as the draft)'}\n`);
  printPlan({ blocks: view?.setup.blocks ?? [], names }, outcome.solution, (id) => codes.get(id) ?? id);
}

export function register(program: Command): void {
  program
    .command('regroup')
    .description("the day's groups from an instance file, or a team's day from the database: every student placed, every hard rule kept, a reason for each placement")
    .option('--instance <file>', 'the day as JSON (docs/regrouping.md)')
    .option('--team <sourcedId>', "plan a team's day from the database (its day setup, sequence, mastery, flags, yesterday's plan) and store it as the draft")
    .option('--date <YYYY-MM-DD>', 'with --team: the day to plan')
    .option('--district <sourcedId>', 'with --team: the district, when there are several')
    .option('--publish', 'with --team: publish the plan as well')
    .option('--json', 'print groups, objective and reasons as JSON')
    .action(async (flags: Flags) => {
      if ((flags.instance === undefined) === (flags.team === undefined)) throw new UserError('give either --instance FILE or --team ID --date YYYY-MM-DD');
      if (flags.instance !== undefined) {
        if (flags.date || flags.publish || flags.district) throw new UserError('--date, --district and --publish go with --team, not --instance');
        solveFile({ ...flags, instance: flags.instance });
        return;
      }
      if (!flags.date) throw new UserError('--team needs --date YYYY-MM-DD');
      if (!isDate(flags.date)) throw new UserError(`--date "${flags.date}" is not a calendar date (YYYY-MM-DD)`);
      const date = flags.date;
      await withDatabase((db) => solveTeam(db, { ...flags, team: flags.team!, date }));
    });
}
