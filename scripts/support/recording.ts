import { Client, Connection } from '@temporalio/client';
import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ensureTemporalCli } from '../../libs/devstack/temporal-cli';
import { encryptingDataConverter } from '../../libs/temporal-codec/data-converter';

/** What the history-recording scripts share: an API client for a running stack, and writing finished histories. */
export const API = process.env.API_URL ?? 'http://127.0.0.1:3000';
export const TEMPORAL = process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233';

export async function call(method: string, route: string, token?: string, body?: unknown): Promise<any> {
  const response = await fetch(`${API}${route}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = await response.json();
  if (response.status >= 300) throw new Error(`${method} ${route}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}

export async function login(username: string): Promise<string> {
  const { accessToken } = await call('POST', '/auth/token', undefined, { username, password: process.env.DEMO_PASSWORD ?? 'demo-password' });
  return accessToken;
}

/**
 * Waits for each workflow to finish, then stores its history as the CLI prints it (the format replay reads), with
 * its payloads decrypted through the API's codec endpoint (as the admin), so recorded histories replay anywhere
 * without the installation's keys. The client decrypts with the same keys as the worker (PAYLOAD_CODEC_KEYS or the
 * data folder).
 */
export async function recordHistories(recordings: [workflowId: string, file: string][]): Promise<void> {
  const connection = await Connection.connect({ address: TEMPORAL });
  const client = new Client({ connection, dataConverter: encryptingDataConverter() });
  const adminToken = await login(process.env.RECORDING_ADMIN ?? 'admin');
  const cli = await ensureTemporalCli((line) => console.log(line));
  try {
    for (const [workflowId, file] of recordings) {
      await client.workflow.getHandle(workflowId).result();
      const json = execFileSync(cli, [
        'workflow', 'show', '--address', TEMPORAL, '--workflow-id', workflowId, '--output', 'json',
        '--codec-endpoint', `${API}/codec`, '--codec-auth', `Bearer ${adminToken}`,
      ], { encoding: 'utf8' });
      const target = path.resolve(__dirname, '../../../test/histories', file);
      await writeFile(target, json);
      console.log(`recorded ${JSON.parse(json).events.length} events into ${target}`);
    }
  } finally {
    await connection.close();
  }
}
