import { Badge, Button, Group, Tabs, Text } from '@mantine/core';
import { Link, useParams, useSearchParams } from 'react-router';
import { JOB_CHOICES } from '../../../core/improvement/playbooks.ts';
import { LoadState } from '../../components/LoadState.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { CanEditProvider, ReadOnlyNotice } from './editing.tsx';
import { PROJECT_TABS } from './projectTabs.tsx';
import type { ProjectDetail } from './types.ts';
import { useReloadable } from './useReloadable.ts';
import './improvement.css';

/** One project: its heading, and its tabs (projectTabs.tsx), the current tab kept in the URL. */
export function ProjectPage() {
  const { id = '' } = useParams();
  const [search, setSearch] = useSearchParams();
  const { data: project, loading, error, reload } = useReloadable<ProjectDetail>(`/api/improvement/projects/${encodeURIComponent(id)}`);
  const tab = PROJECT_TABS.some((t) => t.value === search.get('tab')) ? search.get('tab')! : PROJECT_TABS[0]!.value;

  if (!project) {
    return (
      <>
        <PageHeading title={error?.status === 404 ? 'Project not found' : 'Project'} />
        <LoadState loading={loading} error={error} what="the project" />
      </>
    );
  }
  return (
    <>
      <PageHeading title={project.title} />
      <Group gap="xs" mb="md" mt={-8}>
        <Badge variant="light">{JOB_CHOICES[project.job].name}</Badge>
        <Text size="sm">
          {project.scope.name} · {project.status}
        </Text>
        <Group gap="xs" ml="auto" className="no-print">
          <Button component={Link} to={`/improvement/${project.id}/summary`} size="xs" variant="light">
            One-page summary
          </Button>
          <Button component="a" href={`/api/improvement/projects/${project.id}/change-package.md`} download size="xs" variant="default">
            Download change package
          </Button>
        </Group>
      </Group>
      <ReadOnlyNotice project={project} />
      <CanEditProvider canEdit={project.canEdit}>
        <Tabs
          value={tab}
          onChange={(value) => {
            setSearch(value && value !== PROJECT_TABS[0]!.value ? { tab: value } : {}, { replace: true });
            // Tabs such as the driver diagram change the project behind its back (a change-idea node adds a change idea, a fishbone ticks the playbook): fetch it afresh.
            reload();
          }}
          keepMounted={false}
        >
          <Tabs.List mb="md" className="no-print">
            {PROJECT_TABS.map((t) => (
              <Tabs.Tab key={t.value} value={t.value}>
                {t.label}
              </Tabs.Tab>
            ))}
          </Tabs.List>
          {PROJECT_TABS.map((t) => (
            <Tabs.Panel key={t.value} value={t.value}>
              {t.render({ project, reloadProject: reload })}
            </Tabs.Panel>
          ))}
        </Tabs>
      </CanEditProvider>
    </>
  );
}
