import { Inject, Injectable } from '@nestjs/common';
import { AuditStore } from '../../../../libs/audit/audit-store';
import { TokenBuckets } from '../../../../libs/auth/token-bucket';
import type { Message } from '../../../../libs/http/problem';
import { ApiError } from '../common/api-error';
import { M } from '../common/messages';

export const LOGIN_BUCKETS = Symbol('LOGIN_BUCKETS');
export const ANON_BUCKETS = Symbol('ANON_BUCKETS');

/**
 * Limits per source address for callers with no identity yet: logins (`POST /auth/token`) and requests without a valid
 * token. In-process token buckets, like the per-user write limit (README, "Abuse and faults"): a brake that costs no
 * database write, N x the limit with N API processes. Beyond it: 429 with Retry-After, audited once per window per
 * address, so the refusals of a flood do not flood the audit chain.
 */
@Injectable()
export class AddressLimits {
  constructor(
    @Inject(LOGIN_BUCKETS) private readonly logins: TokenBuckets,
    @Inject(ANON_BUCKETS) private readonly anonymous: TokenBuckets,
    private readonly audit: AuditStore,
  ) {}

  login(ip: string): Promise<void> {
    return this.enforce(this.logins, 'login', ip, 'POST /auth/token', M.loginRateLimited);
  }

  anonymousRequest(ip: string, route: string): Promise<void> {
    return this.enforce(this.anonymous, 'anonymous', ip, route, M.anonRateLimited);
  }

  private async enforce(buckets: TokenBuckets, scope: string, ip: string, route: string, message: Message): Promise<void> {
    const verdict = buckets.take(ip);
    if (verdict.allowed) return;
    const windowSeconds = Math.round(buckets.windowMs / 1000);
    if (buckets.shouldReport(ip)) {
      await this.audit.append({
        actor: 'anonymous', agency: null, action: 'rate_limit.exceeded', entityType: 'route', entityId: route,
        details: { scope, limit: buckets.limit, windowSeconds, retryAfterSeconds: verdict.retryAfterSeconds, ip },
      });
    }
    throw new ApiError('TooManyRequests', message, {
      limit: buckets.limit, window: windowSeconds, seconds: verdict.retryAfterSeconds,
    }, { headers: { 'retry-after': String(verdict.retryAfterSeconds) } });
  }
}
