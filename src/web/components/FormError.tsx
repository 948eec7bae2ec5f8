import { Alert, type AlertProps } from '@mantine/core';

/**
 * A form's error message in red, announced by screen readers when it appears
 * (role="alert"); nothing at all while there is none.
 */
export function FormError({ error, ...props }: { error: string | null | undefined } & Omit<AlertProps, 'children' | 'color' | 'role'>) {
  if (!error) return null;
  return (
    <Alert color="red" role="alert" {...props}>
      {error}
    </Alert>
  );
}
