/**
 * Mastery models on real data: fit each model on the train file, predict the
 * test file online (each response from the same student's earlier ones), and
 * print a table of AUC, RMSE, fit and predict times, and how often a student
 * the model calls "mastered" gets the next attempt right.
 *
 *   npx tsx bench/mastery.ts [--train F] [--test F]        the figures in docs/mastery.md
 *   npx tsx bench/mastery.ts --validate                    settings compared on a split of the train file only
 *
 * Defaults to the ASSISTments 2015 split in ../shared/fixtures/kt.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fitMasteryModel, newTracker, predictOnline, auc, rmse, type FitOptions, type MasteryModel, type ModelKind, type Response } from '../src/core/mastery/index.ts';
import { byStudent } from '../src/core/mastery/histories.ts';
import { parseResponsesCsv } from '../src/ingest/responses/csv.ts';

const fixtures = path.resolve(import.meta.dirname, '../../shared/fixtures/kt');
const { values } = parseArgs({
  options: {
    train: { type: 'string', default: path.join(fixtures, 'assist2015-train.csv.gz') },
    test: { type: 'string', default: path.join(fixtures, 'assist2015-test.csv.gz') },
    validate: { type: 'boolean', default: false },
  },
});

const read = (file: string) => parseResponsesCsv(new Uint8Array(readFileSync(file)), path.basename(file));

interface Row {
  name: string;
  auc: string;
  rmse: string;
  n: string;
  fit: string;
  predict: string;
  mastered: string;
}

function measure(name: string, kind: ModelKind, train: Response[], test: Response[], options: FitOptions = {}): Row {
  let start = performance.now();
  const model: MasteryModel = fitMasteryModel(kind, train, options);
  const fit = (performance.now() - start) / 1000;
  start = performance.now();
  const { predictions, outcomes } = predictOnline(() => newTracker(model), test);
  const predict = (performance.now() - start) / 1000;
  // Calibration of "mastered": the next attempt's outcome whenever the model said mastered (P(known) ≥ 0.95) before it.
  let masteredAttempts = 0;
  let masteredRight = 0;
  for (const history of byStudent(test).values()) {
    const tracker = newTracker(model);
    for (const response of history) {
      if (tracker.known(response.skill) >= 0.95) {
        masteredAttempts++;
        if (response.correct) masteredRight++;
      }
      tracker.observe(response);
    }
  }
  return {
    name,
    auc: auc(predictions, outcomes)?.toFixed(4) ?? 'n/a',
    rmse: rmse(predictions, outcomes).toFixed(4),
    n: String(predictions.length),
    fit: `${fit.toFixed(1)} s`,
    predict: `${predict.toFixed(1)} s`,
    mastered: `${((100 * masteredRight) / Math.max(masteredAttempts, 1)).toFixed(1)}% of ${masteredAttempts}`,
  };
}

function printTable(rows: Row[]): void {
  const header: Row = { name: 'model', auc: 'AUC', rmse: 'RMSE', n: 'n', fit: 'fit', predict: 'predict', mastered: 'right when mastered' };
  const columns = Object.keys(header) as (keyof Row)[];
  const widths = columns.map((column) => Math.max(...[header, ...rows].map((row) => row[column].length)));
  for (const row of [header, ...rows]) console.log(columns.map((column, i) => row[column].padEnd(widths[i]!)).join('  ').trimEnd());
}

/** A fixed fifth of the train file's students, chosen by a hash of their id, held out for choosing settings. */
function isValidationStudent(student: string): boolean {
  let hash = 2166136261;
  for (let i = 0; i < student.length; i++) hash = Math.imul(hash ^ student.charCodeAt(i), 16777619);
  return (hash >>> 0) % 5 === 0;
}

const train = read(values.train);
if (values.validate) {
  const fit = train.filter((r) => !isValidationStudent(r.student));
  const held = train.filter((r) => isValidationStudent(r.student));
  console.log(`validation: fit on ${fit.length} responses, predict ${held.length}, both from ${path.basename(values.train)}\n`);
  printTable([
    measure('bkt', 'bkt', fit, held),
    measure('bkt, forgetting', 'bkt', fit, held, { bkt: { fitForget: true } }),
    measure('logistic', 'logistic', fit, held),
    measure('logistic, no transfer', 'logistic', fit, held, { logistic: { transferSources: 0 } }),
    measure('logistic, transfer penalty 1e-4', 'logistic', fit, held, { logistic: { transferPenalty: 1e-4 } }),
    measure('logistic, transfer penalty 1e-2', 'logistic', fit, held, { logistic: { transferPenalty: 1e-2 } }),
    measure('logistic, penalty 1e-4', 'logistic', fit, held, { logistic: { penalty: 1e-4 } }),
    measure('logistic, 200 iterations', 'logistic', fit, held, { logistic: { maxIterations: 200 } }),
  ]);
} else {
  const test = read(values.test);
  console.log(`fit on ${path.basename(values.train)} (${train.length} responses), predict ${path.basename(values.test)} online\n`);
  printTable([measure('bkt', 'bkt', train, test), measure('logistic (default)', 'logistic', train, test)]);
}
