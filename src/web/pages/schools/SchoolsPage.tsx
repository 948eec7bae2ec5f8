import { LoadState } from '../../components/LoadState.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { SchoolTable } from '../../components/SchoolTable.tsx';
import { useApi } from '../../hooks/useApi.ts';
import type { School } from '../../types.ts';

export function SchoolsPage() {
  const { data, loading, error } = useApi<{ items: School[] }>('/api/schools');
  return (
    <>
      <PageHeading title="Schools" />
      <LoadState loading={loading} error={error} what="schools" />
      {data && <SchoolTable schools={data.items} caption={`${data.items.length} schools`} />}
    </>
  );
}
