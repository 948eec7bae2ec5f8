import { Anchor, Group, Text } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { withQuery } from '../../api.ts';
import { ClassTable } from '../../components/ClassTable.tsx';
import { Crumbs } from '../../components/Crumbs.tsx';
import { LoadState } from '../../components/LoadState.tsx';
import { PagedStudents } from '../../components/PagedStudents.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { PrintButton } from '../../components/PrintButton.tsx';
import { Section } from '../../components/Section.tsx';
import { StatGroup } from '../../components/StatGroup.tsx';
import { useApi } from '../../hooks/useApi.ts';
import type { Team } from '../../types.ts';
import { TeamLearningSummary } from '../learning/TeamLearningSummary.tsx';
import { TeamMembers } from './TeamMembers.tsx';

export function TeamPage() {
  const { id = '' } = useParams();
  const { data: team, loading, error } = useApi<Team>(`/api/teams/${encodeURIComponent(id)}`);

  if (!team) {
    return (
      <>
        <PageHeading title={error?.status === 404 ? 'Team not found' : 'Team'} />
        <LoadState loading={loading} error={error} what="the team" />
      </>
    );
  }
  return (
    <>
      <Crumbs school={{ sourcedId: team.schoolSourcedId, name: team.schoolName }} team={team} />
      <PageHeading title={team.name} />
      <Text mb="md" mt={-8}>
        {team.schoolName} · teacher-leader {team.leader?.name ?? 'not set'}
      </Text>
      <Group gap="md" mb="md" className="no-print">
        <Anchor component={Link} to={`/teams/${encodeURIComponent(team.sourcedId)}/day`}>
          Team day board
        </Anchor>
        <Anchor component={Link} to={`/teams/${encodeURIComponent(team.sourcedId)}/day-setup`}>
          Day setup
        </Anchor>
      </Group>
      <StatGroup
        stats={[
          { label: 'Grades', value: team.grades.join(', ') || '—' },
          { label: 'Students', value: team.studentCount },
          { label: 'Adults', value: team.members.length },
          { label: 'Classes', value: team.classes.length },
        ]}
      />
      <TeamLearningSummary team={team.sourcedId} />
      <Section title="Members">
        <TeamMembers members={team.members} />
      </Section>
      <Section title="Classes">
        {team.classes.length === 0 ? <p>No classes are linked to this team.</p> : <ClassTable classes={team.classes} caption={`Classes of ${team.name}`} />}
      </Section>
      <Section title="Students" actions={<PrintButton label="Print student list" />}>
        <PagedStudents path={withQuery('/api/students', { team: team.sourcedId })} caption={`Students of ${team.name}`} />
      </Section>
    </>
  );
}
