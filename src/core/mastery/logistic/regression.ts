/**
 * Penalised logistic regression: the weights that minimise the average
 * log-loss of the training responses plus a ridge penalty (λ/2)·w² per weight.
 * The penalty keeps weights of rare features (a skill pair seen a few times)
 * near zero, where the data cannot pin them down.
 */
import type { Design } from './design.ts';
import { minimise, type LbfgsOptions, type Objective } from './lbfgs.ts';

export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}


export function penalisedLogLoss(design: Design, penalties: Float64Array): Objective {
  const { rowStarts, indices, values, labels } = design;
  const rows = labels.length;
  return (w, gradient) => {
    gradient.fill(0);
    let loss = 0;
    for (let r = 0; r < rows; r++) {
      const start = rowStarts[r]!;
      const end = rowStarts[r + 1]!;
      let z = 0;
      for (let e = start; e < end; e++) z += w[indices[e]!]! * values[e]!;
      // -log p(y) = log(1 + e^z) - y·z, written with e^-|z| so neither form overflows.
      const y = labels[r]!;
      const small = Math.exp(-Math.abs(z));
      loss += (z > 0 ? z : 0) + Math.log1p(small) - y * z;
      const p = z >= 0 ? 1 / (1 + small) : small / (1 + small);
      const residual = (p - y) / rows;
      for (let e = start; e < end; e++) gradient[indices[e]!]! += residual * values[e]!;
    }
    loss /= rows;
    for (let j = 0; j < w.length; j++) {
      const lambda = penalties[j]!;
      if (lambda === 0) continue;
      loss += 0.5 * lambda * w[j]! * w[j]!;
      gradient[j]! += lambda * w[j]!;
    }
    return loss;
  };
}

export function fitWeights(design: Design, penalties: Float64Array, options: LbfgsOptions = {}) {
  return minimise(penalisedLogLoss(design, penalties), new Float64Array(design.columns), options);
}
