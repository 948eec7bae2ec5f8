import { describe, expect, it } from 'vitest';
import { rankCauses } from './fishbone.ts';
import { moveTo } from './ordering.ts';

describe('moveTo', () => {
  it('moves an item and clamps the index', () => {
    expect(moveTo(['a', 'b', 'c'], 'c', 0)).toEqual(['c', 'a', 'b']);
    expect(moveTo(['a', 'b', 'c'], 'a', 99)).toEqual(['b', 'c', 'a']);
    expect(moveTo(['a', 'b', 'c'], 'b', -3)).toEqual(['b', 'a', 'c']);
    expect(() => moveTo(['a'], 'z', 0)).toThrow(RangeError);
  });
});

describe('rankCauses', () => {
  it('sorts by votes, then oldest first', () => {
    const causes = [
      { id: 'x', votes: 1, createdAt: '2025-01-02' },
      { id: 'y', votes: 3, createdAt: '2025-01-03' },
      { id: 'z', votes: 1, createdAt: '2025-01-01' },
    ];
    expect(rankCauses(causes).map((c) => c.id)).toEqual(['y', 'z', 'x']);
  });
});
