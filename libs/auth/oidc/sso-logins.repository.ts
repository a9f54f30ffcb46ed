import { createHash } from 'node:crypto';
import { Db, queryOne } from '../../db/sql';

/** Only digests of the state and hand-over codes are stored: a read of the table cannot finish anyone's sign-in. */
export const digest = (secret: string): string => createHash('sha256').update(secret).digest('base64url');

export interface PendingLogin { issuerName: string; codeVerifier: string; nonce: string; returnTo: string }
export interface SsoRefusalRecord { reason: string; params: Record<string, string> }
export interface FinishedLogin { userId: string | null; refusal: SsoRefusalRecord | null; returnTo: string; issuerName: string }

interface PendingRow { issuer_name: string; code_verifier: string; nonce: string; return_to: string }
interface FinishedRow { user_id: string | null; refusal: SsoRefusalRecord | null; return_to: string; issuer_name: string }

/** Console sign-ins between their start and the hand-over of their session (see migration 1763900000025). */
export class SsoLoginsRepository {
  async open(db: Db, state: string, login: PendingLogin, ttlMs: number): Promise<void> {
    await db.query(
      `INSERT INTO sso_logins (state_digest, issuer_name, code_verifier, nonce, return_to, expires_at)
       VALUES ($1, $2, $3, $4, $5, now() + make_interval(secs => $6))`,
      [digest(state), login.issuerName, login.codeVerifier, login.nonce, login.returnTo, ttlMs / 1000],
    );
    // Abandoned sign-ins are useless once expired; a few go with each start so the table stays small.
    await db.query(`DELETE FROM sso_logins WHERE state_digest IN (SELECT state_digest FROM sso_logins WHERE expires_at < now() LIMIT 100)`);
  }

  /** The pending sign-in this state names, claimed once: a replayed callback finds nothing. */
  async claim(db: Db, state: string): Promise<PendingLogin | undefined> {
    const row = await queryOne<PendingRow>(db,
      // RETURNING reads the row as updated: the verifier it clears comes from the self-join's view before the update.
      `UPDATE sso_logins s SET code_verifier = '' FROM sso_logins before
       WHERE s.state_digest = $1 AND before.state_digest = s.state_digest AND s.code_verifier <> '' AND s.expires_at > now()
       RETURNING before.issuer_name, before.code_verifier, before.nonce, before.return_to`, [digest(state)]);
    return row && { issuerName: row.issuer_name, codeVerifier: row.code_verifier, nonce: row.nonce, returnTo: row.return_to };
  }

  /** Records how the sign-in ended (a user, or a refusal to show) under a one-time hand-over code. */
  async finish(db: Db, state: string, handoff: string, outcome: { userId: string } | { refusal: SsoRefusalRecord }): Promise<void> {
    await db.query(`UPDATE sso_logins SET handoff_digest = $2, user_id = $3, refusal = $4 WHERE state_digest = $1`, [
      digest(state), digest(handoff), 'userId' in outcome ? outcome.userId : null, 'refusal' in outcome ? JSON.stringify(outcome.refusal) : null,
    ]);
  }

  /** The finished sign-in behind a hand-over code, removed as it is read: each code works once. */
  async take(db: Db, handoff: string): Promise<FinishedLogin | undefined> {
    const row = await queryOne<FinishedRow>(db,
      `DELETE FROM sso_logins WHERE handoff_digest = $1 AND expires_at > now() RETURNING user_id, refusal, return_to, issuer_name`,
      [digest(handoff)]);
    return row && { userId: row.user_id, refusal: row.refusal, returnTo: row.return_to, issuerName: row.issuer_name };
  }
}
