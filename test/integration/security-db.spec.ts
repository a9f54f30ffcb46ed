import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { Client as PgClient } from 'pg';
import { eventually, http, login, withDb } from '../support/http';
import { readStack } from '../support/stack';

const APP_SESSIONS = ['casecoord-api', 'casecoord-api-listen', 'casecoord-worker'];

/** A session as the API and worker open it: the app's own login from their DATABASE_URL. */
async function withAppLogin<T>(work: (db: PgClient) => Promise<T>): Promise<T> {
  const db = new PgClient({ connectionString: readStack().env.DATABASE_URL });
  await db.connect();
  try { return await work(db); } finally { await db.end(); }
}

describe('PostgreSQL roles (issue 22, item 12)', () => {
  it("runs the API's and the worker's sessions as a login role without superuser rights", async () => {
    const token = await login('ice.agent');
    const sessions = await eventually(async () => {
      expect((await http('GET', '/cases', { token })).status).toBe(200);
      return withDb(async (db) => (await db.query(
        `SELECT a.application_name AS app, a.usename AS user, r.rolsuper AS super, r.rolcreaterole AS createrole,
                r.rolbypassrls AS bypassrls
           FROM pg_stat_activity a JOIN pg_roles r ON r.rolname = a.usename
          WHERE a.application_name = ANY($1)`, [APP_SESSIONS])).rows as
        { app: string; user: string; super: boolean; createrole: boolean; bypassrls: boolean }[]);
    }, (rows) => APP_SESSIONS.every((app) => rows.some((r) => r.app === app)));
    expect(new Set(sessions.map((s) => s.app))).toEqual(new Set(APP_SESSIONS));
    for (const session of sessions) {
      expect(session).toMatchObject({ user: 'casecoord_app', super: false, createrole: false, bypassrls: false });
    }
  });

  it("keeps the app's login out of the audit log's history and out of the schema", async () => {
    await withAppLogin(async (db) => {
      expect((await db.query('SELECT session_user AS s, current_user AS c')).rows[0]).toEqual({ s: 'casecoord_app', c: 'casecoord_app' });
      // Nothing to fall back to: RESET ROLE leaves it the app role.
      await db.query('RESET ROLE');
      expect((await db.query('SELECT current_user AS c')).rows[0].c).toBe('casecoord_app');
      expect((await db.query('SELECT count(*)::int AS n FROM audit_log')).rows[0].n).toBeGreaterThan(0);
      await expect(db.query(`UPDATE audit_log SET actor = 'x' WHERE seq = (SELECT max(seq) FROM audit_log)`)).rejects.toThrow(/permission denied/);
      await expect(db.query('DELETE FROM audit_log WHERE seq = (SELECT max(seq) FROM audit_log)')).rejects.toThrow(/permission denied/);
      await expect(db.query('TRUNCATE audit_log')).rejects.toThrow(/permission denied/);
      await expect(db.query('ALTER TABLE audit_log DISABLE TRIGGER USER')).rejects.toThrow(/must be owner/);
      await expect(db.query('CREATE TABLE public.app_owned (x int)')).rejects.toThrow(/permission denied/);
      await expect(db.query('SET ROLE postgres')).rejects.toThrow(/permission denied/);
    });
  });

  it('refuses to start the API or the worker in production as a superuser', () => {
    const stack = readStack();
    for (const app of ['apps/api/src/main.js', 'apps/worker/src/main.js']) {
      const run = spawnSync(process.execPath, [path.resolve(__dirname, '../../dist', app)], {
        env: {
          ...process.env, ...stack.env, NODE_ENV: 'production', JWT_SECRET: 'a-production-secret-of-more-than-32-characters',
          PORT: '0', DATABASE_URL: stack.databaseUrl, TEMPORAL_TASK_QUEUE: 'superuser-refusal',
        },
        encoding: 'utf8', timeout: 30_000,
      });
      expect(run.status).not.toBe(0);
      expect(run.stderr + run.stdout).toContain('logs in as the superuser');
    }
  });
});
