/**
 * The demo district's learning data, loaded the way a district's own arrives:
 * the math framework through the CASE importer, its skills linked to the
 * middle-school math courses, a current skill sequence for each middle-school
 * team, two learning programs with LRS credentials that send eight weeks of
 * simulated xAPI statements (ending today) to /xapi, the check-in program's
 * activity map through its importer, then the statement→evidence sync and the
 * mastery fit. See docs/demo.md.
 */
import type { Database } from '../db/database.ts';
import { learningDataCounts } from '../db/demo.ts';
import { createIntegration } from '../db/integrations.ts';
import { districtSkills, replaceTeamSequence } from '../db/learning.ts';
import type { ImportReport } from '../ingest/common/report.ts';
import type { DemoDistrict } from './generate.ts';
import { DEMO_DOCUMENT_ID, demoCasePackage, skillIdentifier, skillUri } from './learning/framework.ts';
import { planDemoLearning, type LearningPeriod } from './learning/plan.ts';
import { DemoLrsClient, STATEMENTS_PER_REQUEST, type ProgramCredential } from './learning/send.ts';
import { ADAPTIVE_PROGRAM, CHECKIN_PROGRAM, simulateLearning, type DemoStatement, type SkillTruth } from './learning/simulate.ts';

export type Progress = (phase: string, done: number, total: number) => void;

/**
 * How much each student practises: most school days, a few items a day. Fewer
 * items than a heavy user answers, so the default demo loads in seconds; still
 * dozens of answers per student over the period, plenty for the mastery model,
 * and few idle days, so "inactive" flags go to the students who really stopped.
 */
const PRACTICE = { items: { min: 1, max: 3 }, days: 0.9 };

const PROGRAMS = [ADAPTIVE_PROGRAM, CHECKIN_PROGRAM] as const;

export interface LoadDemoLearningOptions {
  districtId: string;
  district: Pick<DemoDistrict, 'districtSourcedId' | 'schools' | 'tables'>;
  seed: number;
  /** The demo's "today"; the real clock unless a test fixes it. */
  now?: Date;
  onProgress?: Progress;
}

export interface DemoLearning {
  period: LearningPeriod;
  students: number;
  teams: { sequenced: number; reporting: number };
  /** The programs' LRS credentials by name and key (their secrets are not kept). */
  programs: { name: string; key: string }[];
  statements: number;
  evidence: number;
  unmapped: number;
  /** The simulated students' hidden state of knowledge, to check the estimates against. */
  truth: SkillTruth[];
  /** The mastery model fitted on the demo's evidence. */
  mastery: { kind: string; responses: number; students: number; skills: number };
}

function requireAccepted(report: ImportReport, what: string): void {
  if (report.outcome === 'accepted') return;
  const problems = report.problems.slice(0, 3).map((p) => `${p.file}:${p.line} ${p.field} "${p.value}": ${p.message}`);
  throw new Error(`the demo ${what} was rejected: ${[report.error, ...problems].filter(Boolean).join('; ') || 'no reason given'}`);
}

