import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, ApiError, setCsrfToken } from '../api.ts';
import type { Me } from '../types.ts';

interface SessionValue {
  /** The signed-in account; null when signed out; undefined while first checking. */
  me: Me | null | undefined;
  /** Set when the first `GET /api/me` failed for a reason other than being signed out. */
  error: ApiError | null;
  signIn(email: string, password: string): Promise<Me>;
  signOut(): Promise<void>;
}

const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [error, setError] = useState<ApiError | null>(null);

  const accept = useCallback((account: Me | null) => {
    setCsrfToken(account?.csrfToken ?? null);
    setMe(account);
  }, []);

  useEffect(() => {
    api<Me>('/api/me', { redirectOn401: false })
      .then(accept)
      .catch((reason: unknown) => {
        if (!(reason instanceof ApiError) || reason.status !== 401) {
          setError(reason instanceof ApiError ? reason : new ApiError(0, 'Could not reach the server.'));
        }
        accept(null);
      });
  }, [accept]);

  const signIn = useCallback(
    async (email: string, password: string) => {
      const account = await api<Me>('/api/session', {
        method: 'POST',
        body: { email, password },
        redirectOn401: false,
      });
      accept(account);
      return account;
    },
    [accept],
  );

  const signOut = useCallback(async () => {
    try {
      await api<void>('/api/session', { method: 'DELETE', redirectOn401: false });
    } finally {
      accept(null);
    }
  }, [accept]);

  const value = useMemo(() => ({ me, error, signIn, signOut }), [me, error, signIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession must be used inside <SessionProvider>');
  return value;
}

/** The signed-in account, for pages that only render once signed in. */
export function useMe(): Me {
  const { me } = useSession();
  if (!me) throw new Error('useMe needs a signed-in account');
  return me;
}
