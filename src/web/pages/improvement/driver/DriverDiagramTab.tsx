import { Button, Group, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { NODE_KIND_LABELS, type DriverNode } from '../../../../core/diagnosis/driverTree.ts';
import { LoadState } from '../../../components/LoadState.tsx';
import { ToolGuide } from '../diagnosis/ToolGuide.tsx';
import { useTool } from '../diagnosis/useTool.ts';
import { EditOnly, useCanEdit } from '../editing.tsx';
import '../diagnosis/diagnosis.css';
import { FlowCanvas } from './FlowCanvas.tsx';
import { Outline } from './Outline.tsx';

export interface DiagramNode extends DriverNode {
  changeIdeas: { id: string; title: string; cycleCount: number }[];
}
export interface DriverDiagram {
  nodes: DiagramNode[];
  createdId?: string;
}

/** The driver diagram: an outline to edit (keyboard first; plain text for readers) and a canvas to see it whole; both show the same nodes. */
export function DriverDiagramTab({ projectId, projectAim = '' }: { projectId: string; projectAim?: string }) {
  const { data, loading, error, send } = useTool<DriverDiagram>(projectId, 'driver-diagram');
  // The diagram starts from the project's aim when it is complete: the team rarely wants to word it twice.
  const [aim, setAim] = useState(projectAim);
  const nodes = data?.nodes ?? [];
  const canEdit = useCanEdit();

  const addAim = async (event: FormEvent) => {
    event.preventDefault();
    if (aim.trim() === '') return;
    if (await send('POST', '/nodes', { parentId: null, text: aim })) setAim('');
  };

  return (
    <div className="diagnosis">
      <ToolGuide tool="driverDiagram" />
      <LoadState loading={loading} error={error} what="the driver diagram" />
      {!canEdit && data && nodes.length === 0 && <Text size="sm">No driver diagram yet.</Text>}
      {canEdit && data && nodes.length === 0 && (
        <form onSubmit={addAim}>
          <Group align="end">
            <TextInput label="Aim" description="What will improve, by how much, by when, for whom" value={aim} onChange={(e) => setAim(e.currentTarget.value)} maxLength={500} style={{ flex: 1 }} />
            <Button type="submit">Add aim</Button>
          </Group>
        </form>
      )}
      {nodes.length > 0 && (
        <>
          <section aria-labelledby="outline-heading">
            <Title order={3} size="h4" id="outline-heading" mt="sm">
              Outline
            </Title>
            <EditOnly>
              <Text size="sm" c="dimmed">
                In a row: Alt+↑/↓ move, Alt+→ indent, Alt+← outdent, Enter in the text saves it.
              </Text>
            </EditOnly>
            <Outline nodes={nodes} send={send} />
          </section>
          <section aria-labelledby="canvas-heading">
            <Title order={3} size="h4" id="canvas-heading" mt="md">
              Diagram
            </Title>
            <FlowCanvas
              label="Driver diagram, left to right from the aim (the outline above has the same content)"
              nodes={nodes.map((n) => ({ id: n.id, label: n.text, kind: { label: NODE_KIND_LABELS[n.kind], className: `diagram-node-${n.kind}` } }))}
              edges={nodes.filter((n) => n.parentId !== null).map((n) => ({ id: `${n.parentId}-${n.id}`, source: n.parentId!, target: n.id }))}
            />
          </section>
        </>
      )}
    </div>
  );
}
