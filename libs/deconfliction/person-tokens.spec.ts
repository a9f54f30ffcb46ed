import {
  agreeingTokens, alignTokens, blockingCodes, editDistanceAtMost2, NICKNAME_AGREEMENT_WEIGHT, genderForms, isTypoOf, NameTokens, pairKeys, personPairKeys,
  RARE_SPELLING_MAX_PERSONS, spellingVariants,
} from './person-tokens';

// Codes below are what PostgreSQL's dmetaphone/dmetaphone_alt give for these tokens (person_token_codes).

describe('pairKeys (blocking: two different tokens must agree)', () => {
  it.each([
    ['José Martínez', [['HS'], ['MRTN']], ['HS|MRTN']],
    ['García alone: its two codes never pair with each other', [['KRS', 'KRX']], []],
    ['García Garza: pairs across the two tokens only', [['KRS', 'KRX'], ['KRS']], ['KRS|KRS', 'KRS|KRX']],
    ['Juan Juana: two tokens with the same codes do pair', [['AN', 'JN'], ['AN', 'JN']], ['AN|AN', 'AN|JN', 'JN|JN']],
    ['a token without codes adds nothing', [['HS'], []], []],
  ])('%s', (_label, codes, expected) => expect(pairKeys(codes)).toEqual(expected));
});

describe('personPairKeys (stored blocking keys: particles left out)', () => {
  it.each([
    ['Mohammed al Haddad: the article pairs with nothing', ['al', 'haddad', 'mohammed'], [['AL'], ['HT'], ['MHMT']], ['HT|MHMT']],
    ['Ahmed bin Khalid: "son of" pairs with nothing', ['ahmed', 'bin', 'khalid'], [['AMT'], ['PN'], ['KLT']], ['AMT|KLT']],
    ['Al Haddad: fewer than two other tokens, the particle keeps its pair', ['al', 'haddad'], [['AL'], ['HT']], ['AL|HT']],
    ['Ali Haddad: a name that sounds like the article still pairs', ['ali', 'haddad'], [['AL'], ['HT']], ['AL|HT']],
    ['a name without particles keeps every pair', ['garcia', 'jose'], [['KRS', 'KRX'], ['HS']], ['HS|KRS', 'HS|KRX']],
  ])('%s', (_label, tokens, codes, expected) => expect(personPairKeys(tokens, codes)).toEqual(expected));

  it('leaves out a particle\'s expanded codes too (Al: Alan, Albert), so the query meets the name, not every Alan', () => {
    const query = blockingCodes(['al', 'haddad', 'mohammed'], [['AL', 'ALN', 'ALPR'], ['HT'], ['MHMT']]);
    expect(pairKeys(query)).toEqual(['HT|MHMT']);
    expect(personPairKeys(['haddad', 'mohammed'], [['HT'], ['MHMT']])).toEqual(pairKeys(query));
  });
});

describe('spellingVariants (one-letter-deleted forms)', () => {
  it('lists the token and each form with one letter deleted', () => {
    expect(spellingVariants('ruiz')).toEqual(['riz', 'rui', 'ruiz', 'ruz', 'uiz']);
  });

  it.each([
    ['charles', 'chlarles', 'a letter added'],
    ['ramirez', 'ramrez', 'a letter dropped'],
    ['ramirez', 'rmairez', 'two neighbours swapped'],
    ['beltran', 'veltran', 'a letter changed (Spanish b/v)'],
  ])('%s and %s share a form (%s)', (a, b) => {
    expect(spellingVariants(a).some((v) => spellingVariants(b).includes(v))).toBe(true);
  });
});

describe('editDistanceAtMost2', () => {
  it.each([
    ['jimenez', 'ximenez', 1], ['ramirez', 'rmairez', 1], ['charles', 'chlarles', 1], ['khalil', 'jalil', 2],
    ['maria', 'arias', 2], ['garcia', 'garcia', 0], ['vazquez', 'velasquez', 2],
  ])('%s -> %s: %p', (a, b, d) => expect(editDistanceAtMost2(a, b)).toBe(d));
});

describe('genderForms', () => {
  it.each([
    ['juan', 'juana', true], ['mario', 'maria', true], ['francisco', 'francisca', true], ['andre', 'andrea', true],
    ['rosa', 'rosas', false], ['ramon', 'ramos', false], ['ana', 'ana', false],
  ])('%s / %s: %p', (a, b, expected) => expect(genderForms(a, b)).toBe(expected));
});

