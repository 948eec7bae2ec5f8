import { describe, expect, it } from 'vitest';
import { districtCapacity, type PortfolioProject } from './capacity.ts';
import type { CycleFacts } from './types.ts';

function cycle(id: string, overrides: Partial<CycleFacts> = {}): CycleFacts {
  return {
    id,
    title: id,
    scale: 'classroom',
    previousCycleId: null,
    changeIdeaId: null,
    measureId: null,
    dueOn: null,
    planQuestion: 'q',
    planPrediction: 'p',
    doStartedOn: null,
    doEndedOn: null,
    doWhatHappened: '',
    studyResults: '',
    actDecision: null,
    createdAt: '2026-09-01T10:00:00.000Z',
    ...overrides,
  };
}
const done = (id: string, endedOn: string, overrides: Partial<CycleFacts> = {}) =>
  cycle(id, { doStartedOn: endedOn, doEndedOn: endedOn, doWhatHappened: 'ran it', studyResults: 'as predicted', actDecision: 'adopt', ...overrides });

function project(id: string, overrides: Partial<PortfolioProject> = {}): PortfolioProject {
  return { id, title: `Project ${id}`, job: 'correct', status: 'active', scope: { kind: 'school', name: 'North' }, members: [], cycles: [], measureAreas: [], ...overrides };
}

const TODAY = '2026-11-23';

describe('district improvement capacity', () => {
  it('says there is nothing yet when there are no projects', () => {
    const capacity = districtCapacity([], TODAY);
    expect(capacity.projects.total).toBe(0);
    expect(capacity.studiedPerMonth).toHaveLength(12);
    expect(capacity.studiedPerMonth.at(-1)).toEqual({ month: '2026-11', studied: 0 });
    expect(capacity.studiedPerMonth[0]!.month).toBe('2025-12');
    expect(capacity.sentences).toEqual(['There are no improvement projects yet. Start one from the Improvement page.']);
  });

  it('counts studied cycles in the month their test ended, and the recent rate over three months', () => {
    const capacity = districtCapacity(
      [
        project('a', {
          members: [{ person: 'u1', department: 'Math' }, { person: 'u2', department: 'math ' }],
          cycles: [done('c1', '2026-09-10'), done('c2', '2026-10-02'), done('c3', '2026-11-05'), done('c4', '2026-11-20'), cycle('c5')],
        }),
        project('b', { job: 'reorient', members: [{ person: 'u2', department: 'Transport' }, { person: 'u3', department: null }], cycles: [cycle('c6', { dueOn: '2026-11-01' })] }),
      ],
      TODAY,
    );
    expect(capacity.studiedPerMonth.slice(-3)).toEqual([
      { month: '2026-09', studied: 1 },
      { month: '2026-10', studied: 1 },
      { month: '2026-11', studied: 2 },
    ]);
    expect(capacity.recentRate).toBe(1.3);
    expect(capacity.cycles).toEqual({ underWay: 2, studied: 4, overdue: 1 });
    expect(capacity.people).toBe(3);
    expect(capacity.departments).toBe(2); // "Math" and "math " are one department
    expect(capacity.practitioners).toBe(2); // u1 and u2 are on project a, which studied cycles
    expect(capacity.projects.byJob).toEqual({ correct: 1, coordinate: 0, reorient: 1 });
    expect(capacity.rows.find((r) => r.id === 'b')).toMatchObject({ underWay: 1, studied: 0, overdue: 1, lastCycleOn: '2026-09-01' });
    expect(capacity.sentences[0]).toBe('Across these projects 4 PDSA cycles have been studied, about 1.3 a month over the last three months; 2 cycles are under way.');
    expect(capacity.sentences).toContain('1 cycle is overdue: past the due date without results. Stalled tests are the first place to help.');
    expect(capacity.sentences).toContain('1 active project has run no cycle in the last 30 days: Project b.');
  });

  it('shows which portfolio areas no project measures, and counts changes that spread', () => {
    const capacity = districtCapacity(
      [
        project('a', {
          measureAreas: ['attendance', 'attendance', null],
          cycles: [done('c1', '2026-10-01'), done('c2', '2026-10-20', { previousCycleId: 'c1', scale: 'school' })],
        }),
        project('b', { measureAreas: ['achievement', 'attendance'] }),
      ],
      TODAY,
    );
    expect(capacity.areas).toEqual([
      { area: 'attendance', projects: 2 },
      { area: 'achievement', projects: 1 },
    ]);
    expect(capacity.missingAreas).toEqual(['facilities', 'transportation']);
    expect(capacity.spreadRamps).toBe(1);
    expect(capacity.rows[0]!.widestScale).toBe('school');
    expect(capacity.rows[1]!.widestScale).toBeNull();
    expect(capacity.sentences.join(' ')).toContain('No project measures facilities, transportation yet');
  });

  it('leaves closed and completed projects out of the open count but keeps their learning', () => {
    const capacity = districtCapacity([project('a', { status: 'completed', cycles: [done('c1', '2026-11-02')] }), project('b')], TODAY);
    expect(capacity.projects).toMatchObject({ total: 2, active: 1 });
    expect(capacity.cycles.studied).toBe(1);
  });
});
