import { MigrationInterface, QueryRunner } from 'typeorm';
import { SecretCipher, secretCipher, secretPlace } from '../../secrets/secret-cipher';

interface TotpRow { id: string; totp_secret: string | null; totp_pending_secret: string | null }
interface WebhookRow { id: string; agency_code: string; address: string; secret: string }

/**
 * Secrets at rest: TOTP secrets (confirmed and pending) and watch-desk webhook secrets were kept in clear; from here on
 * the repositories seal them with AES-256-GCM under SECRETS_KEYS (libs/secrets/secret-cipher.ts). The rows already
 * there are sealed here, with the key the API and worker will use (the migrate process gets the same SECRETS_KEYS; the
 * data folder's key outside production), so no read ever meets a clear value. Values sealed already are left alone,
 * so a second run changes nothing. Down opens them again.
 */
export class SecretsAtRest1763900000033 implements MigrationInterface {
  name = 'SecretsAtRest1763900000033';

  async up(q: QueryRunner): Promise<void> {
    await this.rewrite(q, (value, place) => (SecretCipher.isSealed(value) ? value : secretCipher().seal(value, place)));
  }

  async down(q: QueryRunner): Promise<void> {
    await this.rewrite(q, (value, place) => (SecretCipher.isSealed(value) ? secretCipher().open(value, place) : value));
  }

  private async rewrite(q: QueryRunner, change: (value: string, place: string) => string): Promise<void> {
    const users: TotpRow[] = await q.query(
      'SELECT id, totp_secret, totp_pending_secret FROM users WHERE totp_secret IS NOT NULL OR totp_pending_secret IS NOT NULL FOR UPDATE');
    for (const row of users) {
      const place = secretPlace.totp(row.id);
      const changed = (value: string | null) => (value === null ? null : change(value, place));
      await q.query('UPDATE users SET totp_secret = $2, totp_pending_secret = $3 WHERE id = $1',
        [row.id, changed(row.totp_secret), changed(row.totp_pending_secret)]);
    }
    const hooks: WebhookRow[] = await q.query(
      'SELECT id, agency_code, address, secret FROM watch_desk_contacts WHERE secret IS NOT NULL FOR UPDATE');
    for (const row of hooks) {
      await q.query('UPDATE watch_desk_contacts SET secret = $2 WHERE id = $1',
        [row.id, change(row.secret, secretPlace.webhook(row.agency_code, row.address))]);
    }
  }
}
