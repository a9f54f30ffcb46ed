import { spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../libs/devstack/processes';
import { readStack } from '../support/stack';

const START_SCRIPT = path.resolve(__dirname, '../../dist/scripts/start.js');
const READY_LINE = 'Case coordination engine is running';

interface Stopped { code: number | null; signal: NodeJS.Signals | null; output: string }

/**
 * Runs `npm start`'s compiled script against the test stack's PostgreSQL and Temporal (so it starts only the worker
 * and the API), waits until it says it is running, then stops it the way `stop` says.
 */
async function startThenStop(stop: (pid: number) => void): Promise<Stopped> {
  const stack = readStack();
  const port = await freePort();
  const child = spawn(process.execPath, [START_SCRIPT], {
    env: {
      ...process.env, ...stack.env,
      // Info level: the worker's 'worker stopped' line is what shows that it ran its whole shutdown.
      LOG_LEVEL: 'info', PORT: String(port), DATA_DIR: await mkdtemp(path.join(os.tmpdir(), 'clean-stop-')),
      MIGRATION_DATABASE_URL: stack.databaseUrl, DATABASE_URL: stack.appDatabaseUrl, TEMPORAL_ADDRESS: stack.temporalAddress,
      // A task queue of its own and a relay that never runs, so this worker takes none of the shared stack's work.
      TEMPORAL_TASK_QUEUE: `clean-stop-${port}`, WORKFLOW_START_RELAY_AFTER: '1h',
    },
    // Its own process group, like a terminal's foreground job: Ctrl-C reaches the script and its children alike.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const ready = new Promise<void>((resolve, reject) => {
    const read = (chunk: Buffer): void => {
      output += chunk.toString();
      if (output.includes(READY_LINE)) resolve();
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.once('exit', (code) => reject(new Error(`start exited (${code}) before it was running:\n${output}`)));
  });
  const exited = new Promise<Stopped>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal, output }));
  });
  try {
    await ready;
  } catch (error) {
    if (child.pid) process.kill(-child.pid, 'SIGKILL');
    throw error;
  }
  stop(child.pid as number);
  const stopped = await exited;
  return { ...stopped, output };
}

/** Lines that would mean a child did not stop cleanly: an error's name, or a stack frame. */
const troubleIn = (output: string): string[] =>
  output.split('\n').filter((line) => /IllegalStateError|Error\b|^\s*(\[\w+\]\s+)?at \S+ \(|^\s*(\[\w+\]\s+)?at \//.test(line));

describe('npm start stops cleanly', () => {
  it.each([
    ['Ctrl-C (SIGINT to the whole process group)', (pid: number) => process.kill(-pid, 'SIGINT')],
    ['SIGTERM to the start script alone (a service manager)', (pid: number) => process.kill(pid, 'SIGTERM')],
  ])('%s: every child stops once, without an error or a stack trace, exit code 0', async (_how, stop) => {
    const stopped = await startThenStop(stop);
    expect({ code: stopped.code, signal: stopped.signal }).toEqual({ code: 0, signal: null });
    expect(troubleIn(stopped.output)).toEqual([]);
    expect(stopped.output.match(/worker stopped/g) ?? []).toHaveLength(1);
    expect(stopped.output.match(/worker shutting down/g) ?? []).toHaveLength(1);
    // Each child ended by itself, never by the SIGKILL that start.ts sends after its timeout. The API (NestJS) ends
    // by re-raising the signal it handled; the worker returns from main with code 0.
    expect(stopped.output).toContain('[start] worker exited (0)');
    expect(stopped.output).toMatch(/\[start\] api exited \((0|SIGINT|SIGTERM)\)/);
    expect(stopped.output).toContain('[start] stopped');
  }, 180_000);
});
