import { http, uniqueWord, withDb } from '../support/http';

/**
 * Issue 22, item 13: a password typed into the username field must not stay readable in the audit for a year. Unknown
 * usernames are kept as a keyed hash (the same hash for the same string, so attempts can still be correlated); known
 * usernames stay readable.
 */
const maxSeq = () => withDb(async (db) => (await db.query('SELECT coalesce(max(seq), 0) AS seq FROM audit_log')).rows[0].seq);

describe('usernames of failed logins', () => {
  it('keeps no trace of an unknown username in the audit or the lockout table, through the lock too', async () => {
    const typed = `Tr0ub4dor&3-${uniqueWord()}`;
    const from = await maxSeq();
    const answers = [];
    for (let i = 0; i < 6; i += 1) answers.push((await http('POST', '/auth/token', { body: { username: typed, password: 'whatever' } })).status);
    expect(answers).toEqual([401, 401, 401, 401, 429, 429]);

    await withDb(async (db) => {
      const rows = (await db.query('SELECT action, actor, details FROM audit_log WHERE seq > $1 ORDER BY seq', [from])).rows;
      const mine = rows.filter((r) => r.action.startsWith('auth.') && r.details?.reason !== 'wrong password');
      // The attempts were audited (5 failures, the lock, the refusal), all under one pseudonym.
      expect(mine.filter((r) => r.action === 'auth.login_failed').length).toBeGreaterThanOrEqual(5);
      const pseudonyms = new Set(mine.filter((r) => ['auth.locked', 'auth.login_refused_locked'].includes(r.action)).map((r) => r.actor));
      expect(pseudonyms.size).toBe(1);
      expect([...pseudonyms][0]).toMatch(/^unknown:[0-9a-f]{32}$/);
      const anywhere = await db.query(`SELECT count(*)::int AS n FROM audit_log a WHERE strpos(a::text, $1) > 0`, [typed]);
      expect(anywhere.rows[0].n).toBe(0);
      const attempts = await db.query(`SELECT count(*)::int AS n FROM login_attempts a WHERE strpos(a::text, $1) > 0`, [typed]);
      expect(attempts.rows[0].n).toBe(0);
    });
  });

  it('keeps a known username readable', async () => {
    const from = await maxSeq();
    expect((await http('POST', '/auth/token', { body: { username: 'pgr.liaison', password: 'not-it' } })).status).toBe(401);
    const rows = await withDb(async (db) => (await db.query(
      `SELECT actor, details FROM audit_log WHERE seq > $1 AND action = 'auth.login_failed' AND actor = 'pgr.liaison'`, [from])).rows);
    expect(rows).toHaveLength(1);
    expect(rows[0].details.reason).toBe('wrong password');
  });
});
