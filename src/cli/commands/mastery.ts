import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Command, Option } from 'commander';
import {
  DEFAULT_MODEL_KIND,
  evaluateOnline,
  fitMasteryModel,
  newTracker,
  storeModel,
  type Evaluation,
  type MasteryModel,
  type ModelKind,
  type Response,
} from '../../core/mastery/index.ts';
import type { Database } from '../../db/database.ts';
import { existingDistrict } from '../../ingest/common/district.ts';
import { RejectImport } from '../../ingest/common/report.ts';
import { parseResponsesCsv, ResponsesInputError } from '../../ingest/responses/csv.ts';
import { fitDistrictMastery, MasteryFitError } from '../../learning/mastery.ts';
import { withDatabase } from '../database.ts';
import { printJson, progressBar, UserError } from '../output.ts';

/** `best` is whichever model predicts best on held-out data (docs/mastery.md). */
const MODEL_CHOICES = ['best', 'bkt', 'logistic'] as const;
type ModelChoice = (typeof MODEL_CHOICES)[number];

interface EvalFlags {
  train: string;
  test: string;
  model: ModelChoice;
  json?: boolean;
  save?: string;
}

function readResponses(file: string): Response[] {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(file));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UserError(`cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : (error as Error).message}`);
  }
  try {
    return parseResponsesCsv(bytes, path.basename(file));
  } catch (error) {
    if (error instanceof ResponsesInputError) throw new UserError(error.message);
    throw error;
  }
}

function seconds(since: bigint): number {
  return Math.round(Number(process.hrtime.bigint() - since) / 1e7) / 100;
}

function format(value: number | null): string {
  return value === null ? 'n/a' : value.toFixed(4);
}

async function evaluate(flags: EvalFlags): Promise<void> {
  const kind: ModelKind = flags.model === 'best' ? DEFAULT_MODEL_KIND : flags.model;
  const train = readResponses(flags.train);
  const test = readResponses(flags.test);

  const progress = progressBar(process.stderr.isTTY && !flags.json);
  const onProgress = (phase: string, done: number, total: number) => progress.update(phase, done, total);
  let model: MasteryModel;
  let result: Evaluation;
  let fitSeconds: number;
  let predictSeconds: number;
  try {
    const fitStart = process.hrtime.bigint();
    model = fitMasteryModel(kind, train, { onProgress });
    fitSeconds = seconds(fitStart);
    const predictStart = process.hrtime.bigint();
    result = evaluateOnline(() => newTracker(model), test, onProgress);
    predictSeconds = seconds(predictStart);
  } finally {
    progress.stop();
  }

  if (flags.save) {
    try {
      writeFileSync(flags.save, `${JSON.stringify(storeModel(model))}\n`);
    } catch (error) {
      throw new UserError(`cannot write ${flags.save}: ${(error as Error).message}`);
    }
  }
  const summary = { model: kind, auc: result.auc, rmse: result.rmse, n: result.n, trainResponses: train.length, fitSeconds, predictSeconds };
  if (flags.json) {
    printJson(summary);
    return;
  }
  console.log(`model            ${kind}`);
  console.log(`AUC              ${format(result.auc)}`);
  console.log(`RMSE             ${format(result.rmse)}`);
  console.log(`test responses   ${result.n}`);
  console.log(`train responses  ${train.length}`);
  console.log(`fit time         ${fitSeconds} s`);
  console.log(`predict time     ${predictSeconds} s`);
}

export function register(program: Command): void {
  const mastery = program.command('mastery').description('mastery models: how likely each student is to know each skill');
  mastery
    .command('eval')
    .description('fit a model on one CSV of responses and score its next-response predictions on another (student,skill,correct,seq; gzip accepted)')
    .requiredOption('--train <file>', 'responses to fit on')
    .requiredOption('--test <file>', 'held-out responses: each is predicted from the same student\'s earlier ones')
    .addOption(new Option('--model <name>', 'model (best = logistic)').choices(MODEL_CHOICES).default('best'))
    .option('--save <file>', 'also write the fitted model as JSON')
    .option('--json', 'print {model, auc, rmse, n, ...} as JSON')
    .action(evaluate);
  mastery
    .command('fit')
    .description("fit the district's mastery model on its evidence, store it, and recompute every estimate, state and flag")
    .addOption(new Option('--kind <kind>', 'model').choices(['bkt', 'logistic']).default(DEFAULT_MODEL_KIND))
    .option('--district <sourcedId>', 'the district, when there are several')
    .option('--json', 'print {kind, responses, students, skills, seconds} as JSON')
    .action(fitDistrict);
}

interface FitFlags {
  kind: ModelKind;
  district?: string;
  json?: boolean;
}

async function districtIdOf(db: Database, requested: string | undefined): Promise<string> {
  try {
    return (await existingDistrict(db, requested)).id;
  } catch (error) {
    if (error instanceof RejectImport) throw new UserError(error.message);
    throw error;
  }
}

async function fitDistrict(flags: FitFlags): Promise<void> {
  const progress = progressBar(process.stderr.isTTY && !flags.json);
  const started = performance.now();
  const summary = await withDatabase(async (db) => {
    try {
      return await fitDistrictMastery(db, await districtIdOf(db, flags.district), {
        kind: flags.kind,
        onProgress: (phase, done, total) => progress.update(phase, done, total),
      });
    } catch (error) {
      if (error instanceof MasteryFitError) throw new UserError(error.message);
      throw error;
    } finally {
      progress.stop();
    }
  });
  const seconds = Math.round((performance.now() - started) / 100) / 10;
  if (flags.json) return printJson({ ...summary, seconds });
  console.log(`fitted ${summary.kind} on ${summary.responses} responses of ${summary.students} students at ${summary.skills} skills in ${seconds} s`);
  console.log('estimates, states and flags recomputed');
}
