/** Properties every chart must keep, on arbitrary finite input. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyseChart } from './analyse.ts';
import { SpcInputError } from './errors.ts';
import { explainChart } from './explain.ts';
import { CHART_TYPES, type ChartType, type Observation } from './types.ts';

const finite = fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true });
// Hundredths, as measures are recorded: no denormal artefacts in the arithmetic.
const measured = fc.integer({ min: -1e8, max: 1e8 }).map((value) => value / 100);
const values = fc.array(fc.option(measured, { nil: null, freq: 8 }), { minLength: 1, maxLength: 60 });

/** Rows a chart can take: counts for C/G/P/U, positive times for T, numerators no larger than denominators. */
function rowsFor(chart: ChartType) {
  const count = fc.integer({ min: 0, max: 500 });
  const row = fc.record({ x: fc.integer({ min: 1, max: 40 }), y: finite, n: fc.integer({ min: 1, max: 1000 }), count, missing: fc.boolean() });
  return fc.array(row, { minLength: 1, maxLength: 80 }).map((drawn) =>
    drawn.map(({ x, y, n, count: c, missing }): Observation => {
      const value = missing ? null : chart === 'p' || chart === 'pp' ? Math.min(c, n) : chart === 'c' || chart === 'g' || chart === 'u' || chart === 'up' ? c : chart === 't' ? Math.abs(y) + 0.01 : y;
      return { x, y: value, n };
    }),
  );
}

describe('measurement engine properties', () => {
  it('never crashes on finite input: a result or a clear SpcInputError, and finite numbers or null', () => {
    for (const chart of CHART_TYPES) {
      fc.assert(
        fc.property(rowsFor(chart), fc.constantFrom('anhoej', 'ihi' as const), (rows, rules) => {
          try {
            const result = analyseChart(rows, { chart, rules });
            for (const point of result.points) {
              for (const value of [point.y, point.cl, point.lcl, point.ucl]) expect(value === null || Number.isFinite(value)).toBe(true);
            }
            expect(explainChart(result).summary.length).toBeGreaterThan(0);
          } catch (error) {
            expect(error).toBeInstanceOf(SpcInputError);
          }
        }),
        { numRuns: 60 },
      );
    }
  });

  it('shifting an I chart by a constant shifts its centre line and limits and keeps its signals', () => {
    fc.assert(
      fc.property(values, measured, (ys, shift) => {
        fc.pre(ys.some((y) => y !== null));
        const rows = ys.map((y, i) => ({ x: i + 1, y }));
        const base = analyseChart(rows, { chart: 'i' });
        const moved = analyseChart(rows.map((row) => ({ ...row, y: row.y === null ? null : row.y + shift })), { chart: 'i' });
        const tolerance = 1e-6 * (1 + Math.abs(shift) + Math.max(...ys.map((y) => Math.abs(y ?? 0))));
        base.points.forEach((point, i) => {
          const other = moved.points[i]!;
          expect(other.ucl === null).toBe(point.ucl === null);
          if (point.cl !== null) expect(Math.abs(other.cl! - point.cl - shift)).toBeLessThan(tolerance);
          if (point.ucl !== null) expect(Math.abs(other.ucl! - point.ucl - shift)).toBeLessThan(tolerance);
        });
        // Signals only where the point is clearly inside or outside (not within rounding of a limit).
        base.points.forEach((point, i) => {
          if (point.y === null || point.ucl === null || point.lcl === null) return;
          const margin = Math.min(Math.abs(point.y - point.ucl), Math.abs(point.y - point.lcl));
          if (margin > tolerance) expect(moved.points[i]!.sigmaSignal).toBe(point.sigmaSignal);
        });
      }),
      { numRuns: 200 },
    );
  });

  it('draws limits symmetric about the centre line where nothing clamps them', () => {
    for (const chart of ['i', 'xbar', 'p', 'pp', 'u', 'up', 'c'] as const) {
      fc.assert(
        fc.property(rowsFor(chart), (rows) => {
          let result;
          try {
            result = analyseChart(rows, { chart });
          } catch (error) {
            expect(error).toBeInstanceOf(SpcInputError);
            return;
          }
          for (const point of result.points) {
            if (point.cl === null || point.lcl === null || point.ucl === null) continue;
            const clamped = point.lcl === 0 || ((chart === 'p' || chart === 'pp') && point.ucl === 1);
            if (clamped) continue;
            expect(Math.abs(point.ucl - point.cl - (point.cl - point.lcl))).toBeLessThanOrEqual(1e-9 * (1 + Math.abs(point.ucl)));
          }
        }),
        { numRuns: 60 },
      );
    }
  });
});
