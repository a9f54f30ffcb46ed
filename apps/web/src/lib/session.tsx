import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { apiRequest, configureApiClient } from './api-client';
import i18n from './i18n';

export interface SessionUser { username: string; agency: string; roles: string[] }
/** A step a new session must take before anything else (issue 19): set an own password, enrol a second factor. */
export type PendingStep = 'CHANGE_PASSWORD' | 'ENROL_SECOND_FACTOR';
interface StoredSession { token: string; user: SessionUser; pendingStep?: PendingStep }
/** What /auth/token and /auth/token/second-factor answer when they open a session. */
export interface TokenAnswer { accessToken: string; user: SessionUser; pendingStep?: PendingStep }
/** What /auth/token answers (202) to a right password of a user with a second factor. */
export interface LoginChallenge { challenge: string; expiresIn: number; next: 'SECOND_FACTOR' }

interface SessionState {
  user: SessionUser | null;
  /** True once the API refused the token (expired, revoked): the page stays, a sign-in dialog covers it. */
  ended: boolean;
  /** Resolves with a challenge when the user has a second factor (then `adopt` the second step's answer). */
  signIn: (username: string, password: string) => Promise<LoginChallenge | null>;
  /** Keeps the session a token answer opened. */
  adopt: (answer: TokenAnswer) => void;
  pendingStep: PendingStep | null;
  /** The pending step is done: the same token is now a full session (or held at the next step). */
  stepDone: (next: PendingStep | null) => void;
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

  const adopt = useCallback((answer: TokenAnswer) => {
    const next: StoredSession = { token: answer.accessToken, user: answer.user, pendingStep: answer.pendingStep };
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(next));
    setStored(next);
    setEnded(false);
  }, []);

  const signIn = useCallback(async (username: string, password: string) => {
    const answer = await apiRequest<TokenAnswer | LoginChallenge>('/auth/token', {
      method: 'POST', body: { username, password }, anonymous: true,
    });
    if ('challenge' in answer) return answer;
    adopt(answer);
    return null;
  }, [adopt]);

  const stepDone = useCallback((pendingStep: PendingStep | null) => {
    const current = readStored();
    if (!current) return;
    const next: StoredSession = { ...current, pendingStep: pendingStep ?? undefined };
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(next));
    setStored(next);
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
    adopt,
    pendingStep: stored?.pendingStep ?? null,
    stepDone,
    signOut,
    hasRole: (...roles) => roles.some((role) => stored?.user.roles.includes(role)),
  }), [stored, ended, signIn, adopt, stepDone, signOut]);

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}
