/**
 * The driver diagram as a tree: one aim, primary drivers under it, secondary
 * drivers under those, change ideas under those. A node's kind follows from its
 * depth, so indenting or outdenting a node (and its branch) changes what it is.
 * Pure: the outline editor, the canvas and the server share these rules.
 */

export const NODE_KINDS = ['aim', 'primary', 'secondary', 'change_idea'] as const;
export type NodeKind = (typeof NODE_KINDS)[number];

export const NODE_KIND_LABELS: Record<NodeKind, string> = {
  aim: 'Aim',
  primary: 'Primary driver',
  secondary: 'Secondary driver',
  change_idea: 'Change idea',
};

export const MAX_DEPTH = NODE_KINDS.length - 1;

export interface DriverNode {
  id: string;
  parentId: string | null;
  kind: NodeKind;
  text: string;
  position: number;
}

export function kindAtDepth(depth: number): NodeKind {
  const kind = NODE_KINDS[depth];
  if (!kind) throw new TreeError(`A driver diagram has ${NODE_KINDS.length} levels: aim, primary driver, secondary driver, change idea.`);
  return kind;
}

export class TreeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TreeError';
  }
}

/** The children of `parentId` in order. */
export function childrenOf(nodes: readonly DriverNode[], parentId: string | null): DriverNode[] {
  return nodes.filter((n) => n.parentId === parentId).sort((a, b) => a.position - b.position || a.id.localeCompare(b.id));
}

