import { Client, Connection } from '@temporalio/client';
import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ensureTemporalCli } from '../libs/devstack/temporal-cli';

/**
 * Records workflow histories from a running stack (`npm start`) into test/histories/, for the replay test.
 * Run after a deliberate workflow change, never to paper over a nondeterminism failure.
 */
const API = process.env.API_URL ?? 'http://127.0.0.1:3000';
const TEMPORAL = process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233';

async function call(method: string, route: string, token?: string, body?: unknown): Promise<any> {
  const response = await fetch(`${API}${route}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = await response.json();
  if (response.status >= 300) throw new Error(`${method} ${route}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}

async function main(): Promise<void> {
  const { accessToken: token } = await call('POST', '/auth/token', undefined, { username: 'ice.agent', password: process.env.DEMO_PASSWORD ?? 'demo-password' });
  const created = await call('POST', '/cases', token, {
    title: 'Recorded history', category: 'ARMS_TRAFFICKING',
    subjects: [{ kind: 'PERSON', fullName: 'Recorded Subject' }],
  });
  for (let i = 0; i < 60 && (await call('GET', `/cases/${created.id}`, token)).status !== 'ACTIVE'; i += 1) {
    await new Promise((r) => setTimeout(r, 250));
  }
  await call('POST', `/cases/${created.id}/identifiers`, token, { identifiers: [{ type: 'PHONE', value: '+15205550199' }] });
  await call('POST', `/cases/${created.id}/operations`, token, {
    operations: [{ type: 'ARREST', latitude: 31.3, longitude: -110.9, startsAt: '2026-12-01T10:00:00Z', endsAt: '2026-12-01T11:00:00Z' }],
  });
  await call('POST', `/cases/${created.id}/close`, token, { outcome: 'recorded' });

  const connection = await Connection.connect({ address: TEMPORAL });
  const client = new Client({ connection });
  const handle = client.workflow.getHandle(created.workflowId);
  await handle.result();
  await connection.close();
  // The CLI's JSON is the format Worker.runReplayHistories reads (and the Temporal UI downloads).
  const cli = await ensureTemporalCli((line) => console.log(line));
  const json = execFileSync(cli, ['workflow', 'show', '--address', TEMPORAL, '--workflow-id', created.workflowId, '--output', 'json'], { encoding: 'utf8' });
  const target = path.resolve(__dirname, '../../test/histories/case-workflow-lifecycle.json');
  await writeFile(target, json);
  console.log(`recorded ${JSON.parse(json).events.length} events into ${target}`);
}

main().catch((error) => { console.error(error); process.exit(1); });
