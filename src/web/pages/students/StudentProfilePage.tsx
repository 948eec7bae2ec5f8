import { Anchor, Group, SimpleGrid, Table, Text } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { ClassTable } from '../../components/ClassTable.tsx';
import { Crumbs } from '../../components/Crumbs.tsx';
import { LoadState } from '../../components/LoadState.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { ProgramBadges } from '../../components/ProgramBadges.tsx';
import { Section } from '../../components/Section.tsx';
import { useApi } from '../../hooks/useApi.ts';
import { roleName } from '../../session/roles.ts';
import { useMe } from '../../session/SessionProvider.tsx';
import type { StudentProfile } from '../../types.ts';
import { Facts } from './Facts.tsx';

export function StudentProfilePage() {
  const { id = '' } = useParams();
  const me = useMe();
  const { data: student, loading, error } = useApi<StudentProfile>(`/api/students/${encodeURIComponent(id)}`);

  if (!student) {
    return (
      <>
        <PageHeading title={error?.status === 404 ? 'Student not found' : 'Student'} />
        <LoadState loading={loading} error={error} what="the student" />
      </>
    );
  }
  const name = `${student.givenName} ${student.familyName}`;
  const demographics = student.demographics;
  const isSelf = me.role === 'student';

  return (
    <>
      {!isSelf && <Crumbs school={student.schools[0]} team={student.teams[0]} current={name} />}
      <PageHeading title={isSelf ? `${name} (you)` : name} />
      <Group mb="lg" mt={-8}>
        <ProgramBadges student={student} size="md" />
      </Group>
      <Text mb="md" className="no-print">
        <Anchor component={Link} to={`/students/${encodeURIComponent(student.sourcedId)}/skills`}>
          {isSelf ? 'My skills' : `Skills of ${name}`}
        </Anchor>
      </Text>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xl">
        <Section title="About">
          <Facts
            facts={[
              ['Grade', student.grades.join(', ')],
              ['School', student.schools.map((s) => s.name).join(', ')],
              ['Student ID', student.identifier],
              ['Email', student.email],
              ['Username', student.username],
              ['Home language', student.homeLanguage],
            ]}
          />
        </Section>
        <Section title="Demographics">
          {demographics ? (
            <Facts
              facts={[
                ['Birth date', demographics.birthDate],
                ['Sex', demographics.sex],
                ['Race', demographics.races.join(', ')],
                ['Hispanic or Latino', demographics.hispanicOrLatino === null ? null : demographics.hispanicOrLatino ? 'Yes' : 'No'],
              ]}
            />
          ) : (
            <Text>No demographics on record.</Text>
          )}
        </Section>
      </SimpleGrid>
      <Section title="Classes">
        {student.classes.length === 0 ? <Text>Not enrolled in any class.</Text> : <ClassTable classes={student.classes} caption={`Classes of ${name}`} />}
      </Section>
      <Section title="Teams">
        {student.teams.length === 0 ? (
          <Text>Not on a team.</Text>
        ) : (
          <ul className="plain-list">
            {student.teams.map((team) => (
              <li key={team.sourcedId}>
                {isSelf ? team.name : <Anchor component={Link} to={`/teams/${encodeURIComponent(team.sourcedId)}`}>{team.name}</Anchor>}
              </li>
            ))}
          </ul>
        )}
      </Section>
      <Section title="Adults who know this student">
        {student.adults.length === 0 ? (
          <Text>No adults are linked yet.</Text>
        ) : (
          <Table striped captionSide="top" className="data-table">
            <Table.Caption>Teachers and team members of {name}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Name</Table.Th>
                <Table.Th scope="col">Role</Table.Th>
                <Table.Th scope="col">Through</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {student.adults.map((adult) => (
                <Table.Tr key={`${adult.sourcedId}-${adult.via}`}>
                  <Table.Th scope="row" fw="normal">
                    {adult.name}
                  </Table.Th>
                  <Table.Td>{roleName(adult.role)}</Table.Td>
                  <Table.Td>{adult.via}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Section>
    </>
  );
}
