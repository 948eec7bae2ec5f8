/**
 * Evidence from the statements the LRS stores: in the very transaction that
 * stores them (the LRS calls mapNewStatements), and as a catch-up (`trellis
 * learning sync`). Both are idempotent: evidence is keyed by statement id (and
 * skill), and a statement that maps to nothing is recorded once, with its
 * reason, in unmapped_statements. Voided statements give no evidence. Students
 * whose evidence changed are queued for the mastery updater. See
 * docs/learning-data.md.
 */
import {
  activityLookup,
  DEFAULT_THRESHOLD,
  lookupKeys,
  statementEvidence,
  UNMAPPED_REASONS,
  type UnmappedReason,
} from '../../core/learning/statement-evidence.ts';
import { skillDirectory } from '../../core/learning/skills.ts';
import { studentDirectory } from '../../core/learning/students.ts';
import { savepoint, type Database, type Sql } from '../../db/database.ts';
import { queueStudents, queueStudentsWithEvidence } from '../../db/mastery-queue.ts';
import {
  activityMappingsNamed,
  advanceSyncCursor,
  forgetStatementEvidence,
  forgetVoidedStatements,
  forgetVoidedTargets,
  recordUnmapped,
  saveSyncCursor,
  skillsNamed,
  statementsToMap,
  studentsNamed,
  syncCursor,
  type StatementRow,
  type UnmappedRow,
} from '../../db/statement-evidence.ts';
import { upsertEvidence, type EvidenceWrite } from '../evidence/write.ts';

export interface BatchCounts {
  statements: number;
  /** Statements that gave evidence. */
  mapped: number;
  /** Evidence rows written (a statement may evidence several skills). */
  evidence: number;
  unmapped: Record<UnmappedReason, number>;
}

const emptyBatch = (): BatchCounts => ({ statements: 0, mapped: 0, evidence: 0, unmapped: { 'no result': 0, 'no student': 0, 'no skill': 0 } });

interface MappedBatch {
  counts: BatchCounts;
  /** Students who got evidence. */
  students: Set<string>;
}

/**
 * Maps one batch of statements and writes the outcome; the lookups hold only
 * what the batch names. `fresh` statements were stored in this transaction, so
 * they have no unmapped record to clear.
 */
async function mapBatch(sql: Sql, districtId: string, rows: Pick<StatementRow, 'id' | 'statement'>[], threshold: number, fresh = false): Promise<MappedBatch> {
  const counts = emptyBatch();
  const students = new Set<string>();
  if (rows.length === 0) return { counts, students };
  const keys = lookupKeys(rows.map((r) => r.statement));
  const lookups = {
    students: studentDirectory(await studentsNamed(sql, districtId, keys)),
    skills: skillDirectory(await skillsNamed(sql, districtId, keys)),
    activities: activityLookup(await activityMappingsNamed(sql, districtId, keys)),
    threshold,
  };
  const evidence: EvidenceWrite[] = [];
  const unmapped: UnmappedRow[] = [];
  const mapped: string[] = [];
  for (const row of rows) {
    const outcome = statementEvidence(row.statement, lookups);
    counts.statements++;
    if ('reason' in outcome) {
      counts.unmapped[outcome.reason]++;
      const { activityId, platform, actor, occurredAt } = outcome.facts;
      unmapped.push({ statement_id: row.id, reason: outcome.reason, activity_id: activityId, platform, actor, occurred_at: occurredAt });
      continue;
    }
    counts.mapped++;
    if (!fresh) mapped.push(row.id);
    for (const e of outcome.evidence) {
      students.add(e.studentSourcedId);
      evidence.push({
        student_sourced_id: e.studentSourcedId,
        skill_id: e.skillId,
        occurred_at: e.occurredAt,
        correct: e.correct,
        score: e.score,
        source_key: row.id,
        source_ref: row.id,
      });
    }
  }
  counts.evidence = evidence.length;
  await upsertEvidence(sql, districtId, 'xapi', evidence);
  await recordUnmapped(sql, districtId, unmapped, mapped);
  return { counts, students };
}

