import { Alert, Badge, Button, Code, CopyButton, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { api, ApiError } from '../../api.ts';
import { LoadState } from '../../components/LoadState.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { Section } from '../../components/Section.tsx';

/** A learning program's xAPI credential, as `GET /api/integrations` lists it. */
export interface Integration {
  id: string;
  name: string;
  key: string;
  createdAt: string;
  createdBy: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

interface Created {
  integration: Integration;
  secret: string;
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const when = (iso: string | null) => (iso ? dateTime.format(new Date(iso)) : '—');

/** A district admin creates, lists and revokes the credentials learning programs send xAPI statements with. */
export function IntegrationsPage() {
  const [items, setItems] = useState<Integration[] | undefined>(undefined);
  const [loadError, setLoadError] = useState<ApiError | undefined>(undefined);
  const [created, setCreated] = useState<Created | null>(null);

  const load = useCallback(async (signal?: AbortSignal) => {
    try {
      const page = await api<{ items: Integration[] }>('/api/integrations', { signal });
      setItems(page.items);
      setLoadError(undefined);
    } catch (reason) {
      if (!signal?.aborted) setLoadError(reason instanceof ApiError ? reason : new ApiError(0, 'Could not load the integrations.'));
    }
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    void load(controller.signal);
    return () => controller.abort();
  }, [load]);

  return (
    <>
      <PageHeading title="Integrations" />
      <Text mb="md" maw={680}>
        Learning programs send what students do to Trellis as xAPI statements. Give each program its own credential: the
        program sends the key and secret with HTTP Basic authentication to the address below. Revoke a credential when a
        program stops, or if its secret may have leaked.
      </Text>
      <Group gap="xs" mb="lg">
        <Text fw={600}>xAPI endpoint:</Text>
        <Code>{`${window.location.origin}/xapi`}</Code>
        <Copy value={`${window.location.origin}/xapi`} label="endpoint" />
      </Group>
      <NewIntegrationForm
        onCreated={(result) => {
          setCreated(result);
          void load();
        }}
      />
      {created && <CreatedCredential created={created} onDone={() => setCreated(null)} />}
      <Section title="Credentials">
        {items ? <IntegrationTable items={items} onRevoked={() => void load()} /> : <LoadState loading={!loadError} error={loadError} what="integrations" />}
      </Section>
    </>
  );
}

function NewIntegrationForm({ onCreated }: { onCreated: (created: Created) => void }) {
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (name.trim() === '') {
      setError('Name the learning program first.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onCreated(await api<Created>('/api/integrations', { method: 'POST', body: { name: name.trim() } }));
      setName('');
    } catch (reason) {
      setError(reason instanceof ApiError ? reason.message : 'The credential could not be created.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={onSubmit} aria-busy={busy}>
      <Group align="flex-end" maw={620}>
        <TextInput
          label="Learning program"
          description="For example: MathPath Adaptive Practice"
          value={name}
          maxLength={120}
          onChange={(e) => setName(e.currentTarget.value)}
          error={error}
          style={{ flex: 1 }}
          required
        />
        <Button type="submit" loading={busy}>
          Create credential
        </Button>
      </Group>
    </form>
  );
}

function CreatedCredential({ created, onDone }: { created: Created; onDone: () => void }) {
  return (
    <Alert role="status" color="green" variant="light" title={`Credential for ${created.integration.name}`} mt="md" maw={720}>
      <Stack gap="xs">
        <Text size="sm">
          Copy the secret now: Trellis keeps only a hash of it and cannot show it again. If it is lost, revoke this
          credential and create another.
        </Text>
        <Group gap="xs">
          <Text fw={600} w={60}>Key</Text>
          <Code>{created.integration.key}</Code>
          <Copy value={created.integration.key} label="key" />
        </Group>
        <Group gap="xs">
          <Text fw={600} w={60}>Secret</Text>
          <Code>{created.secret}</Code>
          <Copy value={created.secret} label="secret" />
        </Group>
        <Group>
          <Button variant="default" size="xs" onClick={onDone}>
            I have copied the secret
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}

function Copy({ value, label }: { value: string; label: string }) {
  return (
    <CopyButton value={value}>
      {({ copied, copy }) => (
        <Button size="compact-xs" variant="light" color={copied ? 'green' : undefined} onClick={copy} aria-label={`Copy the ${label}`}>
          {copied ? 'Copied' : 'Copy'}
        </Button>
      )}
    </CopyButton>
  );
}

function IntegrationTable({ items, onRevoked }: { items: Integration[]; onRevoked: () => void }) {
  if (items.length === 0) return <Text>No credentials yet.</Text>;
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table striped captionSide="top" className="data-table">
        <Table.Caption>Live credentials first, newest first</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Learning program</Table.Th>
            <Table.Th scope="col">Key</Table.Th>
            <Table.Th scope="col">Created</Table.Th>
            <Table.Th scope="col">Last used</Table.Th>
            <Table.Th scope="col">Status</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((item) => (
            <Table.Tr key={item.id}>
              <Table.Th scope="row" fw="normal">{item.name}</Table.Th>
              <Table.Td>
                <Code>{item.key}</Code>
              </Table.Td>
              <Table.Td>
                {when(item.createdAt)} <Text span size="xs" c="dimmed">by {item.createdBy}</Text>
              </Table.Td>
              <Table.Td>{when(item.lastUsedAt)}</Table.Td>
              <Table.Td>{item.revokedAt ? <Badge color="gray" variant="light">revoked {when(item.revokedAt)}</Badge> : <RevokeButton item={item} onRevoked={onRevoked} />}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** Revoking cannot be undone, so it takes a second click. */
function RevokeButton({ item, onRevoked }: { item: Integration; onRevoked: () => void }) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const revoke = async () => {
    setBusy(true);
    try {
      await api(`/api/integrations/${encodeURIComponent(item.id)}`, { method: 'DELETE' });
      onRevoked();
    } catch (reason) {
      setError(reason instanceof ApiError ? reason.message : 'Could not revoke.');
      setBusy(false);
    }
  };

  if (error) return <Text c="red" size="sm" role="alert">{error}</Text>;
  if (!confirming) {
    return (
      <Button size="compact-sm" variant="light" color="red" onClick={() => setConfirming(true)} aria-label={`Revoke the credential of ${item.name}`}>
        Revoke
      </Button>
    );
  }
  return (
    <Group gap="xs">
      <Button size="compact-sm" color="red" loading={busy} onClick={() => void revoke()}>
        Revoke {item.name}
      </Button>
      <Button size="compact-sm" variant="default" onClick={() => setConfirming(false)} disabled={busy}>
        Cancel
      </Button>
    </Group>
  );
}
