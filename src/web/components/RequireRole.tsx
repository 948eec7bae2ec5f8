import { Alert } from '@mantine/core';
import type { ReactNode } from 'react';
import { useMe } from '../session/SessionProvider.tsx';
import type { Role } from '../types.ts';
import { PageHeading } from './PageHeading.tsx';

/** Shows `children` only to the given roles; others get a plain explanation. */
export function RequireRole({ roles, children }: { roles: Role[]; children: ReactNode }) {
  const me = useMe();
  if (roles.includes(me.role)) return <>{children}</>;
  return (
    <>
      <PageHeading title="Not available" />
      <Alert role="alert" color="yellow" variant="light">
        This page is not available to your role.
      </Alert>
    </>
  );
}
