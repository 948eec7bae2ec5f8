import { useCallback, useEffect, useRef, useState } from 'react';
import { api, ApiError } from '../api.ts';
import type { Page } from '../types.ts';

export interface PagedList<T> {
  items: T[];
  hasMore: boolean;
  loading: boolean;
  error: ApiError | undefined;
  loadMore(): void;
}

/**
 * A cursor-paged list route (`{ items, next }`): the first page when `path`
 * changes, later pages appended by `loadMore`.
 */
export function usePagedList<T>(path: string, limit = 50): PagedList<T> {
  const [items, setItems] = useState<T[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const controller = useRef<AbortController | null>(null);

  const fetchPage = useCallback(
    (cursor: string | null) => {
      controller.current?.abort();
      const current = new AbortController();
      controller.current = current;
      setLoading(true);
      setError(undefined);
      api<Page<T>>(pageUrl(path, limit, cursor), { signal: current.signal })
        .then((page) => {
          setItems((before) => (cursor ? [...before, ...page.items] : page.items));
          setNext(page.next ?? null);
          setLoading(false);
        })
        .catch((reason: unknown) => {
          if (current.signal.aborted) return;
          setError(reason instanceof ApiError ? reason : new ApiError(0, 'Could not reach the server.'));
          setLoading(false);
        });
    },
    [path, limit],
  );

  useEffect(() => {
    setItems([]);
    setNext(null);
    fetchPage(null);
    return () => controller.current?.abort();
  }, [fetchPage]);

  const loadMore = useCallback(() => {
    if (next && !loading) fetchPage(next);
  }, [fetchPage, next, loading]);

  return { items, hasMore: next !== null, loading, error, loadMore };
}

/** `path` (which may carry its own query) with `limit` and, after the first page, `cursor`. */
function pageUrl(path: string, limit: number, cursor: string | null): string {
  const url = new URL(path, window.location.origin);
  url.searchParams.set('limit', String(limit));
  if (cursor) url.searchParams.set('cursor', cursor);
  return url.pathname + url.search;
}
