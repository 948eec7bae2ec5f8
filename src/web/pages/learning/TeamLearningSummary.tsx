import { Anchor, Group, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { TeamFlag } from '../../../server/routes/learning-schemas.ts';
import { Section } from '../../components/Section.tsx';
import { useApi } from '../../hooks/useApi.ts';

/** On the team page: the count of open struggling flags and links to the team's learning views. */
export function TeamLearningSummary({ team }: { team: string }) {
  const flags = useApi<{ items: TeamFlag[] }>(`/api/teams/${encodeURIComponent(team)}/struggling`);
  const open = flags.data?.items.length;
  const unacknowledged = flags.data?.items.filter((f) => f.acknowledgedAt === null).length;
  const base = `/teams/${encodeURIComponent(team)}`;
  return (
    <Section title="Learning">
      <Text mb="xs">
        {open === undefined
          ? flags.error
            ? 'The struggling flags could not be loaded.'
            : 'Loading the struggling flags…'
          : open === 0
            ? 'No student is flagged as struggling.'
            : `${open} open struggling ${open === 1 ? 'flag' : 'flags'}, ${unacknowledged} not yet acknowledged.`}
      </Text>
      <Group gap="lg" className="no-print">
        <Anchor component={Link} to={`${base}/mastery`}>
          Mastery heatmap
        </Anchor>
        <Anchor component={Link} to={`${base}/struggling`}>
          Struggling today{open ? ` (${open})` : ''}
        </Anchor>
        <Anchor component={Link} to={`${base}/pinpoint`}>
          Pinpoint
        </Anchor>
      </Group>
    </Section>
  );
}
