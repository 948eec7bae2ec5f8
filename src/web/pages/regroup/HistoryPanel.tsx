import { Table } from '@mantine/core';
import { withQuery } from '../../api.ts';
import { LoadState } from '../../components/LoadState.tsx';
import { Section } from '../../components/Section.tsx';
import { useApi } from '../../hooks/useApi.ts';
import { teamPath } from './regroupApi.ts';
import type { RegroupingHistory } from './types.ts';

/** How often the team regrouped in recent weeks, and which adults each student has been with this week. */
export function HistoryPanel({ team, date }: { team: string; date: string }) {
  const { data, loading, error } = useApi<RegroupingHistory>(withQuery(`${teamPath(team)}/regrouping-history`, { weeks: 4, date }));
  return (
    <Section title="Regrouping history">
      <LoadState loading={loading} error={error} what="the regrouping history" />
      {data && (
        <>
          <Table className="history-table" withTableBorder mb="md">
            <caption>Regrouping per week</caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Week of</Table.Th>
                <Table.Th scope="col">Days published</Table.Th>
                <Table.Th scope="col">Publications</Table.Th>
                <Table.Th scope="col">Students whose place changed day to day</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.weeks.map((week) => (
                <Table.Tr key={week.weekStart}>
                  <Table.Th scope="row">{week.weekStart}</Table.Th>
                  <Table.Td>{week.publishedDays}</Table.Td>
                  <Table.Td>{week.publications}</Table.Td>
                  <Table.Td>{week.changedShare === null ? '— (fewer than two days)' : `${Math.round(week.changedShare * 100)}%`}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {data.thisWeek.students.every((student) => student.adults.length === 0) ? (
            <p>No student has been in an adult's group in a plan published this week (week of {data.thisWeek.weekStart}).</p>
          ) : (
            <Table className="history-table" withTableBorder>
              <caption>Each student's adults this week (week of {data.thisWeek.weekStart})</caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Student</Table.Th>
                  <Table.Th scope="col">Adults</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.thisWeek.students.map((student) => (
                  <Table.Tr key={student.id}>
                    <Table.Th scope="row">{student.name}</Table.Th>
                    <Table.Td>{student.adults.map((a) => a.name).join(', ') || 'none (stations only)'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </>
      )}
    </Section>
  );
}
