/**
 * Solves the regrouping MILP exactly with HiGHS (the `highs` package, HiGHS
 * compiled to WebAssembly). The caller loads the solver (`await loadHighs()`)
 * and passes it in, so this module stays synchronous and free of I/O. Used to
 * measure the heuristic against the optimum (bench/regroup.ts, tests).
 */
import type { Highs } from 'highs';
import { buildMilp, type MilpOptions } from './milp.ts';
import type { Model } from './model.ts';
import type { Plan } from './objective.ts';

export interface ExactOptions extends MilpOptions {
  /** Seconds before HiGHS stops with its best plan so far and its bound. */
  timeLimit: number;
  /** Relative gap at which HiGHS may call a plan optimal (HiGHS's default 1e-4). */
  relativeGap?: number;
  /** A plan to start from (e.g. the heuristic's); without it HiGHS searches from scratch. */
  start?: Plan;
}

export interface ExactResult {
  /** HiGHS's model status: "optimal", "time limit", "infeasible", ... */
  status: string;
  optimal: boolean;
  /** Best plan's objective, or null when HiGHS found none. */
  objective: number | null;
  /** Proven upper bound on the optimum (maximising), or null when none. */
  bound: number | null;
  /** HiGHS's relative gap between objective and bound. */
  gap: number | null;
  seconds: number;
  plan: Plan | null;
  columns: number;
  rows: number;
}

const STATUS_NAMES: Record<number, string> = {
  7: 'optimal',
  8: 'infeasible',
  9: 'infeasible or unbounded',
  10: 'unbounded',
  13: 'time limit',
  14: 'iteration limit',
  15: 'unknown',
  17: 'interrupted',
};

function finite(value: number | bigint): number | null {
  const number = Number(value);
  return Number.isFinite(number) && Math.abs(number) < 1e30 ? number : null;
}

export function solveExact(highs: Highs, model: Model, options: ExactOptions): ExactResult {
  const milp = buildMilp(model, options);
  const started = performance.now();
  const solver = highs.createModel({
    numCols: milp.numCols,
    numRows: milp.numRows,
    sense: highs.constants.objectiveSense.maximize,
    colCost: milp.colCost,
    colLower: milp.colLower,
    colUpper: milp.colUpper,
    rowLower: milp.rowLower.map((value) => (value === -Infinity ? -highs.infinity : value)),
    rowUpper: milp.rowUpper.map((value) => (value === Infinity ? highs.infinity : value)),
    matrix: { format: 'csc', numRows: milp.numRows, numCols: milp.numCols, starts: milp.starts, indices: milp.indices, values: milp.values },
    integrality: milp.integrality,
  });
  try {
    solver.options.set({ output_flag: false, time_limit: options.timeLimit, mip_rel_gap: options.relativeGap ?? 1e-4, random_seed: 0 });
    if (options.start) solver.setSolution({ colValue: milp.encode(options.start) });
    solver.run();
    const code = solver.getModelStatus();
    const hasSolution = Number(solver.info.get('primal_solution_status')) === 2;
    const objective = hasSolution ? solver.getObjectiveValue() : null;
    const bound = finite(solver.info.get('mip_dual_bound')) ?? (code === 7 ? objective : null);
    const gap = code === 7 ? finite(solver.info.get('mip_gap')) ?? 0 : finite(solver.info.get('mip_gap'));
    return {
      status: STATUS_NAMES[code] ?? `status ${code}`,
      optimal: code === 7,
      objective,
      bound,
      gap,
      seconds: (performance.now() - started) / 1000,
      plan: hasSolution ? milp.decode(solver.getSolution().colValue) : null,
      columns: milp.numCols,
      rows: milp.numRows,
    };
  } finally {
    solver.dispose();
  }
}
