/**
 * Three example improvement projects for the demo district, one per job, so a
 * visitor sees each workspace full: (a) Correct — non-local college applications
 * at a high school; (b) Coordinate — halving the English-learner gap in grade-6
 * math on the demo team; (c) Reorient — a district portfolio across attendance,
 * achievement, facilities and transportation. Deterministic; dates count back from `now`.
 */
import type { OutcomeLiveDefinition, TeamLiveDefinition } from '../core/improvement/live-measures.ts';
import type { Aim, Area, Job, MeasureKind, Scale } from '../core/improvement/types.ts';
import type { ChartOptions } from '../core/spc/types.ts';
import { findAccountByEmail } from '../db/accounts.ts';
import type { Database } from '../db/database.ts';
import { addDriverNode, addFishboneCause, getFishbone } from '../db/diagnosis.ts';
import { adultsOfSchool, backdateProject, insertMember, insertProject, recordTimeline, teamsOfPerson } from '../db/improvement.ts';
import { insertChangeIdea, insertCycle } from '../db/improvement-cycles.ts';
import { insertMeasure, replaceValues } from '../db/improvement-measures.ts';
import { refreshLiveMeasures } from '../db/live-measures.ts';
import { importOutcomes } from '../ingest/outcomes/index.ts';
import type { DemoSchool } from './generate.ts';

export interface DemoImprovementOptions {
  districtId: string;
  schools: readonly DemoSchool[];
  now?: Date;
}

/** An ISO date `months` months before the first of `now`'s month (plus `days`). */
function monthsAgo(now: Date, months: number, days = 0): string {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - months, 1 + days)).toISOString().slice(0, 10);
}

/** One value per month for the last `values.length` months, oldest first. */
function monthly(now: Date, values: readonly number[], denominator?: number) {
  return values.map((y, i) => ({ x: monthsAgo(now, values.length - i), y, n: denominator ?? null }));
}

interface MeasureSpec {
  kind: MeasureKind;
  name: string;
  area?: Area;
  definition: string;
  chart: ChartOptions;
  values?: { x: string; y: number; n: number | null }[];
  /** A live measure's values are computed from the demo's learning data (docs/measures.md, "Live measures"). */
  live?: Omit<TeamLiveDefinition, 'period' | 'periods'> | OutcomeLiveDefinition;
}

interface CycleSpec {
  title: string;
  idea: number;
  scale: Scale;
  measure: number;
  question: string;
  prediction: string;
  startedMonthsAgo: number | null;
  results?: string;
  decision?: 'adopt' | 'adapt' | 'abandon';
  nextStep?: string;
}

interface ProjectSpec {
  title: string;
  job: Job;
  aim: Aim;
  scope: { kind: 'team' | 'school' | 'district'; id: string | null };
  startedMonthsAgo: number;
  members: { userSourcedId: string; role: 'lead' | 'member' | 'sponsor' | 'coach' | 'data'; department: string }[];
  /** Fishbone causes by default category name. */
  causes?: [string, string][];
  /** Primary drivers, each with secondary drivers, each with change ideas (by index into `ideas`). */
  drivers: { text: string; secondaries: { text: string; ideas: number[] }[] }[];
  ideas: string[];
  measures: MeasureSpec[];
  cycles: CycleSpec[];
}

