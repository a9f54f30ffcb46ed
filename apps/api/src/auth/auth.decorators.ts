import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { AuthUser, Role } from '../../../../libs/auth/roles';
import { ApiError } from '../common/api-error';
import { SSO_M } from './sso-messages';

export const PUBLIC_ROUTE = 'casecoord:public';
export const REQUIRED_ROLES = 'casecoord:roles';

/** No token needed (login, health). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_ROUTE, true);

/** The caller needs at least one of these roles; the route table of the access matrix is built from this. */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator => SetMetadata(REQUIRED_ROLES, roles);

/** `sessionId` is the session (token `jti`) the request was authenticated with: long-lived responses re-check it. */
export type AuthenticatedRequest = FastifyRequest & { user?: AuthUser; sessionId?: string };

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
