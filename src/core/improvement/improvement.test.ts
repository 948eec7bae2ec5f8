import { describe, expect, it } from 'vitest';
import { aimSentence, checkAim } from './aim.ts';
import { cyclePhase, isOverdue, ramps, wouldCloseLoop } from './cycles.ts';
import { improvementCapacity, playbookFor } from './playbooks.ts';
import type { CycleFacts, ProjectFacts } from './types.ts';

function cycle(id: string, rest: Partial<CycleFacts> = {}): CycleFacts {
  return {
    id,
    title: `Cycle ${id}`,
    scale: 'classroom',
    previousCycleId: null,
    changeIdeaId: null,
    measureId: null,
    dueOn: null,
    planQuestion: '',
    planPrediction: '',
    doStartedOn: null,
    doEndedOn: null,
    doWhatHappened: '',
    studyResults: '',
    actDecision: null,
    createdAt: '2025-09-01',
    ...rest,
  };
}

const FULL_AIM = { what: 'on-time arrival', forWhom: 'grade 6 students', howMuch: 'from 82% to 90%', byWhen: '2026-06-01' };

function project(rest: Partial<ProjectFacts> = {}): ProjectFacts {
  return { job: 'correct', aim: FULL_AIM, createdAt: '2025-09-01', members: [], cycles: [], measures: [], changeIdeas: [], ...rest };
}

describe('aim', () => {
  it('reads as one sentence', () => {
    expect(aimSentence(FULL_AIM)).toBe('We will improve on-time arrival for grade 6 students from 82% to 90% by 1 June 2026.');
    expect(aimSentence({ what: 'attendance. ', forWhom: '', howMuch: '', byWhen: null })).toBe(
      'We will improve attendance [for whom?] [how much?] by [when?].',
    );
  });

  it('names each missing or vague part', () => {
    expect(checkAim(FULL_AIM)).toEqual({ complete: true, problems: [] });
    const vague = checkAim({ what: 'attendance', forWhom: ' ', howMuch: 'a lot', byWhen: null });
    expect(vague.complete).toBe(false);
    expect(vague.problems.map((p) => p.part)).toEqual(['forWhom', 'howMuch', 'byWhen']);
    expect(vague.problems[1]!.hint).toMatch(/"a lot" has no number/);
  });
});

describe('cycles', () => {
  it('knows the phase from what is written down', () => {
    expect(cyclePhase(cycle('a'))).toBe('plan');
    expect(cyclePhase(cycle('a', { planQuestion: 'q', planPrediction: 'p' }))).toBe('do');
    expect(cyclePhase(cycle('a', { planQuestion: 'q', planPrediction: 'p', doEndedOn: '2025-09-05' }))).toBe('study');
    expect(cyclePhase(cycle('a', { studyResults: 'fewer late' }))).toBe('act');
    expect(cyclePhase(cycle('a', { studyResults: 'fewer late', actDecision: 'adapt' }))).toBe('done');
  });

  it('is overdue only past its due date and not yet studied', () => {
    expect(isOverdue(cycle('a', { dueOn: '2025-09-10' }), '2025-09-11')).toBe(true);
    expect(isOverdue(cycle('a', { dueOn: '2025-09-10' }), '2025-09-10')).toBe(false);
    expect(isOverdue(cycle('a', { dueOn: '2025-09-10', studyResults: 'done' }), '2025-09-20')).toBe(false);
    expect(isOverdue(cycle('a', { dueOn: '2025-09-10', actDecision: 'abandon' }), '2025-09-20')).toBe(false);
    expect(isOverdue(cycle('a'), '2030-01-01')).toBe(false);
  });

  it('follows ramps from a classroom to the district, branching where two cycles build on one', () => {
    const cycles = [
      cycle('c', { previousCycleId: 'b', scale: 'school' }),
      cycle('a', { actDecision: 'adapt' }),
      cycle('b', { previousCycleId: 'a', scale: 'team' }),
      cycle('d', { previousCycleId: 'a', scale: 'classroom' }),
      cycle('lone', { scale: 'district' }),
    ];
    const found = ramps(cycles);
    expect(found.map((ramp) => ramp.cycles.map((c) => c.id))).toEqual([['a', 'b', 'c'], ['a', 'd'], ['lone']]);
    expect(found[0]).toMatchObject({ scales: ['classroom', 'team', 'school'], widest: 'school', spread: true });
    // b went from team to school without a decision on b
    expect(found[0]!.spreadWithoutDecision.map((c) => c.id)).toEqual(['c']);
    expect(found[1]!.spread).toBe(false);
  });

  it('detects a link that would close a loop', () => {
    const cycles = [cycle('a'), cycle('b', { previousCycleId: 'a' }), cycle('c', { previousCycleId: 'b' })];
    expect(wouldCloseLoop(cycles, 'a', 'c')).toBe(true);
    expect(wouldCloseLoop(cycles, 'c', 'a')).toBe(false);
    expect(wouldCloseLoop(cycles, 'a', 'a')).toBe(true);
  });
});

