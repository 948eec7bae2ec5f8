import { Anchor, Table } from '@mantine/core';
import { Link } from 'react-router';
import type { TeamSummary } from '../types.ts';

/** A table of teams, each name linking to the team page. */
export function TeamTable({ teams, caption, showSchool = true }: { teams: TeamSummary[]; caption: string; showSchool?: boolean }) {
  return (
    <Table.ScrollContainer minWidth={480}>
      <Table striped highlightOnHover captionSide="top" className="data-table">
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Team</Table.Th>
            {showSchool && <Table.Th scope="col">School</Table.Th>}
            <Table.Th scope="col">Grades</Table.Th>
            <Table.Th scope="col">Teacher-leader</Table.Th>
            <Table.Th scope="col" ta="right">
              Students
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {teams.map((team) => (
            <Table.Tr key={team.sourcedId}>
              <Table.Th scope="row" fw="normal">
                <Anchor component={Link} to={`/teams/${encodeURIComponent(team.sourcedId)}`}>
                  {team.name}
                </Anchor>
              </Table.Th>
              {showSchool && <Table.Td>{team.schoolName}</Table.Td>}
              <Table.Td>{team.grades.join(', ') || '—'}</Table.Td>
              <Table.Td>{team.leader?.name ?? '—'}</Table.Td>
              <Table.Td ta="right">{team.studentCount}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
