import { loadSsoConfig } from './sso-config';

const issuer = {
  name: 'dea-idp', discoveryUrl: 'https://sso.dea.example/realms/dea/.well-known/openid-configuration', clientId: 'casecoord',
  clientSecret: 's', audience: 'casecoord-api', agencies: ['DEA'],
};
const env = (issuers: unknown, extra: Record<string, string> = {}) =>
  ({ SSO_ISSUERS: typeof issuers === 'string' ? issuers : JSON.stringify(issuers), SSO_REDIRECT_URL: 'https://cc.example/auth/sso/callback', ...extra });

describe('loadSsoConfig', () => {
  it('is empty (passwords only) when SSO_ISSUERS is unset', () => {
    expect(loadSsoConfig({}).issuers).toEqual([]);
  });

  it('reads an issuer with the defaults for claims, label and scopes', () => {
    const config = loadSsoConfig(env([{ ...issuer, scopes: ['profile'] }], { SSO_JWKS_COOLDOWN: '0', NODE_ENV: 'production' }));
    expect(config.issuers).toEqual([{
      ...issuer, label: 'dea-idp', agencyClaim: 'agency', rolesClaim: 'roles', scopes: ['openid', 'profile'],
    }]);
    expect(config).toMatchObject({ jwksCooldownMs: 0, jwksCacheMaxAgeMs: 600_000, loginTtlMs: 600_000, allowInsecureHttp: false });
  });

  it.each<[string, Record<string, string>, RegExp]>([
    ['not JSON', env('{oops'), /JSON array/],
    ['an object, not an array', env(issuer), /JSON array/],
    ['a name with capitals', env([{ ...issuer, name: 'DEA' }]), /lowercase/],
    ['no agencies', env([{ ...issuer, agencies: [] }]), /at least one agency/],
    ['no client secret', env([{ ...issuer, clientSecret: '' }]), /clientSecret/],
    ['a discovery URL that is no URL', env([{ ...issuer, discoveryUrl: 'sso.dea' }]), /Invalid URL/],
    ['two issuers of one name', env([issuer, issuer]), /names must differ/],
    ['no redirect URL', { SSO_ISSUERS: JSON.stringify([issuer]) }, /SSO_REDIRECT_URL is required/],
  ])('refuses %s', (_name, environment, error) => {
    expect(() => loadSsoConfig(environment)).toThrow(error);
  });
});
