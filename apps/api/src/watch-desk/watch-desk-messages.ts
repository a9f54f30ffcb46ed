import type { Message } from '../../../../libs/http/problem';

/** Watch-desk details users read, in both languages. */
export const WATCH_DESK_MESSAGES = {
  agencyNotFound: { en: 'Agency {code} does not exist.', es: 'La agencia {code} no existe.' },
  otherAgency: {
    en: 'Administrators set the watch-desk contacts of their own agency ({own}) only, not of {code}.',
    es: 'Los administradores solo configuran los contactos de guardia de su propia agencia ({own}), no de {code}.',
  },
} satisfies Record<string, Message>;