/** Depth-first order with each node's depth: the outline as it reads top to bottom. */
export function outlineOrder(nodes: readonly DriverNode[]): { node: DriverNode; depth: number }[] {
  const out: { node: DriverNode; depth: number }[] = [];
  const walk = (parentId: string | null, depth: number) => {
    for (const child of childrenOf(nodes, parentId)) {
      out.push({ node: child, depth });
      walk(child.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

export function depthOf(nodes: readonly DriverNode[], id: string): number {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  let depth = 0;
  let current = byId.get(id);
  const seen = new Set<string>();
  while (current?.parentId) {
    if (seen.has(current.id)) throw new TreeError('The driver diagram has a loop.');
    seen.add(current.id);
    current = byId.get(current.parentId);
    depth += 1;
  }
  return depth;
}

/** The node and everything under it. */
export function subtreeIds(nodes: readonly DriverNode[], id: string): string[] {
  const ids = [id];
  for (let i = 0; i < ids.length; i += 1) {
    for (const n of nodes) if (n.parentId === ids[i]) ids.push(n.id);
  }
  return ids;
}

/** Levels below the node in its branch: 0 for a leaf. */
function branchHeight(nodes: readonly DriverNode[], id: string): number {
  const kids = nodes.filter((n) => n.parentId === id);
  return kids.length === 0 ? 0 : 1 + Math.max(...kids.map((k) => branchHeight(nodes, k.id)));
}

export interface Placement {
  parentId: string | null;
  /** Index among the new siblings; past the end means last. */
  position: number;
}

/**
 * Where a new node may go: a child of an existing node (not below a change
 * idea), or the aim when the diagram has none.
 */
export function checkInsert(nodes: readonly DriverNode[], parentId: string | null): NodeKind {
  if (parentId === null) {
    if (nodes.some((n) => n.parentId === null)) throw new TreeError('The driver diagram already has an aim; add drivers under it.');
    return 'aim';
  }
  if (!nodes.some((n) => n.id === parentId)) throw new TreeError('The parent node is not in this driver diagram.');
  return kindAtDepth(depthOf(nodes, parentId) + 1);
}

/**
 * Moves a node (with its branch) to a new place and returns every node whose
 * parent, kind or position changed. Refuses moves that would break the tree: into
 * its own branch, a second aim, the aim below something, or a branch deeper than
 * a change idea.
 */
export function moveNode(nodes: readonly DriverNode[], id: string, to: Placement): DriverNode[] {
  const node = nodes.find((n) => n.id === id);
  if (!node) throw new TreeError('That node is not in this driver diagram.');
  if (to.parentId !== null && !nodes.some((n) => n.id === to.parentId)) throw new TreeError('The new parent is not in this driver diagram.');
  if (to.parentId !== null && subtreeIds(nodes, id).includes(to.parentId)) {
    throw new TreeError('A node cannot move under itself or its own branch.');
  }
  if ((node.parentId === null) !== (to.parentId === null)) {
    throw new TreeError(node.parentId === null ? 'The aim stays at the top of the driver diagram.' : 'A driver diagram has one aim; move drivers under it.');
  }
  const newDepth = to.parentId === null ? 0 : depthOf(nodes, to.parentId) + 1;
  if (newDepth + branchHeight(nodes, id) > MAX_DEPTH) {
    throw new TreeError('That move would put nodes below a change idea; a driver diagram has four levels.');
  }
  const next = nodes.map((n) => ({ ...n }));
  const moving = next.find((n) => n.id === id)!;
  const oldParent = moving.parentId;
  moving.parentId = to.parentId;
  const siblings = childrenOf(next, to.parentId).filter((n) => n.id !== id);
  const index = Math.max(0, Math.min(Math.trunc(to.position), siblings.length));
  siblings.splice(index, 0, moving);
  siblings.forEach((n, i) => (n.position = i));
  if (oldParent !== to.parentId) childrenOf(next, oldParent).forEach((n, i) => (n.position = i));
  for (const n of next) n.kind = kindAtDepth(depthOf(next, n.id));
  const before = new Map(nodes.map((n) => [n.id, n]));
  return next.filter((n) => {
    const old = before.get(n.id)!;
    return old.parentId !== n.parentId || old.kind !== n.kind || old.position !== n.position;
  });
}

/** Checks that nodes form one tree of at most four levels under a single aim, with kinds matching depth. */
export function validateTree(nodes: readonly DriverNode[]): string[] {
  const problems: string[] = [];
  const roots = nodes.filter((n) => n.parentId === null);
  if (nodes.length > 0 && roots.length !== 1) problems.push(`expected one aim, found ${roots.length}`);
  const ids = new Set(nodes.map((n) => n.id));
  for (const n of nodes) {
    if (n.parentId !== null && !ids.has(n.parentId)) problems.push(`${n.id} has a missing parent`);
  }
  const reached = new Set(outlineOrder(nodes).map((e) => e.node.id));
  for (const n of nodes) if (!reached.has(n.id)) problems.push(`${n.id} is not reachable from the aim`);
  for (const { node, depth } of outlineOrder(nodes)) {
    if (depth > MAX_DEPTH) problems.push(`${node.id} is deeper than a change idea`);
    else if (node.kind !== NODE_KINDS[depth]) problems.push(`${node.id} is a ${node.kind} at depth ${depth}`);
  }
  return problems;
}

/** Outline commands for keyboard users; each gives the placement to send, or null when it cannot apply. */
export type OutlineCommand = 'up' | 'down' | 'indent' | 'outdent';

export function outlinePlacement(nodes: readonly DriverNode[], id: string, command: OutlineCommand): Placement | null {
  const node = nodes.find((n) => n.id === id);
  if (!node || node.parentId === null) return null;
  const siblings = childrenOf(nodes, node.parentId);
  const index = siblings.findIndex((n) => n.id === id);
  switch (command) {
    case 'up':
      return index > 0 ? { parentId: node.parentId, position: index - 1 } : null;
    case 'down':
      return index < siblings.length - 1 ? { parentId: node.parentId, position: index + 1 } : null;
    case 'indent': {
      // Becomes the last child of the sibling above it.
      const above = siblings[index - 1];
      if (!above) return null;
      const placement = { parentId: above.id, position: childrenOf(nodes, above.id).length };
      return fits(nodes, id, placement) ? placement : null;
    }
    case 'outdent': {
      // Becomes the sibling just after its parent.
      const parent = nodes.find((n) => n.id === node.parentId)!;
      if (parent.parentId === null) return null;
      const parentIndex = childrenOf(nodes, parent.parentId).findIndex((n) => n.id === parent.id);
      return { parentId: parent.parentId, position: parentIndex + 1 };
    }
  }
}

function fits(nodes: readonly DriverNode[], id: string, placement: Placement): boolean {
  try {
    moveNode(nodes, id, placement);
    return true;
  } catch (error) {
    if (error instanceof TreeError) return false;
    throw error;
  }
}
