import { Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { LoadState } from '../../../components/LoadState.tsx';
import { EditOnly, useCanEdit } from '../editing.tsx';
import { ToolGuide } from './ToolGuide.tsx';
import { useTool, type Send } from './useTool.ts';

interface Chain {
  id: string;
  problem: string;
  rootCause: string;
  steps: { id: string; position: number; question: string; answer: string }[];
}
interface FiveWhys {
  chains: Chain[];
}

/** Chains of "why?" from a problem down to a root cause; readers see the chains without the forms. */
export function FiveWhysPanel({ projectId }: { projectId: string }) {
  const { data, loading, error, send } = useTool<FiveWhys>(projectId, 'five-whys');
  const canEdit = useCanEdit();
  const [problem, setProblem] = useState('');

  const start = async (event: FormEvent) => {
    event.preventDefault();
    if (problem.trim() === '') return;
    if (await send('POST', '', { problem })) setProblem('');
  };

  return (
    <div>
      <ToolGuide tool="fiveWhys" />
      <LoadState loading={loading} error={error} what="the five whys" />
      <EditOnly>
        <form onSubmit={start}>
          <Group align="end">
            <TextInput label="Problem to ask why about" value={problem} onChange={(e) => setProblem(e.currentTarget.value)} maxLength={500} style={{ flex: 1 }} />
            <Button type="submit">Start five whys</Button>
          </Group>
        </form>
      </EditOnly>
      {!canEdit && data?.chains.length === 0 && <Text size="sm">No five whys yet.</Text>}
      <Stack mt="sm">
        {data?.chains.map((chain) => <ChainCard key={chain.id} chain={chain} send={send} />)}
      </Stack>
    </div>
  );
}

function ChainCard({ chain, send }: { chain: Chain; send: Send<FiveWhys> }) {
  const [question, setQuestion] = useState('Why?');
  const [answer, setAnswer] = useState('');
  const [rootCause, setRootCause] = useState(chain.rootCause);
  const canEdit = useCanEdit();
  const headingId = `chain-${chain.id}`;
  const path = `/${chain.id}`;

  const ask = async (event: FormEvent) => {
    event.preventDefault();
    if (question.trim() === '') return;
    if (await send('POST', `${path}/steps`, { question, answer })) {
      setQuestion('Why?');
      setAnswer('');
    }
  };
  const saveRoot = async (event: FormEvent) => {
    event.preventDefault();
    await send('PATCH', path, { rootCause });
  };

  return (
    <Paper withBorder p="sm" component="section" aria-labelledby={headingId}>
      <Group justify="space-between">
        <Title order={4} size="h5" id={headingId}>
          {chain.problem}
        </Title>
        <EditOnly>
          <Button size="compact-xs" variant="default" aria-label={`Delete the five whys of ${chain.problem}`} onClick={() => send('DELETE', path)}>
            Delete
          </Button>
        </EditOnly>
      </Group>
      {chain.steps.length > 0 && (
        <ol aria-label={`Whys of ${chain.problem}`}>
          {chain.steps.map((step) => (
            <li key={step.id}>
              <Group gap="xs" wrap="nowrap" justify="space-between">
                <Text size="sm">
                  <strong>{step.question}</strong> {step.answer || <em>no answer yet</em>}
                </Text>
                <EditOnly>
                  <Button size="compact-xs" variant="default" aria-label={`Delete why ${step.position + 1}`} onClick={() => send('DELETE', `${path}/steps/${step.id}`)}>
                    ✕
                  </Button>
                </EditOnly>
              </Group>
            </li>
          ))}
        </ol>
      )}
      {!canEdit ? (
        <Text size="sm" mt="xs">
          <strong>Root cause:</strong> {chain.rootCause || <em>not named yet</em>}
        </Text>
      ) : (
        <>
          <form onSubmit={ask}>
            <Group align="end" gap="xs">
              <TextInput label={`Why ${chain.steps.length + 1}: question`} value={question} onChange={(e) => setQuestion(e.currentTarget.value)} maxLength={500} />
              <TextInput label={`Why ${chain.steps.length + 1}: answer`} value={answer} onChange={(e) => setAnswer(e.currentTarget.value)} maxLength={1000} style={{ flex: 1 }} />
              <Button type="submit" variant="default">
                Add why
              </Button>
            </Group>
          </form>
          <form onSubmit={saveRoot}>
            <Group align="end" gap="xs" mt="xs">
              <TextInput label="Root cause" value={rootCause} onChange={(e) => setRootCause(e.currentTarget.value)} maxLength={500} style={{ flex: 1 }} />
              <Button type="submit" variant="default">
                Save root cause
              </Button>
            </Group>
          </form>
        </>
      )}
    </Paper>
  );
}
