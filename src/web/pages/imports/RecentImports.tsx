import { Badge, Table, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { api, ApiError } from '../../api.ts';
import { LoadState } from '../../components/LoadState.tsx';
import type { ImportRun } from '../../types.ts';

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const when = (iso: string | undefined) => (iso ? dateTime.format(new Date(iso)) : '—');

/** `GET /api/imports`, newest first; refetched whenever `refreshKey` changes. */
export function RecentImports({ refreshKey }: { refreshKey: number }) {
  const [runs, setRuns] = useState<ImportRun[] | undefined>(undefined);
  const [error, setError] = useState<ApiError | undefined>(undefined);

  useEffect(() => {
    const controller = new AbortController();
    api<{ items: ImportRun[] }>('/api/imports', { signal: controller.signal })
      .then((page) => {
        setRuns(page.items);
        setError(undefined);
      })
      .catch((reason: unknown) => {
        if (!controller.signal.aborted) setError(reason instanceof ApiError ? reason : new ApiError(0, 'Could not load recent imports.'));
      });
    return () => controller.abort();
  }, [refreshKey]);

  if (!runs) return <LoadState loading={!error} error={error} what="recent imports" />;
  if (runs.length === 0) return <Text>No imports yet.</Text>;
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table striped captionSide="top" className="data-table">
        <Table.Caption>The latest imports, newest first</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Finished</Table.Th>
            <Table.Th scope="col">Source</Table.Th>
            <Table.Th scope="col">Outcome</Table.Th>
            <Table.Th scope="col" ta="right">Records accepted</Table.Th>
            <Table.Th scope="col" ta="right">Problems</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {runs.map((run) => (
            <Table.Tr key={run.id}>
              <Table.Th scope="row" fw="normal">{when(run.finishedAt)}</Table.Th>
              <Table.Td>{run.source}</Table.Td>
              <Table.Td>
                <Badge color={run.outcome === 'accepted' ? 'green' : 'red'} variant="light">
                  {run.outcome}
                </Badge>
              </Table.Td>
              <Table.Td ta="right">{acceptedTotal(run)}</Table.Td>
              <Table.Td ta="right">{run.problemCount}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function acceptedTotal(run: ImportRun): number {
  return Object.values(run.counts).reduce((total, c) => total + c.accepted, 0);
}
