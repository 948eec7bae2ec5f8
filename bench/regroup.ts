/**
 * Daily regrouping: the heuristic against the exact optimum. Deterministic
 * teams from src/core/grouping/generate.ts (yesterday's plan from the same
 * optimiser as `previous`), each solved by the heuristic (median of several
 * runs) and as a MILP by HiGHS (WebAssembly) under a time limit.
 * Targets: 150 students ≤ 200 ms and within 1% of the optimum; 1,500 students ≤ 2 s.
 *
 *   npx tsx bench/regroup.ts [--time-limit S] [--runs N] [--only 20|150|1500] [--seed N]
 */
import { parseArgs } from 'node:util';
import loadHighs, { type Highs } from 'highs';
import { solveExact, type ExactResult } from '../src/core/grouping/exact.ts';
import { generateInstance } from '../src/core/grouping/generate.ts';
import { evaluate } from '../src/core/grouping/objective.ts';
import { focusShares, regroup, type RegroupPlan } from '../src/core/grouping/regroup.ts';
import { checkHardRules } from '../src/core/grouping/rules.ts';
import type { Instance } from '../src/core/grouping/types.ts';
import { parseInstance } from '../src/core/grouping/validate.ts';

const { values } = parseArgs({
  options: { 'time-limit': { type: 'string', default: '120' }, runs: { type: 'string', default: '5' }, only: { type: 'string' }, seed: { type: 'string', default: '1' } },
});
const timeLimit = Number(values['time-limit']);
const runs = Number(values.runs);
const seed = Number(values.seed);

const TEAMS = [
  { students: 20, adults: 3, blocks: 2 },
  { students: 150, adults: 8, blocks: 4 },
  { students: 1500, adults: 60, blocks: 4 },
].filter((team) => values.only === undefined || String(team.students) === values.only);

/** Today's instance, with yesterday's plan (the same team a little less far along) as `previous`. */
function today(team: (typeof TEAMS)[number]): Instance {
  const yesterday = regroup(parseInstance(generateInstance({ ...team, seed, day: 0 }), 'yesterday'));
  if (!yesterday.feasible) throw new Error(`yesterday's ${team.students}-student instance has no plan`);
  return parseInstance({ ...generateInstance({ ...team, seed, day: 1 }), previous: yesterday.groups }, 'today');
}

function median(list: number[]): number {
  const sorted = [...list].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function timeHeuristic(instance: Instance): { ms: number; result: RegroupPlan } {
  const first = regroup(instance); // warm-up: the first run includes JIT compilation
  if (!first.feasible) throw new Error('no plan');
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const result = regroup(instance);
    times.push(performance.now() - started);
    if (!result.feasible || result.objective !== first.objective) throw new Error('the heuristic is not deterministic');
  }
  return { ms: median(times), result: first };
}

function gapText(heuristic: number, exact: ExactResult): string {
  if (exact.optimal && exact.objective !== null) return `${((100 * (exact.objective - heuristic)) / Math.abs(exact.objective)).toFixed(2)}`;
  if (exact.bound !== null) return `≤ ${((100 * (exact.bound - heuristic)) / Math.abs(exact.bound)).toFixed(2)}`;
  return '—';
}

// highs's types describe its CommonJS build; the ES module build imported here exports the loader itself.
const highs = await (loadHighs as unknown as () => Promise<Highs>)();
const rows: string[][] = [];
const notes: string[] = [];
for (const team of TEAMS) {
  const name = `${team.students.toLocaleString('en')} students / ${team.adults} adults / ${team.blocks} blocks`;
  const instance = today(team);
  const { ms, result } = timeHeuristic(instance);
  const shares = focusShares(result.model, result.plan);
  process.stderr.write(`${name}: heuristic ${result.objective.toFixed(2)} in ${ms.toFixed(0)} ms; HiGHS up to ${timeLimit} s...\n`);
  let exact: ExactResult;
  try {
    exact = solveExact(highs, result.model, { timeLimit, linking: team.students > 500 ? 'per-group' : 'both' });
  } catch (error) {
    notes.push(`${name}: HiGHS could not run (${(error as Error).message})`);
    rows.push([name, ms.toFixed(1), result.objective.toFixed(2), '—', '—', 'not run', '—', `${((100 * shares.ready) / shares.adultLed).toFixed(1)}%`, '—']);
    continue;
  }
  if (exact.plan) {
    // HiGHS's plan must keep every hard rule and be worth what HiGHS says under the heuristic's objective: the same model.
    const broken = checkHardRules(result.model, exact.plan);
    const value = evaluate(result.model, exact.plan).total;
    if (broken.length > 0) notes.push(`${name}: HiGHS's plan breaks ${broken.length} hard rule(s): ${broken[0]!.message}`);
    if (Math.abs(value - exact.objective!) > 1e-6 * Math.max(1, Math.abs(value))) notes.push(`${name}: HiGHS's plan is worth ${value} under the objective, HiGHS says ${exact.objective}`);
  }
  rows.push([
    name,
    ms.toFixed(1),
    result.objective.toFixed(2),
    exact.objective === null ? 'none' : exact.objective.toFixed(2),
    exact.bound === null ? '—' : exact.bound.toFixed(2),
    exact.optimal ? 'optimal' : `${exact.status}${exact.gap === null ? '' : `, gap ${(100 * exact.gap).toFixed(2)}%`}`,
    gapText(result.objective, exact),
    `${((100 * shares.ready) / shares.adultLed).toFixed(1)}%`,
    exact.seconds.toFixed(1),
  ]);
  notes.push(`${name}: MILP ${exact.columns.toLocaleString('en')} columns × ${exact.rows.toLocaleString('en')} rows`);
}

const header = ['instance', `heuristic ms (median of ${runs})`, 'heuristic objective', 'HiGHS objective', 'HiGHS bound', 'HiGHS status', 'gap to optimum %', 'ready share', 'HiGHS s'];
const table = [header, ...rows];
const widths = header.map((_, column) => Math.max(...table.map((row) => row[column]!.length)));
const line = (cells: string[]) => `| ${cells.map((cell, column) => cell.padEnd(widths[column]!)).join(' | ')} |`;
console.log('Daily regrouping: heuristic against HiGHS (same model)');
console.log(line(header));
console.log(`|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`);
for (const row of rows) console.log(line(row));
console.log('\nready share: student-blocks in adult groups whose focus is ready for the student (heuristic plan).');
console.log(`targets: 150 students ≤ 200 ms and within 1% of the optimum; 1,500 students ≤ 2000 ms. HiGHS time limit ${timeLimit} s.`);
for (const note of notes) console.log(`- ${note}`);
