import { useEffect, useState } from 'react';
import { api, ApiError } from '../api.ts';

export interface Resource<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
}

/** GETs `path` (skipped when null) and refetches when it changes; stale answers are dropped. */
export function useApi<T>(path: string | null): Resource<T> {
  const [state, setState] = useState<Resource<T>>({ data: undefined, error: undefined, loading: path !== null });

  useEffect(() => {
    if (path === null) {
      setState({ data: undefined, error: undefined, loading: false });
      return;
    }
    const controller = new AbortController();
    setState({ data: undefined, error: undefined, loading: true });
    api<T>(path, { signal: controller.signal })
      .then((data) => setState({ data, error: undefined, loading: false }))
      .catch((reason: unknown) => {
        if (controller.signal.aborted) return;
        const error = reason instanceof ApiError ? reason : new ApiError(0, 'Could not reach the server.');
        setState({ data: undefined, error, loading: false });
      });
    return () => controller.abort();
  }, [path]);

  return state;
}
