import { LoadState } from '../../components/LoadState.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { TeamTable } from '../../components/TeamTable.tsx';
import { useApi } from '../../hooks/useApi.ts';
import type { TeamSummary } from '../../types.ts';

export function TeamsPage() {
  const { data, loading, error } = useApi<{ items: TeamSummary[] }>('/api/teams');
  return (
    <>
      <PageHeading title="Teams" />
      <LoadState loading={loading} error={error} what="teams" />
      {data && <TeamTable teams={data.items} caption={`${data.items.length} teams`} />}
    </>
  );
}
