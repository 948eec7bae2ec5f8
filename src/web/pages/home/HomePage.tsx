import { Navigate } from 'react-router';
import { PageHeading } from '../../components/PageHeading.tsx';
import { useMe } from '../../session/SessionProvider.tsx';
import { SchoolsHome } from './SchoolsHome.tsx';
import { TeamsHome } from './TeamsHome.tsx';

/**
 * Where each role starts: team members on their teams, school leaders on their
 * school, district admins on the district's schools, a student on their profile.
 */
export function HomePage() {
  const me = useMe();
  if (me.role === 'student') {
    return me.userSourcedId ? (
      <Navigate to={`/students/${encodeURIComponent(me.userSourcedId)}`} replace />
    ) : (
      <PageHeading title="Welcome" />
    );
  }
  const firstName = me.displayName.split(' ')[0] ?? me.displayName;
  return (
    <>
      <PageHeading title={`Welcome, ${firstName}`} />
      {me.role === 'district_admin' || me.role === 'school_leader' ? <SchoolsHome /> : <TeamsHome />}
    </>
  );
}
