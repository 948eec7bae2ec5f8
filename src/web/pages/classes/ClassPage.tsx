import { Text } from '@mantine/core';
import { useParams } from 'react-router';
import { Crumbs } from '../../components/Crumbs.tsx';
import { LoadState } from '../../components/LoadState.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { PrintButton } from '../../components/PrintButton.tsx';
import { Section } from '../../components/Section.tsx';
import { StudentTable } from '../../components/StudentTable.tsx';
import { useApi } from '../../hooks/useApi.ts';
import type { ClassSummary, School, StudentSummary } from '../../types.ts';

/** One class and its roster, printable. */
export function ClassPage() {
  const { id = '' } = useParams();
  const { data: cls, loading, error } = useApi<ClassSummary & { students: StudentSummary[] }>(`/api/classes/${encodeURIComponent(id)}`);
  const schools = useApi<{ items: School[] }>(cls ? '/api/schools' : null);

  if (!cls) {
    return (
      <>
        <PageHeading title={error?.status === 404 ? 'Class not found' : 'Class'} />
        <LoadState loading={loading} error={error} what="the class" />
      </>
    );
  }
  const school = schools.data?.items.find((s) => s.sourcedId === cls.schoolSourcedId);
  const details = [
    cls.courseTitle,
    cls.classCode && `code ${cls.classCode}`,
    cls.periods.length > 0 && `period ${cls.periods.join(', ')}`,
    cls.grades.length > 0 && `grade ${cls.grades.join(', ')}`,
  ].filter(Boolean);

  return (
    <>
      <Crumbs school={school} current={cls.title} />
      <PageHeading title={cls.title} />
      <Text mt={-8}>{details.join(' · ')}</Text>
      <Text mb="lg">Teachers: {cls.teachers.join(', ') || 'none listed'}</Text>
      <Section title={`Roster (${cls.students.length})`} actions={<PrintButton label="Print roster" />}>
        <StudentTable students={cls.students} caption={`Roster of ${cls.title}`} />
      </Section>
    </>
  );
}