describe('isTypoOf (one edit apart, and one of the two spellings rare)', () => {
  const rare = RARE_SPELLING_MAX_PERSONS;
  it.each([
    ['chlarles', 0, 'charles', 5159, true, 'a spelling nobody carries, next to a common one'],
    ['charles', 5159, 'chlarles', 1, true, 'a stored typo found from the right spelling'],
    ['xochiltl', 2, 'xochitl', 3, true, 'two rare spellings: more likely one name than two'],
    ['hernandez', 34617, 'fernandez', 2475, false, 'two established surnames'],
    ['maria', 30160, 'marin', 1808, false, 'two established names'],
    ['mario', 0, 'maria', 30160, false, 'gender forms are two names'],
    ['rmairez', 0, 'ramirez', 11882, true, 'neighbours swapped'],
    ['ruiz', 0, 'luiz', 5, true, 'four letters is long enough'],
    ['aly', 0, 'ali', 900, false, 'three letters is too short to tell a typo from another name'],
    ['jalil', 0, 'khalil', 900, false, 'two edits apart'],
    ['fernandez', rare + 1, 'hernandez', rare + 1, false, 'neither rare'],
  ])('%s (%p persons) / %s (%p): %p, %s', (token, persons, other, otherPersons, expected) => {
    expect(isTypoOf(token, persons, { token: other, persons: otherPersons })).toBe(expected);
  });
});

describe('alignTokens (each token agrees with at most one token of the other name)', () => {
  const name = (tokens: string[], codes: string[][], typos?: string[][]): NameTokens => ({ tokens, codes, typos });
  it.each([
    ['same tokens', name(['jose', 'martinez'], [['HS'], ['MRTN']]), name(['jose', 'martinez'], [['HS'], ['MRTN']]),
      { exact: 2, sound: 0, typo: 0 }],
    ['Muhammad for Mohammed: same sound', name(['contreras', 'muhammad'], [['KNTR'], ['MHMT']]),
      name(['contreras', 'mohammed'], [['KNTR'], ['MHMT']]), { exact: 1, sound: 1, typo: 0 }],
    ['Veltrán for Beltrán: a typo the vocabulary found', name(['ortiz', 'veltran'], [['ARTS'], ['FLTR']], [[], ['beltran']]),
      name(['beltran', 'ortiz'], [['PLTR'], ['ARTS']]), { exact: 1, sound: 0, typo: 1 }],
    ['Juan Juana against Juan: once, and Juana is not Juan', name(['juan', 'juana'], [['AN', 'JN'], ['AN', 'JN']]),
      name(['juan'], [['AN', 'JN']]), { exact: 1, sound: 0, typo: 0 }],
    ['Mario for María: sounds alike, still another name', name(['lopez', 'mario'], [['LPS'], ['MR']]),
      name(['lopez', 'maria'], [['LPS'], ['MR']]), { exact: 1, sound: 0, typo: 0 }],
    ['Delgado for Delgadillo agree by sound (dmetaphone keeps four letters; the name trigram tells them apart)', name(['delgado'], [['TLKT']]),
      name(['delgadillo'], [['TLKT']]), { exact: 0, sound: 1, typo: 0 }],
    ['Bob for Robert: a nickname given_name_variants linked', { ...name(['bob', 'smith'], [['PP'], ['SM0']]), nicknames: [['robert'], []] },
      name(['robert', 'smith'], [['RPRT'], ['SM0']]), { exact: 1, sound: 0, typo: 0, nickname: 1 }],
    ['Bob against Rupert: not linked to the query token', { ...name(['bob'], [['PP']]), nicknames: [['robert']] },
      name(['rupert'], [['RPRT']]), { exact: 0, sound: 0, typo: 0 }],
    ['Djamel for Jamal: another transliteration', { ...name(['djamel'], [['JML']]), transliterations: [['jamal']] },
      name(['jamal'], [['AML', 'JML2']]), { exact: 0, sound: 0, typo: 0, transliteration: 1 }],
    ['Beto against Roberto and Alberto: one agreement, not two', { ...name(['beto'], [['PT']]), nicknames: [['alberto', 'roberto']] },
      name(['alberto', 'roberto'], [['ALPR'], ['RPRT']]), { exact: 0, sound: 0, typo: 0, nickname: 1 }],
  ])('%s', (_label, query, stored, expected) => expect(alignTokens(query, stored)).toEqual(expected));
});

describe('agreeingTokens (what the score counts)', () => {
  it.each([
    [{ exact: 2, sound: 0, typo: 0 }, 2],
    [{ exact: 1, sound: 0, typo: 0, nickname: 1 }, 1 + NICKNAME_AGREEMENT_WEIGHT],
    [{ exact: 1, sound: 0, typo: 1, transliteration: 1 }, 3],
  ])('%j -> %p', (agreement, expected) => expect(agreeingTokens(agreement)).toBeCloseTo(expected));
  it('a nickname counts a little less than the same given name', () => {
    expect(NICKNAME_AGREEMENT_WEIGHT).toBeGreaterThanOrEqual(0.7);
    expect(NICKNAME_AGREEMENT_WEIGHT).toBeLessThan(1);
  });
});
