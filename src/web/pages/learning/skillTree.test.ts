import { describe, expect, it } from 'vitest';
import type { SkillNode } from '../../../server/routes/learning-schemas.ts';
import { ancestors, treeKey, visibleSkills } from './skillTree.ts';

const node = (id: string, parentId: string | null, depth: number): SkillNode => ({
  id,
  code: id,
  name: id,
  itemType: null,
  caseIdentifier: null,
  caseUri: null,
  parentId,
  depth,
  prerequisites: [],
  courses: [],
});

// a ─ a1 ─ a1x
//   └ a2
// b
const skills = [node('a', null, 0), node('a1', 'a', 1), node('a1x', 'a1', 2), node('a2', 'a', 1), node('b', null, 0)];
const byId = Object.fromEntries(skills.map((s) => [s.id, s]));

describe('the skill tree keyboard model', () => {
  it('shows an item when all its ancestors are expanded', () => {
    expect(visibleSkills(skills, new Set()).map((s) => s.id)).toEqual(['a', 'b']);
    expect(visibleSkills(skills, new Set(['a'])).map((s) => s.id)).toEqual(['a', 'a1', 'a2', 'b']);
    expect(visibleSkills(skills, new Set(['a1'])).map((s) => s.id)).toEqual(['a', 'b']);
    expect(visibleSkills(skills, new Set(['a', 'a1'])).map((s) => s.id)).toEqual(['a', 'a1', 'a1x', 'a2', 'b']);
  });

  it('moves, opens and closes as the WAI-ARIA tree view does', () => {
    const open = new Set(['a']);
    const key = (k: string, id: string, expanded = open) => treeKey(k, byId[id]!, skills, expanded);
    expect(key('ArrowDown', 'a')).toEqual({ focus: 'a1' });
    expect(key('ArrowDown', 'a2')).toEqual({ focus: 'b' });
    expect(key('ArrowDown', 'b')).toBeNull();
    expect(key('ArrowUp', 'b')).toEqual({ focus: 'a2' });
    expect(key('ArrowRight', 'a1')).toEqual({ expand: 'a1' });
    expect(key('ArrowRight', 'a')).toEqual({ focus: 'a1' });
    expect(key('ArrowRight', 'a2')).toBeNull();
    expect(key('ArrowLeft', 'a')).toEqual({ collapse: 'a' });
    expect(key('ArrowLeft', 'a2')).toEqual({ focus: 'a' });
    expect(key('ArrowLeft', 'b')).toBeNull();
    expect(key('End', 'a')).toEqual({ focus: 'b' });
    expect(key('Home', 'b')).toEqual({ focus: 'a' });
    expect(key('Enter', 'a2')).toEqual({ select: 'a2' });
    expect(key(' ', 'a2')).toEqual({ select: 'a2' });
    expect(key('x', 'a2')).toBeNull();
  });

  it('lists the ancestors to open so a skill shows', () => {
    expect(ancestors(skills, 'a1x')).toEqual(['a1', 'a']);
    expect(ancestors(skills, 'b')).toEqual([]);
  });
});