describe('playbooks', () => {
  const today = { today: '2025-09-05' };
  const status = (facts: ProjectFacts, context = today) => Object.fromEntries(playbookFor(facts, context).steps.map((s) => [s.id, s.status]));

  it('ticks the Correct steps from the project data', () => {
    expect(status(project({ aim: { ...FULL_AIM, byWhen: null } }))).toEqual({
      coalition: 'todo',
      aim: 'todo',
      diagnosis: 'todo',
      'first-pdsa': 'todo',
      decide: 'todo',
    });
    const working = project({
      members: [{ role: 'lead', department: null }, { role: 'member', department: null }],
      measures: [{ id: 'm', kind: 'outcome', area: null, operationalDefinition: '', valueCount: 6 }],
      changeIdeas: [{ id: 'i', parentNodeId: null }],
      cycles: [cycle('a', { createdAt: '2025-09-03', studyResults: 'x', actDecision: 'adopt' })],
    });
    expect(Object.values(status(working))).toEqual(['done', 'done', 'done', 'done', 'done']);
  });

  it('flags a late first cycle and spreading without a decision', () => {
    expect(status(project(), { today: '2025-09-20' })['first-pdsa']).toBe('attention');
    const rushed = project({ cycles: [cycle('a'), cycle('b', { previousCycleId: 'a', scale: 'school' })] });
    const decide = playbookFor(rushed, today).steps.find((s) => s.id === 'decide')!;
    expect(decide.status).toBe('attention');
    expect(decide.note).toContain('Cycle b');
  });

  it('asks a Coordinate team for departments, definitions and a driver diagram', () => {
    const facts = project({
      job: 'coordinate',
      members: [{ role: 'lead', department: 'Counselling' }, { role: 'member', department: 'Maths' }],
      measures: [{ id: 'm', kind: 'outcome', area: null, operationalDefinition: 'Students passing all courses / enrolled', valueCount: 0 }],
      changeIdeas: [{ id: 'i', parentNodeId: null }],
    });
    expect(status(facts)).toEqual({ team: 'done', roles: 'done', aim: 'done', vocabulary: 'done', 'driver-diagram': 'todo', tests: 'todo' });
    expect(status({ ...facts, driverNodeCount: 3 })['driver-diagram']).toBe('done');
    expect(status({ ...facts, members: [{ role: 'member', department: 'Maths' }] })).toMatchObject({ team: 'todo', roles: 'todo' });
  });

  it('asks a Reorient project for a portfolio across four areas and shows capacity', () => {
    const measure = (id: string, area: 'attendance' | 'achievement' | 'facilities' | 'transportation') => ({ id, kind: 'outcome' as const, area, operationalDefinition: '', valueCount: 0 });
    const facts = project({
      job: 'reorient',
      members: [{ role: 'lead', department: 'Operations' }],
      measures: [measure('a', 'attendance'), measure('b', 'achievement'), measure('f', 'facilities')],
      cycles: [cycle('x', { measureId: 'a', dueOn: '2025-09-01' }), cycle('y', { measureId: 'f', studyResults: 'ok' })],
    });
    const book = playbookFor(facts, today);
    expect(book.steps.find((s) => s.id === 'portfolio')).toMatchObject({ status: 'todo', note: 'No measure yet for transportation.' });
    expect(book.steps.find((s) => s.id === 'tests')!.status).toBe('done');
    expect(book.steps.find((s) => s.id === 'capacity')!.status).toBe('attention');
    expect(improvementCapacity(facts, today)).toEqual({ people: 1, departments: 1, active: 1, studied: 1, overdue: 1, load: 1 });
  });
});
