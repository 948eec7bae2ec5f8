import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkInsert, moveNode, outlineOrder, outlinePlacement, TreeError, validateTree, type DriverNode, type OutlineCommand } from './driverTree.ts';

const node = (id: string, parentId: string | null, kind: DriverNode['kind'], position: number): DriverNode => ({ id, parentId, kind, text: id, position });
const tree: DriverNode[] = [
  node('aim', null, 'aim', 0),
  node('p1', 'aim', 'primary', 0),
  node('p2', 'aim', 'primary', 1),
  node('s1', 'p1', 'secondary', 0),
  node('c1', 's1', 'change_idea', 0),
];

function apply(nodes: DriverNode[], changed: DriverNode[]): DriverNode[] {
  const byId = new Map(changed.map((n) => [n.id, n]));
  return nodes.map((n) => byId.get(n.id) ?? n);
}

describe('checkInsert', () => {
  it('gives the kind for the depth and refuses a second aim or a level below change ideas', () => {
    expect(checkInsert([], null)).toBe('aim');
    expect(checkInsert(tree, 'aim')).toBe('primary');
    expect(checkInsert(tree, 's1')).toBe('change_idea');
    expect(() => checkInsert(tree, null)).toThrow(TreeError);
    expect(() => checkInsert(tree, 'c1')).toThrow(/four levels|levels/);
    expect(() => checkInsert(tree, 'ghost')).toThrow(TreeError);
  });
});

describe('moveNode', () => {
  it('moves a branch, renumbers both sibling lists and changes kinds with depth', () => {
    const changed = moveNode(tree, 's1', { parentId: 'aim', position: 1 });
    const after = apply(tree, changed);
    expect(validateTree(after)).toEqual([]);
    expect(outlineOrder(after).map((e) => `${e.node.id}:${e.node.kind}`)).toEqual([
      'aim:aim',
      'p1:primary',
      's1:primary',
      'c1:secondary',
      'p2:primary',
    ]);
  });

  it('refuses moves into its own branch, of the aim, to the top, or too deep', () => {
    expect(() => moveNode(tree, 'p1', { parentId: 'c1', position: 0 })).toThrow(/own branch/);
    expect(() => moveNode(tree, 'aim', { parentId: 'p1', position: 0 })).toThrow(TreeError);
    expect(() => moveNode(tree, 'p1', { parentId: null, position: 0 })).toThrow(/one aim/);
    expect(() => moveNode(tree, 'p1', { parentId: 'p2', position: 0 })).toThrow(/four levels/);
  });
});

describe('outline commands', () => {
  it('indent, outdent, up and down give placements that keep a valid tree', () => {
    expect(outlinePlacement(tree, 'p2', 'indent')).toEqual({ parentId: 'p1', position: 1 });
    expect(outlinePlacement(tree, 'p2', 'up')).toEqual({ parentId: 'aim', position: 0 });
    expect(outlinePlacement(tree, 'p1', 'up')).toBeNull();
    expect(outlinePlacement(tree, 's1', 'outdent')).toEqual({ parentId: 'aim', position: 1 });
    expect(outlinePlacement(tree, 'p1', 'outdent')).toBeNull();
    expect(outlinePlacement(tree, 'aim', 'down')).toBeNull();
  });

  it('never breaks the tree, whatever the sequence of commands', () => {
    const commands: OutlineCommand[] = ['up', 'down', 'indent', 'outdent'];
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...tree.map((n) => n.id)), fc.constantFrom(...commands)), { maxLength: 30 }), (steps) => {
        let nodes = tree;
        for (const [id, command] of steps) {
          const placement = outlinePlacement(nodes, id, command);
          if (placement) nodes = apply(nodes, moveNode(nodes, id, placement));
          expect(validateTree(nodes)).toEqual([]);
        }
        expect(nodes).toHaveLength(tree.length);
      }),
    );
  });
});
