import {
  canonicalText, foldText, nameTokens, normalizeAddress, normalizeEmail, normalizeFflLicense, normalizePhone, normalizePlate,
  normalizeSerial, normalizeVin, readableSerialParts,
} from './normalize';

describe('normalizePhone (E.164, default region from the agency)', () => {
  it.each([
    ['+1 (520) 555-0134', 'US', '+15205550134'],
    ['(520) 555-0134', 'US', '+15205550134'],
    ['520.555.0134', 'US', '+15205550134'],
    ['1-520-555-0134', 'US', '+15205550134'],
    ['55 1234 5678', 'MX', '+525512345678'],
    ['+52 1 55 1234 5678', 'US', '+525512345678'],
    ['044 55 1234 5678', 'MX', '+525512345678'],
    ['(416) 555-0199', 'CA', '+14165550199'],
    ['+52 (664) 123-4567', 'CA', '+526641234567'],
  ] as const)('%s in %s -> %s', (input, region, expected) => expect(normalizePhone(input, region)).toBe(expected));

  it.each(['', 'call me', '12', '+99 999'])('refuses %p', (input) => expect(normalizePhone(input, 'US')).toBeNull());
});

describe('normalizePlate', () => {
  it.each([['abc-1234', 'ABC1234'], [' ABC 1234 ', 'ABC1234'], ['bcn.12.34', 'BCN1234'], ['AB·123·C', 'AB123C']])(
    '%p -> %s', (input, expected) => expect(normalizePlate(input)).toBe(expected));
  it.each(['', '-', 'A', 'ÑÑÑ-123', 'ABCDEFGHIJKL'])('refuses %p', (input) => expect(normalizePlate(input)).toBeNull());
});

describe('normalizeVin (check digit where it applies)', () => {
  it.each([
    ['1HGCM82633A004352', '1HGCM82633A004352'],
    ['1hgcm82633a004352', '1HGCM82633A004352'],
    ['1HG-CM826 33A004352', '1HGCM82633A004352'],
    ['11111111111111111', '11111111111111111'],
    ['WVWZZZ1JZXW000001', 'WVWZZZ1JZXW000001'],
  ])('%p -> %s', (input, expected) => expect(normalizeVin(input)).toBe(expected));
  it.each([
    ['1HGCM82643A004352', 'wrong check digit'],
    ['1HGCM82633A00435', '16 characters'],
    ['1HGCM82633A0043521', '18 characters'],
    ['1HGCM8263IA004352', 'contains I'],
    ['1HGCM8263OA004352', 'contains O'],
  ])('refuses %p (%s)', (input) => expect(normalizeVin(input)).toBeNull());
});

describe('normalizeEmail', () => {
  it.each([[' Broker@Example.MX ', 'broker@example.mx'], ['a.b+c@d.co', 'a.b+c@d.co']])('%p -> %s', (i, e) => expect(normalizeEmail(i)).toBe(e));
  it.each(['', 'no-at.example.com', 'a@b', 'a b@c.d'])('refuses %p', (i) => expect(normalizeEmail(i)).toBeNull());
});

describe('normalizeSerial and obliterated serials', () => {
  it.each([
    ['KZ-4471-9', 'KZ44719'], ['kz 4471 9', 'KZ44719'], ['KZ.4471/9', 'KZ44719'],
    ['KZ4?71*', 'KZ4?71?'], ['ab-12?-?34', 'AB12??34'],
  ])('%p -> %s', (i, e) => expect(normalizeSerial(i)).toBe(e));
  it.each(['', '---', '???'])('refuses %p', (i) => expect(normalizeSerial(i)).toBeNull());
  it.each([
    ['AB12??345', ['AB12', '345']],
    ['??12345', ['12345']],
    ['A?B?C', []],
  ])('readable parts of %s', (serial, parts) => expect(readableSerialParts(serial)).toEqual(parts));
});

describe('normalizeFflLicense', () => {
  it.each([['9-86-012-01-7K-01234', '986012017K01234'], ['98601201 7K01234', '986012017K01234']])('%p -> %s', (i, e) => expect(normalizeFflLicense(i)).toBe(e));
  it.each(['', '1-23-456', 'X-86-012-01-7K-01234'])('refuses %p', (i) => expect(normalizeFflLicense(i)).toBeNull());
});

