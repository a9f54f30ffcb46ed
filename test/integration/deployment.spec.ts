import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { Client } from 'pg';
import { hashPassword } from '../../libs/auth/password';
import { prepareAppDatabase } from '../../libs/devstack/app-database';
import { startAppProcesses } from '../../libs/devstack/app-processes';
import { freePort, startProcess, waitForHttp } from '../../libs/devstack/processes';
import { eventually, http, login, withDb, withTemporal } from '../support/http';
import { readStack } from '../support/stack';

const api = (base: string) => async (method: string, route: string, token?: string, body?: unknown) => {
  const response = await fetch(`${base}${route}`, {
    method, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: response.status, body: await response.json() };
};

describe('deployment', () => {
  it('runs against the PostgreSQL that DATABASE_URL names, in production mode without demo users', async () => {
    // CI points EXTERNAL_DATABASE_URL at this machine's own PostgreSQL 15; elsewhere a second database of the test server.
    const server = process.env.EXTERNAL_DATABASE_URL ?? readStack().databaseUrl;
    const url = new URL(server);
    url.pathname = `/casecoord_ext_${randomUUID().slice(0, 8)}`;
    // Migrations with the privileged URL (MIGRATION_DATABASE_URL), the app with the app role's login (DATABASE_URL).
    // Roles belong to the server, not the database: keep the shared stack's password, which the test server shares.
    const migrationUrl = url.toString();
    const databaseUrl = await prepareAppDatabase(migrationUrl, decodeURIComponent(new URL(readStack().appDatabaseUrl).password));

    const port = await freePort();
    const secret = `prod-${randomUUID()}-${randomUUID()}`;
    const app = await startAppProcesses({
      ...readStack().env, NODE_ENV: 'production', JWT_SECRET: secret, DATABASE_URL: databaseUrl,
      TEMPORAL_ADDRESS: readStack().temporalAddress, TEMPORAL_TASK_QUEUE: `external-db-${port}`,
    }, port, 'quiet');
    const db = new Client({ connectionString: migrationUrl });
    await db.connect();
    try {
      expect((await db.query('SELECT count(*)::int AS n FROM users')).rows[0].n).toBe(0);
      const sessions = await db.query(
        `SELECT DISTINCT usename, (SELECT rolsuper FROM pg_roles WHERE rolname = usename) AS super FROM pg_stat_activity
          WHERE datname = current_database() AND application_name LIKE 'casecoord-%' AND pid <> pg_backend_pid()`);
      expect(sessions.rows).toEqual([{ usename: 'casecoord_app', super: false }]);
      await db.query(
        `INSERT INTO users (id, username, password_hash, agency_code, roles, full_name) VALUES ($1, 'real.agent', $2, 'FBI', '{CASE_AGENT}', 'Real Agent')`,
        [randomUUID(), await hashPassword('a-real-password')],
      );
      const call = api(app.apiUrl);
      expect((await call('POST', '/auth/token', undefined, { username: 'ice.agent', password: 'demo-password' })).status).toBe(401);
      const token = (await call('POST', '/auth/token', undefined, { username: 'real.agent', password: 'a-real-password' })).body.accessToken;
      const created = await call('POST', '/cases', token, { title: 'external db case', category: 'FUGITIVE' });
      expect(created.status).toBe(201);
      expect(created.body.caseNumber).toMatch(/^FBI-/);
      const active = await eventually(() => call('GET', `/cases/${created.body.id}`, token), (r) => r.body.status === 'ACTIVE');
      expect(active.body.status).toBe('ACTIVE');
      const row = await db.query('SELECT status, (SELECT version()) AS version FROM cases WHERE id = $1', [created.body.id]);
      expect(row.rows[0].status).toBe('ACTIVE');
      // CI (.ci/run) must prove the machine's own PostgreSQL 15: a CI run without EXTERNAL_DATABASE_URL fails here
      // rather than silently testing the embedded server; elsewhere the embedded server's version is whatever it is.
      if (process.env.CI) expect({ EXTERNAL_DATABASE_URL: process.env.EXTERNAL_DATABASE_URL ?? 'unset in CI' }).toEqual({ EXTERNAL_DATABASE_URL: expect.stringMatching(/^postgres(ql)?:\/\//) });
      if (process.env.CI || process.env.EXTERNAL_DATABASE_URL) expect(row.rows[0].version).toMatch(/PostgreSQL 15/);
    } finally {
      await db.end();
      await app.stop();
    }
  });

  it('accepts a case while Temporal is unreachable and the relay starts its workflow later (no orphan)', async () => {
    const port = await freePort();
    const deadTemporal = `127.0.0.1:${await freePort()}`;
    const isolated = startProcess('api-no-temporal', process.execPath, [path.resolve(__dirname, '../../dist/apps/api/src/main.js')], {
      ...process.env, ...readStack().env, TEMPORAL_ADDRESS: deadTemporal, PORT: String(port),
    }, 'quiet');
    try {
      const base = `http://127.0.0.1:${port}`;
      await waitForHttp(`${base}/health`, 60_000, (s) => s === 503);
      const health = await api(base)('GET', '/health');
      expect(health).toEqual({ status: 503, body: { db: 'up', temporal: 'down' } });

      const token = await login('ice.agent');
      const created = await api(base)('POST', '/cases', token, { title: 'while temporal was away', category: 'OTHER' });
      expect(created.status).toBe(201);
      // This API cannot reach Temporal, so only the worker's relay can have started the workflow.

      const active = await eventually(() => http('GET', `/cases/${created.body.id}`, { token }), (r) => r.body.status === 'ACTIVE', 30_000);
      expect(active.body.status).toBe('ACTIVE');
      const description = await withTemporal((client) => client.workflow.getHandle(created.body.workflowId).describe());
      expect(description.status.name).toBe('RUNNING');
      const row = await withDb(async (db) => (await db.query('SELECT workflow_started_at FROM cases WHERE id = $1', [created.body.id])).rows[0]);
      expect(row.workflow_started_at).not.toBeNull();
    } finally {
      await isolated.stop();
    }
  });

  it('reports health and serves the OpenAPI document', async () => {
    const health = await http('GET', '/health');
    expect(health).toMatchObject({ status: 200, body: { db: 'up', temporal: 'up' } });
    const doc = await http('GET', '/docs-json');
    expect(doc.status).toBe(200);
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/cases', '/cases/{id}', '/auth/token', '/audit', '/audit/verify', '/health']));
    expect(doc.body.components.schemas.CreateCaseDto.properties).toHaveProperty('operations');
    expect((await http('GET', '/docs')).status).toBe(200);
    expect(health.headers.get('x-request-id')).toMatch(/[0-9a-f-]{36}/);
  });
});
