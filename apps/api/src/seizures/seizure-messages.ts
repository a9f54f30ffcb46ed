import type { Message } from '../../../../libs/http/problem';

/** Trace details users read, in both languages (beside common/messages.ts, which the other contexts share). */
export const TRACE_MESSAGES = {
  caseFirearmNotFound: {
    en: 'Firearm {firearmId} is not a firearm of case {id}.',
    es: 'El arma {firearmId} no es un arma del caso {id}.',
  },
  traceAlreadyOpen: {
    en: 'Firearm {firearmId} already has trace {traceId} in progress; follow that one, or ask again once it has closed.',
    es: 'El arma {firearmId} ya tiene el rastreo {traceId} en curso; siga ese, o vuelva a pedirlo cuando se haya cerrado.',
  },
} satisfies Record<string, Message>;
