import { Badge, Button, Group, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { JOB_CHOICES } from '../../../core/improvement/playbooks.ts';
import { LoadState } from '../../components/LoadState.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { useApi } from '../../hooks/useApi.ts';
import type { ProjectSummary } from './types.ts';

/** The improvement projects the caller can see, and the way to start one. */
export function ImprovementPage() {
  const { data, loading, error } = useApi<{ items: ProjectSummary[] }>('/api/improvement/projects');
  return (
    <>
      <PageHeading title="Improvement" />
      <Text mb="md">Projects test changes with PDSA cycles and watch their measures on run and control charts.</Text>
      <Group mb="lg">
        <Button component={Link} to="/improvement/new">
          Start a project
        </Button>
        <Button component={Link} to="/improvement/capacity" variant="light">
          Improvement capacity
        </Button>
      </Group>
      <LoadState loading={loading} error={error} what="projects" />
      {data && data.items.length === 0 && <p>No projects yet.</p>}
      {data && data.items.length > 0 && (
        <Table striped>
          <caption>{`${data.items.length} improvement projects`}</caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Project</Table.Th>
              <Table.Th scope="col">Job</Table.Th>
              <Table.Th scope="col">For</Table.Th>
              <Table.Th scope="col">Aim</Table.Th>
              <Table.Th scope="col">Status</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.items.map((project) => (
              <Table.Tr key={project.id}>
                <Table.Th scope="row">
                  <Link to={`/improvement/${project.id}`}>{project.title}</Link>
                </Table.Th>
                <Table.Td>{JOB_CHOICES[project.job].name}</Table.Td>
                <Table.Td>{project.scope.name}</Table.Td>
                <Table.Td>{project.aimSentence}</Table.Td>
                <Table.Td>
                  <Badge variant="light" color="gray">
                    {project.status}
                  </Badge>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </>
  );
}
