import { describe, expect, it } from 'vitest';
import type { MeasureRow } from '../../../ingest/measures/csv.ts';
import { chartOptions, FieldError, measureCharts, pastedCells, pasteInto, typedRows, type ChartSettings, type TypedRow } from './measureInput.ts';

const settings: ChartSettings = { chart: 'run', rules: 'anhoej', multiply: '', freeze: '', part: '', exclude: '' };
const row = (x: string, y: string, n = ''): TypedRow => ({ x, y, n });

function fieldError(work: () => unknown): FieldError {
  try {
    work();
  } catch (error) {
    if (error instanceof FieldError) return error;
    throw error;
  }
  throw new Error('expected a FieldError');
}

describe('typedRows', () => {
  it('reads typed values, blank cells as missing, blank rows at the end ignored', () => {
    expect(typedRows([row('1', '5'), row('2', ''), row('3', ' 7.5 '), row('', ''), row('', '')])).toEqual([
      { x: '1', y: 5 },
      { x: '2', y: null },
      { x: '3', y: 7.5 },
    ]);
  });

  it('keeps denominators only when some are typed', () => {
    expect(typedRows([row('1', '40', '50'), row('2', '45', '')])).toEqual([
      { x: '1', y: 40, n: 50 },
      { x: '2', y: 45, n: null },
    ]);
  });

  it('names the row and column of a value that is not a number', () => {
    const error = fieldError(() => typedRows([row('1', '5'), row('2', 'five')]));
    expect(error.field).toBe('data');
    expect(error.message).toBe('Row 2: value "five" is not a number.');
    expect(fieldError(() => typedRows([row('1', '5', 'ten')])).message).toBe('Row 1: denominator "ten" is not a number.');
  });
});

describe('pasting from a spreadsheet', () => {
  it('splits by tab, or by comma when there is none, and fills from the cell pasted into', () => {
    expect(pastedCells('1\t40\t50\r\n2\t45\t52\n')).toEqual([
      ['1', '40', '50'],
      ['2', '45', '52'],
    ]);
    expect(pastedCells('1, 40\n2, 45')).toEqual([
      ['1', '40'],
      ['2', '45'],
    ]);
    const rows = pasteInto([row('a', ''), row('', '')], [['5'], ['6'], ['7']], 0, 1);
    expect(rows).toEqual([row('a', '5'), row('', '6'), row('', '7')]);
    // Cells past the last column are dropped.
    expect(pasteInto([row('', '')], [['1', '2', '3', '4']], 0, 1)).toEqual([row('', '1', '2')]);
  });
});

describe('chartOptions', () => {
  it('reads the text fields', () => {
    expect(chartOptions({ ...settings, multiply: '100', part: '5, 10', exclude: '3' })).toEqual({
      chart: 'run',
      rules: 'anhoej',
      multiply: 100,
      freeze: undefined,
      part: [5, 10],
      exclude: [3],
    });
    expect(chartOptions({ ...settings, freeze: ' 12 ' }).freeze).toBe(12);
    expect(chartOptions(settings).multiply).toBe(1);
  });

  it('ties a bad field to its input', () => {
    expect(fieldError(() => chartOptions({ ...settings, multiply: 'lots' }))).toMatchObject({ field: 'multiply' });
    expect(fieldError(() => chartOptions({ ...settings, multiply: '0' }))).toMatchObject({ field: 'multiply' });
    expect(fieldError(() => chartOptions({ ...settings, freeze: '3, 4' }))).toMatchObject({ field: 'freeze' });
    expect(fieldError(() => chartOptions({ ...settings, part: 'week 5' }))).toMatchObject({ field: 'part' });
    expect(fieldError(() => chartOptions({ ...settings, exclude: '0' }))).toMatchObject({ field: 'exclude' });
  });
});

describe('measureCharts', () => {
  const weeks: MeasureRow[] = Array.from({ length: 12 }, (_, i) => ({ x: i + 1, y: 40 + (i % 3), n: 50 }));
  const grouped: MeasureRow[] = weeks.flatMap((week) => [
    { ...week, group: 'English learners', y: week.y! - 5 },
    { ...week, group: 'Others' },
  ]);

  it('sends engine errors to the input they are about', () => {
    expect(fieldError(() => measureCharts(weeks, { ...settings, freeze: '40' }, {}, null))).toMatchObject({
      field: 'freeze',
      message: 'freeze 40 is not a point of this chart: give a whole number from 1 to 12.',
    });
    expect(fieldError(() => measureCharts(weeks, { ...settings, exclude: '13' }, {}, null))).toMatchObject({ field: 'exclude' });
    const tooMany = [...weeks, { x: 13, y: 60, n: 50, line: 14 }];
    expect(fieldError(() => measureCharts(tooMany, { ...settings, chart: 'p' }, { source: 'a.csv', y: 'present', n: 'enrolled' }, null))).toMatchObject({
      field: 'data',
      message: 'a.csv:14: present "60": the numerator is larger than the denominator (50)',
    });
  });

  it('charts each group and the gap between two, in percentage points for proportions', () => {
    const charts = measureCharts(grouped, { ...settings, chart: 'p' }, {}, { a: 'English learners', b: 'Others', chart: 'run' });
    expect(charts.result.points).toHaveLength(12);
    expect(charts.groups?.map((chart) => chart.group)).toEqual(['English learners', 'Others']);
    expect(charts.gapUnits).toBe('percentage points');
    // 5 fewer present out of 50 in every week: 10 percentage points below.
    for (const point of charts.gap!.points) expect(point.y).toBeCloseTo(-10, 9);
    expect(charts.gap!.points).toHaveLength(12);
    expect(charts.gapError).toBeNull();
  });

  it('keeps the other charts when the gap cannot be drawn', () => {
    const charts = measureCharts(grouped, settings, {}, { a: 'Others', b: 'Others', chart: 'run' });
    expect(charts.result.points).toHaveLength(12);
    expect(charts.gap).toBeNull();
    expect(charts.gapError).toBe('Choose two different groups to compare.');
    expect(measureCharts(weeks, settings, {}, { a: 'x', b: 'y', chart: 'run' }).groups).toBeNull();
  });
});
