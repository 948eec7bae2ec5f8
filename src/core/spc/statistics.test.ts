import { describe, expect, it } from 'vitest';
import { binomialHalfQuantile05, logGamma, mean, median, standardDeviation } from './statistics.ts';

describe('statistics', () => {
  it('computes mean, median and sample standard deviation', () => {
    expect(mean([1, 2, 3, 4])).toBe(2.5);
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(standardDeviation([2, 4, 4, 4, 5, 5, 7, 9])).toBeCloseTo(2.138089935, 9);
    expect(Number.isNaN(standardDeviation([1]))).toBe(true);
  });

  it('computes log-gamma to about 14 digits', () => {
    expect(logGamma(1)).toBeCloseTo(0, 13);
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 13);
    expect(logGamma(10)).toBeCloseTo(Math.log(362880), 12);
    expect(logGamma(100.5)).toBeCloseTo(361.4355404677776, 10);
  });

  it('gives the 5th percentile of Binomial(n, 1/2) exactly, in and beyond the range where 0.5^n is a normal double', () => {
    const table: Record<number, number> = { 0: 0, 1: 0, 4: 0, 5: 1, 9: 2, 17: 5, 19: 6, 23: 8, 29: 10, 35: 13, 39: 14, 99: 41, 999: 474, 2000: 963, 5000: 2442, 20000: 9884 };
    for (const [n, k] of Object.entries(table)) expect(binomialHalfQuantile05(Number(n)), `n = ${n}`).toBe(k);
  });
});
