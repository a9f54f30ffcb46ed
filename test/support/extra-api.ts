import path from 'node:path';
import { freePort, startProcess, waitForHttp } from '../../libs/devstack/processes';
import { readStack } from './stack';

export interface ExtraApi { url: string; stop: () => Promise<void> }

/**
 * A second API process on the shared PostgreSQL and Temporal with some settings changed, for behaviour that needs
 * second-scale limits the shared API must not have (idle sessions, lockout expiry, a small write rate).
 */
export async function startExtraApi(name: string, env: Record<string, string>): Promise<ExtraApi> {
  // A caller may fix the port (env.PORT): the single sign-on stack registers the API's callback URL before it starts.
  const port = env.PORT ? Number(env.PORT) : await freePort();
  const stack = readStack();
  const api = startProcess(name, process.execPath, [path.resolve(__dirname, '../../dist/apps/api/src/main.js')], {
    ...process.env, ...stack.env, DATABASE_URL: stack.appDatabaseUrl, TEMPORAL_ADDRESS: stack.temporalAddress,
    PORT: String(port), ...env,
  }, process.env.TEST_STACK_LOGS ? 'prefixed' : 'quiet');
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(`${url}/health`, 60_000);
  } catch (error) {
    await api.stop();
    throw error;
  }
  return { url, stop: () => api.stop() };
}
