import { Anchor, Group } from '@mantine/core';
import { Link } from 'react-router';

const VIEWS = [
  { key: 'mastery', label: 'Mastery heatmap' },
  { key: 'struggling', label: 'Struggling today' },
  { key: 'pinpoint', label: 'Pinpoint' },
] as const;

/** Links between a team's learning views; the current one is marked for screen readers. */
export function TeamLearningLinks({ team, current }: { team: string; current?: (typeof VIEWS)[number]['key'] }) {
  return (
    <nav aria-label="Team learning views" className="no-print">
      <Group gap="lg" mb="md">
        {VIEWS.map((view) =>
          view.key === current ? (
            <span key={view.key} aria-current="page" className="current-view">
              {view.label}
            </span>
          ) : (
            <Anchor key={view.key} component={Link} to={`/teams/${encodeURIComponent(team)}/${view.key}`}>
              {view.label}
            </Anchor>
          ),
        )}
      </Group>
    </nav>
  );
}
