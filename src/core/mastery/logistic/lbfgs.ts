/**
 * Limited-memory BFGS for smooth convex objectives (here: regularised logistic
 * regression). It keeps the last few steps and gradient changes to build a
 * cheap curvature estimate, so it needs tens of passes over the data where
 * plain gradient descent needs thousands, and it has no learning rate to tune.
 * Deterministic: no randomness anywhere.
 */

/** Writes the gradient at `w` into `gradient` and returns the objective value. */
export type Objective = (w: Float64Array, gradient: Float64Array) => number;

export interface LbfgsOptions {
  /** Upper bound on iterations (default 200). */
  maxIterations?: number;
  /** Number of past steps remembered (default 10). */
  memory?: number;
  /** Stop when an iteration improves the objective by less than this fraction (default 1e-9). */
  tolerance?: number;
  /** Stop when the largest gradient component falls below this (default 1e-7). */
  gradientTolerance?: number;
  onIteration?: (iteration: number, maxIterations: number, value: number) => void;
}

export interface LbfgsResult {
  w: Float64Array;
  value: number;
  iterations: number;
  converged: boolean;
}

function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
  return sum;
}

function maxAbs(a: Float64Array): number {
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]!));
  return max;
}

export function minimise(objective: Objective, start: Float64Array, options: LbfgsOptions = {}): LbfgsResult {
  const maxIterations = options.maxIterations ?? 200;
  const memory = options.memory ?? 10;
  const tolerance = options.tolerance ?? 1e-9;
  const gradientTolerance = options.gradientTolerance ?? 1e-7;
  const size = start.length;

  let w = Float64Array.from(start);
  let gradient = new Float64Array(size);
  let value = objective(w, gradient);
  const steps: Float64Array[] = [];
  const changes: Float64Array[] = [];
  const rhos: number[] = [];
  const alphas = new Float64Array(memory);
  const direction = new Float64Array(size);
  let nextW = new Float64Array(size);
  let nextGradient = new Float64Array(size);

  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    if (maxAbs(gradient) < gradientTolerance) return { w, value, iterations: iteration - 1, converged: true };

    // Two-loop recursion: direction = -H·gradient with H the curvature estimate.
    for (let i = 0; i < size; i++) direction[i] = -gradient[i]!;
    for (let k = steps.length - 1; k >= 0; k--) {
      const alpha = rhos[k]! * dot(steps[k]!, direction);
      alphas[k] = alpha;
      const change = changes[k]!;
      for (let i = 0; i < size; i++) direction[i]! -= alpha * change[i]!;
    }
    if (steps.length > 0) {
      const last = steps.length - 1;
      const scale = dot(steps[last]!, changes[last]!) / dot(changes[last]!, changes[last]!);
      for (let i = 0; i < size; i++) direction[i]! *= scale;
    } else {
      // The first step has no curvature yet: a unit-length move downhill.
      const norm = Math.sqrt(dot(direction, direction));
      for (let i = 0; i < size; i++) direction[i]! /= Math.max(norm, 1);
    }
    for (let k = 0; k < steps.length; k++) {
      const beta = rhos[k]! * dot(changes[k]!, direction);
      const step = steps[k]!;
      for (let i = 0; i < size; i++) direction[i]! += (alphas[k]! - beta) * step[i]!;
    }

    let slope = dot(gradient, direction);
    if (slope >= 0) {
      // The estimate went stale (can happen far from the optimum): restart downhill.
      steps.length = changes.length = rhos.length = 0;
      for (let i = 0; i < size; i++) direction[i] = -gradient[i]!;
      slope = dot(gradient, direction);
    }

    // Backtracking until the Armijo sufficient-decrease condition holds.
    let stepSize = 1;
    let nextValue = Number.POSITIVE_INFINITY;
    for (let tries = 0; tries < 40; tries++) {
      for (let i = 0; i < size; i++) nextW[i] = w[i]! + stepSize * direction[i]!;
      nextValue = objective(nextW, nextGradient);
      if (nextValue <= value + 1e-4 * stepSize * slope) break;
      stepSize /= 2;
    }
    if (!(nextValue < value)) return { w, value, iterations: iteration, converged: true };

    const step = new Float64Array(size);
    const change = new Float64Array(size);
    for (let i = 0; i < size; i++) {
      step[i] = nextW[i]! - w[i]!;
      change[i] = nextGradient[i]! - gradient[i]!;
    }
    const curvature = dot(step, change);
    // Only remember pairs with positive curvature, so the estimate stays positive definite.
    if (curvature > 1e-12) {
      if (steps.length === memory) {
        steps.shift();
        changes.shift();
        rhos.shift();
      }
      steps.push(step);
      changes.push(change);
      rhos.push(1 / curvature);
    }

    const improvement = value - nextValue;
    [w, nextW] = [nextW, w];
    [gradient, nextGradient] = [nextGradient, gradient];
    value = nextValue;
    options.onIteration?.(iteration, maxIterations, value);
    if (improvement < tolerance * Math.max(Math.abs(value), 1)) return { w, value, iterations: iteration, converged: true };
  }
  return { w, value, iterations: maxIterations, converged: false };
}