async function createProject(db: Database, districtId: string, accountId: string, now: Date, spec: ProjectSpec): Promise<string> {
  const projectId = await db.transaction(async (tx) => {
    const id = await insertProject(tx, districtId, accountId, { title: spec.title, job: spec.job, aim: spec.aim, scope: spec.scope });
    for (const member of spec.members) await insertMember(tx, districtId, id, { ...member, accountId: null });
    await recordTimeline(tx, districtId, id, accountId, 'project.created', `Started “${spec.title}”.`);
    return id;
  });
  const ref = { districtId, projectId };

  if (spec.causes) {
    const fishbone = await getFishbone(db, ref, accountId);
    for (const [category, text] of spec.causes) {
      const found = fishbone.categories.find((c) => c.name === category) ?? fishbone.categories[0]!;
      await addFishboneCause(db, ref, { categoryId: found.id, text }, accountId);
    }
  }

  const ideaIds = await db.transaction(async (tx) => {
    const ids: string[] = [];
    for (const title of spec.ideas) ids.push(await insertChangeIdea(tx, districtId, projectId, { title, description: '' }));
    return ids;
  });
  const node = async (parentId: string | null, text: string, changeIdeaId?: string): Promise<string> => {
    const result = await addDriverNode(db, ref, { parentId, text, changeIdeaId });
    if (result === 'not-found' || 'refused' in result) throw new Error(`the demo driver diagram was refused at “${text}”`);
    return result.id;
  };
  const aimNode = await node(null, spec.aim.what);
  for (const primary of spec.drivers) {
    const p = await node(aimNode, primary.text);
    for (const secondary of primary.secondaries) {
      const s = await node(p, secondary.text);
      for (const idea of secondary.ideas) await node(s, spec.ideas[idea]!, ideaIds[idea]!);
    }
  }

  await db.transaction(async (tx) => {
    const measureIds: string[] = [];
    for (const m of spec.measures) {
      const id = await insertMeasure(tx, districtId, projectId, {
        kind: m.kind, name: m.name, area: m.area ?? null, operationalDefinition: m.definition, chartOptions: m.chart,
        source: m.live ? 'live' : 'manual', liveDefinition: !m.live ? null : m.live.kind === 'imported_outcome' ? { ...m.live } : { ...m.live, period: 'week', periods: 12 },
      });
      if (m.values) await replaceValues(tx, districtId, id, m.values);
      measureIds.push(id);
    }
    let previous: string | null = null;
    for (const c of spec.cycles) {
      const startedOn = c.startedMonthsAgo === null ? null : monthsAgo(now, c.startedMonthsAgo, 2);
      previous = await insertCycle(tx, districtId, projectId, accountId, {
        title: c.title,
        changeIdeaId: ideaIds[c.idea]!,
        previousCycleId: previous,
        measureId: measureIds[c.measure]!,
        scale: c.scale,
        dueOn: c.startedMonthsAgo === null ? monthsAgo(now, -1) : monthsAgo(now, c.startedMonthsAgo - 1, 2),
        plan: { question: c.question, prediction: c.prediction },
        do: { startedOn, endedOn: c.results && startedOn ? monthsAgo(now, c.startedMonthsAgo! - 1) : null },
        study: { results: c.results ?? '' },
        act: { decision: c.decision ?? null, nextStep: c.nextStep ?? '' },
      });
      await recordTimeline(tx, districtId, projectId, accountId, c.decision ? 'cycle.decided' : 'cycle.created',
        c.decision ? `PDSA cycle “${c.title}”: decided to ${c.decision}.` : `PDSA cycle “${c.title}” started at ${c.scale} scale.`);
    }
    await backdateProject(tx, districtId, projectId, monthsAgo(now, spec.startedMonthsAgo));
  });
  await refreshLiveMeasures(db, districtId, projectId, { now });
  return projectId;
}

/** Creates the three example projects; returns their ids (Correct, Coordinate, Reorient). */
export async function loadDemoImprovement(db: Database, options: DemoImprovementOptions): Promise<string[]> {
  const now = options.now ?? new Date();
  const { districtId } = options;
  const admin = await findAccountByEmail(db, 'admin@demo.school');
  const principal = await findAccountByEmail(db, 'principal@demo.school');
  const leader = await findAccountByEmail(db, 'leader@demo.school');
  const teacher = await findAccountByEmail(db, 'teacher@demo.school');
  const coach = await findAccountByEmail(db, 'coach@demo.school');
  if (!admin || !principal?.userSourcedId || !leader?.userSourcedId || !teacher?.userSourcedId || !coach?.userSourcedId) {
    throw new Error('the demo sign-ins must exist before the example improvement projects');
  }
  const high = options.schools.find((s) => s.level === 'high') ?? options.schools[0]!;
  const [team] = await teamsOfPerson(db, districtId, leader.userSourcedId);
  if (!team) throw new Error('the demo teacher-leader has no team');
  const highAdults = await adultsOfSchool(db, districtId, high.sourcedId, 3);

  const correct = await createProject(db, districtId, admin.id, now, correctSpec(now, high, highAdults));
  await addImportedApplications(db, districtId, correct, high, now);
  const coordinate = await createProject(db, districtId, leader.id, now, coordinateSpec(now, team.id, { leader: leader.userSourcedId, teacher: teacher.userSourcedId, coach: coach.userSourcedId }));
  const reorient = await createProject(db, districtId, admin.id, now, reorientSpec(now, { principal: principal.userSourcedId, coach: coach.userSourcedId, leader: leader.userSourcedId }));
  return [correct, coordinate, reorient];
}

