import { Button, Group, NativeSelect, SimpleGrid, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { withQuery } from '../../api.ts';
import { useApi } from '../../hooks/useApi.ts';
import type { School, TeamSummary } from '../../types.ts';
import { STUDENT_FILTER_KEYS } from './studentFilterKeys.ts';

const YES_NO = [
  { value: '', label: 'Any' },
  { value: 'true', label: 'Yes' },
  { value: 'false', label: 'No' },
];

/** Search box and filters, read from and written to the URL query string. */
export function StudentFilters() {
  const [params, setParams] = useSearchParams();
  const [q, setQ] = useState(params.get('q') ?? '');
  const [debouncedQ] = useDebouncedValue(q, 300);
  const school = params.get('school') ?? '';
  const schools = useApi<{ items: School[] }>('/api/schools');
  const teams = useApi<{ items: TeamSummary[] }>(withQuery('/api/teams', { school }));

  const set = (key: string, value: string) => {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(key, value);
        else next.delete(key);
        if (key === 'school') next.delete('team');
        return next;
      },
      { replace: true },
    );
  };

  // Only the typed text drives this effect: a change of another filter must not rewrite q.
  const urlQ = params.get('q') ?? '';
  useEffect(() => {
    if (urlQ !== debouncedQ.trim()) set('q', debouncedQ.trim());
  }, [debouncedQ]);

  const grades = [...new Set((schools.data?.items ?? []).flatMap((s) => s.grades))].sort();
  const value = (key: string) => params.get(key) ?? '';
  const anyFilter = STUDENT_FILTER_KEYS.some((key) => params.has(key));

  return (
    <form role="search" aria-label="Students" onSubmit={(e) => e.preventDefault()} className="no-print">
      <TextInput
        type="search"
        label="Search by name or ID"
        value={q}
        onChange={(e) => setQ(e.currentTarget.value)}
        maw={420}
        mb="sm"
      />
      <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm" mb="sm" maw={900}>
        <NativeSelect
          label="School"
          value={school}
          onChange={(e) => set('school', e.currentTarget.value)}
          data={[{ value: '', label: 'All schools' }, ...(schools.data?.items ?? []).map((s) => ({ value: s.sourcedId, label: s.name }))]}
        />
        <NativeSelect
          label="Grade"
          value={value('grade')}
          onChange={(e) => set('grade', e.currentTarget.value)}
          data={[{ value: '', label: 'All grades' }, ...grades.map((g) => ({ value: g, label: g }))]}
        />
        <NativeSelect
          label="Team"
          value={value('team')}
          onChange={(e) => set('team', e.currentTarget.value)}
          data={[{ value: '', label: 'All teams' }, ...(teams.data?.items ?? []).map((t) => ({ value: t.sourcedId, label: t.name }))]}
        />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm" mb="sm" maw={900}>
        <NativeSelect label="English learner" value={value('englishLearner')} onChange={(e) => set('englishLearner', e.currentTarget.value)} data={YES_NO} />
        <NativeSelect label="Special education" value={value('specialEducation')} onChange={(e) => set('specialEducation', e.currentTarget.value)} data={YES_NO} />
        <NativeSelect
          label="Economically disadvantaged"
          value={value('economicallyDisadvantaged')}
          onChange={(e) => set('economicallyDisadvantaged', e.currentTarget.value)}
          data={YES_NO}
        />
      </SimpleGrid>
      {anyFilter && (
        <Group mb="sm">
          <Button
            variant="subtle"
            size="xs"
            onClick={() => {
              setQ('');
              setParams({}, { replace: true });
            }}
          >
            Clear search and filters
          </Button>
        </Group>
      )}
    </form>
  );
}
