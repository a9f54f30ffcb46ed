/** Refusals of the workbench's claim steps (issue 17), in both languages. */
export const HIT_WORK_MESSAGES = {
  heldByOther: {
    en: 'Hit {id} is already claimed by {holder}.',
    es: 'La coincidencia {id} ya fue tomada por {holder}.',
  },
  notHolder: {
    en: 'Only the coordinator holding hit {id} ({holder}) or a desk supervisor may {step} it.',
    es: 'Solo el coordinador que tiene la coincidencia {id} ({holder}) o un supervisor del centro de vigilancia puede {step}.',
  },
  notCoordinator: {
    en: 'is not a deconfliction coordinator.',
    es: 'no es un coordinador de desconflicción.',
  },
};

/** The verbs `notHolder` names, per step and language. */
export const STEP_VERBS = {
  release: { en: 'release', es: 'liberarla' },
  assign: { en: 'hand over', es: 'entregarla' },
} as const;
