import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Command, Option } from 'commander';
import { analyseChart } from '../../core/spc/analyse.ts';
import { SpcInputError } from '../../core/spc/errors.ts';
import { explainChart, formatValue } from '../../core/spc/explain.ts';
import { CHART_TYPES, RULE_SETS, type ChartOptions, type ChartResult, type ChartType, type RuleSet } from '../../core/spc/types.ts';
import { parseMeasureCsv } from '../../ingest/measures/csv.ts';
import { printJson, UserError } from '../output.ts';

interface Flags {
  chart: ChartType;
  csv: string;
  x: string;
  y: string;
  n?: string;
  freeze?: number;
  part?: number[];
  exclude?: number[];
  multiply?: number;
  rules: RuleSet;
  title?: string;
  json?: boolean;
  svg?: string;
  png?: string;
}

function positions(flag: string) {
  return (text: string): number[] =>
    text.split(',').map((item) => {
      const value = Number(item.trim());
      if (!Number.isInteger(value) || value < 1) throw new UserError(`${flag} "${item.trim()}": give whole numbers from 1, separated by commas`);
      return value;
    });
}

function positiveNumber(flag: string) {
  return (text: string): number => {
    const value = Number(text);
    if (!Number.isFinite(value) || value <= 0) throw new UserError(`${flag} "${text}": give a number greater than 0`);
    return value;
  };
}

/** The JSON contract of `trellis spc --json` (docs/spc.md). */
function toJson(result: ChartResult, summary: string) {
  return {
    chart: result.chart,
    rules: result.rules,
    points: result.points.map((point) => ({
      x: String(point.x),
      y: point.y,
      n: point.n,
      cl: point.cl,
      lcl: point.lcl,
      ucl: point.ucl,
      sigmaSignal: point.sigmaSignal,
      runSignal: point.runSignal,
      excluded: point.excluded,
      part: point.part,
    })),
    parts: result.parts.map((part) => ({
      part: part.part,
      runsSignal: part.runsSignal,
      longestRun: part.longestRun,
      longestRunMax: part.longestRunMax,
      crossings: part.crossings,
      crossingsMin: part.crossingsMin,
      usefulObservations: part.usefulObservations,
      ...(part.ihi && { ihi: part.ihi }),
    })),
    summary,
  };
}

function printTable(result: ChartResult, summary: string, details: string[]): void {
  const rows = result.points.map((point) => [
    String(point.x),
    formatValue(result, point.y),
    formatValue(result, point.cl),
    formatValue(result, point.lcl),
    formatValue(result, point.ucl),
    [point.sigmaSignal ? 'outside limits' : '', point.runSignal ? 'run' : '', point.excluded ? 'excluded' : ''].filter(Boolean).join(', '),
  ]);
  const header = ['x', 'value', 'centre', 'lower', 'upper', 'signal'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]) => cells.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd();
  console.log(line(header));
  for (const row of rows) console.log(line(row));
  console.log(`\n${summary}\n`);
  for (const detail of details) console.log(`- ${detail}`);
}

function writeImage(file: string, contents: string | Uint8Array): void {
  try {
    writeFileSync(file, contents);
  } catch (error) {
    throw new UserError(`cannot write ${file}: ${(error as Error).message}`);
  }
}

export function register(program: Command): void {
  program
    .command('spc')
    .description('run and control charts from a CSV: centre line, limits, signals and a plain-language summary')
    .addOption(new Option('--chart <type>', 'chart type').choices(CHART_TYPES).makeOptionMandatory())
    .requiredOption('--csv <file>', 'CSV file with a header row')
    .requiredOption('--x <column>', 'column for the x axis (numbers or YYYY-MM-DD dates); rows sharing an x form a subgroup')
    .requiredOption('--y <column>', 'column for the value (the numerator for p, pp, u, up)')
    .option('--n <column>', 'column for the denominator (p, pp, u, up; optional for run and i)')
    .option('--freeze <k>', 'limits from points 1..k, extended forward', (text) => positions('--freeze')(text)[0])
    .option('--part <k,...>', 'recalculate after each listed point', positions('--part'))
    .option('--exclude <i,...>', 'leave these points out of the calculations (still shown)', positions('--exclude'))
    .option('--multiply <m>', 'multiply values and limits, e.g. 100 for per cent', positiveNumber('--multiply'))
    .addOption(new Option('--rules <set>', 'runs rules').choices(RULE_SETS).default('anhoej'))
    .option('--title <text>', 'chart title for --svg and --png')
    .option('--json', 'print points, parts and summary as JSON')
    .option('--svg <file>', 'write the chart as SVG')
    .option('--png <file>', 'write the chart as PNG')
    .action(async (flags: Flags) => {
      let text: string;
      try {
        text = readFileSync(flags.csv, 'utf8');
      } catch (error) {
        throw new UserError(`cannot read ${flags.csv}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
      }
      const file = path.basename(flags.csv);
      const options: ChartOptions = {
        chart: flags.chart,
        freeze: flags.freeze,
        part: flags.part,
        exclude: flags.exclude,
        multiply: flags.multiply,
        rules: flags.rules,
      };
      let result: ChartResult;
      try {
        const rows = parseMeasureCsv(text, { x: flags.x, y: flags.y, n: flags.n }, file);
        result = analyseChart(rows, options, { source: file, x: flags.x, y: flags.y, n: flags.n });
      } catch (error) {
        if (error instanceof SpcInputError) throw new UserError(error.message);
        throw error;
      }
      const { summary, details } = explainChart(result, { xLabel: result.xKind === 'number' ? flags.x : undefined });
      const image = {
        title: flags.title ?? `${flags.y}${flags.n ? ` / ${flags.n}` : ''} by ${flags.x}`,
        summary,
        xLabel: flags.x,
        yLabel: flags.n ? `${flags.y} / ${flags.n}` : flags.y,
      };
      if (flags.svg) {
        const { renderChartSvg } = await import('../../charts/spc-svg.ts');
        writeImage(flags.svg, renderChartSvg(result, image));
      }
      if (flags.png) {
        const { MissingFontsError, renderChartPng } = await import('../../charts/spc-png.ts');
        try {
          writeImage(flags.png, await renderChartPng(result, image));
        } catch (error) {
          if (error instanceof MissingFontsError) throw new UserError(error.message);
          throw error;
        }
      }
      if (flags.json) printJson(toJson(result, summary));
      else if (!flags.svg && !flags.png) printTable(result, summary, details);
    });
}
