import { readFileSync } from 'node:fs';
import path from 'node:path';

/** Why a new password is refused; `minLength` carries the figure the message names. */
export type PasswordRefusal =
  | { reason: 'too_short'; minLength: number }
  | { reason: 'too_long'; maxLength: number }
  | { reason: 'common' }
  | { reason: 'repetitive' }
  | { reason: 'contains_username' };

export const MIN_PASSWORD_LENGTH = 12;
/** Long enough for any passphrase; bounds the hashing work one request can ask for. */
export const MAX_PASSWORD_LENGTH = 200;

const repoRoot = (): string => path.resolve(__dirname, '../..', __dirname.includes(`${path.sep}dist${path.sep}`) ? '..' : '.');

let common: Set<string> | undefined;

/** data/common-passwords.txt (source named in its header), read once. */
function commonPasswords(): Set<string> {
  common ??= new Set(readFileSync(path.join(repoRoot(), 'data', 'common-passwords.txt'), 'utf8')
    .split('\n').map((line) => line.trim().toLowerCase()).filter((line) => line && !line.startsWith('#')));
  return common;
}

/** Characters counted as users see them (a code point each), as NIST asks. */
const length = (text: string): number => [...text].length;

/** "abcabcabcabc", "aaaaaaaaaaaa": a short unit said over and over. */
function isRepetition(text: string): boolean {
  return /^(.{1,4})\1+$/su.test(text);
}

/**
 * NIST SP 800-63B 5.1.1.2 for memorized secrets a user chooses: at least 12 characters (any characters, spaces
 * included), no composition rules, and refused when it is a known common password, one of those with only digits
 * and punctuation added around it or repeated, a short unit repeated, or contains the username.
 */
export function checkNewPassword(password: string, username: string): PasswordRefusal | null {
  if (length(password) < MIN_PASSWORD_LENGTH) return { reason: 'too_short', minLength: MIN_PASSWORD_LENGTH };
  if (length(password) > MAX_PASSWORD_LENGTH) return { reason: 'too_long', maxLength: MAX_PASSWORD_LENGTH };
  const folded = password.normalize('NFKC').toLowerCase();
  const list = commonPasswords();
  const stem = folded.replace(/^[\d\W_]+|[\d\W_]+$/gu, '');
  const unit = /^(.+?)\1+$/su.exec(stem)?.[1] ?? stem;
  if (list.has(folded) || list.has(stem) || (unit.length >= 4 && list.has(unit))) return { reason: 'common' };
  if (isRepetition(folded)) return { reason: 'repetitive' };
  if (username.length >= 3 && folded.includes(username.toLowerCase())) return { reason: 'contains_username' };
  return null;
}
