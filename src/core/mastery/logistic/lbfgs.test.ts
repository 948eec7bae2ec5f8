import { describe, expect, it } from 'vitest';
import { minimise } from './lbfgs.ts';

describe('minimise (L-BFGS)', () => {
  it('finds the minimum of a badly scaled quadratic', () => {
    const scales = [1, 10, 100, 1000, 0.01];
    const centre = [3, -2, 0.5, 7, -1];
    const result = minimise(
      (w, gradient) => {
        let value = 0;
        for (let i = 0; i < w.length; i++) {
          value += scales[i]! * (w[i]! - centre[i]!) ** 2;
          gradient[i] = 2 * scales[i]! * (w[i]! - centre[i]!);
        }
        return value;
      },
      new Float64Array(5),
      { tolerance: 0, gradientTolerance: 1e-9, maxIterations: 500 },
    );
    expect(result.converged).toBe(true);
    result.w.forEach((value, i) => expect(value).toBeCloseTo(centre[i]!, 5));
  });

  it('finds the minimum of the Rosenbrock valley, which is not quadratic', () => {
    const result = minimise(
      (w, gradient) => {
        const [x, y] = [w[0]!, w[1]!];
        gradient[0] = -2 * (1 - x) - 400 * x * (y - x * x);
        gradient[1] = 200 * (y - x * x);
        return (1 - x) ** 2 + 100 * (y - x * x) ** 2;
      },
      Float64Array.from([-1.2, 1]),
      { tolerance: 0, gradientTolerance: 1e-8, maxIterations: 1000 },
    );
    expect(result.w[0]).toBeCloseTo(1, 4);
    expect(result.w[1]).toBeCloseTo(1, 4);
  });
});
