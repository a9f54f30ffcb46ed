import { execFileSync } from 'node:child_process';

/**
 * The current TOTP code of a secret, computed by otplib as an authenticator app would. otplib's plugins are ES
 * modules, which Node loads but Jest's module loader does not, so it runs in a child Node process.
 * `offsetSeconds` asks for the code of another moment (a later step, to avoid the step a previous code spent).
 */
export function totpCode(secret: string, offsetSeconds = 0): string {
  const script = `const { generateSync } = require('otplib');
    process.stdout.write(generateSync({ secret: process.argv[1], epoch: Math.floor(Date.now() / 1000) + Number(process.argv[2]) }));`;
  return execFileSync(process.execPath, ['-e', script, secret, String(offsetSeconds)], { cwd: __dirname, encoding: 'utf8' }).trim();
}

/** The secret of an otpauth:// URI. */
export const secretOf = (otpauthUri: string): string => new URL(otpauthUri).searchParams.get('secret') ?? '';
