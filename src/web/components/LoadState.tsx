import { Alert, Group, Loader, Text } from '@mantine/core';
import type { ApiError } from '../api.ts';

interface Props {
  loading: boolean;
  error: ApiError | undefined;
  /** What is loading, for the status message: "Loading students…". */
  what: string;
}

/**
 * Loading and error messages in live regions, so screen readers hear them.
 * The status region stays mounted so its changes are announced.
 */
export function LoadState({ loading, error, what }: Props) {
  return (
    <>
      <div role="status" aria-live="polite">
        {loading && (
          <Group gap="xs" my="sm">
            <Loader size="sm" aria-hidden />
            <Text size="sm">Loading {what}…</Text>
          </Group>
        )}
      </div>
      {error && (
        <Alert role="alert" color="red" variant="light" title={errorTitle(error.status)} my="sm">
          {error.message}
        </Alert>
      )}
    </>
  );
}

function errorTitle(status: number): string {
  if (status === 404) return 'Not found';
  if (status === 403) return 'Not allowed';
  return 'Something went wrong';
}
