import { Alert, Button, Group, List, NativeSelect, Paper, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import {
  ELEMENT_KIND_LABELS,
  ELEMENT_KINDS,
  LINK_KIND_LABELS,
  LINK_KINDS,
  type ElementKind,
  type LinkKind,
  type SystemAnalysis,
} from '../../../../core/diagnosis/interdependency.ts';
import { LoadState } from '../../../components/LoadState.tsx';
import { EditOnly, useCanEdit } from '../editing.tsx';
import { FlowCanvas } from '../driver/FlowCanvas.tsx';
import { ToolGuide } from './ToolGuide.tsx';
import { useTool } from './useTool.ts';

interface SystemMap {
  elements: { id: string; kind: ElementKind; name: string }[];
  links: { id: string; fromId: string; toId: string; kind: LinkKind; note: string }[];
  analysis: SystemAnalysis;
}

/** Parts of the school system, how they conflict and depend, and why a fix stalls. */
export function SystemMapPanel({ projectId }: { projectId: string }) {
  const { data, loading, error, send } = useTool<SystemMap>(projectId, 'system-map');
  const canEdit = useCanEdit();
  const [kind, setKind] = useState<ElementKind>('pd_initiative');
  const [name, setName] = useState('');
  const [link, setLink] = useState({ fromId: '', kind: 'conflicts_with' as LinkKind, toId: '', note: '' });

  const elements = data?.elements ?? [];
  const nameOf = (id: string) => elements.find((e) => e.id === id)?.name ?? '?';
  const fromId = link.fromId || elements[0]?.id || '';
  const toId = link.toId || elements.find((e) => e.id !== fromId)?.id || '';

  const addElement = async (event: FormEvent) => {
    event.preventDefault();
    if (name.trim() === '') return;
    if (await send('POST', '/elements', { kind, name })) setName('');
  };
  const addLink = async (event: FormEvent) => {
    event.preventDefault();
    if (!fromId || !toId) return;
    if (await send('POST', '/links', { fromId, toId, kind: link.kind, note: link.note })) setLink((l) => ({ ...l, note: '' }));
  };
  const options = elements.map((e) => ({ value: e.id, label: e.name }));

  return (
    <div>
      <ToolGuide tool="systemMap" />
      <LoadState loading={loading} error={error} what="the system map" />
      <EditOnly>
        <form onSubmit={addElement}>
          <Group align="end">
            <NativeSelect
              label="Kind of element"
              value={kind}
              onChange={(e) => setKind(e.currentTarget.value as ElementKind)}
              data={ELEMENT_KINDS.map((k) => ({ value: k, label: ELEMENT_KIND_LABELS[k] }))}
            />
            <TextInput label="Element name" value={name} onChange={(e) => setName(e.currentTarget.value)} maxLength={200} style={{ flex: 1 }} />
            <Button type="submit">Add element</Button>
          </Group>
        </form>
      </EditOnly>
      {canEdit && elements.length >= 2 && (
        <form onSubmit={addLink}>
          <Group align="end" mt="sm">
            <NativeSelect label="Element" value={fromId} onChange={(e) => setLink({ ...link, fromId: e.currentTarget.value })} data={options} />
            <NativeSelect
              label="Link"
              value={link.kind}
              onChange={(e) => setLink({ ...link, kind: e.currentTarget.value as LinkKind })}
              data={LINK_KINDS.map((k) => ({ value: k, label: LINK_KIND_LABELS[k] }))}
            />
            <NativeSelect label="Other element" value={toId} onChange={(e) => setLink({ ...link, toId: e.currentTarget.value })} data={options} />
            <TextInput label="Note" value={link.note} onChange={(e) => setLink({ ...link, note: e.currentTarget.value })} maxLength={500} style={{ flex: 1 }} />
            <Button type="submit" variant="default">
              Add link
            </Button>
          </Group>
        </form>
      )}
      {data && (
        <>
          <section aria-labelledby="stalls-heading">
            <Title order={4} size="h5" id="stalls-heading" mt="md">
              Why a fix stalls
            </Title>
            {data.analysis.stalls.length === 0 ? (
              <Text size="sm">{canEdit ? <>No conflicts yet: add a &ldquo;conflicts with&rdquo; link to see what stands in a fix&rsquo;s way.</> : 'No conflicts yet.'}</Text>
            ) : (
              <List size="sm" spacing={4}>
                {data.analysis.stalls.map((stall) => (
                  <List.Item key={stall.elementId}>
                    <strong>A fix to {nameOf(stall.elementId)} stalls:</strong> {stall.sentence}
                  </List.Item>
                ))}
              </List>
            )}
            {data.analysis.chains.length > 0 && (
              <Text size="sm" mt="xs">
                Dependency chains: {data.analysis.chains.map((chain) => chain.map(nameOf).join(' → ')).join('; ')}
              </Text>
            )}
            {data.analysis.cycles.length > 0 && (
              <Alert color="orange" variant="light" mt="xs" title="Circular dependencies">
                {data.analysis.cycles.map((cycle) => cycle.map(nameOf).join(', ')).join('; ')} depend on one another in a circle.
              </Alert>
            )}
          </section>
          <section aria-labelledby="elements-heading">
            <Title order={4} size="h5" id="elements-heading" mt="md">
              Elements and links
            </Title>
            {elements.length === 0 ? (
              <Text size="sm">No elements yet.</Text>
            ) : (
              <ul aria-label="Elements of the system and their links">
                {elements.map((element) => {
                  const links = data.links.filter((l) => l.fromId === element.id);
                  return (
                    <li key={element.id}>
                      <Group gap="xs">
                        <Text size="sm">
                          <strong>{element.name}</strong> ({ELEMENT_KIND_LABELS[element.kind]})
                        </Text>
                        <EditOnly>
                          <Button size="compact-xs" variant="default" aria-label={`Delete element ${element.name}`} onClick={() => send('DELETE', `/elements/${element.id}`)}>
                            Delete
                          </Button>
                        </EditOnly>
                      </Group>
                      {links.length > 0 && (
                        <ul>
                          {links.map((l) => (
                            <li key={l.id}>
                              <Group gap="xs">
                                <Text size="sm" className={l.kind === 'conflicts_with' ? 'conflict-text' : undefined}>
                                  {LINK_KIND_LABELS[l.kind]} {nameOf(l.toId)}
                                  {l.note ? `: ${l.note}` : ''}
                                </Text>
                                <EditOnly>
                                  <Button size="compact-xs" variant="default" aria-label={`Delete link ${element.name} ${LINK_KIND_LABELS[l.kind]} ${nameOf(l.toId)}`} onClick={() => send('DELETE', `/links/${l.id}`)}>
                                    ✕
                                  </Button>
                                </EditOnly>
                              </Group>
                            </li>
                          ))}
                        </ul>
                      )}
                    </li>
                  );
                })}
              </ul>
            )}
          </section>
          {elements.length > 0 && (
            <Paper mt="sm">
              <FlowCanvas
                label="System interdependency map as a graph (the list above has the same content)"
                nodes={elements.map((e) => ({ id: e.id, label: e.name, kind: { label: ELEMENT_KIND_LABELS[e.kind], className: 'diagram-node-system' } }))}
                edges={data.links.map((l) => ({ id: l.id, source: l.fromId, target: l.toId, label: LINK_KIND_LABELS[l.kind], dashed: l.kind === 'conflicts_with' }))}
              />
            </Paper>
          )}
        </>
      )}
    </div>
  );
}
