/**
 * The measurement engine's vocabulary: what goes in (observations and chart
 * options) and what comes out (points with centre line, limits and signals; a
 * runs analysis per part). Pure data, no behaviour.
 */

export const CHART_TYPES = ['run', 'i', 'mr', 'xbar', 's', 't', 'p', 'pp', 'u', 'up', 'c', 'g'] as const;
export type ChartType = (typeof CHART_TYPES)[number];

/** Charts whose measure is a numerator over a denominator. */
export const CHARTS_WITH_DENOMINATOR: readonly ChartType[] = ['p', 'pp', 'u', 'up'];

export const RULE_SETS = ['anhoej', 'ihi'] as const;
/** Anhøj runs rules (the default) or the IHI run chart rules. Shewhart's 3-sigma rule applies to every control chart. */
export type RuleSet = (typeof RULE_SETS)[number];

/** What the x axis holds: numbers, ISO dates (YYYY-MM-DD), or labels kept in the order given. */
export type XKind = 'number' | 'date' | 'label';

/** One row of data. Rows sharing an `x` form one subgroup. A null `y` is a missing value: a gap, never a zero. */
export interface Observation {
  x: number | string;
  y: number | null;
  /** Denominator (p, pp, u, up; optional for run charts); null where missing. */
  n?: number | null;
  /** Where the row came from (a CSV line), for error messages. */
  line?: number;
}

/** Names used in error messages: the file and the columns the user chose. */
export interface InputLabels {
  source?: string;
  x?: string;
  y?: string;
  n?: string;
}

export interface ChartOptions {
  chart: ChartType;
  /** 1-based index of the last subgroup of the baseline; limits from the baseline are extended forward. Ignored with `part`. */
  freeze?: number;
  /** 1-based index of the last subgroup of each part but the last; each part is analysed on its own. */
  part?: number[];
  /** 1-based subgroup indices left out of the calculations (still shown). */
  exclude?: number[];
  /** Multiplies y, centre line and limits (e.g. 100 for per cent or per 100 students). */
  multiply?: number;
  /** Runs rules for the centre line: 'anhoej' (default) or 'ihi'. */
  rules?: RuleSet;
}

export interface ChartPoint {
  /** 1-based position of the subgroup. */
  index: number;
  x: number | string;
  /** The plotted value (a proportion, rate, mean, standard deviation, range...); null where missing. */
  y: number | null;
  /** Subgroup size: the summed denominator, or the number of values. */
  n: number | null;
  cl: number | null;
  lcl: number | null;
  ucl: number | null;
  /** Outside the 3-sigma limits. */
  sigmaSignal: boolean;
  /** Part of an unusually long run (Anhøj) or of a shift or trend (IHI). */
  runSignal: boolean;
  excluded: boolean;
  /** Used to compute the centre line and limits (in the baseline, in its part, not excluded). */
  baseline: boolean;
  part: number;
}

export interface IhiFindings {
  /** Runs of 6 or more points on one side of the median, as 1-based [first, last] subgroup indices. */
  shifts: Array<[number, number]>;
  /** 5 or more points all going up or all going down. */
  trends: Array<[number, number]>;
  /** Points far outside the rest: beyond 3 interquartile ranges from the quartiles (Tukey's far-out rule). */
  astronomical: number[];
}

export interface PartAnalysis {
  part: number;
  firstIndex: number;
  lastIndex: number;
  /** Points not on the centre line and not missing: the n of the runs rules. */
  usefulObservations: number;
  /** A non-random pattern by the chosen rule set. */
  runsSignal: boolean;
  longestRun: number | null;
  /** Longest run expected by chance: round(log2(n)) + 3. */
  longestRunMax: number | null;
  crossings: number | null;
  /** Fewest crossings expected by chance: 5th percentile of Binomial(n − 1, 0.5). */
  crossingsMin: number | null;
  /** Only with the IHI rules. */
  ihi?: IhiFindings;
}

export interface ChartResult {
  chart: ChartType;
  rules: RuleSet;
  xKind: XKind;
  multiply: number;
  points: ChartPoint[];
  parts: PartAnalysis[];
  /** Any runs or sigma signal anywhere. */
  signal: boolean;
}
