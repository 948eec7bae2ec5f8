import { Badge, Button, Group, Paper, Text, TextInput } from '@mantine/core';
import { useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { LoadState } from '../../../components/LoadState.tsx';
import { EditOnly, useCanEdit } from '../editing.tsx';
import { ToolGuide } from './ToolGuide.tsx';
import { useTool, type Send } from './useTool.ts';

interface Step {
  id: string;
  position: number;
  text: string;
  painPoints: string[];
}
interface ProcessMap {
  steps: Step[];
}

/**
 * The steps of a process in order, each with its pain points. Reorder with the
 * buttons, or with Alt+↑ / Alt+↓ while a step's controls have focus. Readers
 * see the steps and pain points only.
 */
export function ProcessMapPanel({ projectId }: { projectId: string }) {
  const { data, loading, error, send } = useTool<ProcessMap>(projectId, 'process-map');
  const canEdit = useCanEdit();
  const [text, setText] = useState('');
  const list = useRef<HTMLOListElement>(null);

  const add = async (event: FormEvent) => {
    event.preventDefault();
    if (text.trim() === '') return;
    if (await send('POST', '/steps', { text })) setText('');
  };
  /** Moves a step and keeps focus on the control that moved it, in its new place. */
  const move = async (step: Step, delta: number, focusSelector: string) => {
    const answer = await send('PATCH', `/steps/${step.id}`, { position: step.position + delta });
    if (answer) requestAnimationFrame(() => list.current?.querySelector<HTMLElement>(`[data-step="${step.id}"] ${focusSelector}`)?.focus());
  };
  const onKeyDown = (step: Step, last: boolean) => (event: KeyboardEvent) => {
    if (!event.altKey) return;
    if (event.key === 'ArrowUp' && step.position > 0) {
      event.preventDefault();
      void move(step, -1, '[data-move="up"]');
    } else if (event.key === 'ArrowDown' && !last) {
      event.preventDefault();
      void move(step, 1, '[data-move="down"]');
    }
  };

  return (
    <div>
      <ToolGuide tool="processMap" />
      <LoadState loading={loading} error={error} what="the process map" />
      <EditOnly>
        <Text size="sm" c="dimmed">
          Alt+↑ and Alt+↓ move the step whose buttons have focus.
        </Text>
      </EditOnly>
      {!canEdit && data?.steps.length === 0 && <Text size="sm">No process steps yet.</Text>}
      {data && data.steps.length > 0 && (
        <ol ref={list} aria-label="Process steps in order" className="process-steps">
          {data.steps.map((step, index) => (
            <li key={step.id} data-step={step.id} onKeyDown={canEdit ? onKeyDown(step, index === data.steps.length - 1) : undefined}>
              <StepCard step={step} first={index === 0} last={index === data.steps.length - 1} send={send} move={move} />
            </li>
          ))}
        </ol>
      )}
      <EditOnly>
        <form onSubmit={add}>
          <Group align="end" mt="sm">
            <TextInput label="New step" value={text} onChange={(e) => setText(e.currentTarget.value)} maxLength={500} style={{ flex: 1 }} />
            <Button type="submit">Add step</Button>
          </Group>
        </form>
      </EditOnly>
    </div>
  );
}

function StepCard(props: { step: Step; first: boolean; last: boolean; send: Send<ProcessMap>; move: (step: Step, delta: number, focus: string) => Promise<void> }) {
  const { step, first, last, send, move } = props;
  const [pain, setPain] = useState('');
  const path = `/steps/${step.id}`;
  const addPain = async (event: FormEvent) => {
    event.preventDefault();
    if (pain.trim() === '') return;
    if (await send('PATCH', path, { painPoints: [...step.painPoints, pain] })) setPain('');
  };
  return (
    <Paper withBorder p="xs" my={4}>
      <Group justify="space-between" wrap="nowrap">
        <Text fw={600}>{step.text}</Text>
        <EditOnly>
          <Group gap={2} wrap="nowrap">
            <Button size="compact-xs" variant="default" data-move="up" disabled={first} aria-label={`Move ${step.text} up`} onClick={() => move(step, -1, '[data-move="up"]')}>
              ↑
            </Button>
            <Button size="compact-xs" variant="default" data-move="down" disabled={last} aria-label={`Move ${step.text} down`} onClick={() => move(step, 1, '[data-move="down"]')}>
              ↓
            </Button>
            <Button size="compact-xs" variant="default" aria-label={`Delete step ${step.text}`} onClick={() => send('DELETE', path)}>
              ✕
            </Button>
          </Group>
        </EditOnly>
      </Group>
      {step.painPoints.length > 0 && (
        <Group gap={4} mt={4} aria-label={`Pain points of ${step.text}`} role="list">
          {step.painPoints.map((point, i) => (
            <Badge key={`${i}-${point}`} role="listitem" color="red.9" variant="outline" tt="none">
              {point}
            </Badge>
          ))}
        </Group>
      )}
      <EditOnly>
        <form onSubmit={addPain}>
          <Group align="end" gap="xs" mt={4}>
            <TextInput size="xs" label={`Pain point of ${step.text}`} value={pain} onChange={(e) => setPain(e.currentTarget.value)} maxLength={500} />
            <Button type="submit" size="xs" variant="default">
              Add pain point
            </Button>
          </Group>
        </form>
      </EditOnly>
    </Paper>
  );
}
