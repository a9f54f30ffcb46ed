import { createHash, randomInt } from 'node:crypto';

export const RECOVERY_CODE_COUNT = 10;
/** Crockford's base32 without look-alikes: 10 characters carry 50 bits. */
const RECOVERY_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Recovery codes as shown once: `XXXXX-XXXXX`. */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const chars = Array.from({ length: 10 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]).join('');
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

/** Recovery codes look like `XXXXX-XXXXX`; anything else is a TOTP attempt or nonsense. */
export const looksLikeRecoveryCode = (code: string): boolean => /^[0-9A-Za-z]{5}-?[0-9A-Za-z]{5}$/.test(code.trim());

/**
 * How a recovery code is stored. SHA-256 and no salt suffices here, unlike for passwords: each code is 50 random bits,
 * beyond offline guessing, and a plain digest lets one indexed lookup find it. Case and the dash do not matter.
 */
export function recoveryCodeHash(code: string): string {
  const normalised = code.trim().toUpperCase().replace(/-/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return createHash('sha256').update(normalised, 'utf8').digest('hex');
}
