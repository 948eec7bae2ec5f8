import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { RegroupInputError } from '../../core/grouping/errors.ts';
import { regroup, type RegroupFailure, type RegroupPlan } from '../../core/grouping/regroup.ts';
import type { Instance } from '../../core/grouping/types.ts';
import { parseInstance } from '../../core/grouping/validate.ts';
import { printJson, UserError } from '../output.ts';

interface Flags {
  instance: string;
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
function toJson(result: RegroupPlan) {
  return { groups: result.groups, objective: result.objective, terms: result.terms, reasons: result.reasons };
}

function failureJson(result: RegroupFailure) {
  return { feasible: false, proven: result.proven, problems: result.problems };
}

function failureText(result: RegroupFailure): string {
  const head = result.proven
    ? 'no plan can keep every hard rule:'
    : 'the search found no plan that keeps every hard rule (one may still exist; loosen a rule or add places to be sure):';
  return [head, ...result.problems.map((problem) => `- ${problem.rule}: ${problem.message}`)].join('\n');
}

function printPlan(instance: Instance, result: RegroupPlan): void {
  const name = new Map<string, string>([
    ...instance.students.map((student) => [student.id, student.name ?? student.id] as const),
    ...instance.adults.map((adult) => [adult.id, adult.name ?? adult.id] as const),
    ...instance.stations.map((station) => [station.id, station.name ?? station.id] as const),
  ]);
  for (const block of instance.blocks) {
    console.log(`${block.name ?? block.id}`);
    for (const group of result.groups.filter((item) => item.block === block.id)) {
      const place = group.adult ?? group.station!;
      const focus = group.focusSkill ? ` · ${group.focusSkill}` : '';
      console.log(`  ${name.get(place)}${focus} (${group.students.length}): ${group.students.map((id) => name.get(id)).join(', ')}`);
    }
  }
  console.log(`\nobjective ${result.objective.toFixed(2)}`);
}

export function register(program: Command): void {
  program
    .command('regroup')
    .description("the day's groups from an instance file: every student placed, every hard rule kept, a reason for each placement")
    .requiredOption('--instance <file>', 'the day as JSON (docs/regrouping.md)')
    .option('--json', 'print groups, objective and reasons as JSON')
    .action((flags: Flags) => {
      const instance = readInstance(flags.instance);
      const result = regroup(instance);
      if (!result.feasible) {
        if (!flags.json) throw new UserError(failureText(result));
        printJson(failureJson(result));
        process.exitCode = 1;
        return;
      }
      if (flags.json) printJson(toJson(result));
      else printPlan(instance, result);
    });
}
