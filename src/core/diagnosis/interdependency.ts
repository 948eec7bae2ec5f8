/**
 * The system interdependency map: parts of a school system (PD initiatives,
 * staffing policies, schedules, ...) and how they bear on one another. A fix to
 * one part stalls when it collides with another part ("conflicts with") that
 * others lean on ("depends on"): changing the obstacle would ripple through them.
 * Pure: the analysis works on plain elements and links.
 */

export const ELEMENT_KINDS = [
  'pd_initiative',
  'staffing_policy',
  'schedule',
  'enrollment_practice',
  'discipline_practice',
  'other',
] as const;
export type ElementKind = (typeof ELEMENT_KINDS)[number];

export const ELEMENT_KIND_LABELS: Record<ElementKind, string> = {
  pd_initiative: 'PD initiative',
  staffing_policy: 'Staffing policy',
  schedule: 'Schedule',
  enrollment_practice: 'Enrollment practice',
  discipline_practice: 'Discipline practice',
  other: 'Other',
};

/** `conflicts_with` is symmetric; `depends_on` reads "from depends on to". */
export const LINK_KINDS = ['conflicts_with', 'depends_on'] as const;
export type LinkKind = (typeof LINK_KINDS)[number];

export const LINK_KIND_LABELS: Record<LinkKind, string> = {
  conflicts_with: 'conflicts with',
  depends_on: 'depends on',
};

export interface SystemElement {
  id: string;
  kind: ElementKind;
  name: string;
}

export interface SystemLink {
  id: string;
  fromId: string;
  toId: string;
  kind: LinkKind;
  note: string;
}

export interface Conflict {
  linkId: string;
  aId: string;
  bId: string;
  note: string;
}

export interface Stall {
  elementId: string;
  /** The elements a fix here collides with, directly or through what it depends on. */
  obstacleIds: string[];
  /** One sentence a team can read aloud. */
  sentence: string;
}

export interface SystemAnalysis {
  conflicts: Conflict[];
  /** Maximal "depends on" paths of two links or more, each from the most dependent element: [a, b, c] reads a depends on b depends on c. */
  chains: string[][];
  /** Groups of elements that depend on one another in a circle. */
  cycles: string[][];
  /** For each element that has an obstacle, why a fix to it would stall. */
  stalls: Stall[];
}

const MAX_CHAINS = 50;

/** Analyses the map; links naming unknown elements are ignored. */
export function analyseSystem(elements: readonly SystemElement[], links: readonly SystemLink[]): SystemAnalysis {
  const byId = new Map(elements.map((e) => [e.id, e]));
  const known = links.filter((l) => byId.has(l.fromId) && byId.has(l.toId) && l.fromId !== l.toId);
  const conflicts = known
    .filter((l) => l.kind === 'conflicts_with')
    .map((l) => ({ linkId: l.id, aId: l.fromId, bId: l.toId, note: l.note }));
  const dependsOn = adjacency(elements, known, (l) => [l.fromId, l.toId]);
  const dependents = adjacency(elements, known, (l) => [l.toId, l.fromId]);
  const cycles = dependencyCycles(elements, dependsOn);
  const chains = dependencyChains(elements, dependsOn, dependents);
  const stalls = elements.flatMap((element) => {
    const stall = explainStall(element.id, elements, known);
    return stall ? [stall] : [];
  });
  return { conflicts, chains, cycles, stalls };
}

function adjacency(elements: readonly SystemElement[], links: readonly SystemLink[], ends: (l: SystemLink) => [string, string]) {
  const map = new Map<string, string[]>(elements.map((e) => [e.id, []]));
  for (const link of links) {
    if (link.kind !== 'depends_on') continue;
    const [from, to] = ends(link);
    const list = map.get(from)!;
    if (!list.includes(to)) list.push(to);
  }
  return map;
}

/** Everything `start` reaches along `next`, nearest first, without `start` itself. */
function reach(start: string, next: Map<string, string[]>): string[] {
  const seen = new Set([start]);
  const order: string[] = [];
  const queue = [start];
  while (queue.length > 0) {
    const id = queue.shift()!;
    for (const to of next.get(id) ?? []) {
      if (seen.has(to)) continue;
      seen.add(to);
      order.push(to);
      queue.push(to);
    }
  }
  return order;
}

