import type { AuthUser } from './roles';
import { claimsDiffering, TokenClaims } from './token-claims';

const user: AuthUser = { userId: 'u-1', username: 'ice.agent', agency: 'ICE', roles: ['CASE_AGENT', 'REFERRAL_OFFICER'] };
const honest: TokenClaims = { sub: 'u-1', username: 'ice.agent', agency: 'ICE', roles: ['CASE_AGENT', 'REFERRAL_OFFICER'], jti: 'j' };

describe('claimsDiffering', () => {
  it.each<[string, TokenClaims, string[]]>([
    ['the same claims', honest, []],
    ['roles in another order', { ...honest, roles: ['REFERRAL_OFFICER', 'CASE_AGENT'] }, []],
    ['another agency', { ...honest, agency: 'ATF' }, ['agency']],
    ['another user and roles', { ...honest, username: 'leadership', roles: ['LEADERSHIP'] }, ['username', 'roles']],
    ['an extra role', { ...honest, roles: ['CASE_AGENT', 'REFERRAL_OFFICER', 'ADMIN'] }, ['roles']],
    ['a role twice instead of another', { ...honest, roles: ['CASE_AGENT', 'CASE_AGENT'] }, ['roles']],
    ['roles not a list', { ...honest, roles: 'ADMIN' }, ['roles']],
    ['another subject', { ...honest, sub: 'u-2' }, ['sub']],
    ['no claims at all', { jti: 'j' }, ['sub', 'username', 'agency', 'roles']],
  ])('%s', (_name, claims, expected) => {
    expect(claimsDiffering(claims, user)).toEqual(expected);
  });
});
