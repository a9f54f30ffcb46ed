import { withFormsReason } from './name-forms';
import { organizationMatch } from './organization-rules';
import { personTier } from './person-tier-rules';
import { pointerReason } from './pointer-reason';
import { scoreEvent, scoreExact, scorePartialSerial, Scored } from './scoring';

/** Every reason here is the producer's own, so a change of wording that would leak the other side fails this table. */
const hit = (matchType: string, scored: Scored | { reason: { en: string; es: string } }) => {
  const [reason, reasonEs] = typeof scored.reason === 'string'
    ? [scored.reason, (scored as Scored).reasonEs ?? null] : [scored.reason.en, scored.reason.es];
  return { matchType: matchType as 'PERSON', reason, reasonEs };
};

const nicknamePerson = personTier({
  name: { trigram: 0.5, agreement: { exact: 1, sound: 0, typo: 0, nickname: 1 }, queryTokens: 2, storedTokens: 2 },
  queryDob: '1985-03-07', storedDob: '1985-03-07', sharedIdentifier: null,
  frequency: { tokenPersons: [30, 12], totalPersons: 1_000_000 }, forms: [{ kind: 'nickname', query: 'bob', stored: 'robert' }],
}, { matchThreshold: 0.7, rareNameMinWeight: 24 });

const transliterated = personTier({
  name: { trigram: 0.6, agreement: { exact: 1, sound: 0, typo: 0, transliteration: 1 }, queryTokens: 2, storedTokens: 2 },
  queryDob: '1985-03-07', storedDob: '1985-03-07', sharedIdentifier: 'PHONE',
  frequency: { tokenPersons: [30, 12], totalPersons: 1_000_000 }, forms: [{ kind: 'transliteration', query: 'djamel', stored: 'jamal' }],
}, { matchThreshold: 0.7, rareNameMinWeight: 24 });

const company = organizationMatch('comercializadora calderon hermanos', 'comercializadora caldeon hermanos', 0.81, 0.5)!;
const aliasCompany = withFormsReason(organizationMatch('grupo elizondo', 'grupo eliozndo', 0.71, 0.5)!, 'ALIAS', 'LEGAL');
const operations = scoreEvent({ distanceMeters: 137.4, radiusA: 250, radiusB: 480, overlapMinutes: 95 });

describe('pointerReason: what a side of a hit reads of why it matched', () => {
  it.each([
    ['a nickname: the other spelling is not named', hit('PERSON', nicknamePerson), 'en',
      'same DOB; name 2 of 2 tokens agree (1 same spelling, 1 given name nickname)', ['Robert', 'Bob']],
    ['a nickname, in Spanish', hit('PERSON', nicknamePerson), 'es',
      'misma fecha de nacimiento; nombre: coinciden 2 de 2 palabras (1 idéntica, 1 hipocorístico del nombre de pila)', ['Robert', 'Bob']],
    ['a transliteration with a shared phone', hit('PERSON', transliterated), 'en',
      'same DOB; name 2 of 2 tokens agree (1 same spelling, 1 other transliteration); shared phone', ['Jamal', 'Djamel']],
    ['an organization: the distinctive words are not named', hit('ORGANIZATION', company), 'en',
      'organization name trigram 0.81; distinctive words agree', ['caldeon', 'calderon']],
    ['an organization, in Spanish', hit('ORGANIZATION', company), 'es',
      'similitud de trigramas del nombre de la organización 0.81; las palabras distintivas coinciden', ['caldeon']],
    ['an organization through an alias', hit('ORGANIZATION', aliasCompany), 'en',
      'alias of the entered subject; organization name trigram 0.71; distinctive words agree',
      ['eliozndo', 'elizondo', 'letter']],
    ['operations: no distance, radius or overlap', hit('EVENT', operations), 'en',
      'operation areas touch and the time windows overlap', ['137', '480', '95']],
    ['operations, in Spanish', hit('EVENT', operations), 'es',
      'las áreas de operación se tocan y las ventanas de tiempo se traslapan', ['137', '480', '95']],
    ['an obliterated serial: not the part that met', hit('FIREARM_SERIAL', scorePartialSerial('4471', 'GX44718823')), 'en',
      'obliterated serial: the readable part of one serial is found in the other', ['4471']],
    ['an obliterated serial, in Spanish', hit('FIREARM_SERIAL', scorePartialSerial('4471', 'GX44718823')), 'es',
      'número de serie borrado: la parte legible de uno aparece en el otro', ['4471']],
    ['an exact serial reads as the desk reads it', hit('FIREARM_SERIAL', scoreExact('FIREARM_SERIAL', 'NOT_APPLICABLE')!), 'en',
      'serial equal after normalization', []],
    ['a plate, in Spanish', hit('VEHICLE_PLATE', scoreExact('VEHICLE_PLATE', 'EQUAL')!), 'es',
      'placa igual tras normalizar, misma región', []],
  ])('%s', (_case, finding, lang, expected, absent) => {
    const reason = pointerReason(finding, lang as 'en' | 'es');
    expect(reason).toBe(expected);
    for (const word of absent) expect(reason.toLowerCase()).not.toContain(word.toLowerCase());
  });

  it("says an obliterated serial's hit was promoted by the desk, in the reader's language", () => {
    const partial = scorePartialSerial('4471', 'GX44718823');
    const promoted = { matchType: 'FIREARM_SERIAL' as const, reason: `${partial.reason}; promoted by a coordinator`, reasonEs: `${partial.reasonEs}; elevada por un coordinador` };
    expect([pointerReason(promoted, 'en'), pointerReason(promoted, 'es')]).toEqual([
      'obliterated serial: the readable part of one serial is found in the other; promoted by a coordinator',
      'número de serie borrado: la parte legible de uno aparece en el otro; elevada por un coordinador',
    ]);
  });

  it('reads English where a hit was recorded without a Spanish reason', () => {
    expect(pointerReason({ matchType: 'PHONE', reason: 'phone (E.164) equal after normalization', reasonEs: null }, 'es'))
      .toBe('phone (E.164) equal after normalization');
  });
});
