/**
 * Automatic layout for the diagrams (driver diagram, system map) with ELK's
 * layered algorithm, left to right. Node sizes are fixed per diagram so layout
 * does not wait for the browser to measure.
 */
import type { ELK as Elk, ELKConstructorArguments } from 'elkjs/lib/elk-api.js';

export interface LayoutInput {
  nodes: { id: string; width: number; height: number }[];
  edges: { id: string; source: string; target: string }[];
}

export type Positions = Map<string, { x: number; y: number }>;

type ElkConstructor = new (args?: ELKConstructorArguments) => Elk;
let elk: Promise<Elk> | undefined;

/** ELK is large (about 1.5 MB): it loads on first use, in its own chunk. */
function loadElk(): Promise<Elk> {
  elk ??= import('elkjs/lib/elk.bundled.js').then((loaded) => {
    // elkjs is CommonJS: depending on the bundler the constructor is the module's default or the default's default.
    const value = loaded.default as unknown as ElkConstructor | { default: ElkConstructor };
    const ElkClass = 'default' in value ? value.default : value;
    return new ElkClass();
  });
  return elk;
}

export async function layoutLeftToRight(input: LayoutInput): Promise<Positions> {
  const graph = await (await loadElk()).layout({
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.spacing.nodeNode': '24',
      'elk.layered.spacing.nodeNodeBetweenLayers': '64',
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
    },
    children: input.nodes.map((n) => ({ id: n.id, width: n.width, height: n.height })),
    edges: input.edges.map((e) => ({ id: e.id, sources: [e.source], targets: [e.target] })),
  });
  return new Map((graph.children ?? []).map((c) => [c.id, { x: c.x ?? 0, y: c.y ?? 0 }]));
}
