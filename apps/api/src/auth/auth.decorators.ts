import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { AuthUser, Role } from '../../../../libs/auth/roles';
import { ApiError } from '../common/api-error';
import { SSO_M } from './sso-messages';
import type { SessionScope } from '../../../../libs/auth/session-store';

export const PUBLIC_ROUTE = 'casecoord:public';
export const REQUIRED_ROLES = 'casecoord:roles';
export const SESSION_STEP_ROUTE = 'casecoord:session-step';

/** No token needed (login, health). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_ROUTE, true);

/**
 * Reachable by a restricted session (one that must enrol a second factor or change its password first), as well as by
 * full ones; every other route refuses a restricted session with 403.
 */
export const SessionStepRoute = (): MethodDecorator & ClassDecorator => SetMetadata(SESSION_STEP_ROUTE, true);

/** The caller needs at least one of these roles; the route table of the access matrix is built from this. */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator => SetMetadata(REQUIRED_ROLES, roles);

/** `sessionId` is the session (token `jti`) the request was authenticated with: long-lived responses re-check it. */
export type AuthenticatedRequest = FastifyRequest & { user?: AuthUser; sessionId?: string; sessionScope?: SessionScope | null };

export const CurrentUser = createParamDecorator((_: unknown, context: ExecutionContext): AuthUser => {
  const user = context.switchToHttp().getRequest<AuthenticatedRequest>().user;
  if (!user) throw new Error('CurrentUser used on a public route');
  return user;
});

/** The session the request was authenticated with (see AuthenticatedRequest). */
export const CurrentSession = createParamDecorator((_: unknown, context: ExecutionContext): string => {
  const sessionId = context.switchToHttp().getRequest<AuthenticatedRequest>().sessionId;
  // Callers authenticated by a provider's access token have no session here (sso-bearer.ts).
  if (!sessionId) throw new ApiError('Forbidden', SSO_M.needsSession);
  return sessionId;
});

/** The scope of the caller's session: null for a full session (see SessionStepRoute). */
export const CurrentSessionScope = createParamDecorator((_: unknown, context: ExecutionContext): SessionScope | null =>
  context.switchToHttp().getRequest<AuthenticatedRequest>().sessionScope ?? null);
