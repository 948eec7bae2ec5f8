/**
 * Mastery in the database: fits the district's model from its evidence, keeps
 * every student's estimates and states current as evidence arrives, and raises
 * and clears the struggling flags. The models and the flag rules are pure
 * (src/core/mastery, src/core/learning/flags.ts); this module reads and writes
 * them (src/db/mastery.ts). See docs/mastery.md and docs/learning-data.md.
 */
import { flagChanges } from '../core/learning/flag-changes.ts';
import { behindFlags, DEFAULT_FLAG_RULES, inactiveFlag, teamFlags, type Flag, type FlagKind, type StudentHistory } from '../core/learning/flags.ts';
import { PRIOR_MASTERY_MODEL } from '../core/learning/prior-model.ts';
import {
  DEFAULT_MASTERED_AT,
  DEFAULT_MODEL_KIND,
  fitMasteryModel,
  modelSkills,
  readStoredModel,
  continueMastery,
  extendMastery,
  storeModel,
  type MasteryModel,
  type MasteryRun,
  type ModelKind,
  type TracedEvidence,
} from '../core/mastery/index.ts';
import type { Database } from '../db/database.ts';
import { clearMasteryQueue } from '../db/mastery-queue.ts';
import { today as localToday } from '../grouping/dates.ts';
import {
  districtEvidence,
  newEvidenceOfStudents,
  lastEvidenceTimes,
  loadModel,
  modelFittedAt,
  openFlagCounts,
  openFlags,
  recordFlagPass,
  replaceStudentEstimates,
  saveModel,
  skillLabels,
  staleStudents,
  studentNames,
  studentsToEstimate,
  teamStandings,
  writeFlagChanges,
  type EstimateWrite,
  type ReadThrough,
  type StudentEvidence,
} from '../db/mastery.ts';

/** Flags that follow from a student's own evidence, judged whenever it changes. */
const EVIDENCE_FLAGS: readonly FlagKind[] = ['wheel_spinning', 'regression', 'inactive'];
/** Flags that change with the calendar or the team, judged by the district pass. */
const DISTRICT_FLAGS: readonly FlagKind[] = ['inactive', 'behind'];
/** Students refreshed per transaction: bounds memory and keeps each transaction short. */
const STUDENT_BATCH = 200;

export class MasteryFitError extends Error {}

export interface FitDistrictOptions {
  kind?: ModelKind;
  onProgress?: (phase: string, done: number, total: number) => void;
}

export interface FitSummary {
  kind: string;
  responses: number;
  students: number;
  skills: number;
}

/**
 * Fits the district's model on all its evidence, stores it, then recomputes
 * every estimate, state and flag with it. Skills with little evidence stay
 * near the district's typical parameters (the models shrink towards them).
 */
export async function fitDistrictMastery(db: Database, districtId: string, options: FitDistrictOptions = {}): Promise<FitSummary> {
  const kind = options.kind ?? DEFAULT_MODEL_KIND;
  // Every student is refreshed below; students queued from now on are refreshed again by the updater.
  await clearMasteryQueue(db, districtId);
  const responses = await districtEvidence(db, districtId);
  if (responses.length === 0) throw new MasteryFitError('The district has no evidence to fit a mastery model on: import evidence or sync xAPI statements first.');
  const model = fitMasteryModel(kind, responses, { onProgress: options.onProgress });
  const summary = { kind, responses: responses.length, students: new Set(responses.map((r) => r.student)).size, skills: modelSkills(model).length };
  await saveModel(db, districtId, { ...summary, kind, model: storeModel(model) });
  cachedModels.get(db)?.delete(districtId);
  const students = await studentsToEstimate(db, districtId);
  options.onProgress?.('estimates', 0, students.length);
  await refreshStudents(db, districtId, students, new Date(), (done) => options.onProgress?.('estimates', done, students.length));
  await refreshDistrictFlags(db, districtId);
  return summary;
}

const cachedModels = new WeakMap<Database, Map<string, { fittedAt: string; model: MasteryModel }>>();

