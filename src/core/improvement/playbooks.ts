/**
 * A playbook per job: the steps that job usually takes, each with a
 * done-condition computed from the project's own data, so the checklist ticks
 * itself as the team works rather than asking anyone to tick it.
 */
import { plural } from '../plural.ts';
import { checkAim } from './aim.ts';
import { cyclePhase, daysBetween, isOverdue, ramps } from './cycles.ts';
import { PORTFOLIO_AREAS, type Area, type Job, type ProjectFacts } from './types.ts';

export type StepStatus = 'done' | 'todo' | 'attention';

export interface PlaybookStep {
  id: string;
  title: string;
  /** Why the step matters, in a sentence. */
  why: string;
  status: StepStatus;
  /** What the data say about the step now. */
  note: string;
}

export interface Playbook {
  job: Job;
  name: string;
  /** The plain question the guided start asks, and its one-line example. */
  choice: string;
  example: string;
  steps: PlaybookStep[];
}

export const JOB_CHOICES: Record<Job, { name: string; choice: string; example: string }> = {
  correct: {
    name: 'Correct',
    choice: 'I have a specific problem — help me fix it',
    example: 'e.g. too many grade 6 students arrive late on Mondays.',
  },
  coordinate: {
    name: 'Coordinate',
    choice: 'Help me rally others across departments to move the needle',
    example: 'e.g. counselling, teaching and family outreach together raise ninth-grade pass rates.',
  },
  reorient: {
    name: 'Reorient',
    choice: 'We can’t do what we did in the past — help us find a new way as a system',
    example: 'e.g. after enrolment fell, rethink attendance, learning, buildings and buses together.',
  },
};

/** Today as an ISO date, for the checks that depend on time. */
export interface PlaybookContext {
  today: string;
}

const FIRST_CYCLE_DAYS = 7;
const BASELINE_POINTS = 5;

function step(id: string, title: string, why: string, status: StepStatus, note: string): PlaybookStep {
  return { id, title, why, status, note };
}

function aimStep(facts: ProjectFacts, title: string, why: string): PlaybookStep {
  const check = checkAim(facts.aim);
  const missing = check.problems.map((p) => ({ what: 'what', forWhom: 'for whom', howMuch: 'how much', byWhen: 'by when' })[p.part]);
  return step('aim', title, why, check.complete ? 'done' : 'todo', check.complete ? 'The aim says what, for whom, how much and by when.' : `Still to write: ${missing.join(', ')}.`);
}

function studiedCycles(facts: ProjectFacts) {
  return facts.cycles.filter((cycle) => {
    const phase = cyclePhase(cycle);
    return phase === 'act' || phase === 'done';
  });
}

