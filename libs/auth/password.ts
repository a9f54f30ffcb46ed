import { hash as argon2Hash, verify as argon2Verify } from '@node-rs/argon2';
import { randomBytes, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const scrypt = promisify(scryptCb) as (password: string, salt: Buffer, keylen: number, options: object) => Promise<Buffer>;

/**
 * argon2id, memory-hard (NIST SP 800-63B 5.1.1.2), at OWASP's second recommended setting: 19 MiB, 2 passes,
 * 1 lane (about 30 ms here). The PHC string carries its parameters, so raising them later keeps old hashes working.
 */
// algorithm 2 is Argon2id (the package's const enum cannot be read under isolatedModules).
const ARGON2 = { algorithm: 2 as const, memoryCost: 19_456, timeCost: 2, parallelism: 1 };
const SCRYPT_MAXMEM = 64 * 1024 * 1024;

export async function hashPassword(password: string): Promise<string> {
  return argon2Hash(password, ARGON2);
}

/** Accepts argon2id (current) and the scrypt format of earlier releases, which `needsRehash` then flags. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  if (stored.startsWith('$argon2id$')) {
    try {
      return await argon2Verify(stored, password);
    } catch {
      return false;
    }
  }
  return verifyScrypt(password, stored);
}

/** True for a hash in an older format or with weaker parameters: it is replaced at the next successful login. */
export function needsRehash(stored: string): boolean {
  const match = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(stored);
  if (!match) return true;
  return Number(match[1]) < ARGON2.memoryCost || Number(match[2]) < ARGON2.timeCost;
}

/** `scrypt$N$r$p$salt$key`, written by releases before argon2id. */
async function verifyScrypt(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, saltB64, keyB64] = stored.split('$');
  if (scheme !== 'scrypt' || !keyB64) return false;
  const expected = Buffer.from(keyB64, 'base64');
  const key = await scrypt(password, Buffer.from(saltB64, 'base64'), expected.length, {
    N: Number(n), r: Number(r), p: Number(p), maxmem: SCRYPT_MAXMEM,
  });
  return timingSafeEqual(key, expected);
}

/** Kept for tests of the migration path: a hash as releases before argon2id wrote it. */
export async function legacyScryptHash(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, 32, { N: 32768, r: 8, p: 1, maxmem: SCRYPT_MAXMEM });
  return `scrypt$32768$8$1$${salt.toString('base64')}$${key.toString('base64')}`;
}