export interface NewStatements {
  /** As stored (with id, stored and authority), in seq order. */
  statements: { id: string; statement: unknown; isVoiding: boolean }[];
  firstSeq: number;
  lastSeq: number;
  /** Ids of attempts stored voided (their voiding statement came first): they give no evidence. */
  voidedOnArrival: ReadonlySet<string>;
  /** The stored time of the batch (ISO 8601). */
  stored: string;
}

/**
 * Maps statements in the transaction that stores them, from the statements in
 * hand: the evidence of attempts, the forgetting of what voiding statements
 * void, and the students whose estimates are now behind (queued for the mastery
 * updater). Run in a savepoint: if mapping fails, the statements are still
 * stored (an LRS keeps every valid statement), the failure is reported as a
 * process warning, and `trellis learning sync` maps them later, since the sync
 * cursor then stays behind them.
 */
export async function mapNewStatements(tx: Sql, districtId: string, batch: NewStatements): Promise<void> {
  try {
    await savepoint(tx, async () => {
      const voiding = batch.statements.filter((s) => s.isVoiding).map((s) => s.id);
      const forgotten = await forgetVoidedTargets(tx, districtId, voiding);
      const attempts = batch.statements
        .filter((s) => !s.isVoiding && !batch.voidedOnArrival.has(s.id))
        .map((s) => ({ id: s.id, statement: s.statement }));
      const { students } = await mapBatch(tx, districtId, attempts, DEFAULT_THRESHOLD, true);
      await queueStudents(tx, districtId, [...students, ...forgotten]);
      await advanceSyncCursor(tx, districtId, batch.firstSeq, batch.lastSeq, batch.stored);
    });
  } catch (error) {
    process.emitWarning(`evidence from ${batch.statements.length} stored statement(s) failed, run \`trellis learning sync\`: ${(error as Error).message}`);
  }
}

export interface SyncOptions {
  /** Scaled score at or above which a scored attempt without success counts as right (default 0.8). */
  threshold?: number;
  /** Read every statement again, not only those since the last sync, and map again those that were unmapped (after importing skills or an activity map). */
  recheck?: boolean;
  /** Forget all evidence from statements and map every statement again (after changing the threshold). */
  rebuild?: boolean;
  onProgress?: (done: number) => void;
}

export interface SyncReport extends BatchCounts {
  /** Evidence rows removed because their statements were voided. */
  voided: number;
}

const SYNC_BATCH = 2000;

/**
 * The catch-up: maps the district's stored statements not mapped yet, batch by
 * batch, from where the last sync got to (from the start with recheck or
 * rebuild), and forgets the evidence of statements voided since.
 */
export async function syncStatementEvidence(db: Database, districtId: string, options: SyncOptions = {}): Promise<SyncReport> {
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const report: SyncReport = { ...emptyBatch(), voided: 0 };
  const startedAt = new Date().toISOString();
  if (options.rebuild) {
    await db.transaction(async (tx) => {
      await queueStudentsWithEvidence(tx, districtId, 'xapi');
      await forgetStatementEvidence(tx, districtId);
    });
  }
  const cursor = options.recheck || options.rebuild ? null : await syncCursor(db, districtId);
  await db.transaction(async (tx) => {
    const voided = await forgetVoidedStatements(tx, districtId, cursor?.syncedAt ?? null);
    report.voided = voided.removed;
    await queueStudents(tx, districtId, voided.students);
  });
  let lastSeq = cursor?.lastSeq ?? 0;
  for (let afterSeq: number | null = lastSeq; afterSeq !== null; ) {
    const from = afterSeq;
    const { counts } = await db.transaction(async (tx) => {
      const window = await statementsToMap(tx, districtId, from, SYNC_BATCH, options.recheck ?? false);
      afterSeq = window.lastSeq;
      lastSeq = window.lastSeq ?? lastSeq;
      const mapped = await mapBatch(tx, districtId, window.rows, threshold);
      await queueStudents(tx, districtId, [...mapped.students]);
      return mapped;
    });
    report.statements += counts.statements;
    report.mapped += counts.mapped;
    report.evidence += counts.evidence;
    for (const reason of UNMAPPED_REASONS) report.unmapped[reason] += counts.unmapped[reason];
    options.onProgress?.(report.statements);
  }
  await saveSyncCursor(db, districtId, { lastSeq, syncedAt: startedAt });
  return report;
}
