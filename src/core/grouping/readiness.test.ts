import { describe, expect, it } from 'vitest';
import { focusFit, lastMasteredBefore, readiness } from './readiness.ts';
import type { Skill, Student } from './types.ts';

const skills: Skill[] = [
  { id: '6.RP.1', prerequisites: [] },
  { id: '6.RP.2', prerequisites: ['6.RP.1'] },
  { id: '6.RP.3', prerequisites: ['6.RP.2'] },
  { id: '6.NS.1', prerequisites: ['6.RP.1'] },
];

function student(mastery: Record<string, number>): Student {
  return { id: 's', mastery, needs: [], flags: [], attempts: {} };
}

describe('readiness', () => {
  it('is ready for a skill not mastered whose prerequisites are; the next skill is the first such in sequence order', () => {
    const state = readiness(student({ '6.RP.1': 0.97, '6.RP.2': 0.4 }), skills, 0.95);
    expect(state.mastered).toEqual([true, false, false, false]);
    expect(state.ready).toEqual([false, true, false, true]);
    expect(state.next).toBe(1);
  });

  it('counts a skill missing from the mastery record as 0, and mastery from the threshold on', () => {
    const state = readiness(student({ '6.RP.1': 0.95 }), skills, 0.95);
    expect(state.probability).toEqual([0.95, 0, 0, 0]);
    expect(state.next).toBe(1);
    expect(readiness(student({ '6.RP.1': 0.95 }), skills, 0.96).next).toBe(0);
  });

  it('has no next skill when every skill is mastered', () => {
    const state = readiness(student({ '6.RP.1': 1, '6.RP.2': 1, '6.RP.3': 0.99, '6.NS.1': 0.96 }), skills, 0.95);
    expect(state.ready.some(Boolean)).toBe(false);
    expect(state.next).toBe(-1);
  });

  it('tells how a focus fits: next, ready, mastered, or missing a prerequisite', () => {
    const state = readiness(student({ '6.RP.1': 0.97, '6.RP.2': 0.4 }), skills, 0.95);
    expect([0, 1, 2, 3].map((k) => focusFit(state, k))).toEqual(['mastered', 'next', 'missing_prerequisite', 'ready']);
  });

  it('finds the last mastered skill before the next one', () => {
    const state = readiness(student({ '6.RP.1': 0.97, '6.RP.2': 0.96, '6.NS.1': 0.2 }), skills, 0.95);
    expect(state.next).toBe(2);
    expect(lastMasteredBefore(state, 2)).toBe(1);
    expect(lastMasteredBefore(state, 0)).toBe(-1);
  });
});
