import { readSsoClaims, SsoClaimsVerdict } from './sso-claims-rules';

const issuer = { agencyClaim: 'agency', rolesClaim: 'roles', agencies: ['FBI', 'DEA'] };

describe('readSsoClaims', () => {
  it.each<[string, Record<string, unknown>, SsoClaimsVerdict]>([
    ['an allowed agency with known roles', { sub: 's1', agency: 'FBI', roles: ['CASE_AGENT'] },
      { ok: true, subject: 's1', agency: 'FBI', roles: ['CASE_AGENT'] }],
    ['roles as a space-separated string, one repeated', { sub: 's1', agency: 'DEA', roles: 'CASE_AGENT REFERRAL_OFFICER CASE_AGENT' },
      { ok: true, subject: 's1', agency: 'DEA', roles: ['CASE_AGENT', 'REFERRAL_OFFICER'] }],
    ['no subject', { agency: 'FBI', roles: ['CASE_AGENT'] }, { ok: false, refusal: { kind: 'subject-missing' } }],
    ['no agency claim', { sub: 's1', roles: ['CASE_AGENT'] }, { ok: false, refusal: { kind: 'agency-missing', claim: 'agency' } }],
    ['an agency given as a list', { sub: 's1', agency: ['FBI'], roles: ['CASE_AGENT'] }, { ok: false, refusal: { kind: 'agency-missing', claim: 'agency' } }],
    ['an agency the issuer may not speak for', { sub: 's1', agency: 'ATF', roles: ['CASE_AGENT'] },
      { ok: false, refusal: { kind: 'agency-not-allowed', agency: 'ATF' } }],
    ['an agency in another case', { sub: 's1', agency: 'fbi', roles: ['CASE_AGENT'] },
      { ok: false, refusal: { kind: 'agency-not-allowed', agency: 'fbi' } }],
    ['no roles', { sub: 's1', agency: 'FBI', roles: [] }, { ok: false, refusal: { kind: 'roles-missing', claim: 'roles' } }],
    ['roles not strings', { sub: 's1', agency: 'FBI', roles: [1] }, { ok: false, refusal: { kind: 'roles-missing', claim: 'roles' } }],
    ['one unknown role among known ones', { sub: 's1', agency: 'FBI', roles: ['CASE_AGENT', 'SUPERUSER'] },
      { ok: false, refusal: { kind: 'role-unknown', role: 'SUPERUSER' } }],
  ])('%s', (_name, claims, expected) => {
    expect(readSsoClaims(issuer, claims)).toEqual(expected);
  });
});
