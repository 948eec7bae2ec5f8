/**
 * Compares Trellis's engine with the reference implementation's output
 * ($WORK/expected, written by reference.R) for every generated case: values to
 * a relative 1e-6, signals, parts and runs figures exactly. Prints each
 * disagreement and a count; exits 1 if any case disagrees.
 */
import { readFileSync } from 'node:fs';
import { analyseChart } from '../../src/core/spc/analyse.ts';
import { parseMeasureCsv } from '../../src/ingest/measures/csv.ts';
const lines = readFileSync(process.env.WORK + '/manifest.csv', 'utf8').trim().split('\n').slice(1);
const num = (s: string) => { s = s.replace(/"/g, '').trim(); return s === 'NA' || s === 'NaN' ? null : Number(s); };
let ok = 0, bad = 0;
for (const line of lines) {
  const [name, csv, x, y, n, chart, freeze, part, exclude, multiply] = line.split(',');
  const rows = parseMeasureCsv(readFileSync(process.env.WORK + '/cases/' + csv, 'utf8'), { x: x!, y: y!, n: n || undefined }, csv);
  let r;
  try {
    r = analyseChart(rows, { chart: chart as any, freeze: freeze ? Number(freeze) : undefined, part: part ? part.split(';').map(Number) : undefined, exclude: exclude ? exclude.split(';').map(Number) : undefined, multiply: multiply ? Number(multiply) : undefined });
  } catch (e) { console.log(name, 'ERROR', (e as Error).message); bad++; continue; }
  const exp = readFileSync(process.env.WORK + '/expected/' + csv, 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
  const problems: string[] = [];
  if (exp.length !== r.points.length) problems.push(`count ${r.points.length} vs ${exp.length}`);
  exp.forEach((e, i) => {
    const p = r.points[i]; if (!p) return;
    const [ey, ecl, elcl, eucl, esig, epart] = e;
    for (const [k, a, b] of [['y', p.y, num(ey!)], ['cl', p.cl, num(ecl!)], ['lcl', p.lcl, num(elcl!)], ['ucl', p.ucl, num(eucl!)]] as const) {
      if ((a === null) !== (b === null) || (a !== null && b !== null && Math.abs(a - b) > 1e-6 * Math.max(1e-9, Math.abs(b)))) problems.push(`pt${i + 1} ${k} ${a} vs ${b}`);
    }
    if (String(p.sigmaSignal).toUpperCase() !== esig!.replace(/"/g, '').trim()) problems.push(`pt${i + 1} sigma ${p.sigmaSignal} vs ${esig}`);
    if (p.part !== num(epart!)) problems.push(`pt${i + 1} part`);
    const part = r.parts[p.part - 1]!;
    const [, , , , , , eruns, elong, elmax, ecross, ecmin] = e;
    const got = [String(part.runsSignal).toUpperCase(), part.longestRun, part.longestRunMax, part.crossings, part.crossingsMin];
    const want = [eruns!.replace(/"/g, '').trim(), num(elong!), num(elmax!), num(ecross!), num(ecmin!)];
    if (JSON.stringify(got) !== JSON.stringify(want)) problems.push(`part${p.part} ${JSON.stringify(got)} vs ${JSON.stringify(want)}`);
  });
  if (problems.length) { bad++; console.log(name, line, [...new Set(problems)].slice(0, 4).join(' | ')); } else ok++;
}
console.log(`${ok} cases agree, ${bad} disagree`);
process.exitCode = bad > 0 ? 1 : 0;
