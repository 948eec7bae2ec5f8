/**
 * Plain language for a chart: one or two sentences a principal understands
 * ("9 weeks in a row above the median: this is unlikely to be chance —
 * something changed around week 25") and, on request, the statistics behind them.
 */
import type { ChartPoint, ChartResult, PartAnalysis } from './types.ts';

export interface ExplainLabels {
  /** What is measured, e.g. "attendance". */
  measure?: string;
  /** What one x step is, e.g. "week"; a date axis needs none. */
  xLabel?: string;
  /** Events such as PDSA cycles, named in the summary when a signal follows one. */
  events?: Array<{ x: number | string; label: string }>;
}

export interface Explanation {
  summary: string;
  details: string[];
}

const CHART_NAMES: Record<ChartResult['chart'], string> = {
  run: 'run chart',
  i: 'I chart (individual values)',
  mr: 'moving range chart',
  xbar: 'X̄ chart (subgroup averages)',
  s: 'S chart (spread within subgroups)',
  t: 'T chart (time between rare events)',
  p: 'P chart (proportions)',
  pp: 'P′ chart (proportions, Laney)',
  u: 'U chart (rates)',
  up: 'U′ chart (rates, Laney)',
  c: 'C chart (counts)',
  g: 'G chart (opportunities between rare events)',
};

function centreName(result: ChartResult): string {
  return result.chart === 'run' || result.chart === 'g' ? 'median' : 'average';
}

function isPercent(result: ChartResult): boolean {
  return (result.chart === 'p' || result.chart === 'pp') && (result.multiply === 1 || result.multiply === 100);
}

// Built once: creating a number format per call costs more than the whole chart.
const NUMBER_FORMATS = [0, 1, 2, 3].map((digits) => new Intl.NumberFormat('en-US', { maximumFractionDigits: digits }));

/** Three significant digits, thousands separated; percentages for proportions. */
export function formatValue(result: ChartResult, value: number | null): string {
  if (value === null) return '—';
  const shown = isPercent(result) && result.multiply === 1 ? value * 100 : value;
  const magnitude = Math.abs(shown);
  const decimals = magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : magnitude >= 1 ? 2 : 3;
  const text = NUMBER_FORMATS[decimals]!.format(shown);
  return isPercent(result) ? `${text}%` : text;
}

function plural(word: string, count: number): string {
  if (count === 1) return word;
  if (word.endsWith('s')) return word;
  if (word.endsWith('y') && !/[aeiou]y$/.test(word)) return `${word.slice(0, -1)}ies`;
  return `${word}s`;
}

