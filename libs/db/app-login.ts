import { Client } from 'pg';
import { APP_DB_ROLE } from './data-source';

/**
 * Lets `casecoord_app` (created by the migrations, holding the app's grants) log in with the given password, and
 * keeps it without any of the rights that reach past those grants. Run with the privileged migration URL by
 * `npm start` and the test stacks; a deployment may instead create its own login role as a member of
 * `casecoord_app` (docker-compose.yml does).
 */
export async function provisionAppLogin(adminUrl: string, password: string): Promise<void> {
  const admin = new Client({ connectionString: adminUrl, application_name: 'casecoord-migrate' });
  await admin.connect();
  try {
    await admin.query(`ALTER ROLE ${APP_DB_ROLE} WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS
      PASSWORD ${admin.escapeLiteral(password)}`);
  } finally {
    await admin.end();
  }
}

/** The URL the API and worker use: the migration URL's server and database, with the app role's login. */
export function appDatabaseUrl(adminUrl: string, password: string): string {
  const url = new URL(adminUrl);
  url.username = APP_DB_ROLE;
  url.password = encodeURIComponent(password);
  return url.toString();
}