function correctSteps(facts: ProjectFacts, context: PlaybookContext): PlaybookStep[] {
  const people = facts.members.length;
  const coalition = people >= 2 && people <= 6
    ? step('coalition', 'Form a small coalition', 'Two to six people close to the problem can meet often and act fast.', 'done', `${plural(people, 'person')} on the project.`)
    : step('coalition', 'Form a small coalition', 'Two to six people close to the problem can meet often and act fast.', people > 6 ? 'attention' : 'todo',
        people > 6 ? `${people} people: a smaller core group moves faster; others can join as the change spreads.` : 'Add at least one more person who lives with the problem.');

  const baseline = facts.measures.find((m) => m.kind === 'outcome' && m.valueCount >= BASELINE_POINTS);
  const diagnosed = (facts.diagnosisCount ?? 0) > 0 || facts.changeIdeas.length > 0;
  const diagnosis = step('diagnosis', 'Diagnose quickly', 'A few days of looking at the problem and its data beats months of planning.',
    baseline && diagnosed ? 'done' : 'todo',
    baseline
      ? diagnosed ? 'The problem is measured and there is an idea to test.' : 'The problem is measured; write down a change idea to test.'
      : `Add an outcome measure with at least ${BASELINE_POINTS} points to see the problem as it is.`);

  const first = [...facts.cycles].sort((a, b) => a.createdAt.localeCompare(b.createdAt))[0];
  const age = daysBetween(facts.createdAt, context.today);
  const firstCycle = first
    ? daysBetween(facts.createdAt, first.createdAt) <= FIRST_CYCLE_DAYS
      ? step('first-pdsa', 'Run a first PDSA within a week', 'A small test soon teaches more than a big plan later.', 'done', `First cycle: “${first.title}”.`)
      : step('first-pdsa', 'Run a first PDSA within a week', 'A small test soon teaches more than a big plan later.', 'attention', `The first cycle came ${daysBetween(facts.createdAt, first.createdAt)} days after the start; aim for the next within a week.`)
    : step('first-pdsa', 'Run a first PDSA within a week', 'A small test soon teaches more than a big plan later.', age > FIRST_CYCLE_DAYS ? 'attention' : 'todo',
        age > FIRST_CYCLE_DAYS ? `${age} days since the start and no cycle yet: plan a small test now.` : `Plan a small test by ${addDays(facts.createdAt, FIRST_CYCLE_DAYS)}.`);

  const decided = facts.cycles.filter((cycle) => cycle.actDecision !== null);
  const rushed = ramps(facts.cycles).flatMap((ramp) => ramp.spreadWithoutDecision);
  const decide = rushed.length > 0
    ? step('decide', 'Decide before spreading', 'Adopt, adapt or abandon on the evidence before testing at a wider scale.', 'attention',
        `Went wider without a decision: ${[...new Set(rushed.map((c) => `“${c.title}”`))].join(', ')}.`)
    : step('decide', 'Decide before spreading', 'Adopt, adapt or abandon on the evidence before testing at a wider scale.', decided.length > 0 ? 'done' : 'todo',
        decided.length > 0 ? `${plural(decided.length, 'decision')} recorded.` : 'Study a cycle and record adopt, adapt or abandon.');

  return [coalition, aimStep(facts, 'Write a tight aim', 'A specific aim tells everyone what success looks like and when to stop.'), diagnosis, firstCycle, decide];
}

function coordinateSteps(facts: ProjectFacts): PlaybookStep[] {
  const departments = new Set(facts.members.map((m) => m.department?.trim().toLowerCase()).filter((d): d is string => !!d));
  const team = step('team', 'Form a cross-department team', 'The needle moves when the departments that touch it act together.',
    departments.size >= 2 ? 'done' : 'todo',
    departments.size >= 2 ? `${plural(departments.size, 'department')} on the team.` : 'Add members from at least two departments (give each member a department).');

  const lead = facts.members.some((m) => m.role === 'lead');
  const unplaced = facts.members.filter((m) => !m.department?.trim()).length;
  const roles = step('roles', 'Give everyone a role and a department', 'Clear roles keep a wide team from waiting on one another.',
    lead && unplaced === 0 && facts.members.length > 0 ? 'done' : 'todo',
    !lead ? 'Name a lead.' : unplaced > 0 ? `${plural(unplaced, 'member')} without a department.` : 'Every member has a role and a department.');

  const defined = facts.measures.filter((m) => m.operationalDefinition.trim() !== '');
  const vocabulary = step('vocabulary', 'Agree a shared vocabulary', 'An operational definition for each measure means every department counts the same way.',
    facts.measures.length > 0 && defined.length === facts.measures.length ? 'done' : 'todo',
    facts.measures.length === 0 ? 'Add a measure and define exactly how it is counted.' : `${defined.length} of ${plural(facts.measures.length, 'measure')} defined.`);

  const mapped = (facts.driverNodeCount ?? 0) > 0 || facts.changeIdeas.some((idea) => idea.parentNodeId !== null);
  const map = step('driver-diagram', 'Draw the driver diagram together', 'A shared map shows how each department’s work leads to the aim.',
    mapped ? 'done' : 'todo', mapped ? 'The project has a driver diagram.' : 'Draw the drivers and link change ideas to them.');

  const studied = studiedCycles(facts);
  const tests = step('tests', 'Test changes in each department', 'Small tests in each department show what works in its setting.',
    studied.length > 0 ? 'done' : 'todo', studied.length > 0 ? `${plural(studied.length, 'cycle')} studied.` : 'Plan and study a first PDSA cycle.');

  return [team, roles, aimStep(facts, 'Agree a shared aim', 'One aim, in one sentence, that every department can repeat.'), vocabulary, map, tests];
}

