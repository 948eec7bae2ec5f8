/**
 * Generates random cases of every chart kind (shifts, outliers, missing values,
 * dates, variable subgroup sizes, freeze/part/exclude/multiply) into $WORK/cases
 * and a manifest, for run.sh to check against the reference implementation.
 * Deterministic for a seed: `npx tsx generate.ts SEED`.
 */
import { writeFileSync } from 'node:fs';
let state = Number(process.argv[2] ?? 12345);
const rnd = () => { state = (state * 1103515245 + 12345) % 2147483648; return state / 2147483648; };
const int = (a: number, b: number) => a + Math.floor(rnd() * (b - a + 1));
const charts = ['run', 'i', 'mr', 'xbar', 's', 't', 'p', 'pp', 'u', 'up', 'c', 'g'];
const manifest: string[] = ['name,csv,x,y,n,chart,freeze,part,exclude,multiply,dates'];
let k = 0;
for (const chart of charts) {
  for (let rep = 0; rep < 25; rep++) {
    const name = `${chart}_${rep}`;
    const count = int(8, 60);
    const shiftAt = int(3, count);
    const dates = rnd() < 0.3;
    const xOf = (i: number) => dates ? new Date(Date.UTC(2020, i, 1)).toISOString().slice(0, 10) : String(i);
    const hasN = ['p', 'pp', 'u', 'up'].includes(chart) || (['run', 'i'].includes(chart) && rnd() < 0.3);
    const rows: string[] = [hasN ? 'x,y,n' : 'x,y'];
    for (let i = 1; i <= count; i++) {
      const shift = i > shiftAt ? (rnd() < 0.5 ? 1.2 : 0.85) : 1;
      const missing = rep % 4 === 3 && rnd() < 0.08;
      const size = chart === 'xbar' || chart === 's' ? (rep % 2 ? int(2, 7) : 5) : 1;
      for (let j = 0; j < size; j++) {
        let y: number; let n: number = int(50, 5000); if ((chart === "u" || chart === "up") && rnd() < 0.5) n = Math.round(n * 3.7 * 1e4) / 1e4;
        switch (chart) {
          case 'p': case 'pp': y = Math.min(n, Math.round(n * Math.min(0.99, 0.7 * shift + 0.1 * (rnd() - 0.5)))); break;
          case 'u': case 'up': y = Math.round(n * 0.01 * shift * (0.5 + rnd())); break;
          case 'c': y = Math.round(10 * shift * (0.4 + rnd() * 1.2)); break;
          case 't': y = Math.round((0.1 - Math.log(1 - rnd()) * 10 * shift) * 100) / 100; break;
          case 'g': y = Math.floor(-Math.log(1 - rnd()) * 15 * shift); break;
          default: y = Math.round((50 * shift + 10 * (rnd() - 0.5) + (rnd() < 0.03 ? 40 : 0)) * 10) / 10;
        }
        if (hasN && (chart === 'run' || chart === 'i')) y = Math.round(n * 0.3 * shift * (0.8 + 0.4 * rnd()));
        rows.push(hasN ? `${xOf(i)},${missing ? '' : y},${n}` : `${xOf(i)},${missing ? '' : y}`);
      }
    }
    writeFileSync(`${process.env.WORK}/cases/${name}.csv`, rows.join('\n') + '\n');
    const option = rep % 5;
    const freeze = option === 1 ? int(4, count - 2) : '';
    const part = option === 2 ? (rnd() < 0.5 ? String(int(4, count - 3)) : `${int(3, Math.floor(count / 2) - 1)};${int(Math.floor(count / 2) + 1, count - 2)}`) : '';
    const exclude = option === 3 ? `${int(1, count)};${int(1, count)}` : '';
    const multiply = option === 4 ? (rnd() < 0.5 ? 100 : 1000) : '';
    manifest.push([name, `${name}.csv`, 'x', 'y', hasN ? 'n' : '', chart, freeze, part, exclude, multiply, dates ? 1 : 0].join(','));
    k++;
  }
}
writeFileSync(process.env.WORK + '/manifest.csv', manifest.join('\n') + '\n');
console.log(k, 'cases');
