import { Anchor, Table } from '@mantine/core';
import { Link } from 'react-router';
import type { School } from '../types.ts';

/** A table of schools with their counts, each name linking to the school page. */
export function SchoolTable({ schools, caption }: { schools: School[]; caption: string }) {
  return (
    <Table.ScrollContainer minWidth={520}>
      <Table striped highlightOnHover captionSide="top" className="data-table">
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">School</Table.Th>
            <Table.Th scope="col">Grades</Table.Th>
            <Table.Th scope="col" ta="right">Students</Table.Th>
            <Table.Th scope="col" ta="right">Teams</Table.Th>
            <Table.Th scope="col" ta="right">Classes</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {schools.map((school) => (
            <Table.Tr key={school.sourcedId}>
              <Table.Th scope="row" fw="normal">
                <Anchor component={Link} to={`/schools/${encodeURIComponent(school.sourcedId)}`}>
                  {school.name}
                </Anchor>
              </Table.Th>
              <Table.Td>{gradeRange(school.grades)}</Table.Td>
              <Table.Td ta="right">{school.studentCount}</Table.Td>
              <Table.Td ta="right">{school.teamCount}</Table.Td>
              <Table.Td ta="right">{school.classCount}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** ["06","07","08"] -> "06–08"; a single grade or none reads plainly. */
export function gradeRange(grades: string[]): string {
  if (grades.length === 0) return '—';
  if (grades.length === 1) return grades[0]!;
  return `${grades[0]}–${grades[grades.length - 1]}`;
}
