import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { hashPassword } from '../libs/auth/password';
import { checkNewPassword } from '../libs/auth/password-policy';
import { ROLES } from '../libs/auth/roles';

/**
 * Production has no demo users: operators create accounts with
 *   USER_PASSWORD=... node dist/scripts/create-user.js <username> <AGENCY> <ROLE[,ROLE]> "<Full Name>" [phone]
 * (in compose: docker compose run --rm -e USER_PASSWORD=... api node dist/scripts/create-user.js ...).
 */
async function main(): Promise<void> {
  const [username, agency, roleList, fullName, phone] = process.argv.slice(2);
  const password = process.env.USER_PASSWORD;
  if (!username || !agency || !roleList || !fullName || !password) {
    throw new Error('usage: USER_PASSWORD=... create-user <username> <AGENCY> <ROLE[,ROLE]> "<Full Name>" [phone]');
  }
  const refusal = checkNewPassword(password, username);
  if (refusal) throw new Error(`USER_PASSWORD refused (NIST SP 800-63B policy): ${JSON.stringify(refusal)}`);
  const roles = roleList.split(',');
  const unknown = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
  if (unknown.length) throw new Error(`unknown role(s) ${unknown.join(', ')}; known: ${ROLES.join(', ')}`);
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is required');
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    await db.query(
      `INSERT INTO users (id, username, password_hash, agency_code, roles, full_name, phone) VALUES ($1,$2,$3,$4,$5,$6,$7)`,
      [randomUUID(), username, await hashPassword(password), agency.toUpperCase(), roles, fullName, phone ?? null],
    );
    console.log(`created ${username} (${agency.toUpperCase()}: ${roles.join(', ')})`);
  } finally {
    await db.end();
  }
}

main().catch((error) => { console.error(String(error instanceof Error ? error.message : error)); process.exit(1); });
