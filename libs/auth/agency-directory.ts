import type { DataSource } from 'typeorm';
import { query } from '../db/sql';

export interface Agency { code: string; name: string; country: 'US' | 'MX' | 'CA' }

/** The agencies the engine knows: partners a case can be shared with or referred to, and whose users sign in. */
export class AgencyDirectory {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Every agency in service (retired ones are no longer offered), by country then code. Names and codes are public
   * facts, so any signed-in user may list them.
   */
  async list(): Promise<Agency[]> {
    const rows = await query<Agency>(this.dataSource,
      'SELECT code, name, country FROM agencies WHERE retired_at IS NULL ORDER BY country DESC, code');
    return rows.map((r) => ({ code: r.code, name: r.name, country: r.country }));
  }
}
