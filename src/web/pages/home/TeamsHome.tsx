import { Anchor, Card, SimpleGrid, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { LoadState } from '../../components/LoadState.tsx';
import { Section } from '../../components/Section.tsx';
import { useApi } from '../../hooks/useApi.ts';
import { useMe } from '../../session/SessionProvider.tsx';
import type { TeamSummary } from '../../types.ts';

/** The teams the signed-in adult belongs to, one card each. */
export function TeamsHome() {
  const me = useMe();
  const { data, loading, error } = useApi<{ items: TeamSummary[] }>('/api/teams');
  const mine = new Set(me.scope.teams.map((t) => t.sourcedId));
  const teams = (data?.items ?? []).filter((t) => mine.has(t.sourcedId));

  return (
    <Section title={me.scope.teams.length === 1 ? 'Your team' : 'Your teams'}>
      <LoadState loading={loading} error={error} what="your teams" />
      {data && teams.length === 0 && <Text>You are not on a team yet. Ask your school leader to add you.</Text>}
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
        {teams.map((team) => (
          <Card key={team.sourcedId} withBorder radius="md" padding="lg" component="article">
            <Title order={3} size="h4">
              <Anchor component={Link} to={`/teams/${encodeURIComponent(team.sourcedId)}`}>
                {team.name}
              </Anchor>
            </Title>
            <Text size="sm" mt={4}>
              {team.schoolName}
              {team.grades.length > 0 && ` · Grade ${team.grades.join(', ')}`}
            </Text>
            <Text size="sm">Teacher-leader: {team.leader?.name ?? 'none yet'}</Text>
            <Text fw={700} mt="sm">
              {team.studentCount} students
            </Text>
          </Card>
        ))}
      </SimpleGrid>
    </Section>
  );
}
