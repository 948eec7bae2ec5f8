import { Button, Group, Text } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { usePagedList } from '../hooks/usePagedList.ts';
import type { StudentSummary } from '../types.ts';
import { LoadState } from './LoadState.tsx';
import { StudentTable } from './StudentTable.tsx';

/** `GET /api/students` with the given query, paged by "Load more", the count announced. */
export function PagedStudents({ path, caption }: { path: string; caption: string }) {
  const list = usePagedList<StudentSummary>(path);
  const count = list.items.length;
  const container = useRef<HTMLDivElement>(null);
  // Row count before "Load more", so focus can move to the first new student.
  const firstNewRow = useRef<number | null>(null);

  useEffect(() => {
    const index = firstNewRow.current;
    if (index === null || count <= index) return;
    firstNewRow.current = null;
    container.current?.querySelectorAll('tbody tr')[index]?.querySelector('a')?.focus();
  }, [count]);

  const loadMore = () => {
    firstNewRow.current = count;
    list.loadMore();
  };

  const summary =
    count === 0 ? 'No students match.' : `${count} student${count === 1 ? '' : 's'} shown${list.hasMore ? ', more available' : ''}.`;

  return (
    <div ref={container}>
      <Text role="status" aria-live="polite" aria-atomic size="sm" my="xs" className="result-count">
        {list.loading && count === 0 ? '' : summary}
      </Text>
      {count > 0 && <StudentTable students={list.items} caption={caption} />}
      <LoadState loading={list.loading} error={list.error} what="students" />
      {list.hasMore && (
        // Stays mounted (not disabled) while loading so keyboard focus is not dropped.
        <Group justify="center" my="md" className="no-print">
          <Button variant="default" onClick={loadMore} aria-disabled={list.loading}>
            Load more students
          </Button>
        </Group>
      )}
    </div>
  );
}