function listOf(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

class Namer {
  constructor(
    private readonly result: ChartResult,
    private readonly labels: ExplainLabels,
  ) {}

  /** "week 25", "2025-03-04", or "point 25". */
  point(point: ChartPoint): string {
    if (this.result.xKind === 'number') return `${this.labels.xLabel ?? 'point'} ${point.x}`;
    return String(point.x);
  }

  /** "weeks", or "points" when the x axis is unnamed. */
  steps(count: number): string {
    return plural(this.labels.xLabel ?? 'point', count);
  }

  /** The event at or before a point in the same part, if any: the likely cause of a change. */
  eventBefore(point: ChartPoint): string | null {
    const events = this.labels.events ?? [];
    const points = this.result.points;
    const indexOf = (x: number | string) => points.findIndex((p) => String(p.x) === String(x));
    let best: { index: number; label: string; x: number | string } | null = null;
    for (const event of events) {
      const index = indexOf(event.x);
      if (index < 0 || index + 1 > point.index || point.index - (index + 1) > 6) continue;
      if (!best || index > best.index) best = { index, label: event.label, x: event.x };
    }
    return best ? `“${best.label}” (${this.point(points[best.index]!)})` : null;
  }
}

interface Stretch {
  points: ChartPoint[];
  above: boolean;
}

/** Consecutive points flagged as part of a long run (or IHI shift/trend), split where the side changes. */
function flaggedStretches(points: ChartPoint[]): Stretch[] {
  const stretches: Stretch[] = [];
  let current: Stretch | null = null;
  for (const point of points) {
    // Missing, excluded and on-the-line points neither end nor extend a run.
    if (point.y === null || point.excluded || point.cl === null || point.y === point.cl) continue;
    if (!point.runSignal) {
      current = null;
      continue;
    }
    const above = point.y > point.cl;
    if (current && current.above === above) current.points.push(point);
    else {
      current = { points: [point], above };
      stretches.push(current);
    }
  }
  return stretches;
}

function describeSigma(result: ChartResult, name: Namer, points: ChartPoint[]): string | null {
  const outside = points.filter((point) => point.sigmaSignal);
  if (outside.length === 0) return null;
  if (outside.length === 1) {
    const point = outside[0]!;
    const side = point.ucl !== null && point.y! > point.ucl ? 'above the upper' : 'below the lower';
    return `${capitalise(name.point(point))} (${formatValue(result, point.y)}) is ${side} control limit: this is unlikely to be chance — look for a special cause at that time.`;
  }
  const shown = outside.slice(0, 4).map((point) => name.point(point));
  if (outside.length > 4) shown.push(`${outside.length - 4} more`);
  const sentence = `${outside.length} ${name.steps(outside.length)} are outside the control limits (${listOf(shown)}): these are unlikely to be chance.`;
  // Huge denominators make binomial and Poisson limits too tight to be useful (Laney 2002).
  const laney = { p: 'P′', u: 'U′' } as Record<string, string | undefined>;
  const prime = laney[result.chart];
  return prime && outside.length * 3 >= points.filter((point) => point.y !== null).length
    ? `${sentence} With this many points outside, the denominators may be so large that ordinary limits are too tight: try the ${prime} chart (Laney).`
    : sentence;
}

function describeLongRun(result: ChartResult, name: Namer, part: PartAnalysis, points: ChartPoint[]): string | null {
  const stretches = flaggedStretches(points);
  if (stretches.length === 0) return null;
  const longest = stretches.reduce((a, b) => (b.points.length > a.points.length ? b : a));
  const first = longest.points[0]!;
  const last = longest.points[longest.points.length - 1]!;
  // A run from the very start tells of a change at its end, not at its beginning.
  const change = first.index === part.firstIndex && last.index < part.lastIndex ? result.points[last.index]! : first;
  const side = longest.above ? 'above' : 'below';
  const expected =
    result.rules === 'ihi'
      ? ' (6 or more is a shift)'
      : part.longestRunMax !== null
        ? ` (more than ${part.longestRunMax} rarely happens by chance)`
        : '';
  const cause = name.eventBefore(change);
  const around = `something changed around ${name.point(change)}${cause ? `, after ${cause}` : ''}`;
  return `${longest.points.length} ${name.steps(longest.points.length)} in a row ${side} the ${centreName(result)}${expected}: this is unlikely to be chance — ${around}.`;
}

function describeTrend(result: ChartResult, name: Namer, part: PartAnalysis): string | null {
  const trend = part.ihi?.trends[0];
  if (!trend) return null;
  const points = result.points;
  const from = points[trend[0] - 1]!;
  const to = points[trend[1] - 1]!;
  const direction = (to.y ?? 0) > (from.y ?? 0) ? 'rising' : 'falling';
  return `${trend[1] - trend[0] + 1} ${name.steps(2)} ${direction} one after another, from ${name.point(from)} to ${name.point(to)}: a trend, unlikely to be chance.`;
}

function describeCrossings(result: ChartResult, name: Namer, part: PartAnalysis): string | null {
  if (result.rules !== 'anhoej') return null;
  if (part.crossings === null || part.crossingsMin === null || part.crossings >= part.crossingsMin) return null;
  return `The data cross the ${centreName(result)} only ${part.crossings === 1 ? 'once' : `${part.crossings} times`} in ${part.usefulObservations} ${name.steps(part.usefulObservations)} (chance alone would give at least ${part.crossingsMin}): the process has probably shifted.`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function partPoints(result: ChartResult, part: PartAnalysis): ChartPoint[] {
  return result.points.slice(part.firstIndex - 1, part.lastIndex);
}

function partFindings(result: ChartResult, name: Namer, part: PartAnalysis): string[] {
  const points = partPoints(result, part);
  const findings: string[] = [];
  if (part.runsSignal) {
    const run = describeLongRun(result, name, part, points);
    if (run) findings.push(run);
    const trend = describeTrend(result, name, part);
    if (trend) findings.push(trend);
    const crossings = describeCrossings(result, name, part);
    if (crossings) findings.push(crossings);
    const astronomical = part.ihi?.astronomical ?? [];
    if (astronomical.length > 0 && !points.some((point) => point.sigmaSignal)) {
      findings.push(`${capitalise(listOf(astronomical.map((index) => name.point(result.points[index - 1]!))))} ${astronomical.length === 1 ? 'is' : 'are'} far from the rest: an astronomical point, unlikely to be chance.`);
    }
  }
  const sigma = describeSigma(result, name, points);
  if (sigma) findings.push(sigma);
  return findings;
}

function noSignal(result: ChartResult, name: Namer, part: PartAnalysis, labels: ExplainLabels): string {
  const points = partPoints(result, part).filter((point) => point.y !== null);
  const what = labels.measure ? `${labels.measure} varies` : `the ${points.length} ${name.steps(points.length)} vary`;
  const centre = formatValue(result, partPoints(result, part)[0]?.cl ?? null);
  const limits = result.chart === 'run' ? '' : ' and within the control limits';
  return `No signal: ${what} around the ${centreName(result)} of ${centre}${limits} the way chance alone makes it. Reacting to single ups and downs will not help; to improve, change the process and watch this chart for a signal.`;
}

function describePart(result: ChartResult, name: Namer, part: PartAnalysis, labels: ExplainLabels): string {
  const findings = partFindings(result, name, part);
  return findings.length > 0 ? findings.join(' ') : noSignal(result, name, part, labels);
}

function describePartChange(result: ChartResult, name: Namer, previous: PartAnalysis, part: PartAnalysis): string {
  const before = partPoints(result, previous)[0]?.cl ?? null;
  const after = partPoints(result, part)[0]?.cl ?? null;
  const start = result.points[part.firstIndex - 1]!;
  const direction = before !== null && after !== null ? (after > before ? 'up from' : after < before ? 'down from' : 'the same as') : 'compared with';
  return `Since ${name.point(start)} the ${centreName(result)} is ${formatValue(result, after)}, ${direction} ${formatValue(result, before)} before.`;
}

export function explainChart(result: ChartResult, labels: ExplainLabels = {}): Explanation {
  const name = new Namer(result, labels);
  const parts = result.parts;
  const sentences: string[] = [];
  if (parts.length > 1) {
    const last = parts[parts.length - 1]!;
    sentences.push(describePartChange(result, name, parts[parts.length - 2]!, last));
    sentences.push(describePart(result, name, last, labels));
    const earlier = parts.slice(0, -1).filter((part) => part.runsSignal || partPoints(result, part).some((p) => p.sigmaSignal));
    if (earlier.length > 0) sentences.push(`Before that: ${earlier.map((part) => partFindings(result, name, part).join(' ')).join(' ')}`);
  } else if (parts[0]) {
    sentences.push(describePart(result, name, parts[0], labels));
  }
  return { summary: sentences.join(' '), details: explainStatistics(result, name) };
}

function explainStatistics(result: ChartResult, name: Namer): string[] {
  const details = [`This is a ${CHART_NAMES[result.chart]}.`];
  for (const part of result.parts) {
    const points = partPoints(result, part);
    const prefix = result.parts.length > 1 ? `Part ${part.part} (${name.point(points[0]!)} to ${name.point(points[points.length - 1]!)}): ` : '';
    const first = points[0]!;
    const baseline = points.filter((point) => point.baseline);
    const frozen = baseline.length < points.filter((point) => !point.excluded).length
      ? ` Centre line and limits come from the baseline (${name.point(baseline[0]!)} to ${name.point(baseline[baseline.length - 1]!)}) and are extended forward.`
      : '';
    const lowers = points.map((point) => point.lcl).filter((value): value is number => value !== null);
    const uppers = points.map((point) => point.ucl).filter((value): value is number => value !== null);
    const limits = uppers.length === 0
      ? ''
      : lowers.length > 0 && Math.min(...lowers) !== Math.max(...lowers)
        ? ` Control limits (3 sigma) range from ${formatValue(result, Math.min(...lowers))}–${formatValue(result, Math.max(...lowers))} below to ${formatValue(result, Math.min(...uppers))}–${formatValue(result, Math.max(...uppers))} above; they are wider where the subgroup is smaller.`
        : ` Control limits (3 sigma): ${formatValue(result, lowers[0] ?? null)} to ${formatValue(result, uppers[0] ?? null)}.`;
    details.push(`${prefix}Centre line (${centreName(result)}): ${formatValue(result, first.cl)}.${limits}${frozen}`);
    if (part.longestRun !== null) {
      details.push(
        `${prefix}Runs analysis on ${part.usefulObservations} useful ${name.steps(part.usefulObservations)} (points on the centre line and missing values do not count): longest run ${part.longestRun} (more than ${part.longestRunMax} would be unusual), ${part.crossings} crossings of the centre line (fewer than ${part.crossingsMin} would be unusual).`,
      );
    }
    const excluded = points.filter((point) => point.excluded);
    if (excluded.length > 0) details.push(`${prefix}Left out of the calculations but shown: ${listOf(excluded.map((point) => name.point(point)))}.`);
  }
  if (result.chart === 'mr') details.push('Moving ranges depend on their neighbours, so the runs rules are not applied to them.');
  if (result.rules === 'ihi') {
    details.push('Rules: IHI run chart rules — a shift (6 or more points in a row on one side of the centre line), a trend (5 or more points in a row going up, or down) or an astronomical point signals a change.');
  } else {
    details.push('Rules: Anhøj runs rules — with n useful points, a run longer than round(log2 n) + 3, or fewer crossings than the 5th percentile of a Binomial(n − 1, ½), happens by chance less than 5% of the time.');
  }
  if (result.chart !== 'run') details.push('Shewhart rule: a point outside the 3-sigma limits happens by chance about 3 times in 1,000.');
  return details;
}
