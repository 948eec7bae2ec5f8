import { Table, Text } from '@mantine/core';
import type { UnmappedReason, UnmappedSummary } from '../../../server/routes/learning-schemas.ts';
import { LoadState } from '../../components/LoadState.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { Section } from '../../components/Section.tsx';
import { useApi } from '../../hooks/useApi.ts';
import './learning.css';

const WHAT_TO_DO: Record<UnmappedReason, string> = {
  'no skill': 'Map the activity to a skill with trellis import activity-map, or import the framework it belongs to.',
  'no student': 'The actor is no student of the district: check the program sends the sourcedId, identifier, username or email.',
  'no result': 'The statement reports no success or score (launched, viewed, ...): it is not an attempt, and needs nothing.',
};

function CountTable({ caption, head, rows }: { caption: string; head: string[]; rows: (string | number)[][] }) {
  return (
    <Table.ScrollContainer minWidth={480}>
      <Table striped captionSide="top" className="data-table">
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            {head.map((h, i) => (
              <Table.Th key={h} scope="col" ta={i === head.length - 1 ? 'right' : undefined}>
                {h}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row, r) => (
            <Table.Tr key={r}>
              {row.map((cell, i) =>
                i === 0 ? (
                  <Table.Th key={i} scope="row" fw="normal" className="break-anywhere">
                    {cell}
                  </Table.Th>
                ) : (
                  <Table.Td key={i} ta={i === row.length - 1 ? 'right' : undefined}>
                    {cell}
                  </Table.Td>
                ),
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** District admins: the xAPI statements that gave no evidence, and why, so they can be mapped. */
export function UnmappedPage() {
  const { data, loading, error } = useApi<UnmappedSummary>('/api/learning/unmapped');
  return (
    <>
      <PageHeading title="Unmapped statements" />
      <LoadState loading={loading} error={error} what="unmapped statements" />
      {data && (
        <>
          <Text mb="md">
            {data.total} of {data.statements} stored statements gave no evidence. After importing skills or an activity map, run{' '}
            <code className="nowrap">trellis learning sync --recheck</code> to map them again.
          </Text>
          {data.total > 0 && (
            <>
              <Section title="By reason">
                <CountTable
                  caption="Statements by the reason they map to nothing"
                  head={['Reason', 'What to do', 'Statements']}
                  rows={data.byReason.map((r) => [r.reason, WHAT_TO_DO[r.reason], r.count])}
                />
              </Section>
              {data.byActivity.length > 0 && (
                <Section title="By activity">
                  <CountTable
                    caption="The most frequent activities of statements with no skill or no result"
                    head={['Activity', 'Program', 'Reason', 'Statements']}
                    rows={data.byActivity.map((a) => [a.activityId ?? '(not an activity)', a.platform ?? '—', a.reason, a.count])}
                  />
                </Section>
              )}
              {data.byActor.length > 0 && (
                <Section title="By actor">
                  <CountTable
                    caption="The most frequent actors who are no student of the district"
                    head={['Actor', 'Statements']}
                    rows={data.byActor.map((a) => [a.actor ?? '(no actor)', a.count])}
                  />
                </Section>
              )}
            </>
          )}
        </>
      )}
    </>
  );
}