/** The district's fitted model, or the built-in prior model (src/core/learning/prior-model.ts) when none is fitted; parsed once per fit. */
export async function districtModel(db: Database, districtId: string): Promise<MasteryModel> {
  const fittedAt = await modelFittedAt(db, districtId);
  if (fittedAt === null) return PRIOR_MASTERY_MODEL;
  let cache = cachedModels.get(db);
  if (!cache) cachedModels.set(db, (cache = new Map()));
  const cached = cache.get(districtId);
  if (cached?.fittedAt === fittedAt) return cached.model;
  const row = await loadModel(db, districtId);
  if (!row) return PRIOR_MASTERY_MODEL;
  const model = readStoredModel(row.model);
  cache.set(districtId, { fittedAt: row.fittedAt, model });
  return model;
}

export interface RefreshSummary {
  students: number;
  estimates: number;
}

/**
 * Recomputes the estimates of the given students and skills from their
 * evidence, and the flags that follow from it. Every estimate of a touched
 * student is rewritten, not only the pairs named: under the logistic model an
 * attempt at one skill moves the student's other skills too.
 */
export async function refreshMastery(
  db: Database,
  districtId: string,
  pairs: readonly { student: string; skill: string }[],
  now: Date = new Date(),
): Promise<RefreshSummary> {
  return refreshStudentMastery(db, districtId, pairs.map((pair) => pair.student), now);
}

/** Recomputes every estimate of the given students from their evidence, and the flags that follow from it. */
export async function refreshStudentMastery(db: Database, districtId: string, students: readonly string[], now: Date = new Date()): Promise<RefreshSummary> {
  const sorted = [...new Set(students)].sort();
  const estimates = await refreshStudents(db, districtId, sorted, now);
  return { students: sorted.length, estimates };
}

/**
 * Refreshes the students whose evidence changed behind the estimates' back (an
 * evidence CSV or gradebook import, including evidence it removed).
 */
export async function refreshStaleMastery(db: Database, districtId: string, now: Date = new Date()): Promise<RefreshSummary> {
  const students = await staleStudents(db, districtId);
  const estimates = await refreshStudents(db, districtId, students, now);
  return { students: students.length, estimates };
}

/**
 * Runs after an import has committed: refreshes what it changed. A failure here
 * never turns an accepted import into a failed one; it is reported as a warning
 * and `trellis mastery fit` catches up.
 */
export async function refreshAfterImport<Report extends { outcome: string; districtId: string | null }>(db: Database, run: Promise<Report>): Promise<Report> {
  const report = await run;
  if (report.outcome !== 'accepted' || !report.districtId) return report;
  try {
    await refreshStaleMastery(db, report.districtId);
  } catch (error) {
    process.emitWarning(`mastery estimates were not refreshed after the import, run \`trellis mastery fit\`: ${(error as Error).message}`);
  }
  return report;
}

async function refreshStudents(db: Database, districtId: string, students: readonly string[], now: Date, onBatch?: (done: number) => void): Promise<number> {
  const runs = districtRuns(db, districtId);
  // One refresh of a district at a time (the updater's pass, an import's, a fit's): each reads how far
  // the kept runs got and then advances them, so two at once could add the same new rows twice.
  return runs.exclusive(async () => {
    try {
      return await refreshWithRuns(db, districtId, runs, students, now, onBatch);
    } catch (error) {
      // A run may have advanced without its record; start every student afresh next time.
      runs.clear();
      throw error;
    }
  });
}

async function refreshWithRuns(
  db: Database,
  districtId: string,
  runs: RunCache,
  students: readonly string[],
  now: Date,
  onBatch?: (done: number) => void,
): Promise<number> {
  const model = await districtModel(db, districtId);
  let written = 0;
  for (let start = 0; start < students.length; start += STUDENT_BATCH) {
    const batch = students.slice(start, start + STUDENT_BATCH);
    const read = await newEvidenceOfStudents(db, districtId, batch, runs.readThrough(batch));
    // Each student's new rows and kept run, the run taken now: storing other students' runs below may drop it from the cache.
    const byStudent = new Map<string, { read: StudentEvidence; before: KeptRun | undefined }>();
    const skills = new Set<string>();
    for (const student of batch) {
      const got = read.get(student)!;
      const before = got.complete ? undefined : runs.get(student);
      // Cannot happen while refreshes take turns; if it did, the new rows alone would pass for the whole history.
      if (!got.complete && !before) throw new Error('a kept mastery run went missing during a refresh');
      byStudent.set(student, { read: got, before });
      for (const skill of before?.run.outcomes.keys() ?? []) skills.add(skill);
      for (const row of got.rows) skills.add(row.skill);
    }
    const labels = await skillLabels(db, districtId, [...skills]);
    const names = await studentNames(db, districtId, batch);
    const label = (skill: string) => labels.get(skill) ?? skill;
    const estimates: EstimateWrite[] = [];
    const flags: Flag[] = [];
    for (const student of batch) {
      const { current, trace } = studentEstimates(runs, model, student, byStudent.get(student)!, names.get(student), label);
      estimates.push(...current);
      const history = studentHistory(student, trace, new Map(current.map((estimate) => [estimate.skill, estimate.known])));
      flags.push(...teamFlags({ students: [history], sequence: [], today: now.toISOString(), label }));
    }
    await db.transaction(async (tx) => {
      await replaceStudentEstimates(tx, districtId, batch, estimates);
      const changes = flagChanges(await openFlags(tx, districtId, batch, EVIDENCE_FLAGS), flags, EVIDENCE_FLAGS);
      await writeFlagChanges(tx, districtId, changes, now);
    });
    written += estimates.length;
    onBatch?.(Math.min(start + STUDENT_BATCH, students.length));
  }
  return written;
}

