import { describe, expect, it } from 'vitest';
import { analyseSystem, explainStall, type SystemElement, type SystemLink } from './interdependency.ts';

const pd: SystemElement = { id: 'pd', kind: 'pd_initiative', name: 'Differentiation PD push' };
const staffing: SystemElement = { id: 'st', kind: 'staffing_policy', name: 'Staffing policy' };
const schedule: SystemElement = { id: 'sc', kind: 'schedule', name: 'Schedule' };
const enrollment: SystemElement = { id: 'en', kind: 'enrollment_practice', name: 'Open enrollment' };
const link = (id: string, fromId: string, kind: SystemLink['kind'], toId: string, note = ''): SystemLink => ({ id, fromId, toId, kind, note });

describe('explainStall', () => {
  it('names the conflict and what leans on the obstacle', () => {
    const links = [link('l1', 'pd', 'conflicts_with', 'st', 'no common planning time'), link('l2', 'sc', 'depends_on', 'st')];
    const stall = explainStall('pd', [pd, staffing, schedule], links);
    expect(stall).toEqual({
      elementId: 'pd',
      obstacleIds: ['st'],
      sentence: 'Differentiation PD push conflicts with Staffing policy: no common planning time; and Schedule depends on Staffing policy.',
    });
  });

  it('reads conflicts in either direction', () => {
    const stall = explainStall('pd', [pd, staffing], [link('l1', 'st', 'conflicts_with', 'pd')]);
    expect(stall?.sentence).toBe('Differentiation PD push conflicts with Staffing policy.');
  });

  it('finds conflicts reached through what the fix depends on, and indirect dependents', () => {
    const links = [
      link('l1', 'pd', 'depends_on', 'sc'),
      link('l2', 'sc', 'conflicts_with', 'en', 'seats fill after the schedule is set'),
      link('l3', 'st', 'depends_on', 'en'),
    ];
    const stall = explainStall('pd', [pd, staffing, schedule, enrollment], links);
    expect(stall?.obstacleIds).toEqual(['en']);
    expect(stall?.sentence).toBe(
      'Differentiation PD push depends on Schedule, which conflicts with Open enrollment: seats fill after the schedule is set; and Staffing policy depends on Open enrollment.',
    );
  });

  it('is null when nothing is in the way', () => {
    expect(explainStall('pd', [pd, schedule], [link('l1', 'pd', 'depends_on', 'sc')])).toBeNull();
    expect(explainStall('nope', [pd], [])).toBeNull();
  });
});

describe('analyseSystem', () => {
  it('lists conflicts, maximal dependency chains and cycles', () => {
    const links = [
      link('l1', 'pd', 'depends_on', 'sc'),
      link('l2', 'sc', 'depends_on', 'st'),
      link('l3', 'en', 'conflicts_with', 'pd', 'note'),
      link('bad', 'pd', 'depends_on', 'ghost'),
    ];
    const analysis = analyseSystem([pd, staffing, schedule, enrollment], links);
    expect(analysis.conflicts).toEqual([{ linkId: 'l3', aId: 'en', bId: 'pd', note: 'note' }]);
    expect(analysis.chains).toEqual([['pd', 'sc', 'st']]);
    expect(analysis.cycles).toEqual([]);
    expect(analysis.stalls.map((s) => s.elementId)).toEqual(['pd', 'en']);
  });

  it('finds a circle of dependencies without looping forever', () => {
    const links = [link('a', 'pd', 'depends_on', 'sc'), link('b', 'sc', 'depends_on', 'st'), link('c', 'st', 'depends_on', 'pd')];
    const analysis = analyseSystem([pd, staffing, schedule], links);
    expect(analysis.cycles).toEqual([['pd', 'st', 'sc']]);
    expect(analysis.chains).toEqual([]);
  });
});
