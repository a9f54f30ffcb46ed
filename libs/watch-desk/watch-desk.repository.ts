import type { EntityManager } from 'typeorm';
import type { WatchDeskChannel, WatchDeskEvent, WatchDeskTarget } from '../contracts/watch-desk';
import { Db, query, queryOne } from '../db/sql';
import { secretCipher, secretPlace } from '../secrets/secret-cipher';

export interface WatchDeskContact { id: string; agency: string; channel: WatchDeskChannel; address: string; secret: string | null }

export interface DeliveryAttempt {
  hitId: string; event: WatchDeskEvent; alertId: string; agency: string; channel: WatchDeskChannel; address: string;
  attempt: number; outcome: 'DELIVERED' | 'FAILED'; detail: string; at: Date;
}

export interface DeliveryRecord extends DeliveryAttempt { id: string }

interface ContactRow { id: string; agency_code: string; channel: WatchDeskChannel; address: string; secret: string | null }
interface DeliveryRow {
  id: string; hit_id: string; event: WatchDeskEvent; alert_id: string; agency_code: string; channel: WatchDeskChannel;
  address: string; attempt: number; outcome: 'DELIVERED' | 'FAILED'; detail: string; attempted_at: Date;
}

/** A webhook's secret is stored sealed (SECRETS_KEYS), bound to its agency and URL; reading opens it. */
const toContact = (r: ContactRow): WatchDeskContact => ({
  id: r.id, agency: r.agency_code, channel: r.channel, address: r.address,
  secret: r.secret === null ? null : secretCipher().open(r.secret, secretPlace.webhook(r.agency_code, r.address)),
});

/** The watch-desk contacts and the delivery log: SQL only (WatchDeskService holds the use cases). */
export class WatchDeskRepository {
  async agencyExists(db: Db, agency: string): Promise<boolean> {
    return (await queryOne(db, 'SELECT 1 FROM agencies WHERE code = $1', [agency])) !== undefined;
  }

  async contacts(db: Db, agencies: string[]): Promise<WatchDeskContact[]> {
    const rows = await query<ContactRow>(db,
      'SELECT * FROM watch_desk_contacts WHERE agency_code = ANY($1) ORDER BY agency_code, channel, position', [agencies]);
    return rows.map(toContact);
  }

  async contact(db: Db, id: string): Promise<WatchDeskContact | undefined> {
    const row = await queryOne<ContactRow>(db, 'SELECT * FROM watch_desk_contacts WHERE id = $1', [id]);
    return row && toContact(row);
  }

  /** The agency's whole list is replaced (the order is the administrator's). */
  async replace(tx: EntityManager, agency: string, contacts: WatchDeskContact[]): Promise<void> {
    await tx.query('DELETE FROM watch_desk_contacts WHERE agency_code = $1', [agency]);
    for (const [position, c] of contacts.entries()) {
      await tx.query(
        'INSERT INTO watch_desk_contacts (id, agency_code, channel, address, secret, position) VALUES ($1, $2, $3, $4, $5, $6)',
        [c.id, agency, c.channel, c.address, c.secret === null ? null : secretCipher().seal(c.secret, secretPlace.webhook(agency, c.address)), position]);
    }
  }

  async logAttempt(db: Db, a: DeliveryAttempt): Promise<void> {
    await db.query(
      `INSERT INTO watch_desk_deliveries (hit_id, event, alert_id, agency_code, channel, address, attempt, outcome, detail, attempted_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [a.hitId, a.event, a.alertId, a.agency, a.channel, a.address, a.attempt, a.outcome, a.detail.slice(0, 500), a.at]);
  }

  /** Oldest first, after the row id `after` (the log only grows, so its id is a keyset). */
  async deliveries(db: Db, hitId: string, limit: number, after: string | null): Promise<DeliveryRecord[]> {
    const rows = await query<DeliveryRow>(db,
      `SELECT * FROM watch_desk_deliveries WHERE hit_id = $1 AND ($3::bigint IS NULL OR id > $3::bigint)
       ORDER BY id LIMIT $2`, [hitId, limit, after]);
    return rows.map((r) => ({
      id: String(r.id), hitId: r.hit_id, event: r.event, alertId: r.alert_id, agency: r.agency_code, channel: r.channel,
      address: r.address, attempt: r.attempt, outcome: r.outcome, detail: r.detail, at: new Date(r.attempted_at),
    }));
  }

  /** Whom an alert about a hit between these agencies reaches: each agency's contacts, once each. */
  async targets(db: Db, agencies: string[]): Promise<WatchDeskTarget[]> {
    return (await this.contacts(db, [...new Set(agencies)]))
      .map((c) => ({ contactId: c.id, agency: c.agency, channel: c.channel, address: c.address }));
  }
}
