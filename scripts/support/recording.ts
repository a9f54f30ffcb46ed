import { Client, Connection } from '@temporalio/client';
import { execFileSync } from 'node:child_process';
import { existsSync, renameSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ensureTemporalCli } from '../../libs/devstack/temporal-cli';
import { encryptingDataConverter } from '../../libs/temporal-codec/data-converter';

/** What the history-recording scripts share: an API client for a running stack, and writing finished histories. */
export const API = process.env.API_URL ?? 'http://127.0.0.1:3000';
export const TEMPORAL = process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233';
export const HISTORIES = path.resolve(__dirname, '../../../test/histories');

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

export async function waitFor(probe: () => Promise<boolean>, what: string, tries = 240): Promise<void> {
  for (let i = 0; i < tries; i += 1) {
    if (await probe()) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** A referral's steps are taken once its workflow runs: its view stops saying `starting` (else the API answers 503). */
export const waitReferralStarted = (id: string, token: string): Promise<void> =>
  waitFor(async () => (await call('GET', `/referrals/${id}`, token)).starting === false, `referral ${id} started`);

/** One history to store: a workflow's latest run, or the run given (the first run of one that continued as new). */
export interface Recording {
  workflowId: string; runId?: string; file: string;
  /** Record the history as it stands: the workflow waits on for its next message (a resolved hit, for a reopen). */
  open?: boolean;
}

/** A driven scenario: the files it writes (named up front, so existing ones are checked before anything runs). */
export interface Scenario { name: string; files: string[]; run: () => Promise<Recording[]> }

/** Temporal client for a scenario that needs run ids (continue-as-new); payloads encrypted like the worker's. */
export async function temporalClient(): Promise<{ client: Client; close: () => Promise<void> }> {
  const connection = await Connection.connect({ address: TEMPORAL });
  return { client: new Client({ connection, dataConverter: encryptingDataConverter() }), close: () => connection.close() };
}

/**
 * Old histories are what the replay test holds new code to, so none is overwritten: an existing file is refused,
 * unless RECORDING_KEEP_AS names the change it predates (`before-x`), then it is kept as `<name>-before-x.json`.
 * Checked before any scenario runs; the old file moves aside only when its successor is written.
 */
function keptName(file: string): string | null {
  if (!existsSync(path.join(HISTORIES, file))) return null;
  const keepAs = process.env.RECORDING_KEEP_AS?.trim();
  if (!keepAs) {
    throw new Error(`would overwrite ${file}: record only new scenarios (names as arguments), or set ` +
      'RECORDING_KEEP_AS=before-<change> to keep the old files as <name>-before-<change>.json');
  }
  const kept = file.replace(/\.json$/, `-${keepAs}.json`);
  if (existsSync(path.join(HISTORIES, kept))) throw new Error(`${kept} exists already: choose another RECORDING_KEEP_AS`);
  return kept;
}

/**
 * Waits for each workflow to finish, then stores its history as the CLI prints it (the format replay reads), with
 * its payloads decrypted through the API's codec endpoint (as the admin), so recorded histories replay anywhere
 * without the installation's keys. The client decrypts with the same keys as the worker (PAYLOAD_CODEC_KEYS or the
 * data folder).
 */
export async function recordHistories(recordings: Recording[]): Promise<void> {
  const { client, close } = await temporalClient();
  const adminToken = await login(process.env.RECORDING_ADMIN ?? 'admin');
  const cli = await ensureTemporalCli((line) => console.log(line));
  try {
    for (const { workflowId, runId, file, open } of recordings) {
      // A handle follows continued runs, so this waits for the chain's last run either way.
      if (!open) await client.workflow.getHandle(workflowId, runId).result();
      const json = execFileSync(cli, [
        'workflow', 'show', '--address', TEMPORAL, '--workflow-id', workflowId, ...(runId ? ['--run-id', runId] : []),
        '--output', 'json', '--codec-endpoint', `${API}/codec`, '--codec-auth', `Bearer ${adminToken}`,
      ], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      const target = path.join(HISTORIES, file);
      const kept = keptName(file);
      if (kept) {
        renameSync(target, path.join(HISTORIES, kept));
        console.log(`kept the old ${file} as ${kept}`);
      }
      await writeFile(target, json);
      console.log(`recorded ${JSON.parse(json).events.length} events into ${target}`);
    }
  } finally {
    await close();
  }
}

/** Runs the scenarios named on the command line (all when none is named) and records their histories. */
export async function recordScenarios(all: Scenario[], names: string[]): Promise<void> {
  const unknown = names.filter((n) => !all.some((s) => s.name === n));
  if (unknown.length) throw new Error(`unknown scenario ${unknown.join(', ')}; known: ${all.map((s) => s.name).join(', ')}`);
  const chosen = names.length ? all.filter((s) => names.includes(s.name)) : all;
  chosen.flatMap((s) => s.files).forEach(keptName);
  for (const scenario of chosen) {
    console.log(`driving ${scenario.name} ...`);
    await recordHistories(await scenario.run());
  }
}