function reorientSteps(facts: ProjectFacts, context: PlaybookContext): PlaybookStep[] {
  const covered = new Set(facts.measures.map((m) => m.area).filter((a): a is Area => a !== null));
  const missing = PORTFOLIO_AREAS.filter((area) => !covered.has(area));
  const portfolio = step('portfolio', 'Build a portfolio across the system', 'Attendance, achievement, facilities and transportation shape one another; watch them together.',
    missing.length === 0 ? 'done' : 'todo', missing.length === 0 ? 'A measure in each of the four areas.' : `No measure yet for ${missing.join(', ')}.`);

  const departments = new Set(facts.members.map((m) => m.department?.trim().toLowerCase()).filter((d): d is string => !!d));
  const leaders = step('leaders', 'Bring the leaders of each area together', 'A new way of working needs the people who run each part of the system.',
    departments.size >= 3 ? 'done' : 'todo', `${plural(departments.size, 'area or department')} represented; aim for at least three.`);

  const capacity = improvementCapacity(facts, context);
  const areasTested = new Set(
    facts.cycles.flatMap((cycle) => facts.measures.filter((m) => m.id === cycle.measureId && m.area !== null).map((m) => m.area)),
  );
  const tests = step('tests', 'Test in several areas', 'Reorienting is proven by tests that change how several parts of the system work.',
    areasTested.size >= 2 ? 'done' : 'todo', `Cycles tied to measures in ${plural(areasTested.size, 'area')}.`);

  const review = step('capacity', 'Review improvement capacity', 'How many tests the system can run at once limits how fast it can find a new way.',
    capacity.overdue > 0 ? 'attention' : capacity.studied > 0 ? 'done' : 'todo',
    `${plural(capacity.people, 'person')}, ${capacity.active} cycles under way, ${capacity.studied} studied, ${capacity.overdue} overdue.`);

  return [aimStep(facts, 'Name the new direction as a system aim', 'A system aim says where the whole district is going and by when.'), portfolio, leaders, tests, review];
}

export interface Capacity {
  people: number;
  departments: number;
  /** Cycles planned or running, not yet studied. */
  active: number;
  studied: number;
  overdue: number;
  /** Cycles per person: above one each, people juggle more tests than they can study. */
  load: number;
}

/** How much improvement work the project carries and how well it keeps up. */
export function improvementCapacity(facts: ProjectFacts, context: PlaybookContext): Capacity {
  const departments = new Set(facts.members.map((m) => m.department?.trim().toLowerCase()).filter((d): d is string => !!d));
  const studied = studiedCycles(facts).length;
  const active = facts.cycles.length - studied;
  const people = facts.members.length;
  return {
    people,
    departments: departments.size,
    active,
    studied,
    overdue: facts.cycles.filter((cycle) => isOverdue(cycle, context.today)).length,
    load: people === 0 ? active : Math.round((active / people) * 100) / 100,
  };
}

function addDays(iso: string, days: number): string {
  const date = new Date(Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)) + days));
  return date.toISOString().slice(0, 10);
}

/** The project's playbook with each step's status computed from its data. */
export function playbookFor(facts: ProjectFacts, context: PlaybookContext): Playbook {
  const steps = facts.job === 'correct' ? correctSteps(facts, context) : facts.job === 'coordinate' ? coordinateSteps(facts) : reorientSteps(facts, context);
  return { job: facts.job, ...JOB_CHOICES[facts.job], steps };
}