/**
 * The students' model runs, kept between refreshes (per database and
 * district), so that a refresh after new evidence runs the model over the new
 * attempts only: a refresh then costs reading the evidence, not re-running a
 * year of it. A run that no longer fits the evidence is started again
 * (src/core/mastery/estimate.ts), so the cache can only save work, never change
 * a result. Bounded: the students refreshed least recently are dropped first.
 */
interface KeptRun {
  run: MasteryRun;
  /** The sum of the fingerprints of the rows the run has read (src/db/mastery.ts). */
  fingerprint: number;
}

class RunCache {
  /** Each student's run, how many attempts it had read when stored, and their fingerprint sum (src/db/mastery.ts). */
  private readonly runs = new Map<string, { run: MasteryRun; count: number; fingerprint: number }>();
  private attempts = 0;
  /** The last refresh queued by `exclusive`: the next one starts after it. */
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly limit: number) {}

  get(student: string): KeptRun | undefined {
    return this.runs.get(student);
  }

  /** How far each kept run of these students has read: what the next read need not send again. */
  readThrough(students: readonly string[]): Map<string, ReadThrough> {
    const read = new Map<string, ReadThrough>();
    for (const student of students) {
      const entry = this.runs.get(student);
      const last = entry?.run.history[entry.count - 1];
      if (entry && last) read.set(student, { student, through: last.at, count: entry.count, fingerprint: entry.fingerprint });
    }
    return read;
  }

  set(student: string, run: MasteryRun, fingerprint: number): void {
    // Re-inserted, so the Map's order is least recently refreshed first.
    this.delete(student);
    this.runs.set(student, { run, count: run.history.length, fingerprint });
    this.attempts += run.history.length;
    for (const [oldest, entry] of this.runs) {
      if (this.attempts <= this.limit) break;
      this.runs.delete(oldest);
      this.attempts -= entry.count;
    }
  }

  delete(student: string): void {
    const entry = this.runs.get(student);
    if (!entry) return;
    this.runs.delete(student);
    this.attempts -= entry.count;
  }

  clear(): void {
    this.runs.clear();
    this.attempts = 0;
  }

  /** Runs `work` once every refresh of the district started before it has finished. */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(work, work);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

/** Attempts kept in runs per district: about 150 bytes each, so some 75 MB at most. */
const CACHED_ATTEMPTS = 500_000;
const runCaches = new WeakMap<Database, Map<string, RunCache>>();

function districtRuns(db: Database, districtId: string): RunCache {
  let byDistrict = runCaches.get(db);
  if (!byDistrict) runCaches.set(db, (byDistrict = new Map()));
  let cache = byDistrict.get(districtId);
  if (!cache) byDistrict.set(districtId, (cache = new RunCache(CACHED_ATTEMPTS)));
  return cache;
}

const isoAt = (at: number) => new Date(at).toISOString();

/**
 * One student's estimate per skill with evidence, with when it was first and
 * last practised and last became mastered; and the trace the flags read.
 */
