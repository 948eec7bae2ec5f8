import { useCallback, useEffect, useState } from 'react';
import { api, ApiError } from '../../../api.ts';

export type Send<T> = (method: 'POST' | 'PATCH' | 'PUT' | 'DELETE', path: string, body?: unknown) => Promise<T | undefined>;

export interface Tool<T> {
  data: T | undefined;
  loading: boolean;
  /** The last load or change that failed, in words to show. */
  error: ApiError | undefined;
  /** Sends a change under the tool's path; the answer (the whole tool) replaces the state. */
  send: Send<T>;
}

/**
 * One diagnosis tool of a project: GETs `/api/improvement/projects/:id/<tool>` and
 * applies each change's answer. Every change route answers with the whole tool.
 */
export function useTool<T>(projectId: string, tool: string): Tool<T> {
  const base = `/api/improvement/projects/${encodeURIComponent(projectId)}/${tool}`;
  const [data, setData] = useState<T>();
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<ApiError>();

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    api<T>(base, { signal: controller.signal })
      .then((answer) => {
        setData(answer);
        setError(undefined);
      })
      .catch((reason: unknown) => {
        if (!controller.signal.aborted) setError(asApiError(reason));
      })
      .finally(() => {
        if (!controller.signal.aborted) setLoading(false);
      });
    return () => controller.abort();
  }, [base]);

  const send = useCallback<Send<T>>(
    async (method, path, body) => {
      try {
        const answer = await api<T>(`${base}${path}`, { method, body });
        setData(answer);
        setError(undefined);
        return answer;
      } catch (reason) {
        setError(asApiError(reason));
        return undefined;
      }
    },
    [base],
  );

  return { data, loading, error, send };
}

function asApiError(reason: unknown): ApiError {
  return reason instanceof ApiError ? reason : new ApiError(0, 'Could not reach the server.');
}
