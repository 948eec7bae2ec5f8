/**
 * Centre line and 3-sigma limits for each chart type, computed over one part.
 * The formulas follow Provost & Murray (The Health Care Data Guide), Montgomery
 * (Introduction to Statistical Quality Control) and Laney (2002) for P′ and U′.
 * NaN stands for "none" (a missing value or a limit the chart does not have).
 */
import { logGamma, mean, median, sum } from './statistics.ts';
import type { Subgroup } from './subgroups.ts';
import type { ChartType } from './types.ts';

export interface PartLimits {
  /** The plotted value per subgroup (ranges for MR, standard deviations for S...). */
  y: number[];
  cl: number[];
  lcl: number[];
  ucl: number[];
}

/** d2 for moving ranges of two: the mean range of two normal values in sigmas. */
const D2 = 1.128;
/** D4 for moving ranges of two: the upper limit of a moving range chart, in average ranges. */
const D4 = 3.267;

/** Values at the positions where `use` is true. */
function pick(values: readonly number[], use: readonly boolean[]): number[] {
  const picked: number[] = [];
  for (let i = 0; i < values.length; i++) if (use[i]) picked.push(values[i]!);
  return picked;
}

function present(values: readonly number[]): number[] {
  return values.filter((value) => !Number.isNaN(value));
}

function filled(length: number, value: number): number[] {
  return new Array<number>(length).fill(value);
}

/**
 * Sigma from the average moving range of the given (baseline) values. Moving
 * ranges next to a missing value are skipped; ranges above D4 times the average
 * are screened out before the average is taken again (Nelson 1982), so one
 * freak value does not widen the limits.
 */
export function sigmaFromMovingRanges(values: readonly number[]): number {
  const ranges: number[] = [];
  for (let i = 1; i < values.length; i++) {
    const range = Math.abs(values[i]! - values[i - 1]!);
    if (!Number.isNaN(range)) ranges.push(range);
  }
  const average = mean(ranges);
  const screened = ranges.filter((range) => range < D4 * average);
  return mean(screened) / D2;
}

function symmetric(y: number[], cl: number[], sigma: readonly number[] | number): PartLimits {
  const sigmaAt = (i: number) => (typeof sigma === 'number' ? sigma : sigma[i]!);
  return {
    y,
    cl,
    lcl: cl.map((centre, i) => centre - 3 * sigmaAt(i)),
    ucl: cl.map((centre, i) => centre + 3 * sigmaAt(i)),
  };
}

function clampLower(limits: PartLimits, floor = 0): PartLimits {
  limits.lcl = limits.lcl.map((value) => (value < floor ? floor : value));
  return limits;
}

function clampUpper(limits: PartLimits, ceiling: number): PartLimits {
  limits.ucl = limits.ucl.map((value) => (value > ceiling ? ceiling : value));
  return limits;
}

/** Bias-correction constant c4 for the standard deviation of n normal values. */
function c4(n: number): number {
  if (n <= 1) return Number.NaN;
  return Math.sqrt(2 / (n - 1)) * Math.exp(logGamma(n / 2) - logGamma((n - 1) / 2));
}

function runChart(groups: readonly Subgroup[], base: readonly boolean[]): PartLimits {
  const y = groups.map((group) => group.value);
  const centre = median(present(pick(y, base)));
  return { y, cl: filled(y.length, centre), lcl: filled(y.length, Number.NaN), ucl: filled(y.length, Number.NaN) };
}

function individualsChart(y: number[], base: readonly boolean[]): PartLimits {
  const baseline = pick(y, base);
  const centre = mean(present(baseline));
  return symmetric(y, filled(y.length, centre), sigmaFromMovingRanges(baseline));
}

function movingRangeChart(groups: readonly Subgroup[], base: readonly boolean[]): PartLimits {
  const y = groups.map((group, i) => (i === 0 ? Number.NaN : Math.abs(group.value - groups[i - 1]!.value)));
  const centre = mean(present(pick(y, base)));
  return { y, cl: filled(y.length, centre), lcl: filled(y.length, 0), ucl: filled(y.length, D4 * centre) };
}

/** Pooled standard deviation when subgroup sizes vary, else the mean standard deviation (Montgomery 6.29, 6.31). */
function withinSubgroupSigma(groups: readonly Subgroup[], base: readonly boolean[]): number {
  const sizes = new Set(groups.map((group) => group.size));
  const baseline = groups.filter((_, i) => base[i]);
  if (sizes.size > 1) {
    let squares = 0;
    let freedom = 0;
    for (const group of baseline) {
      if (!Number.isNaN(group.sd)) squares += (group.size - 1) * group.sd ** 2;
      // An entirely missing subgroup counts as -1 degree of freedom, as in the
      // reference implementation the engine is checked against to the sixth digit.
      freedom += group.size - 1;
    }
    return Math.sqrt(squares / freedom);
  }
  return mean(present(baseline.map((group) => group.sd)));
}

function meanChart(groups: readonly Subgroup[], base: readonly boolean[]): PartLimits {
  const y = groups.map((group) => group.mean);
  const weighted: number[] = [];
  const sizes: number[] = [];
  groups.forEach((group, i) => {
    if (!base[i] || group.size === 0) return;
    weighted.push(group.size * group.mean);
    sizes.push(group.size);
  });
  const centre = sum(weighted) / sum(sizes);
  const sigma = withinSubgroupSigma(groups, base);
  return symmetric(
    y,
    filled(y.length, centre),
    groups.map((group) => sigma / (c4(group.size) * Math.sqrt(group.size))),
  );
}

