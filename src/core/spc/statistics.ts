/**
 * Small numeric helpers the charts share. Hand-written because the engine must
 * agree with the reference literature to the sixth digit and run 10,000 series a
 * second: plain loops over arrays, no allocation-heavy helpers.
 */

/**
 * Sum with Neumaier's compensation: close to the exact sum, so a centre line
 * computed from "nice" data (49.7) is the double nearest 49.7 and a point of
 * exactly 49.7 sits on it — which decides runs and crossings.
 */
export function sum(values: readonly number[]): number {
  let total = 0;
  let compensation = 0;
  for (const value of values) {
    const next = total + value;
    compensation += Math.abs(total) >= Math.abs(value) ? total - next + value : value - next + total;
    total = next;
  }
  return total + compensation;
}

/** The mean, refined by a second pass over the residuals as the reference implementation does. */
export function mean(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const first = sum(values) / values.length;
  if (!Number.isFinite(first)) return first;
  let residual = 0;
  let compensation = 0;
  for (const value of values) {
    const term = value - first;
    const next = residual + term;
    compensation += Math.abs(residual) >= Math.abs(term) ? residual - next + term : term - next + residual;
    residual = next;
  }
  return first + (residual + compensation) / values.length;
}

/** The median; the mean of the two middle values for an even count. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Sample standard deviation (n − 1 in the denominator); NaN for fewer than two values. */
export function standardDeviation(values: readonly number[]): number {
  if (values.length < 2) return Number.NaN;
  const centre = mean(values);
  let squares = 0;
  for (const value of values) squares += (value - centre) ** 2;
  return Math.sqrt(squares / (values.length - 1));
}

// Lanczos approximation (g = 7, 9 coefficients): about 15 significant digits for x > 0.
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** Natural logarithm of the gamma function, for x > 0. */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  const z = x - 1;
  let series = LANCZOS[0]!;
  for (let i = 1; i < LANCZOS.length; i++) series += LANCZOS[i]! / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(series);
}

const binomialQuantiles = new Map<number, number>();

/**
 * The 5th percentile of Binomial(trials, 0.5): the smallest k with P(X ≤ k) ≥ 0.05.
 * Probabilities are summed in log space so large series do not underflow; the
 * answer depends only on `trials`, so it is cached.
 */
export function binomialHalfQuantile05(trials: number): number {
  if (trials <= 0) return 0;
  const cached = binomialQuantiles.get(trials);
  if (cached !== undefined) return cached;
  // Below 1,000 trials 0.5^n is a normal double and the ratio recurrence
  // P(k + 1) = P(k) · (n − k) / (k + 1) is exact to a few ulps; above, work in logs.
  const exact = trials <= 1000;
  const logHalfPower = trials * Math.log(0.5);
  const logTrialsFactorial = exact ? 0 : logGamma(trials + 1);
  let probability = exact ? 0.5 ** trials : 0;
  let cumulative = 0;
  let k = 0;
  for (; k < trials; k++) {
    if (!exact) probability = Math.exp(logTrialsFactorial - logGamma(k + 1) - logGamma(trials - k + 1) + logHalfPower);
    cumulative += probability;
    if (cumulative >= 0.05) break;
    if (exact) probability = (probability * (trials - k)) / (k + 1);
  }
  binomialQuantiles.set(trials, k);
  return k;
}