function studentEstimates(
  runs: RunCache,
  model: MasteryModel,
  student: string,
  { read, before }: { read: StudentEvidence; before: KeptRun | undefined },
  name: string | undefined,
  label: (skill: string) => string,
): { current: EstimateWrite[]; trace: readonly TracedEvidence[] } {
  if (read.rows.length === 0 && !before?.run.history.length) {
    runs.delete(student);
    return { current: [], trace: [] };
  }
  const options = { student: name, label };
  // Only the new rows are read into a kept run; a student read in full starts a run of their own.
  const { run, estimates } = before ? extendMastery(before.run, model, read.rows, options) : continueMastery(undefined, model, read.rows, options);
  const fingerprint = read.fingerprint + (before?.fingerprint ?? 0);
  runs.set(student, run, fingerprint);
  const trace = run.trace!;
  const spans = new Map<string, { first: number; last: number; masteredAt: number | null; wasMastered: boolean }>();
  for (const step of trace) {
    const span = spans.get(step.skill) ?? { first: step.at, last: step.at, masteredAt: null, wasMastered: false };
    span.last = step.at;
    const mastered = step.known >= DEFAULT_MASTERED_AT;
    if (mastered && !span.wasMastered) span.masteredAt = step.at;
    span.wasMastered = mastered;
    spans.set(step.skill, span);
  }
  const current = estimates.map((estimate): EstimateWrite => {
    const span = spans.get(estimate.skill)!;
    // Mastered now though no attempt of its own crossed the line (later answers on other skills
    // lifted it): dated by its last attempt, so "mastered by week W" counts it from then.
    if (estimate.mastered && !span.wasMastered) span.masteredAt = span.last;
    return {
      student,
      skill: estimate.skill,
      known: estimate.known,
      nextCorrect: estimate.nextCorrect,
      state: estimate.mastered ? 'mastered' : 'learning',
      attempts: estimate.attempts,
      rightCount: estimate.right,
      firstAt: isoAt(span.first),
      lastAt: isoAt(span.last),
      masteredAt: span.masteredAt === null ? null : isoAt(span.masteredAt),
      explanation: estimate.explanation,
    };
  });
  return { current, trace };
}

/**
 * A student's attempts per skill with the estimate after each, for the flags.
 * The last attempt of each skill carries the current estimate: other skills'
 * later answers move it too (the logistic model's student terms), and the flags
 * must agree with the state the team sees (no "without mastery" on a skill shown mastered).
 */
function studentHistory(student: string, trace: readonly TracedEvidence[], current: ReadonlyMap<string, number>): StudentHistory {
  const skills = new Map<string, StudentHistory['skills'][number]>();
  for (const step of trace) {
    const history = skills.get(step.skill) ?? { skill: step.skill, attempts: [] };
    history.attempts.push({ at: step.at, correct: step.correct, mastery: step.known });
    skills.set(step.skill, history);
  }
  for (const history of skills.values()) {
    const last = history.attempts[history.attempts.length - 1]!;
    last.mastery = current.get(history.skill) ?? last.mastery;
  }
  return { student, skills: [...skills.values()] };
}

export type FlagCounts = Record<FlagKind, number>;

/**
 * The district pass for the flags that change without new evidence: inactive
 * (school days go by) and behind (the team's median moves). "Behind" compares a
 * student's mastered skills of each team's sequence, as far as the sequence has
 * begun by today, with the team's median. Records when it ran (the server
 * runs it daily, src/learning/daily-flags.ts). Returns the open flags by kind.
 */
export async function refreshDistrictFlags(db: Database, districtId: string, now: Date = new Date()): Promise<FlagCounts> {
  // The district's day (the server's TZ), as the daily pass that calls this counts days.
  const today = localToday(now);
  const flags: Flag[] = [];
  for (const [student, last] of await lastEvidenceTimes(db, districtId)) {
    const idle = inactiveFlag(student, last, today, DEFAULT_FLAG_RULES);
    if (idle) flags.push(idle);
  }
  for (const standing of await teamStandings(db, districtId, today)) {
    flags.push(...behindFlags(standing.students, standing.sequence.length, today, DEFAULT_FLAG_RULES).values());
  }
  await db.transaction(async (tx) => {
    const changes = flagChanges(await openFlags(tx, districtId, null, DISTRICT_FLAGS), flags, DISTRICT_FLAGS);
    await writeFlagChanges(tx, districtId, changes, now);
    // Whoever ran it (the server's daily pass, the CLI, a fit), today's pass is then done.
    await recordFlagPass(tx, districtId, now);
  });
  return openFlagCounts(db, districtId);
}
