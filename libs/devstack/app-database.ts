import { randomBytes } from 'node:crypto';
import { appDatabaseUrl, provisionAppLogin } from '../db/app-login';
import { ensureDatabase, runMigrations } from '../db/migrate';

/**
 * Migrates with the privileged URL, lets the app role log in with `appPassword`, and returns the URL the API and
 * worker get: they never see the privileged login.
 */
export async function prepareAppDatabase(adminUrl: string, appPassword: string, log?: (line: string) => void): Promise<string> {
  await ensureDatabase(adminUrl);
  await runMigrations(adminUrl, log);
  await provisionAppLogin(adminUrl, appPassword);
  return appDatabaseUrl(adminUrl, appPassword);
}

/** A password for a throwaway stack (tests, benchmarks); `npm start` keeps its own in the data folder. */
export const freshAppPassword = (): string => randomBytes(24).toString('hex');
