import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { TokenAnswer } from '../../../lib/session';

export interface SsoIssuer { name: string; label: string }
/** A session like a password sign-in's (with its pending step, if any) and where sign-in began. */
export interface SsoSession extends TokenAnswer { returnTo: string }

/** The agency providers this installation signs in through (none: passwords only). */
export const ssoIssuersQueryOptions = () => queryOptions({
  queryKey: ['auth', 'sso', 'issuers'],
  queryFn: ({ signal }) => apiRequest<{ items: SsoIssuer[] }>('/auth/sso/issuers', { anonymous: true, signal }),
  staleTime: 5 * 60_000,
});

export function useSsoIssuers() {
  return useQuery(ssoIssuersQueryOptions());
}

/** Where the browser goes to sign in with a provider; the API redirects it on to the provider's own sign-in page. */
export const ssoStartUrl = (issuer: string, next: string): string =>
  `/auth/sso/${encodeURIComponent(issuer)}/start?next=${encodeURIComponent(next)}`;

/** Trades the callback's one-time hand-over code for a session (or the refusal the API recorded). */
export function redeemHandoff(handoff: string): Promise<SsoSession> {
  return apiRequest<SsoSession>('/auth/sso/session', { method: 'POST', body: { handoff }, anonymous: true });
}