/** Strongly connected groups of two or more elements (Tarjan's algorithm), in element order. */
function dependencyCycles(elements: readonly SystemElement[], dependsOn: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  let counter = 0;
  const visit = (id: string) => {
    index.set(id, counter);
    low.set(id, counter);
    counter += 1;
    stack.push(id);
    onStack.add(id);
    for (const to of dependsOn.get(id) ?? []) {
      if (!index.has(to)) {
        visit(to);
        low.set(id, Math.min(low.get(id)!, low.get(to)!));
      } else if (onStack.has(to)) {
        low.set(id, Math.min(low.get(id)!, index.get(to)!));
      }
    }
    if (low.get(id) === index.get(id)) {
      const group: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        group.push(member);
      } while (member !== id);
      if (group.length > 1) groups.push(group);
    }
  };
  for (const element of elements) if (!index.has(element.id)) visit(element.id);
  const position = new Map(elements.map((e, i) => [e.id, i]));
  return groups
    .map((g) => g.sort((a, b) => position.get(a)! - position.get(b)!))
    .sort((a, b) => position.get(a[0]!)! - position.get(b[0]!)!);
}

/** Simple paths from elements nothing depends on to elements that depend on nothing further (cycles cut). */
function dependencyChains(
  elements: readonly SystemElement[],
  dependsOn: Map<string, string[]>,
  dependents: Map<string, string[]>,
): string[][] {
  const chains: string[][] = [];
  const walk = (path: string[]) => {
    if (chains.length >= MAX_CHAINS) return;
    const last = path[path.length - 1]!;
    const next = (dependsOn.get(last) ?? []).filter((id) => !path.includes(id));
    if (next.length === 0) {
      if (path.length >= 3) chains.push(path);
      return;
    }
    for (const id of next) walk([...path, id]);
  };
  for (const element of elements) {
    if ((dependents.get(element.id) ?? []).length === 0) walk([element.id]);
  }
  return chains;
}

/**
 * Why a fix to `elementId` would stall, or null when nothing stands in its way:
 * what it conflicts with (directly, or through something it depends on), and what
 * depends on each obstacle, so that moving the obstacle is not free either.
 * A link's note follows the obstacle's name, e.g. "Differentiation PD push
 * conflicts with Staffing policy: no common planning time; and Schedule depends
 * on Staffing policy."
 */
export function explainStall(elementId: string, elements: readonly SystemElement[], links: readonly SystemLink[]): Stall | null {
  const byId = new Map(elements.map((e) => [e.id, e]));
  const focus = byId.get(elementId);
  if (!focus) return null;
  const known = links.filter((l) => byId.has(l.fromId) && byId.has(l.toId) && l.fromId !== l.toId);
  const dependsOn = adjacency(elements, known, (l) => [l.fromId, l.toId]);
  const dependents = adjacency(elements, known, (l) => [l.toId, l.fromId]);
  const name = (id: string) => byId.get(id)!.name;
  const conflictsOf = (id: string) =>
    known
      .filter((l) => l.kind === 'conflicts_with' && (l.fromId === id || l.toId === id))
      .map((l) => ({ other: l.fromId === id ? l.toId : l.fromId, note: l.note }));

  const clauses: string[] = [];
  const obstacles: string[] = [];
  const addObstacle = (id: string) => {
    if (!obstacles.includes(id) && id !== elementId) obstacles.push(id);
  };
  for (const { other, note } of conflictsOf(elementId)) {
    addObstacle(other);
    clauses.push(`${focus.name} conflicts with ${name(other)}${note ? `: ${note}` : ''}`);
  }
  // A fix also stalls when something it relies on is itself in conflict.
  for (const support of reach(elementId, dependsOn)) {
    for (const { other, note } of conflictsOf(support)) {
      if (other === elementId) continue;
      addObstacle(other);
      clauses.push(`${focus.name} depends on ${name(support)}, which conflicts with ${name(other)}${note ? `: ${note}` : ''}`);
    }
  }
  if (obstacles.length === 0) return null;
  for (const obstacle of obstacles) {
    const leaning = reach(obstacle, dependents).filter((id) => id !== elementId);
    for (const id of leaning) {
      const direct = (dependsOn.get(id) ?? []).includes(obstacle);
      clauses.push(direct ? `${name(id)} depends on ${name(obstacle)}` : `${name(id)} depends on ${name(obstacle)} through others`);
    }
  }
  return { elementId, obstacleIds: obstacles, sentence: `${joinClauses(clauses)}.` };
}

function joinClauses(clauses: string[]): string {
  if (clauses.length === 1) return clauses[0]!;
  return `${clauses.slice(0, -1).join('; ')}; and ${clauses[clauses.length - 1]}`;
}
