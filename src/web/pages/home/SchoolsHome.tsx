import { LoadState } from '../../components/LoadState.tsx';
import { SchoolTable } from '../../components/SchoolTable.tsx';
import { Section } from '../../components/Section.tsx';
import { StatGroup } from '../../components/StatGroup.tsx';
import { useApi } from '../../hooks/useApi.ts';
import { useMe } from '../../session/SessionProvider.tsx';
import type { School } from '../../types.ts';

/** The schools in scope (the district's for an admin, their own for a school leader). */
export function SchoolsHome() {
  const me = useMe();
  const { data, loading, error } = useApi<{ items: School[] }>('/api/schools');
  const schools = data?.items ?? [];
  const sum = (pick: (s: School) => number) => schools.reduce((total, s) => total + pick(s), 0);

  return (
    <Section title={me.role === 'district_admin' ? `Schools in ${me.district.name}` : schools.length === 1 ? 'Your school' : 'Your schools'}>
      <LoadState loading={loading} error={error} what="schools" />
      {data && (
        <>
          <StatGroup
            stats={[
              { label: 'Schools', value: schools.length },
              { label: 'Students', value: sum((s) => s.studentCount) },
              { label: 'Teams', value: sum((s) => s.teamCount) },
              { label: 'Classes', value: sum((s) => s.classCount) },
            ]}
          />
          <SchoolTable schools={schools} caption="Schools with student, team and class counts" />
        </>
      )}
    </Section>
  );
}
