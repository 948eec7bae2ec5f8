/**
 * The IHI run chart rules (Provost & Murray), offered as a second rule set:
 * a shift (6 or more points in a row on one side of the centre line), a trend
 * (5 or more points in a row all going up or all going down), and an
 * astronomical point. Points on the centre line neither count towards nor break
 * a shift; equal neighbours neither count towards nor break a trend.
 */
export interface IhiAnalysis {
  /** Positions (into the values given) of the first and last point of each shift. */
  shifts: Array<[number, number]>;
  trends: Array<[number, number]>;
  astronomical: number[];
  signal: boolean;
}

export const SHIFT_LENGTH = 6;
export const TREND_LENGTH = 5;

function usablePositions(values: readonly number[], use: readonly boolean[]): number[] {
  const positions: number[] = [];
  for (let i = 0; i < values.length; i++) if (use[i] && !Number.isNaN(values[i]!)) positions.push(i);
  return positions;
}

function findShifts(values: readonly number[], centre: readonly number[], positions: readonly number[]): Array<[number, number]> {
  const shifts: Array<[number, number]> = [];
  let side = 0;
  let count = 0;
  let first = -1;
  let last = -1;
  const close = () => {
    if (count >= SHIFT_LENGTH) shifts.push([first, last]);
  };
  for (const i of positions) {
    const here = Math.sign(values[i]! - centre[i]!);
    if (here === 0) continue;
    if (here === side) {
      count++;
    } else {
      close();
      side = here;
      count = 1;
      first = i;
    }
    last = i;
  }
  close();
  return shifts;
}

function findTrends(values: readonly number[], positions: readonly number[]): Array<[number, number]> {
  const trends: Array<[number, number]> = [];
  // Like values collapse to their first occurrence before counting.
  const distinct: number[] = [];
  for (const i of positions) {
    if (distinct.length === 0 || values[i] !== values[distinct[distinct.length - 1]!]) distinct.push(i);
  }
  let direction = 0;
  let start = 0;
  for (let k = 1; k <= distinct.length; k++) {
    const step = k < distinct.length ? Math.sign(values[distinct[k]!]! - values[distinct[k - 1]!]!) : 0;
    if (k < distinct.length && step === direction) continue;
    // The run of steps in `direction` covers distinct[start .. k - 1].
    if (direction !== 0 && k - start >= TREND_LENGTH) trends.push([distinct[start]!, distinct[k - 1]!]);
    direction = step;
    start = k - 1;
  }
  return trends;
}

/**
 * "Astronomical" is a judgement in the IHI rules; Trellis makes it objective
 * with Tukey's far-out rule: beyond 3 interquartile ranges from the quartiles.
 * Quartiles, unlike a sigma, are not inflated by a shift in the data.
 */
function findAstronomical(values: readonly number[], positions: readonly number[]): number[] {
  const sorted = positions.map((i) => values[i]!).sort((a, b) => a - b);
  if (sorted.length < 4) return [];
  const quartile = (q: number) => {
    const at = (sorted.length - 1) * q;
    const low = Math.floor(at);
    return sorted[low]! + (sorted[Math.min(low + 1, sorted.length - 1)]! - sorted[low]!) * (at - low);
  };
  const q1 = quartile(0.25);
  const q3 = quartile(0.75);
  const spread = q3 - q1;
  if (!(spread > 0)) return [];
  return positions.filter((i) => values[i]! < q1 - 3 * spread || values[i]! > q3 + 3 * spread);
}

export function ihiRules(values: readonly number[], centre: readonly number[], use: readonly boolean[]): IhiAnalysis {
  const positions = usablePositions(values, use);
  const shifts = findShifts(values, centre, positions);
  const trends = findTrends(values, positions);
  const astronomical = findAstronomical(values, positions);
  return { shifts, trends, astronomical, signal: shifts.length + trends.length + astronomical.length > 0 };
}