export async function loadDemoLearning(db: Database, options: LoadDemoLearningOptions): Promise<DemoLearning> {
  const progress: Progress = options.onProgress ?? (() => {});
  const { districtId, district } = options;
  const plan = planDemoLearning(district, options.now ?? new Date());
  const importOptions = { districtSourcedId: district.districtSourcedId };

  progress('learning data: framework and sequences', 0, 3);
  const { importCase } = await import('../ingest/case/index.ts');
  const bytes = new TextEncoder().encode(JSON.stringify(demoCasePackage()));
  requireAccepted(await importCase(db, bytes, importOptions), 'math framework');

  const skills = await districtSkills(db, districtId);
  const skillIds = new Map(skills.filter((s) => s.sourceKey && s.code).map((s) => [s.sourceKey, s.id]));
  const skillId = (code: string) => {
    const id = skillIds.get(skillIdentifier(code));
    if (!id) throw new Error(`the demo framework (${DEMO_DOCUMENT_ID}) has no skill ${code} after its import`);
    return id;
  };
  progress('learning data: framework and sequences', 1, 3);
  await db.transaction(async (tx) => {
    const { replaceCourses } = await import('../ingest/skills/write.ts');
    const links = plan.courseLinks.map((link) => ({ skill: skillId(link.code), course: link.course }));
    await replaceCourses(tx, districtId, [...new Set(links.map((l) => l.skill))], links);
    for (const sequence of plan.sequences) {
      await replaceTeamSequence(tx, districtId, sequence.team, sequence.items.map((item) => ({ skillId: skillId(item.code), startsOn: item.startsOn, endsOn: item.endsOn })));
    }
  });
  progress('learning data: framework and sequences', 2, 3);

  const simulation = simulateLearning(plan.students, {
    seed: options.seed,
    startDate: plan.period.startDate,
    schoolDays: plan.period.schoolDays,
    practiceItems: PRACTICE.items,
    practiceDays: PRACTICE.days,
    until: plan.period.until,
  });
  // The check-in tool's activities are its own ids, not CASE URIs: the district maps them to skills.
  const { importActivityMap } = await import('../ingest/activity-map/index.ts');
  const activityMap = ['activity,skill,program', ...simulation.activityMap.map((row) => `${row.activity},${skillUri(row.skill)},${row.program}`)].join('\n');
  requireAccepted(await importActivityMap(db, new TextEncoder().encode(`${activityMap}\n`), importOptions), 'activity map');
  progress('learning data: framework and sequences', 3, 3);

  const credentials = new Map<string, ProgramCredential>();
  const programs: DemoLearning['programs'] = [];
  for (const name of PROGRAMS) {
    const { integration, secret } = await createIntegration(db, { districtId, name, createdBy: 'demo' });
    credentials.set(name, { key: integration.key, secret });
    programs.push({ name, key: integration.key });
  }

  const batches = programBatches(simulation.statements);
  const lrs = await DemoLrsClient.open(db);
  let sent = 0;
  try {
    for (const batch of batches) {
      progress('learning data: programs sending statements', sent, simulation.statements.length);
      await lrs.post(credentials.get(batch.program)!, batch.statements);
      sent += batch.statements.length;
    }
  } finally {
    await lrs.close();
  }
  progress('learning data: programs sending statements', sent, simulation.statements.length);

  // The LRS maps each batch as it stores it; the catch-up sync confirms nothing was left behind.
  progress('learning data: evidence', 0, 1);
  const { syncStatementEvidence } = await import('../ingest/statements/index.ts');
  await syncStatementEvidence(db, districtId);
  const { evidence, unmapped } = await learningDataCounts(db, districtId);
  progress('learning data: evidence', 1, 1);

  // The model fitted on the demo's own evidence, then every estimate, state and flag from it.
  const { fitDistrictMastery } = await import('../learning/mastery.ts');
  const mastery = await fitDistrictMastery(db, districtId, { onProgress: (phase, done, total) => progress(`learning data: mastery (${phase})`, done, total) });

  return {
    period: plan.period,
    students: plan.students.length,
    teams: { sequenced: plan.sequences.length, reporting: plan.reportingTeams.length },
    programs,
    statements: sent,
    evidence,
    unmapped,
    truth: simulation.truth,
    mastery,
  };
}

/**
 * Each program's statements in time order, cut into requests, the requests of
 * both programs interleaved by time as the programs would send them.
 */
function programBatches(statements: readonly DemoStatement[]): { program: string; statements: DemoStatement[] }[] {
  const batches: { program: string; statements: DemoStatement[] }[] = [];
  for (const program of PROGRAMS) {
    const own = statements.filter((s) => s.context.platform === program);
    for (let start = 0; start < own.length; start += STATEMENTS_PER_REQUEST) {
      batches.push({ program, statements: own.slice(start, start + STATEMENTS_PER_REQUEST) });
    }
  }
  return batches.sort((a, b) => (a.statements[0]!.timestamp < b.statements[0]!.timestamp ? -1 : a.statements[0]!.timestamp > b.statements[0]!.timestamp ? 1 : 0));
}
