import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { apiRequest, configureApiClient } from './api-client';
import i18n from './i18n';

export interface SessionUser { username: string; agency: string; roles: string[] }
interface StoredSession { token: string; user: SessionUser }

interface SessionState {
  user: SessionUser | null;
  /** True once the API refused the token (expired, revoked): the page stays, a sign-in dialog covers it. */
  ended: boolean;
  signIn: (username: string, password: string) => Promise<void>;
  /** Keeps a session obtained elsewhere (single sign-on's hand-over), as signIn keeps its own. */
  adoptSession: (token: string, user: SessionUser) => void;
  signOut: () => Promise<void>;
  hasRole: (...roles: string[]) => boolean;
}

// sessionStorage: the token lives as long as the tab, never in a cookie other sites could ride on.
const STORAGE_KEY = 'casecoord.session';

function readStored(): StoredSession | null {
  try {
    const raw = sessionStorage.getItem(STORAGE_KEY);
    return raw ? (JSON.parse(raw) as StoredSession) : null;
  } catch {
    return null;
  }
}

const SessionContext = createContext<SessionState | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [stored, setStored] = useState<StoredSession | null>(readStored);
  const [ended, setEnded] = useState(false);

  configureApiClient({
    token: () => readStored()?.token ?? null,
    language: () => i18n.language,
    onSessionEnded: () => setEnded(true),
  });

  const signIn = useCallback(async (username: string, password: string) => {
    const answer = await apiRequest<{ accessToken: string; user: SessionUser }>('/auth/token', {
      method: 'POST', body: { username, password }, anonymous: true,
    });
    const next = { token: answer.accessToken, user: answer.user };
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(next));
    setStored(next);
    setEnded(false);
  }, []);

  const adoptSession = useCallback((token: string, user: SessionUser) => {
    const next = { token, user };
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(next));
    setStored(next);
    setEnded(false);
  }, []);

  const signOut = useCallback(async () => {
    try {
      await apiRequest('/auth/logout', { method: 'POST' });
    } catch {
      // Signed out locally either way; an unreachable API must not keep the user signed in on this screen.
    }
    sessionStorage.removeItem(STORAGE_KEY);
    setStored(null);
    setEnded(false);
  }, []);

  const value = useMemo<SessionState>(() => ({
    user: stored?.user ?? null,
    ended,
    signIn,
    adoptSession,
    signOut,
    hasRole: (...roles) => roles.some((role) => stored?.user.roles.includes(role)),
  }), [stored, ended, signIn, adoptSession, signOut]);

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}
