/** Review-item refusals (issue 16), in both languages. */
export const REVIEW_MESSAGES = {
  notFound: { en: 'Review item {id} does not exist.', es: 'El elemento de revisión {id} no existe.' },
  decided: {
    en: 'Review item {id} is already decided ({status}).',
    es: 'El elemento de revisión {id} ya está decidido ({status}).',
  },
  candidateRequired: {
    en: 'this item lists {count} candidates; name the one to raise the hit with.',
    es: 'este elemento tiene {count} candidatos; indique con cuál elevar la coincidencia.',
  },
  candidateUnknown: { en: 'is not a candidate of this item.', es: 'no es un candidato de este elemento.' },
};
