import { NativeSelect } from '@mantine/core';
import { useSearchParams } from 'react-router';
import { withQuery } from '../../api.ts';
import { ClassTable } from '../../components/ClassTable.tsx';
import { LoadState } from '../../components/LoadState.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { useApi } from '../../hooks/useApi.ts';
import type { ClassSummary, School } from '../../types.ts';

/** Classes in scope, optionally for one school (kept in the URL as ?school=). */
export function ClassesPage() {
  const [params, setParams] = useSearchParams();
  const school = params.get('school') ?? '';
  const schools = useApi<{ items: School[] }>('/api/schools');
  const classes = useApi<{ items: ClassSummary[] }>(withQuery('/api/classes', { school }));
  const schoolName = schools.data?.items.find((s) => s.sourcedId === school)?.name;

  return (
    <>
      <PageHeading title="Classes" />
      <NativeSelect
        className="no-print"
        label="School"
        maw={320}
        mb="md"
        value={school}
        onChange={(e) => setParams(e.currentTarget.value ? { school: e.currentTarget.value } : {}, { replace: true })}
        data={[{ value: '', label: 'All schools' }, ...(schools.data?.items ?? []).map((s) => ({ value: s.sourcedId, label: s.name }))]}
      />
      <LoadState loading={classes.loading} error={classes.error} what="classes" />
      {classes.data && (
        <ClassTable
          classes={classes.data.items}
          caption={`${classes.data.items.length} classes${schoolName ? ` at ${schoolName}` : ''}`}
        />
      )}
    </>
  );
}
