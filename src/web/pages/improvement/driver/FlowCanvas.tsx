import { Background, Controls, MarkerType, Position, ReactFlow, type Edge, type Node } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useEffect, useState } from 'react';
import { layoutLeftToRight } from './elkLayout.ts';

export interface CanvasNode {
  id: string;
  label: string;
  /** A short kind label shown above the text, and a class for the border colour. */
  kind: { label: string; className: string };
}
export interface CanvasEdge {
  id: string;
  source: string;
  target: string;
  label?: string;
  dashed?: boolean;
}

const WIDTH = 200;
const HEIGHT = 64;

/**
 * A diagram laid out left to right by ELK and drawn by React Flow. The picture
 * is an overview; the list or outline beside it is where keyboard users edit.
 */
export function FlowCanvas({ nodes, edges, label }: { nodes: CanvasNode[]; edges: CanvasEdge[]; label: string }) {
  const [laidOut, setLaidOut] = useState<Node[]>([]);
  const key = JSON.stringify([nodes, edges]);

  useEffect(() => {
    let current = true;
    layoutLeftToRight({
      nodes: nodes.map((n) => ({ id: n.id, width: WIDTH, height: HEIGHT })),
      edges,
    }).then((positions) => {
      if (!current) return;
      setLaidOut(
        nodes.map((n) => ({
          id: n.id,
          position: positions.get(n.id) ?? { x: 0, y: 0 },
          data: {
            label: (
              <>
                <span className="diagram-kind">{n.kind.label}</span>
                {n.label}
              </>
            ),
          },
          className: `diagram-node ${n.kind.className}`,
          ariaLabel: `${n.kind.label}: ${n.label}`,
          connectable: false,
          draggable: false,
          width: WIDTH,
          // Laid out left to right, so edges leave a node's right side and enter the next one's left (React Flow's default is bottom to top).
          sourcePosition: Position.Right,
          targetPosition: Position.Left,
        })),
      );
    });
    return () => {
      current = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` stands for nodes and edges
  }, [key]);

  const flowEdges: Edge[] = edges.map((e) => ({
    id: e.id,
    source: e.source,
    target: e.target,
    label: e.label,
    markerEnd: { type: MarkerType.ArrowClosed },
    style: e.dashed ? { strokeDasharray: '6 4', stroke: '#c92a2a' } : undefined,
    focusable: false,
  }));

  return (
    <figure className="diagram-canvas" aria-label={label} style={{ margin: 0 }}>
      <ReactFlow
        nodes={laidOut}
        edges={flowEdges}
        fitView
        key={laidOut.length}
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable={false}
        proOptions={{ hideAttribution: true }}
        minZoom={0.2}
      >
        <Background />
        <Controls showInteractive={false} />
      </ReactFlow>
    </figure>
  );
}
