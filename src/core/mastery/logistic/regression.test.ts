import { describe, expect, it } from 'vitest';
import { seededRandom } from '../simulate.ts';
import type { Design } from './design.ts';
import { fitWeights, penalisedLogLoss, sigmoid } from './regression.ts';

/** Rows with an intercept and two features, labels drawn from known weights. */
function simulatedDesign(weights: number[], rows: number, seed: number): Design {
  const random = seededRandom(seed);
  const indices: number[] = [];
  const values: number[] = [];
  const rowStarts = [0];
  const labels: number[] = [];
  for (let r = 0; r < rows; r++) {
    const x = [1, random() * 4 - 2, random() < 0.3 ? 1 : 0];
    let z = 0;
    x.forEach((value, j) => {
      z += weights[j]! * value;
      if (value !== 0) {
        indices.push(j);
        values.push(value);
      }
    });
    rowStarts.push(indices.length);
    labels.push(random() < sigmoid(z) ? 1 : 0);
  }
  return { columns: 3, rowStarts: Int32Array.from(rowStarts), indices: Int32Array.from(indices), values: Float64Array.from(values), labels: Uint8Array.from(labels) };
}

describe('penalised logistic regression', () => {
  it('recovers the weights the labels were drawn from', () => {
    const truth = [0.5, 1.2, -0.8];
    const fit = fitWeights(simulatedDesign(truth, 40_000, 1), new Float64Array(3), { maxIterations: 200 });
    fit.w.forEach((value, j) => expect(Math.abs(value - truth[j]!), `weight ${j}`).toBeLessThan(0.06));
  });

  it('shrinks penalised weights toward zero', () => {
    const design = simulatedDesign([0.5, 1.2, -0.8], 5000, 2);
    const free = fitWeights(design, new Float64Array(3)).w;
    const penalised = fitWeights(design, Float64Array.from([0, 0.5, 0.5])).w;
    expect(Math.abs(penalised[1]!)).toBeLessThan(Math.abs(free[1]!));
    expect(Math.abs(penalised[2]!)).toBeLessThan(Math.abs(free[2]!));
  });

  it('has the gradient of its value (finite differences)', () => {
    const design = simulatedDesign([0.2, -0.7, 1.1], 300, 3);
    const objective = penalisedLogLoss(design, Float64Array.from([0, 0.1, 0.2]));
    const w = Float64Array.from([0.3, -0.4, 0.9]);
    const gradient = new Float64Array(3);
    objective(w, gradient);
    for (let j = 0; j < 3; j++) {
      const step = 1e-6;
      const up = Float64Array.from(w);
      const down = Float64Array.from(w);
      up[j]! += step;
      down[j]! -= step;
      const scratch = new Float64Array(3);
      const numeric = (objective(up, scratch) - objective(down, scratch)) / (2 * step);
      expect(gradient[j]).toBeCloseTo(numeric, 7);
    }
  });
});
