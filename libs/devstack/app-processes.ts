import path from 'node:path';
import { ManagedProcess, startProcess, waitForHttp } from './processes';

export const repoRoot = (): string => path.resolve(__dirname, '../..', __dirname.includes(`${path.sep}dist${path.sep}`) ? '..' : '.');

export interface AppProcesses { api: ManagedProcess; worker: ManagedProcess; apiUrl: string; stop: () => Promise<void> }

/** Starts the compiled worker and API as child processes, as they run in production, and waits for /health. */
export async function startAppProcesses(
  env: NodeJS.ProcessEnv, port: number, output: 'prefixed' | 'quiet' | 'inherit' = 'prefixed',
): Promise<AppProcesses> {
  const dist = path.join(repoRoot(), 'dist');
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env, PORT: String(port) };
  // The privileged login is for migrations only: the API and worker never get it.
  delete childEnv.MIGRATION_DATABASE_URL;
  const worker = startProcess('worker', process.execPath, [path.join(dist, 'apps/worker/src/main.js')], childEnv, output);
  const api = startProcess('api', process.execPath, [path.join(dist, 'apps/api/src/main.js')], childEnv, output);
  const apiUrl = `http://127.0.0.1:${port}`;
  const stop = async (): Promise<void> => { await Promise.all([api.stop(), worker.stop()]); };
  const died = new Promise<never>((_, reject) => {
    for (const p of [api, worker]) {
      p.child.once('exit', (code) => reject(new Error(`${p.name} exited with code ${code} before the API was healthy`)));
    }
  });
  try {
    await Promise.race([waitForHttp(`${apiUrl}/health`, 90_000), died]);
  } catch (error) {
    await stop();
    throw error;
  }
  died.catch(() => undefined);
  return { api, worker, apiUrl, stop };
}
