import { describe, expect, it } from 'vitest';
import { flagChanges, type OpenFlag } from './flag-changes.ts';
import type { Flag } from './flags.ts';

const spinning: Flag = { student: 'ana', kind: 'wheel_spinning', skill: 's1', reason: '11 attempts at 6.RP.1 without mastery (3 right)', since: '2026-10-05T09:19:00Z' };
const idle: Flag = { student: 'ana', kind: 'inactive', skill: null, reason: 'no learning data for 3 school days (last on 2026-10-01)', since: '2026-10-02' };

describe('flag changes', () => {
  it('raises new flags and leaves open ones that still hold', () => {
    const open: OpenFlag[] = [{ id: 'f1', student: 'ana', kind: 'wheel_spinning', skill: 's1', reason: spinning.reason }];
    expect(flagChanges(open, [spinning, idle], ['wheel_spinning', 'inactive'])).toEqual({ raise: [idle], clear: [], reword: [] });
  });

  it('clears open flags whose condition ended and rewords those whose reason changed', () => {
    const open: OpenFlag[] = [
      { id: 'f1', student: 'ana', kind: 'wheel_spinning', skill: 's1', reason: '10 attempts at 6.RP.1 without mastery (3 right)' },
      { id: 'f2', student: 'ana', kind: 'regression', skill: 's2', reason: 's2 slipped' },
    ];
    expect(flagChanges(open, [spinning], ['wheel_spinning', 'regression'])).toEqual({
      raise: [],
      clear: ['f2'],
      reword: [{ id: 'f1', reason: spinning.reason }],
    });
  });

  it('leaves kinds it was not asked to judge alone', () => {
    const open: OpenFlag[] = [{ id: 'f3', student: 'ana', kind: 'behind', skill: null, reason: 'behind' }];
    expect(flagChanges(open, [idle], ['inactive'])).toEqual({ raise: [idle], clear: [], reword: [] });
  });

  it('tells the same kind on different skills apart and keeps one flag per student, kind and skill', () => {
    const other = { ...spinning, skill: 's9' };
    const changes = flagChanges([], [spinning, other, { ...spinning, reason: 'duplicate' }], ['wheel_spinning']);
    expect(changes.raise).toEqual([spinning, other]);
  });
});
