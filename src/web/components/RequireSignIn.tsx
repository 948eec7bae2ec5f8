import { Center, Loader } from '@mantine/core';
import { Navigate, Outlet, useLocation } from 'react-router';
import { useSession } from '../session/SessionProvider.tsx';

/** Renders the signed-in routes, or sends a signed-out visitor to sign in and back. */
export function RequireSignIn() {
  const { me } = useSession();
  const location = useLocation();
  if (me === undefined) {
    return (
      <Center h="100vh" role="status" aria-live="polite">
        <Loader aria-label="Loading Trellis" />
      </Center>
    );
  }
  if (me === null) {
    const next = location.pathname + location.search;
    return <Navigate to={next === '/' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(next)}`} replace />;
  }
  return <Outlet />;
}
