import { useSearchParams } from 'react-router';
import { withQuery } from '../../api.ts';
import { PagedStudents } from '../../components/PagedStudents.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { StudentFilters } from './StudentFilters.tsx';
import { STUDENT_FILTER_KEYS } from './studentFilterKeys.ts';

/** Student search; every filter lives in the URL so a search can be shared or bookmarked. */
export function StudentsPage() {
  const [params] = useSearchParams();
  const query = Object.fromEntries(STUDENT_FILTER_KEYS.map((key) => [key, params.get(key)]));
  const path = withQuery('/api/students', query);

  return (
    <>
      <PageHeading title="Students" />
      <StudentFilters />
      <PagedStudents path={path} caption="Students matching the search" />
    </>
  );
}
