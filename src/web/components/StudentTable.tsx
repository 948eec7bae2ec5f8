import { Anchor, Table } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { StudentSummary } from '../types.ts';
import { ProgramBadges } from './ProgramBadges.tsx';

export const studentName = (s: Pick<StudentSummary, 'givenName' | 'familyName'>) => `${s.familyName}, ${s.givenName}`;

/**
 * The row header of a student table: the student's name, linking to their
 * profile or, with `page`, to one page of it (e.g. `skills`); `children`
 * follow the name (e.g. a mark of open flags).
 */
export function StudentNameCell({ sourcedId, name, page, children }: { sourcedId: string; name: string; page?: 'skills'; children?: ReactNode }) {
  return (
    <Table.Th scope="row" fw="normal">
      <Anchor component={Link} to={`/students/${encodeURIComponent(sourcedId)}${page ? `/${page}` : ''}`}>
        {name}
      </Anchor>
      {children}
    </Table.Th>
  );
}

/** A table of students, each name linking to the profile. */
export function StudentTable({ students, caption }: { students: StudentSummary[]; caption: string }) {
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table striped highlightOnHover captionSide="top" className="data-table">
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Name</Table.Th>
            <Table.Th scope="col">ID</Table.Th>
            <Table.Th scope="col">Grade</Table.Th>
            <Table.Th scope="col">School</Table.Th>
            <Table.Th scope="col">Programs</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {students.map((student) => (
            <Table.Tr key={student.sourcedId}>
              <StudentNameCell sourcedId={student.sourcedId} name={studentName(student)} />
              <Table.Td>{student.identifier ?? '—'}</Table.Td>
              <Table.Td>{student.grades.join(', ') || '—'}</Table.Td>
              <Table.Td>{student.schools.map((s) => s.name).join(', ') || '—'}</Table.Td>
              <Table.Td>
                <ProgramBadges student={student} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
