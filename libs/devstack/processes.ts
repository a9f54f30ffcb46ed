import { ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';

export interface ManagedProcess {
  name: string;
  child: ChildProcess;
  stop: (timeoutMs?: number) => Promise<void>;
  /** Its last lines of output, kept even when quiet, so a process that dies at start-up can say why. */
  recentOutput: () => string;
  /** Settles once the process has exited and its output pipes are drained (its last words read). */
  closed: Promise<void>;
}

const RECENT_LINES = 20;

/** Spawns a child whose output is prefixed with its name; `stop` sends SIGTERM, then SIGKILL after the timeout. */
export function startProcess(
  name: string, command: string, args: string[], env: NodeJS.ProcessEnv,
  output: 'inherit' | 'prefixed' | 'quiet' = 'prefixed',
): ManagedProcess {
  const child = spawn(command, args, { env, stdio: output === 'inherit' ? 'inherit' : ['ignore', 'pipe', 'pipe'] });
  const recent: string[] = [];
  const keep = (stream?: NodeJS.WritableStream) => (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n').filter(Boolean)) {
      recent.push(line);
      if (recent.length > RECENT_LINES) recent.shift();
      stream?.write(`[${name}] ${line}\n`);
    }
  };
  child.stdout?.on('data', keep(output === 'prefixed' ? process.stdout : undefined));
  child.stderr?.on('data', keep(output === 'prefixed' ? process.stderr : undefined));
  const stop = (timeoutMs = 10_000): Promise<void> => new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const killer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('exit', () => { clearTimeout(killer); resolve(); });
    child.kill('SIGTERM');
  });
  const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
  return { name, child, stop, recentOutput: () => recent.join('\n'), closed };
}

/** Whether the process has exited or been killed. */
export function hasExited(managed: ManagedProcess): boolean {
  return managed.child.exitCode !== null || managed.child.signalCode !== null;
}

/**
 * A port nobody listens on, kept from the next bind(0) for a minute: Linux hands out ephemeral ports at random, and a
 * port chosen here is only bound later by the process it is for, so without that the Temporal dev server's own free-port
 * picks (it binds 0 for its internal services) could land on it in between. A connection closed from the listening side
 * leaves the port in TIME_WAIT, which bind(0) skips and an explicit bind with SO_REUSEADDR (Node, Go, PostgreSQL) does
 * not: the same trick the Temporal CLI uses for its own picks.
 */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer((accepted) => accepted.destroy());
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (typeof address !== 'object' || !address) return reject(new Error('no port'));
      const client = net.connect(address.port, '127.0.0.1');
      client.on('error', () => undefined);
      client.on('close', () => server.close(() => resolve(address.port)));
    });
  });
}

/** Waits for a listener; with `owner`, fails at once (with its last output) if that process exits first. */
export async function waitForPort(host: string, port: number, timeoutMs: number, owner?: ManagedProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const died = async (owning: ManagedProcess) => {
    // 'exit' can come before the pipes' last chunks, which say why: wait for them, briefly.
    await Promise.race([owning.closed, new Promise((r) => setTimeout(r, 1_000))]);
    const { exitCode, signalCode } = owning.child;
    return new Error(`${owning.name} exited (${signalCode ?? `code ${exitCode}`}) before listening on ${host}:${port}; its last output:\n${owning.recentOutput()}`);
  };
  while (Date.now() < deadline) {
    if (owner && hasExited(owner)) throw await died(owner);
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, host, () => { socket.end(); resolve(true); });
      socket.on('error', () => resolve(false));
    });
    // Someone else listening on the port while ours has died is no start.
    if (open && owner && hasExited(owner)) throw await died(owner);
    if (open) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`nothing listening on ${host}:${port} after ${timeoutMs} ms`);
}

export async function waitForHttp(url: string, timeoutMs: number, ok: (status: number) => boolean = (status) => status === 200): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      if (ok(response.status)) return;
      last = `HTTP ${response.status}: ${await response.text()}`;
    } catch (error) {
      last = String(error);
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${url} not ready after ${timeoutMs} ms (${last})`);
}
