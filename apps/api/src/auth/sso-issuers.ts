import { OidcIssuer } from '../../../../libs/auth/oidc/oidc-issuer';
import type { SsoConfig } from '../../../../libs/config/sso-config';

/** The configured providers by name, and by issuer identifier for routing presented access tokens. */
export class SsoIssuers {
  private readonly byName = new Map<string, OidcIssuer>();

  constructor(readonly config: SsoConfig) {
    for (const settings of config.issuers) this.byName.set(settings.name, new OidcIssuer(settings, config));
  }

  get enabled(): boolean {
    return this.byName.size > 0;
  }

  list(): OidcIssuer[] {
    return [...this.byName.values()];
  }

  named(name: string): OidcIssuer | undefined {
    return this.byName.get(name);
  }

  /** The provider whose issuer identifier a token's (not yet verified) `iss` names; verification checks it again. */
  forIssuerClaim(iss: unknown): OidcIssuer | undefined {
    return typeof iss === 'string' ? this.list().find((issuer) => issuer.expectedIssuer === iss) : undefined;
  }
}
