import { useCallback, useEffect, useState } from 'react';
import { api, ApiError } from '../../api.ts';

export interface Reloadable<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  /** Fetches again, keeping the current data on screen until the answer arrives. */
  reload: () => void;
}

/** GETs `path` and refetches on `reload()`, so a panel can refresh after it saves. */
export function useReloadable<T>(path: string | null): Reloadable<T> {
  const [version, setVersion] = useState(0);
  const [state, setState] = useState<Omit<Reloadable<T>, 'reload'>>({ data: undefined, error: undefined, loading: path !== null });
  useEffect(() => {
    if (path === null) return;
    const controller = new AbortController();
    setState((current) => ({ ...current, loading: true }));
    api<T>(path, { signal: controller.signal })
      .then((data) => setState({ data, error: undefined, loading: false }))
      .catch((reason: unknown) => {
        if (controller.signal.aborted) return;
        setState({ data: undefined, error: reason instanceof ApiError ? reason : new ApiError(0, 'Could not reach the server.'), loading: false });
      });
    return () => controller.abort();
  }, [path, version]);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { ...state, reload };
}

/** Sends a change and returns the error message to show, or null when it worked. */
export async function save(path: string, method: 'POST' | 'PATCH' | 'PUT' | 'DELETE', body?: unknown): Promise<string | null> {
  try {
    await api(path, { method, body });
    return null;
  } catch (reason) {
    return reason instanceof ApiError ? reason.message : 'Could not save. Try again.';
  }
}
