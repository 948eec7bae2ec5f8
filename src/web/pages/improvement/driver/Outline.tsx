import { Button, Group, Text, TextInput } from '@mantine/core';
import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { childrenOf, MAX_DEPTH, NODE_KIND_LABELS, NODE_KINDS, outlinePlacement, type OutlineCommand } from '../../../../core/diagnosis/driverTree.ts';
import type { Send } from '../diagnosis/useTool.ts';
import { useCanEdit } from '../editing.tsx';
import type { DiagramNode, DriverDiagram } from './DriverDiagramTab.tsx';

const SHORTCUTS: Record<string, OutlineCommand> = { ArrowUp: 'up', ArrowDown: 'down', ArrowRight: 'indent', ArrowLeft: 'outdent' };
const COMMAND_LABELS: Record<OutlineCommand, string> = { up: 'Move up', down: 'Move down', indent: 'Indent', outdent: 'Outdent' };
const COMMAND_ICONS: Record<OutlineCommand, string> = { up: '↑', down: '↓', indent: '→', outdent: '←' };

/** The driver diagram as nested lists: every edit is a button or a shortcut, so the whole diagram can be built from the keyboard; readers get the text alone. */
export function Outline({ nodes, send }: { nodes: DiagramNode[]; send: Send<DriverDiagram> }) {
  const root = useRef<HTMLDivElement>(null);
  /** After a change, focus returns to this element (a selector inside a node's row). */
  const [focusAfter, setFocusAfter] = useState<string | null>(null);
  const canEdit = useCanEdit();

  useEffect(() => {
    if (!focusAfter) return;
    const target = root.current?.querySelector<HTMLElement>(focusAfter);
    if (target && !(target as HTMLButtonElement).disabled) target.focus();
    else root.current?.querySelector<HTMLElement>(focusAfter.split(' ')[0]!)?.querySelector<HTMLInputElement>('input')?.focus();
    setFocusAfter(null);
  }, [nodes, focusAfter]);

  const command = async (node: DiagramNode, which: OutlineCommand) => {
    const placement = outlinePlacement(nodes, node.id, which);
    if (!placement) return;
    if (await send('PATCH', `/nodes/${node.id}`, placement)) setFocusAfter(`[data-node="${node.id}"] [data-command="${which}"]`);
  };

  const renderLevel = (parentId: string | null, depth: number) => {
    const level = childrenOf(nodes, parentId) as DiagramNode[];
    if (level.length === 0) return null;
    return (
      <ul className="outline-list" aria-label={depth === 0 ? 'Driver diagram outline' : undefined}>
        {level.map((node) => (
          <li key={node.id}>
            {canEdit ? <Row node={node} nodes={nodes} depth={depth} send={send} command={command} setFocusAfter={setFocusAfter} /> : <ReadOnlyRow node={node} />}
            {renderLevel(node.id, depth + 1)}
          </li>
        ))}
      </ul>
    );
  };

  return <div ref={root}>{renderLevel(null, 0)}</div>;
}

/** A node as a reader sees it: its text, its kind and its linked change ideas. */
function ReadOnlyRow({ node }: { node: DiagramNode }) {
  return (
    <div data-node={node.id}>
      <div className="outline-row">
        <Text size="sm" style={{ flex: '1 1 260px' }}>
          {node.text}
        </Text>
        <Text size="xs" fw={700} c="gray.8" style={{ minWidth: 100 }}>
          {NODE_KIND_LABELS[node.kind]}
        </Text>
      </div>
      <LinkedIdeas node={node} />
    </div>
  );
}

function LinkedIdeas({ node }: { node: DiagramNode }) {
  if (node.changeIdeas.length === 0) return null;
  return (
    <Text size="xs" ml="md">
      Linked change idea{node.changeIdeas.length > 1 ? 's' : ''}:{' '}
      {node.changeIdeas.map((idea) => `${idea.title} (${idea.cycleCount} PDSA cycle${idea.cycleCount === 1 ? '' : 's'})`).join('; ')}
    </Text>
  );
}

interface RowProps {
  node: DiagramNode;
  nodes: DiagramNode[];
  depth: number;
  send: Send<DriverDiagram>;
  command: (node: DiagramNode, which: OutlineCommand) => Promise<void>;
  setFocusAfter: (selector: string) => void;
}

function Row({ node, nodes, depth, send, command, setFocusAfter }: RowProps) {
  const [text, setText] = useState(node.text);
  const [adding, setAdding] = useState(false);
  const [child, setChild] = useState('');
  useEffect(() => setText(node.text), [node.text]);
  const kind = NODE_KIND_LABELS[node.kind];
  const childKind = depth < MAX_DEPTH ? NODE_KIND_LABELS[NODE_KINDS[depth + 1]!] : null;

  const rename = async () => {
    if (text.trim() === '' || text.trim() === node.text) return setText(node.text);
    await send('PATCH', `/nodes/${node.id}`, { text });
  };
  const addChild = async (event: FormEvent) => {
    event.preventDefault();
    if (child.trim() === '') return;
    const answer = await send('POST', '/nodes', { parentId: node.id, text: child });
    if (answer?.createdId) {
      setChild('');
      setAdding(false);
      setFocusAfter(`[data-node="${answer.createdId}"] input`);
    }
  };
  const remove = async () => {
    const below = nodes.filter((n) => n.parentId === node.id).length;
    if (below > 0 && !window.confirm(`Delete "${node.text}" and everything under it?`)) return;
    await send('DELETE', `/nodes/${node.id}`);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const which = event.altKey ? SHORTCUTS[event.key] : undefined;
    if (!which) return;
    event.preventDefault();
    void command(node, which);
  };

  return (
    <div data-node={node.id} onKeyDown={onKeyDown}>
      <div className="outline-row">
        <TextInput
          size="xs"
          aria-label={`${kind}: text`}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          onBlur={() => void rename()}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              void rename();
            }
          }}
          maxLength={500}
          style={{ flex: '1 1 260px' }}
        />
        <Text size="xs" fw={700} c="gray.8" style={{ minWidth: 100 }}>
          {kind}
        </Text>
        {node.parentId !== null &&
          (['up', 'down', 'indent', 'outdent'] as const).map((which) => (
            <Button
              key={which}
              size="compact-xs"
              variant="default"
              data-command={which}
              aria-label={`${COMMAND_LABELS[which]}: ${node.text}`}
              disabled={outlinePlacement(nodes, node.id, which) === null}
              onClick={() => void command(node, which)}
            >
              {COMMAND_ICONS[which]}
            </Button>
          ))}
        {childKind && (
          <Button size="compact-xs" variant="light" aria-expanded={adding} onClick={() => setAdding(!adding)} aria-label={`Add ${childKind.toLowerCase()} under ${node.text}`}>
            + {childKind}
          </Button>
        )}
        <Button size="compact-xs" variant="default" aria-label={`Delete ${kind.toLowerCase()}: ${node.text}`} onClick={() => void remove()}>
          Delete
        </Button>
      </div>
      <LinkedIdeas node={node} />
      {adding && childKind && (
        <form onSubmit={addChild}>
          <Group align="end" gap="xs" ml="xl" my={4}>
            <TextInput size="xs" label={`New ${childKind.toLowerCase()} under ${node.text}`} value={child} onChange={(e) => setChild(e.currentTarget.value)} maxLength={500} autoFocus />
            <Button type="submit" size="xs">
              Add
            </Button>
            <Button size="xs" variant="default" onClick={() => setAdding(false)}>
              Cancel
            </Button>
          </Group>
        </form>
      )}
    </div>
  );
}
