import { ActionIcon, Button, Group, Paper, SimpleGrid, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { LoadState } from '../../../components/LoadState.tsx';
import { EditOnly, useCanEdit } from '../editing.tsx';
import { ToolGuide } from './ToolGuide.tsx';
import { useTool, type Send } from './useTool.ts';

interface Cause {
  id: string;
  text: string;
  votes: number;
  votedByMe: boolean;
}
interface Category {
  id: string;
  name: string;
  position: number;
  causes: Cause[];
}
export interface Fishbone {
  categories: Category[];
}

/** Causes under categories, each with a vote per person; most-voted first. Readers see the votes, not the buttons. */
export function FishbonePanel({ projectId }: { projectId: string }) {
  const { data, loading, error, send } = useTool<Fishbone>(projectId, 'fishbone');
  const [name, setName] = useState('');

  const addCategory = async (event: FormEvent) => {
    event.preventDefault();
    if (name.trim() === '') return;
    if (await send('POST', '/categories', { name })) setName('');
  };

  return (
    <div>
      <ToolGuide tool="fishbone" />
      <LoadState loading={loading} error={error} what="the fishbone" />
      {data && (
        <SimpleGrid cols={{ base: 1, md: 2, lg: 3 }} spacing="sm">
          {data.categories.map((category, index) => (
            <CategoryCard key={category.id} category={category} first={index === 0} last={index === data.categories.length - 1} send={send} />
          ))}
        </SimpleGrid>
      )}
      <EditOnly>
        <form onSubmit={addCategory}>
          <Group align="end" mt="sm">
            <TextInput label="New category" value={name} onChange={(e) => setName(e.currentTarget.value)} maxLength={120} />
            <Button type="submit" variant="default">
              Add category
            </Button>
          </Group>
        </form>
      </EditOnly>
    </div>
  );
}

const voteCount = (votes: number) => `${votes} ${votes === 1 ? 'vote' : 'votes'}`;

function CategoryCard({ category, first, last, send }: { category: Category; first: boolean; last: boolean; send: Send<Fishbone> }) {
  const [text, setText] = useState('');
  const [renaming, setRenaming] = useState<string | null>(null);
  const canEdit = useCanEdit();
  const headingId = `category-${category.id}`;
  const path = `/categories/${category.id}`;

  const addCause = async (event: FormEvent) => {
    event.preventDefault();
    if (text.trim() === '') return;
    if (await send('POST', '/causes', { categoryId: category.id, text })) setText('');
  };
  const rename = async (event: FormEvent) => {
    event.preventDefault();
    if (renaming === null || renaming.trim() === '') return;
    if (await send('PATCH', path, { name: renaming })) setRenaming(null);
  };

  return (
    <Paper withBorder p="sm" component="section" aria-labelledby={headingId}>
      {renaming === null ? (
        <Group justify="space-between" wrap="nowrap">
          <Title order={4} id={headingId} size="h5">
            {category.name}
          </Title>
          <EditOnly>
            <Group gap={2} wrap="nowrap">
              <ActionIcon variant="default" aria-label={`Move ${category.name} earlier`} disabled={first} onClick={() => send('PATCH', path, { position: category.position - 1 })}>
                ↑
              </ActionIcon>
              <ActionIcon variant="default" aria-label={`Move ${category.name} later`} disabled={last} onClick={() => send('PATCH', path, { position: category.position + 1 })}>
                ↓
              </ActionIcon>
              <Button size="compact-xs" variant="default" onClick={() => setRenaming(category.name)} aria-label={`Rename ${category.name}`}>
                Rename
              </Button>
              <Button size="compact-xs" variant="default" onClick={() => send('DELETE', path)} aria-label={`Delete category ${category.name}`}>
                Delete
              </Button>
            </Group>
          </EditOnly>
        </Group>
      ) : (
        <form onSubmit={rename}>
          <Title order={4} id={headingId} size="h5">
            {category.name}
          </Title>
          <Group align="end" gap="xs">
            <TextInput label={`New name for ${category.name}`} value={renaming} onChange={(e) => setRenaming(e.currentTarget.value)} maxLength={120} autoFocus />
            <Button type="submit" size="xs">
              Save
            </Button>
            <Button size="xs" variant="default" onClick={() => setRenaming(null)}>
              Cancel
            </Button>
          </Group>
        </form>
      )}
      {category.causes.length === 0 ? (
        <Text size="sm" c="dimmed" my="xs">
          No causes yet.
        </Text>
      ) : (
        <ol aria-label={`Causes under ${category.name}, most votes first`} className="cause-list">
          {category.causes.map((cause) => (
            <li key={cause.id}>
              <Group justify="space-between" wrap="nowrap" gap="xs">
                <Text size="sm">{cause.text}</Text>
                {canEdit ? (
                  <Group gap={2} wrap="nowrap">
                    <Button
                      size="compact-xs"
                      variant={cause.votedByMe ? 'filled' : 'default'}
                      aria-pressed={cause.votedByMe}
                      aria-label={`Vote for ${cause.text}: ${voteCount(cause.votes)}`}
                      onClick={() => send(cause.votedByMe ? 'DELETE' : 'PUT', `/causes/${cause.id}/vote`)}
                    >
                      <span aria-hidden>▲&nbsp;</span>
                      {voteCount(cause.votes)}
                    </Button>
                    <Button size="compact-xs" variant="default" aria-label={`Delete cause ${cause.text}`} onClick={() => send('DELETE', `/causes/${cause.id}`)}>
                      ✕
                    </Button>
                  </Group>
                ) : (
                  <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                    {voteCount(cause.votes)}
                  </Text>
                )}
              </Group>
            </li>
          ))}
        </ol>
      )}
      <EditOnly>
        <form onSubmit={addCause}>
          <Group align="end" gap="xs" wrap="nowrap">
            <TextInput label={`New cause under ${category.name}`} value={text} onChange={(e) => setText(e.currentTarget.value)} maxLength={500} style={{ flex: 1 }} />
            <Button type="submit" size="sm" variant="default" aria-label={`Add cause under ${category.name}`}>
              Add
            </Button>
          </Group>
        </form>
      </EditOnly>
    </Paper>
  );
}
