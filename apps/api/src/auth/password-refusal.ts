import { checkNewPassword, PasswordRefusal } from '../../../../libs/auth/password-policy';
import type { Message } from '../../../../libs/http/problem';
import { ApiError } from '../common/api-error';
import { M } from '../common/messages';

const MESSAGES: Record<PasswordRefusal['reason'], Message> = {
  too_short: M.passwordTooShort,
  too_long: M.passwordTooLong,
  common: M.passwordCommon,
  repetitive: M.passwordRepetitive,
  contains_username: M.passwordContainsUsername,
};

/** Applies the password policy to a new password; a refusal is a 400 naming the field and the reason in both languages. */
export function assertAcceptablePassword(password: string, username: string, field: string): void {
  const refusal = checkNewPassword(password, username);
  if (!refusal) return;
  const message = MESSAGES[refusal.reason];
  const params = { minLength: 'minLength' in refusal ? refusal.minLength : 0, maxLength: 'maxLength' in refusal ? refusal.maxLength : 0 };
  const fill = (text: string): string => text.replace('{minLength}', String(params.minLength)).replace('{maxLength}', String(params.maxLength));
  throw new ApiError('ValidationFailed', message, params, {
    errors: [{ field, message: fill(message.en), es: fill(message.es), constraint: `password_${refusal.reason}` }],
    body: { reason: refusal.reason },
  });
}
