import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The folder where a running installation keeps its state: `DATA_DIR`, else `./.data` beside the checkout (the same
 * folder `npm start` gives PostgreSQL and Temporal). Resolved from this file, so the API, the worker and the scripts
 * agree wherever they are started from.
 */
export function dataDir(): string {
  if (process.env.DATA_DIR) return path.resolve(process.env.DATA_DIR);
  const root = path.resolve(__dirname, '../..', __dirname.includes(`${path.sep}dist${path.sep}`) ? '..' : '.');
  return path.join(root, '.data');
}

/**
 * A secret no installation shares with another: read from `<data folder>/<name>`, or generated there on first use
 * (random bytes as hex, file mode 0600). Written beside and linked into place, so no reader ever sees a half-written
 * file, and two processes starting together both end with the one value that won the link.
 */
export function readOrCreateSecret(name: string, bytes = 32): string {
  const file = path.join(dataDir(), name);
  try {
    return readFileSync(file, 'utf8').trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const draft = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(draft, `${randomBytes(bytes).toString('hex')}\n`, { flag: 'wx', mode: 0o600 });
  try {
    linkSync(draft, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(draft);
  }
  return readFileSync(file, 'utf8').trim();
}
