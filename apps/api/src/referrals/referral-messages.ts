import type { Message } from '../../../../libs/http/problem';

/** The referral context's answers, in both languages (kept here so the shared table in common/messages.ts stays short). */
export const RM = {
  alreadyOpen: {
    en: 'Case {caseId} already has an open referral to {agency} ({referralId}, {status}); withdraw it or wait until it is worked.',
    es: 'El caso {caseId} ya tiene una remisión abierta a {agency} ({referralId}, {status}); retírela o espere a que se resuelva.',
  },
  withdrawnOnlyBySender: {
    en: 'Only agents of the sending agency may withdraw referral {id}.',
    es: 'Solo los agentes de la agencia remitente pueden retirar la remisión {id}.',
  },
} satisfies Record<string, Message>;

/** Field errors (400), `[en, es]`. */
export const FIELD = {
  ownAgency: ['is the agency that owns the case; a case is never referred to its owner', 'es la agencia propietaria del caso; un caso nunca se remite a su propietaria'],
  unknownAgency: ['is not a known agency code (see GET /agencies)', 'no es un código de agencia conocido (consulte GET /agencies)'],
  foreignItems: ['names items that are not items of this case: {ids}', 'nombra elementos que no son de este caso: {ids}'],
} as const;
