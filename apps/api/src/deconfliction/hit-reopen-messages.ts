/** Reopen refusals (issue 17), in both languages. */
export const REOPEN_MESSAGES = {
  notResolved: {
    en: 'Hit {id} is not resolved ({status}); only a resolved hit can be reopened.',
    es: 'La coincidencia {id} no está resuelta ({status}); solo se puede reabrir una coincidencia resuelta.',
  },
  predatesReopen: {
    en: 'Hit {id} was resolved before hits could be reopened; record a new check instead.',
    es: 'La coincidencia {id} se resolvió antes de que se pudieran reabrir coincidencias; registre una nueva verificación.',
  },
} as const;
