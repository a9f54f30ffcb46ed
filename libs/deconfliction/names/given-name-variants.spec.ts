import {
  GivenNameVariantTable, givenNameVariantTable, givenNameVariants, parseGivenNameVariants, readGivenNameVariants,
} from './given-name-variants';

describe('the given-name variant tables kept in the repository', () => {
  const rows = readGivenNameVariants();

  it('hold English rows from the public list and the Spanish rows compiled for the project', () => {
    expect(rows.filter((r) => r.language === 'en').length).toBeGreaterThan(2000);
    expect(rows.filter((r) => r.language === 'es').length).toBeGreaterThan(200);
  });

  it('are folded the way matching folds names (no accents, one lower-case word)', () => {
    expect(rows.filter((r) => !/^[a-z]{2,}$/.test(r.canonical) || !/^[a-z]{2,}$/.test(r.variant))).toEqual([]);
    expect(rows).toContainEqual({ canonical: 'jesus', variant: 'chucho', language: 'es', kind: 'nickname' });
    expect(rows).toContainEqual({ canonical: 'luis', variant: 'guicho', language: 'es', kind: 'nickname' });
    expect(rows).toContainEqual({ canonical: 'guadalupe', variant: 'lupita', language: 'es', kind: 'diminutive' });
  });
});

describe('givenNameVariants (names one row away in the repository table)', () => {
  it.each([
    ['ignacio', 'nacho'], ['guillermo', 'memo'], ['robert', 'bob'], ['elizabeth', 'liz'], ['william', 'bill'],
    ['francisco', 'paco'], ['francisco', 'pancho'], ['jose', 'pepe'], ['jesus', 'chuy'], ['enrique', 'quique'],
    ['alejandro', 'alex'], ['manuel', 'manolo'], ['manuel', 'meno'], ['eduardo', 'lalo'], ['rosario', 'chayo'],
    ['guadalupe', 'lupe'], ['concepcion', 'conchita'], ['dolores', 'lola'], ['salvador', 'chava'], ['rafael', 'falo'],
    ['refugio', 'cuco'], ['jorge', 'coque'], ['anastasio', 'tacho'], ['margaret', 'peggy'], ['richard', 'dick'],
  ])('%s <-> %s', (canonical, variant) => {
    expect(givenNameVariants(canonical)).toContain(variant);
    expect(givenNameVariants(variant)).toContain(canonical);
  });

  it.each([
    ['ignacio', 'guillermo'], ['roberto', 'alberto'], ['juan', 'juana'], ['maria', 'mario'], ['hassan', 'hussein'],
    ['jose', 'josefina'], ['nacho', 'memo'],
  ])('%s and %s are not variants of each other', (a, b) => {
    expect(givenNameVariants(a)).not.toContain(b);
    expect(givenNameVariants(b)).not.toContain(a);
  });

  it.each(['zzyzx', 'martinez', ''])('an unknown name %p has no variants', (name) => expect(givenNameVariants(name)).toEqual([]));

  it('a shared nickname does not make two canonical names variants (Beto: Roberto and Alberto)', () => {
    expect(givenNameVariants('beto')).toEqual(expect.arrayContaining(['alberto', 'roberto']));
    expect(givenNameVariants('roberto')).not.toContain('alberto');
  });
});

describe('GivenNameVariantTable.link (how two tokens would agree as nicknames)', () => {
  const table = givenNameVariantTable();

  it.each([
    ['nacho', 'ignacio', { canonical: 'ignacio', kind: 'nickname', language: 'es' }],
    ['ignacio', 'nacho', { canonical: 'ignacio', kind: 'nickname', language: 'es' }],
    ['lupita', 'guadalupe', { canonical: 'guadalupe', kind: 'diminutive', language: 'es' }],
    ['alex', 'alejandro', { canonical: 'alejandro', kind: 'short form', language: 'es' }],
    ['robert', 'bob', { canonical: 'robert', kind: 'nickname', language: 'en' }],
    ['beto', 'roberto', { canonical: 'roberto', kind: 'nickname', language: 'es' }],
  ])('link(%s, %s)', (a, b, expected) => expect(table.link(a, b)).toEqual(expected));

  it.each([
    ['robert', 'robert'], ['roberto', 'alberto'], ['nacho', 'memo'], ['chucho', 'pepe'],
    ['bob', 'robby'], // two nicknames of Robert: not linked (see link)
    ['robert', 'william'], ['lisa', 'betty'], // the English list's reverse rows do not chain
  ])('no link between %s and %s', (a, b) => expect(table.link(a, b)).toBeNull());
});

describe('parseGivenNameVariants', () => {
  const header = 'canonical,variant,language,kind';

  it('folds written names and skips blank lines', () => {
    expect(parseGivenNameVariants(`${header}\r\nJosé,Pepe,es,nickname\n\n`)).toEqual([
      { canonical: 'jose', variant: 'pepe', language: 'es', kind: 'nickname' },
    ]);
  });

  it.each([
    ['a missing header', 'Jose,Pepe,es,nickname', /first line/],
    ['an unknown language', `${header}\nJose,Pepe,fr,nickname`, /line 2/],
    ['an unknown kind', `${header}\nJose,Pepe,es,alias`, /line 2/],
    ['a two-word name', `${header}\nJosé María,Chema,es,nickname`, /line 2/],
    ['initials', `${header}\ncasey,k.c.,en,nickname`, /line 2/],
    ['a name that is its own variant', `${header}\nJosé,JOSE,es,nickname`, /line 2/],
    ['an extra field', `${header}\nJose,Pepe,es,nickname,x`, /line 2/],
  ])('refuses %s', (_, csv, message) => expect(() => parseGivenNameVariants(csv)).toThrow(message));

  it('a table built from rows answers from those rows only', () => {
    const table = new GivenNameVariantTable(parseGivenNameVariants(`${header}\nAbigail,Abby,en,nickname`));
    expect(givenNameVariants('abby', table)).toEqual(['abigail']);
    expect(givenNameVariants('nacho', table)).toEqual([]);
  });
});
