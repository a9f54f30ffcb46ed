import type { Message } from '../../../../libs/http/problem';

/** Lookout details users read, in both languages (beside common/messages.ts, which holds M.lookoutNotFound). */
export const LOOKOUT_MESSAGES = {
  lookoutAlreadyCancelled: {
    en: 'Lookout {id} was already cancelled by {by} at {at}; it no longer matches.',
    es: 'La alerta {id} ya fue cancelada por {by} el {at}; ya no coincide.',
  },
} satisfies Record<string, Message>;
