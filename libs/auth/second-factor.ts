import { toDataURL } from 'qrcode';

/**
 * otplib's base32 and HMAC plugins are ES modules: Node (20.19+) requires them, Jest's module loader cannot. Loading
 * otplib on first use keeps the API's module graph loadable by the specs that read its routes (route-table.ts); the
 * specs compute codes through test/support/totp.ts (otplib in a child process).
 */
type Otplib = typeof import('otplib');
let loaded: Otplib | undefined;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const otplib = (): Otplib => (loaded ??= require('otplib') as Otplib);

/** The name authenticator apps show above the account. */
export const TOTP_ISSUER = 'Case Coordination';
const PERIOD_SECONDS = 30;
/** One step either side of now: a phone clock up to 30 s off still works (RFC 6238 section 5.2). */
const TOLERANCE_SECONDS = PERIOD_SECONDS;

export interface Enrolment { secret: string; otpauthUri: string; qrCodeDataUrl: string }

/** A fresh 160-bit TOTP secret (RFC 4226's recommended length), with the URI and QR code an authenticator app reads. */
export async function newEnrolment(username: string): Promise<Enrolment> {
  const secret = otplib().generateSecret();
  const otpauthUri = otplib().generateURI({ issuer: TOTP_ISSUER, label: username, secret, period: PERIOD_SECONDS });
  return { secret, otpauthUri, qrCodeDataUrl: await toDataURL(otpauthUri) };
}

/**
 * The time step a 6-digit code matched (RFC 6238, SHA-1, 30 s), or null. A step at or before `lastStep` is refused, so
 * a code that signed someone in once cannot be replayed within its window.
 */
export function matchTotp(secret: string, code: string, lastStep: number | null): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const result = otplib().verifySync({
    secret, token: code, period: PERIOD_SECONDS, epochTolerance: TOLERANCE_SECONDS,
    ...(lastStep !== null ? { afterTimeStep: lastStep } : {}),
  });
  // The union also holds HOTP's result type; a TOTP match carries the epoch its step starts at.
  return result.valid && 'epoch' in result ? Math.floor(result.epoch / PERIOD_SECONDS) : null;
}
