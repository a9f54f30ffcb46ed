import type { DataSource, EntityManager } from 'typeorm';
import { query } from '../db/sql';

/** How a coordinator reached someone about a hit. */
export const CONTACT_MEANS = ['PHONE', 'EMAIL', 'IN_PERSON', 'RADIO', 'OTHER'] as const;
export type ContactMeans = (typeof CONTACT_MEANS)[number];

export interface NewHitContact { id: string; hitId: string; reached: string; agency: string; means: ContactMeans; agreed: string }
export interface HitContact extends NewHitContact { author: string; createdAt: Date }

interface ContactRow {
  id: string; hit_id: string; reached: string; agency: string; means: ContactMeans; agreed: string; author: string; created_at: Date;
}

const toContact = (r: ContactRow): HitContact => ({
  id: r.id, hitId: r.hit_id, reached: r.reached, agency: r.agency, means: r.means, agreed: r.agreed, author: r.author,
  createdAt: new Date(r.created_at),
});

/**
 * A hit's contact log (issue 17): whom the desk reached, at which agency, by what means, and what was agreed. Entries
 * are only ever added (the table refuses UPDATE and DELETE); they are read newest first, keyset-paged on (created_at, id).
 */
export class HitContactLogRepository {
  constructor(private readonly dataSource: DataSource) {}

  async append(tx: EntityManager, entry: NewHitContact, author: { userId: string; username: string }, at: Date): Promise<HitContact> {
    const [row] = await query<ContactRow>(tx,
      `INSERT INTO deconfliction_hit_contacts (id, hit_id, reached, agency, means, agreed, author_user_id, author, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING *`,
      [entry.id, entry.hitId, entry.reached, entry.agency, entry.means, entry.agreed, author.userId, author.username, at]);
    return toContact(row);
  }

  async list(hitId: string, limit: number, before?: { createdAt: Date; id: string }): Promise<HitContact[]> {
    const params: unknown[] = [hitId, limit];
    let after = '';
    if (before) {
      params.push(before.createdAt, before.id);
      after = 'AND (created_at, id) < ($3::timestamptz, $4::uuid)';
    }
    const rows = await query<ContactRow>(this.dataSource,
      `SELECT * FROM deconfliction_hit_contacts WHERE hit_id = $1 ${after} ORDER BY created_at DESC, id DESC LIMIT $2`, params);
    return rows.map(toContact);
  }
}

/** An entry as the API answers it. */
export const contactView = (c: HitContact) => ({
  id: c.id, reached: c.reached, agency: c.agency, means: c.means, agreed: c.agreed, author: c.author, createdAt: c.createdAt.toISOString(),
});
