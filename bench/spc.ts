/**
 * Measurement engine speed: 10,000 series of 60 points, mixed chart types, each
 * analysed with its runs rules and explained in plain language. Target ≤ 1 s.
 *
 *   npx tsx bench/spc.ts [--series N] [--points P]
 */
import { parseArgs } from 'node:util';
import { analyseChart } from '../src/core/spc/analyse.ts';
import { explainChart } from '../src/core/spc/explain.ts';
import type { ChartType, Observation } from '../src/core/spc/types.ts';

const { values } = parseArgs({ options: { series: { type: 'string', default: '10000' }, points: { type: 'string', default: '60' } } });
const seriesCount = Number(values.series);
const pointCount = Number(values.points);

/** Deterministic pseudo-random numbers (mulberry32) so every run measures the same work. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CHARTS: ChartType[] = ['run', 'i', 'mr', 'xbar', 's', 't', 'p', 'pp', 'u', 'up', 'c', 'g'];

function makeSeries(chart: ChartType, next: () => number): Observation[] {
  const rows: Observation[] = [];
  const shiftAt = Math.floor(pointCount * (0.4 + 0.4 * next()));
  for (let x = 1; x <= pointCount; x++) {
    const shifted = x > shiftAt ? 1.15 : 1;
    const n = 200 + Math.floor(next() * 300);
    switch (chart) {
      case 'p':
      case 'pp':
        rows.push({ x, y: Math.floor(n * Math.min(0.95, 0.8 * shifted + 0.05 * (next() - 0.5))), n });
        break;
      case 'u':
      case 'up':
      case 'c':
        rows.push({ x, y: Math.floor(20 * shifted + 10 * next()), n });
        break;
      case 'xbar':
      case 's':
        for (let k = 0; k < 5; k++) rows.push({ x, y: 70 * shifted + 10 * (next() - 0.5) });
        break;
      case 't':
      case 'g':
        rows.push({ x, y: 1 + Math.floor(-Math.log(1 - next()) * 12 * shifted) });
        break;
      default:
        rows.push({ x, y: 40 * shifted + 8 * (next() - 0.5) + (next() < 0.02 ? 30 : 0) });
    }
  }
  return rows;
}

const next = random(20261122);
const workload = Array.from({ length: seriesCount }, (_, i) => {
  const chart = CHARTS[i % CHARTS.length]!;
  return { chart, rows: makeSeries(chart, next), rules: i % 5 === 0 ? ('ihi' as const) : ('anhoej' as const) };
});

function runAll(): { seconds: number; signals: number } {
  const started = performance.now();
  let signals = 0;
  for (const { chart, rows, rules } of workload) {
    const result = analyseChart(rows, { chart, rules, freeze: chart === 'i' ? 20 : undefined });
    explainChart(result, { xLabel: 'week' });
    if (result.signal) signals++;
  }
  return { seconds: (performance.now() - started) / 1000, signals };
}

runAll(); // warm-up: the first pass includes JIT compilation
const runs = [runAll(), runAll(), runAll()];
const best = Math.min(...runs.map((run) => run.seconds));
const median = runs.map((run) => run.seconds).sort((a, b) => a - b)[1]!;

const table = [
  ['series', String(seriesCount)],
  ['points per series', String(pointCount)],
  ['chart types', CHARTS.join(' ')],
  ['series with a signal', String(runs[0]!.signals)],
  ['best of 3 (s)', best.toFixed(3)],
  ['median of 3 (s)', median.toFixed(3)],
  ['target (s)', '1.000'],
  ['per series (µs)', ((median / seriesCount) * 1e6).toFixed(1)],
];
const width = Math.max(...table.map(([name]) => name!.length));
console.log('Measurement engine benchmark (analyse + explain)');
for (const [name, value] of table) console.log(`${name!.padEnd(width)}  ${value}`);