/** The school year holding `now` (`2025-26` from July 2025 to June 2026), and the `count` before it, oldest first. */
function schoolYears(now: Date, count: number): string[] {
  const current = now.getUTCMonth() >= 6 ? now.getUTCFullYear() : now.getUTCFullYear() - 1;
  return Array.from({ length: count }, (_, i) => current - count + 1 + i).map((y) => `${y}-${String((y + 1) % 100).padStart(2, '0')}`);
}

/**
 * Five school years of the high school's seniors applying outside the county,
 * imported as a district would (trellis import outcomes), and a Correct-project
 * measure of kind imported_outcome charting them. Its own transaction, after the
 * project's: the monthly share stays the project's first outcome measure.
 */
async function addImportedApplications(db: Database, districtId: string, projectId: string, high: DemoSchool, now: Date): Promise<void> {
  const seniors = [212, 220, 208, 215, 224];
  const applied = [36, 40, 37, 41, 71];
  const lines = schoolYears(now, seniors.length).map((year, i) => `${high.sourcedId},college_applications_nonlocal,${year},${applied[i]},${seniors[i]}`);
  const { rows } = await db.query<{ sourcedId: string }>('select sourced_id as "sourcedId" from districts where id = $1', [districtId]);
  const report = await importOutcomes(db, new TextEncoder().encode(`school,outcome,period,value,denominator\n${lines.join('\n')}\n`), { districtSourcedId: rows[0]!.sourcedId });
  if (report.outcome !== 'accepted') throw new Error(`the demo outcomes were refused: ${report.error ?? JSON.stringify(report.problems)}`);
  await db.transaction((tx) =>
    insertMeasure(tx, districtId, projectId, {
      kind: 'outcome',
      name: 'Seniors applying beyond the county, by school year',
      area: null,
      operationalDefinition: 'Seniors with at least one application to a college outside the county by June, over all seniors; imported from the district’s counselling records each school year.',
      chartOptions: { chart: 'p' },
      source: 'live',
      liveDefinition: { kind: 'imported_outcome', outcome: 'college_applications_nonlocal' },
    }),
  );
  await refreshLiveMeasures(db, districtId, projectId, { now });
}

