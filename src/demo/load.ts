/**
 * Loads the demo district into a database the way a district's own data arrives:
 * writes the CSV set to a temporary folder, imports it with the OneRoster and
 * student-attribute importers, then creates the demo sign-ins.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createAccount } from '../db/accounts.ts';
import type { Database } from '../db/database.ts';
import { deleteDemoDistricts, demoAccountRoles, findDemoDistrict } from '../db/demo.ts';
import type { ImportReport } from '../ingest/oneroster/index.ts';
import type { DemoLearning } from './load-learning.ts';
import { DEFAULT_DEMO_SEED, DEFAULT_DEMO_STUDENTS, generateDemoDistrict, type DemoSchool } from './generate.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './sign-ins.ts';
import { FILE_NAMES } from './tables.ts';
import { writeDemoDistrict, type WrittenFile } from './write.ts';

export { DEMO_ACCOUNTS, DEMO_PASSWORD } from './sign-ins.ts';

export type Progress = (phase: string, done: number, total: number) => void;

export interface LoadDemoOptions {
  students?: number;
  seed?: number;
  /** Delete an existing demo district first instead of refusing. */
  replace?: boolean;
  /** Also load the learning data (framework, sequences, programs' statements, evidence, mastery); default true. */
  learning?: boolean;
  /** The demo's "today" for the learning data; the real clock unless a test fixes it. */
  now?: Date;
  onProgress?: Progress;
}

export interface LoadedDemo {
  districtId: string;
  districtName: string;
  /** The OneRoster import's report. */
  report: ImportReport;
  attributesReport: ImportReport;
  accounts: { email: string; role: string }[];
  schools: DemoSchool[];
  files: WrittenFile[];
  /** What the learning-data phase loaded; null when it was not asked for. */
  learning: DemoLearning | null;
}

/** Thrown when the database already holds a demo district and `replace` is not set. */
export class DemoDistrictExistsError extends Error {
  constructor(readonly districtName: string) {
    super(`a demo district ("${districtName}") is already loaded`);
  }
}

export async function loadDemoDistrict(db: Database, options: LoadDemoOptions = {}): Promise<LoadedDemo> {
  const progress: Progress = options.onProgress ?? (() => {});
  const existing = await findDemoDistrict(db);
  if (existing && !options.replace) throw new DemoDistrictExistsError(existing.name);
  if (existing) {
    progress('removing the previous demo district', 0, 1);
    await deleteDemoDistricts(db);
  }

  progress('generating', 0, 1);
  const seed = options.seed ?? DEFAULT_DEMO_SEED;
  const district = generateDemoDistrict({ students: options.students ?? DEFAULT_DEMO_STUDENTS, seed });
  const folder = await mkdtemp(path.join(tmpdir(), 'trellis-demo-'));
  try {
    progress('writing CSV', 0, 1);
    const files = await writeDemoDistrict(district, folder);

    // Loaded lazily: the importers are large and the server's start path only needs them on an empty database.
    const { importOneRoster } = await import('../ingest/oneroster/index.ts');
    const report = await importOneRoster(db, folder, { isDemo: true, onProgress: progress });
    if (report.outcome !== 'accepted' || !report.districtId) throw new Error(`the demo roster was rejected: ${describeRejection(report)}`);
    const districtId = report.districtId;

    const { importStudentAttributes } = await import('../ingest/attributes/index.ts');
    const attributesReport = await importStudentAttributes(db, path.join(folder, FILE_NAMES.studentsAttributes), {
      districtSourcedId: district.districtSourcedId,
      isDemo: true,
      onProgress: progress,
    });
    if (attributesReport.outcome !== 'accepted') throw new Error(`the demo student attributes were rejected: ${describeRejection(attributesReport)}`);

    await db.transaction(async (tx) => {
      for (const [i, account] of district.accounts.entries()) {
        progress('creating demo sign-ins', i, district.accounts.length);
        await createAccount(tx, { districtId, password: DEMO_PASSWORD, ...account });
      }
    });
    progress('creating demo sign-ins', district.accounts.length, district.accounts.length);

    let learning: DemoLearning | null = null;
    if (options.learning ?? true) {
      const { loadDemoLearning } = await import('./load-learning.ts');
      learning = await loadDemoLearning(db, { districtId, district, seed, now: options.now, onProgress: progress });
    }

    await (await import('./improvement.ts')).loadDemoImprovement(db, { districtId, schools: district.schools, now: options.now });

    return {
      districtId,
      districtName: district.districtName,
      report,
      attributesReport,
      accounts: district.accounts.map(({ email, role }) => ({ email, role })),
      schools: district.schools,
      files,
      learning,
    };
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/** The demo sign-ins present in the database (for the server's start message). */
export async function demoAccountsIn(db: Database): Promise<{ email: string; role: string }[]> {
  return demoAccountRoles(
    db,
    DEMO_ACCOUNTS.map((a) => a.email),
  );
}

function describeRejection(report: ImportReport): string {
  const problems = report.problems.slice(0, 5).map((p) => `${p.file}:${p.line} ${p.field} "${p.value}": ${p.message}`);
  return [report.error, ...problems].filter(Boolean).join('; ') || 'no reason given';
}
