import { createHmac } from 'node:crypto';

/**
 * A username as typed, keyed (HMAC-SHA256 with a per-installation key): the same string always gives the same digest,
 * so attempts stay countable and comparable, but a password typed into the username field is not kept readable.
 */
export const usernameDigest = (key: Buffer, username: string): string =>
  createHmac('sha256', key).update(username, 'utf8').digest('hex');

/** How the audit names an attempted username that belongs to no account. */
export const unknownUserActor = (key: Buffer, username: string): string => `unknown:${usernameDigest(key, username).slice(0, 32)}`;