function correctSpec(now: Date, high: DemoSchool, adults: string[]): ProjectSpec {
  // Twelve months of the share of seniors applying to a college outside the county: flat near 18%, then up after the first cycle.
  const share = [17, 19, 18, 16, 18, 19, 17, 24, 26, 27, 29, 31];
  return {
    title: 'More seniors apply beyond the county',
    job: 'correct',
    aim: { what: 'applications to colleges outside the county', forWhom: `grade 12 students at ${high.name}`, howMuch: 'from 18% to 35% of seniors', byWhen: monthsAgo(now, -5) },
    scope: { kind: 'school', id: high.sourcedId },
    startedMonthsAgo: 6,
    members: adults.map((id, i) => ({ userSourcedId: id, role: i === 0 ? 'lead' : 'member', department: ['Counselling', 'English', 'Mathematics'][i]! })),
    causes: [
      ['People', 'Counsellors meet each senior once, in spring, too late for early deadlines'],
      ['Methods', 'Application fees are waived only for students who ask'],
      ['Materials', 'Students only hear about the two colleges in the county'],
      ['Environment', 'Few families have been through an out-of-county application'],
    ],
    drivers: [
      { text: 'Students know the colleges that fit them', secondaries: [{ text: 'Advisory covers college options in the fall', ideas: [0] }] },
      { text: 'Applying costs little', secondaries: [{ text: 'Fee waivers reach every eligible senior', ideas: [1] }] },
    ],
    ideas: ['College map lesson in advisory', 'Fee waiver filed with every application'],
    measures: [
      { kind: 'outcome', name: 'Seniors applying outside the county (%)', definition: 'Seniors with at least one application to a college outside the county, as a share of all seniors, at the end of each month.', chart: { chart: 'run' }, values: monthly(now, share) },
      { kind: 'process', name: 'Advisories that taught the college map', definition: 'Grade 12 advisories that taught the lesson this month.', chart: { chart: 'run' }, values: monthly(now, [0, 0, 0, 0, 0, 0, 0, 1, 1, 4, 8, 9]) },
    ],
    cycles: [
      { title: 'College map in one advisory', idea: 0, scale: 'classroom', measure: 0, question: 'Will seniors shown the college map start an application outside the county?', prediction: '3 of 22 students start one within two weeks.', startedMonthsAgo: 5, results: '6 of 22 started one; two asked for fee help.', decision: 'adapt', nextStep: 'Add the fee waiver step and try it in four advisories.' },
      { title: 'Map and fee waiver in four advisories', idea: 1, scale: 'team', measure: 0, question: 'Does filing the waiver with the application remove the fee barrier?', prediction: '20 of 90 seniors apply outside the county.', startedMonthsAgo: 3, results: '24 of 90 applied; waivers filed for all who qualified.', decision: 'adopt', nextStep: 'Every grade 12 advisory from next month.' },
      { title: 'Every grade 12 advisory', idea: 0, scale: 'school', measure: 0, question: 'Does the change hold when every advisory teaches it?', prediction: 'The share reaches 30% by the end of the term.', startedMonthsAgo: 1 },
    ],
  };
}

function coordinateSpec(now: Date, teamId: string, people: { leader: string; teacher: string; coach: string }): ProjectSpec {
  return {
    title: 'Halve the English-learner gap in grade 6 math',
    job: 'coordinate',
    aim: { what: 'the gap in math mastery between English learners and their classmates', forWhom: 'grade 6 students on our team', howMuch: 'from 9 to under 5 percentage points of the sequence mastered', byWhen: monthsAgo(now, -7) },
    scope: { kind: 'team', id: teamId },
    startedMonthsAgo: 4,
    members: [
      { userSourcedId: people.leader, role: 'lead', department: 'Mathematics' },
      { userSourcedId: people.teacher, role: 'member', department: 'English language development' },
      { userSourcedId: people.coach, role: 'coach', department: 'Instructional coaching' },
    ],
    drivers: [
      { text: 'Math lessons build academic language', secondaries: [{ text: 'Every lesson names and practises its math words', ideas: [0] }] },
      { text: 'ELD and math teachers plan together', secondaries: [{ text: 'A shared weekly planning slot', ideas: [1] }] },
    ],
    ideas: ['Sentence frames for math talk', 'Co-planned Thursday lesson'],
    measures: [
      // Live from the team's learning data: the gap in the share of the team's sequence mastered, week by week.
      { kind: 'outcome', name: 'EL gap in grade 6 math mastery (points)', definition: 'Share of the team’s grade 6 math sequence mastered by students who are not English learners minus the share mastered by English learners, at the end of each week.', chart: { chart: 'run' },
        live: { kind: 'mastery_share', team: teamId, gap: { a: { attribute: 'english_learner', value: false }, b: { attribute: 'english_learner', value: true } } } },
      { kind: 'process', name: 'Math lessons with sentence frames (%)', definition: 'Observed grade 6 math lessons that used sentence frames, as a share of lessons observed each week.', chart: { chart: 'p' },
        values: monthly(now, [2, 3, 2, 6, 9, 12, 14, 15], 20).map((v, i) => ({ ...v, x: monthsAgo(now, 2, i * 7) })) },
      { kind: 'balancing', name: 'Students with a struggling flag', definition: 'The team’s students with an open struggling flag (wheel-spinning, regression, inactive, behind) at the end of each week.', chart: { chart: 'run' },
        live: { kind: 'struggling', team: teamId } },
    ],
    cycles: [
      { title: 'Sentence frames in one class', idea: 0, scale: 'classroom', measure: 1, question: 'Will English learners explain their reasoning more with sentence frames?', prediction: 'Half the English learners explain a solution aloud in the lesson.', startedMonthsAgo: 2, results: '7 of 11 explained a solution; two others wrote one.', decision: 'adopt', nextStep: 'All grade 6 math classes.' },
      { title: 'Co-planned Thursday lesson', idea: 1, scale: 'team', measure: 1, question: 'Does co-planning spread the frames to every class?', prediction: 'Frames in 3 of 4 observed lessons by the month’s end.', startedMonthsAgo: 1 },
    ],
  };
}