describe('normalizeAddress (English and Spanish abbreviations)', () => {
  it.each([
    ['1234 North Grand Avenue, Apt 5', '1234 N Grand Ave, apartment 5'],
    ['Calle Benito Juárez Número 45, Colonia Centro', 'C. Benito Juarez No 45 Col. Centro'],
    ['Avenida Revolución 1010 Poniente', 'av revolucion 1010 pte'],
    ['Carretera Federal 15 Kilómetro 8', 'carr federal 15 km 8'],
  ])('%p and %p fold together', (a, b) => expect(normalizeAddress(a)).toBe(normalizeAddress(b)));
  it('folds to readable text', () => expect(normalizeAddress('1234 North Grand Avenue')).toBe('1234 n grand ave'));
  it.each(['', ' , . '])('refuses %p', (i) => expect(normalizeAddress(i)).toBeNull());
});

describe('nameTokens (accents, particles, order, compound surnames)', () => {
  it.each([
    ['José Ángel Martínez Gómez', ['angel', 'gomez', 'jose', 'martinez']],
    ['MARTINEZ GOMEZ, JOSE ANGEL', ['angel', 'gomez', 'jose', 'martinez']],
    ['María de la Luz Hernández y Hernández', ['hernandez', 'luz', 'maria']],
    ['Jean-Luc Ó Briain', ['briain', 'jean', 'luc']],
  ])('%p -> %j', (name, tokens) => expect(nameTokens(name)).toEqual(tokens));

  it('keeps the shared tokens when the second surname is missing', () => {
    const full = nameTokens('José Ángel Martínez Gómez');
    const short = nameTokens('Jose Martinez');
    expect(short.every((t) => full.includes(t))).toBe(true);
  });

  it('folds text', () => expect(foldText('  Ñandú   CAFÉ! ')).toBe('nandu cafe'));
});

describe('canonicalText (invisible and look-alike characters, UTS #39)', () => {
  const ZWSP = '\u200b';
  it.each([
    [`Jo${ZWSP}sé Mar\u00adtínez`, 'José Martínez', 'zero-width space and soft hyphen dropped'],
    ['M\u0430rtinez', 'Martinez', 'Cyrillic a'],
    ['\u041c\u0410\u0420\u0422\u0418\u041d\u0415\u0417', 'MAPTИHE3', 'Cyrillic capitals with Latin look-alikes (И has none)'],
    ['\u039dAVARRO', 'NAVARRO', 'Greek capital Nu is N, although small nu looks like v'],
    ['\u0406van', 'Ivan', 'Cyrillic capital I'],
    ['ｊｏｓｅ', 'jose', 'full-width letters (NFKC)'],
    ['\ufb01del', 'fidel', 'ligature (NFKC)'],
    ['a\u200db\u2060c\ufe0f', 'abc', 'joiner, word joiner, variation selector'],
    ['Peña Ñandú', 'Peña Ñandú', 'Spanish letters are no look-alikes'],
    ['0O1lI|m', '0O1lI|m', 'ASCII is never mapped'],
  ])('%p -> %p (%s)', (input, expected) => expect(canonicalText(input)).toBe(expected));

  it('reads a vertical stroke as I in an upper-case value', () => expect(canonicalText('AB\u0399\u04c0\u01c012', 'upper')).toBe('ABIII12'));
  it('borrows the capital\'s prototype for a small letter without a Latin one', () => expect(canonicalText('\u043a\u0432', 'upper')).toBe('KB'));
});

describe('normalisers see through invisible and look-alike characters', () => {
  it.each([
    [nameTokens(`Jo\u200bsé Martínez`), nameTokens('Jose Martinez')],
    [nameTokens('Jos\u0435 M\u0430rt\u0456nez'), nameTokens('Jose Martinez')],
    [normalizeEmail('bro\u200bker@example.mx'), 'broker@example.mx'],
    [normalizeEmail('br\u043ek\u0435r@\u0435xample.mx'), 'broker@example.mx'],
    [normalizePlate('\u0410\u0412\u0421-1234'), 'ABC1234'],
    [normalizeSerial('KZ\u200b4471\u20609'), 'KZ44719'],
    [normalizeVin('1HGCM82633\u0410004352'), '1HGCM82633A004352'],
    [normalizePhone('+1 520 555\u200b0134', 'US'), '+15205550134'],
    [normalizePhone('＋１ ５２０ ５５５ ０１３４', 'US'), '+15205550134'],
    [normalizeFflLicense('9-86-012-01-7\u041a-01234'), '986012017K01234'],
    [normalizeAddress('1234 N\u043erth Gr\u0430nd Avenue'), '1234 n grand ave'],
    [foldText('Ø\u0142'), 'ol'],
  ])('%p equals %p', (actual, expected) => expect(actual).toEqual(expected));

  it.each([
    ['AB0123', 'ABO123'],
    ['KZ1234', 'KZI234'],
    ['KZ1234', 'KZL234'],
  ])('keeps ASCII serials %p and %p apart', (a, b) => expect(normalizeSerial(a)).not.toBe(normalizeSerial(b)));
});