function standardDeviationChart(groups: readonly Subgroup[], base: readonly boolean[]): PartLimits {
  const y = groups.map((group) => group.sd);
  const centre = withinSubgroupSigma(groups, base);
  const spread = groups.map((group) => {
    const correction = c4(group.size);
    return (3 * Math.sqrt(1 - correction ** 2)) / correction;
  });
  return {
    y,
    cl: filled(y.length, centre),
    lcl: spread.map((width) => Math.max(0, 1 - width) * centre),
    ucl: spread.map((width) => (1 + width) * centre),
  };
}

/**
 * T chart: times between rare events are skewed; raised to the power 1/3.6 they
 * are close to normal, so an I chart is drawn on that scale and transformed back.
 */
function timeBetweenChart(groups: readonly Subgroup[], base: readonly boolean[]): PartLimits {
  const transformed = individualsChart(groups.map((group) => group.value ** (1 / 3.6)), base);
  const back = (values: number[]) => values.map((value) => value ** 3.6);
  const lcl = back(transformed.lcl).map((value) => (Number.isNaN(value) || value < 0 ? 0 : value));
  return { y: back(transformed.y), cl: back(transformed.cl), lcl, ucl: back(transformed.ucl) };
}

/** Overall rate: summed numerators over summed denominators of the baseline. */
function pooledRate(groups: readonly Subgroup[], base: readonly boolean[]): number {
  const numerators: number[] = [];
  const denominators: number[] = [];
  groups.forEach((group, i) => {
    if (!base[i] || Number.isNaN(group.sum) || Number.isNaN(group.denominator)) return;
    numerators.push(group.sum);
    denominators.push(group.denominator);
  });
  return sum(numerators) / sum(denominators);
}

/**
 * Laney's correction for large denominators: the spread of the standardised
 * values between subgroups (from their moving ranges) scales the binomial or
 * Poisson sigma, so limits stop flagging every point when n is in the thousands.
 */
function laneyFactor(y: readonly number[], centre: number, sigmas: readonly number[], base: readonly boolean[]): number {
  const standardised = y.map((value, i) => (value - centre) / sigmas[i]!);
  return sigmaFromMovingRanges(pick(standardised, base));
}

function proportionChart(groups: readonly Subgroup[], base: readonly boolean[], laney: boolean): PartLimits {
  const y = groups.map((group) => group.value);
  const centre = pooledRate(groups, base);
  let sigmas = groups.map((group) => Math.sqrt((centre * (1 - centre)) / group.denominator));
  if (laney) {
    const factor = laneyFactor(y, centre, sigmas, base);
    sigmas = sigmas.map((sigma) => sigma * factor);
  }
  return clampUpper(clampLower(symmetric(y, filled(y.length, centre), sigmas)), 1);
}

function rateChart(groups: readonly Subgroup[], base: readonly boolean[], laney: boolean): PartLimits {
  const y = groups.map((group) => group.value);
  const centre = pooledRate(groups, base);
  let sigmas = groups.map((group) => Math.sqrt(centre / group.denominator));
  if (laney) {
    const factor = laneyFactor(y, centre, sigmas, base);
    sigmas = sigmas.map((sigma) => sigma * factor);
  }
  return clampLower(symmetric(y, filled(y.length, centre), sigmas));
}

function countChart(groups: readonly Subgroup[], base: readonly boolean[]): PartLimits {
  const y = groups.map((group) => group.sum);
  const centre = mean(present(pick(y, base)));
  return clampLower(symmetric(y, filled(y.length, centre), Math.sqrt(centre)));
}

/**
 * G chart: counts of opportunities between rare events follow a geometric
 * distribution. Limits come from its mean; the centre line shown is the median,
 * which is what the runs rules need for such a skewed measure.
 */
function opportunitiesBetweenChart(groups: readonly Subgroup[], base: readonly boolean[]): PartLimits {
  const y = groups.map((group) => group.value);
  const baseline = present(pick(y, base));
  const average = mean(baseline);
  const limits = clampLower(symmetric(y, filled(y.length, average), Math.sqrt(average * (average + 1))));
  limits.cl = filled(y.length, median(baseline));
  return limits;
}

/** Centre line and limits of one part; `base` marks the subgroups the calculations use. */
export function partLimits(chart: ChartType, groups: readonly Subgroup[], base: readonly boolean[]): PartLimits {
  switch (chart) {
    case 'run':
      return runChart(groups, base);
    case 'i':
      return individualsChart(groups.map((group) => group.value), base);
    case 'mr':
      return movingRangeChart(groups, base);
    case 'xbar':
      return meanChart(groups, base);
    case 's':
      return standardDeviationChart(groups, base);
    case 't':
      return timeBetweenChart(groups, base);
    case 'p':
      return proportionChart(groups, base, false);
    case 'pp':
      return proportionChart(groups, base, true);
    case 'u':
      return rateChart(groups, base, false);
    case 'up':
      return rateChart(groups, base, true);
    case 'c':
      return countChart(groups, base);
    case 'g':
      return opportunitiesBetweenChart(groups, base);
  }
}
