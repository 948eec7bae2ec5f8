import { Text } from '@mantine/core';
import { LoadState } from '../../components/LoadState.tsx';
import { Section } from '../../components/Section.tsx';
import type { ProjectTabProps } from './projectTabs.tsx';
import type { TimelineEntry } from './types.ts';
import { useReloadable } from './useReloadable.ts';

const when = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short' });

/** Everything that happened on the project, newest first. */
export function TimelinePanel({ project }: ProjectTabProps) {
  const { data, loading, error } = useReloadable<{ items: TimelineEntry[] }>(`/api/improvement/projects/${project.id}/timeline?at=${encodeURIComponent(project.updatedAt)}`);
  return (
    <Section title="Timeline">
      <LoadState loading={loading && !data} error={error} what="the timeline" />
      {data && (
        <ol className="improvement-timeline" aria-label="What happened, newest first">
          {data.items.map((entry) => (
            <li key={entry.id}>
              <Text size="sm" c="dimmed">
                <time dateTime={entry.at}>{when.format(new Date(entry.at))}</time>
                {entry.by && ` · ${entry.by}`}
              </Text>
              <Text>{entry.summary}</Text>
            </li>
          ))}
        </ol>
      )}
    </Section>
  );
}
