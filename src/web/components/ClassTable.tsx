import { Anchor, Table } from '@mantine/core';
import { Link } from 'react-router';
import type { ClassSummary } from '../types.ts';

/** A table of classes, each title linking to the class page (roster). */
export function ClassTable({ classes, caption }: { classes: ClassSummary[]; caption: string }) {
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table striped highlightOnHover captionSide="top" className="data-table">
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Class</Table.Th>
            <Table.Th scope="col">Course</Table.Th>
            <Table.Th scope="col">Grades</Table.Th>
            <Table.Th scope="col">Periods</Table.Th>
            <Table.Th scope="col">Teachers</Table.Th>
            <Table.Th scope="col" ta="right">
              Students
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {classes.map((c) => (
            <Table.Tr key={c.sourcedId}>
              <Table.Th scope="row" fw="normal">
                <Anchor component={Link} to={`/classes/${encodeURIComponent(c.sourcedId)}`}>
                  {c.title}
                </Anchor>
              </Table.Th>
              <Table.Td>{c.courseTitle}</Table.Td>
              <Table.Td>{c.grades.join(', ') || '—'}</Table.Td>
              <Table.Td>{c.periods.join(', ') || '—'}</Table.Td>
              <Table.Td>{c.teachers.join(', ') || '—'}</Table.Td>
              <Table.Td ta="right">{c.studentCount}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