function reorientSpec(now: Date, people: { principal: string; coach: string; leader: string }): ProjectSpec {
  const trend = (start: number, step: number) => Array.from({ length: 10 }, (_, i) => Math.round((start + step * i + ((i * 7) % 3) - 1) * 10) / 10);
  return {
    title: 'A smaller district that works for every student',
    job: 'reorient',
    aim: { what: 'how the district serves students after enrolment fell by a fifth', forWhom: 'every student in the district', howMuch: 'chronic absence from 19% to 12% and bus routes from 64 to 50', byWhen: monthsAgo(now, -12) },
    scope: { kind: 'district', id: null },
    startedMonthsAgo: 10,
    members: [
      { userSourcedId: people.principal, role: 'lead', department: 'Schools' },
      { userSourcedId: people.coach, role: 'member', department: 'Teaching and learning' },
      { userSourcedId: people.leader, role: 'member', department: 'Family engagement' },
    ],
    drivers: [
      { text: 'Students come to school', secondaries: [{ text: 'Routes and bell times fit families', ideas: [0] }] },
      { text: 'Buildings match enrolment', secondaries: [{ text: 'Fewer, fuller buildings', ideas: [1] }] },
    ],
    ideas: ['Combined bus routes with staggered bells', 'Share one building between two schools'],
    measures: [
      { kind: 'outcome', name: 'Chronically absent students (%)', area: 'attendance', definition: 'Students absent 10% or more of enrolled days so far this year, each month.', chart: { chart: 'run' }, values: monthly(now, trend(19, -0.4)) },
      { kind: 'outcome', name: 'Grade 3–8 students on track in math (%)', area: 'achievement', definition: 'Students whose math mastery is on track for their grade, each month.', chart: { chart: 'run' }, values: monthly(now, trend(48, 0.5)) },
      { kind: 'process', name: 'Building capacity in use (%)', area: 'facilities', definition: 'Enrolled students as a share of the buildings’ seats.', chart: { chart: 'run' }, values: monthly(now, trend(71, 0.8)) },
      { kind: 'process', name: 'Bus routes run each day', area: 'transportation', definition: 'Distinct morning routes run on a school day, monthly average.', chart: { chart: 'run' }, values: monthly(now, trend(64, -1)) },
    ],
    cycles: [
      { title: 'Combine two north routes', idea: 0, scale: 'school', measure: 3, question: 'Can two routes become one without longer rides?', prediction: 'Rides stay under 40 minutes and attendance holds.', startedMonthsAgo: 6, results: 'Longest ride 38 minutes; attendance unchanged.', decision: 'adopt', nextStep: 'Combine routes across the north schools.' },
      { title: 'Staggered bells in the north', idea: 0, scale: 'district', measure: 0, question: 'Do staggered bells let fewer buses cover the north?', prediction: 'Four fewer routes; chronic absence does not rise.', startedMonthsAgo: 3 },
    ],
  };
}

