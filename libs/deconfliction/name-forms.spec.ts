import { keysForItems, personItemId } from './match-keys';
import { formsText, gradeForms, subjectNames, withFormsReason } from './name-forms';

const reason = { en: 'same DOB', es: 'misma fecha de nacimiento' };

describe('gradeForms', () => {
  it.each([
    ['legal names: as the tier rules said', 'PROBABLE', 'LEGAL', 'LEGAL', 'PROBABLE', 'same DOB'],
    ['a stored alias: same tier, says so', 'PROBABLE', 'LEGAL', 'ALIAS', 'PROBABLE', 'alias of the stored subject; same DOB'],
    ['a query alias', 'CONFIRMED', 'ALIAS', 'LEGAL', 'CONFIRMED', 'alias of the entered subject; same DOB'],
    ['a moniker confirmed by DOB or identifier stays confirmed', 'CONFIRMED', 'MONIKER', 'LEGAL', 'CONFIRMED', 'moniker of the entered subject; same DOB'],
    ['a probable moniker match is capped', 'PROBABLE', 'LEGAL', 'MONIKER', 'POSSIBLE',
      'moniker of the stored subject; same DOB; a moniker alone is at most possible without the same DOB or a shared identifier'],
    ['a possible moniker match stays possible', 'POSSIBLE', 'MONIKER', 'MONIKER', 'POSSIBLE', 'moniker of the entered subject meets moniker of the stored subject; same DOB'],
  ] as const)('%s', (_, tier, queryForm, storedForm, expectedTier, expectedReason) => {
    const graded = gradeForms(tier, reason, queryForm, storedForm);
    expect([graded.tier, graded.reason.en]).toEqual([expectedTier, expectedReason]);
  });

  it('says it in Spanish', () => {
    expect(gradeForms('PROBABLE', reason, 'ALIAS', 'MONIKER').reason.es)
      .toBe('alias del sujeto ingresado coincide con apodo del sujeto registrado; misma fecha de nacimiento; un apodo solo es a lo sumo posible sin la misma fecha de nacimiento o un identificador en común');
  });
});

describe('subjectNames', () => {
  it.each([
    ['a person with every form', { kind: 'PERSON', fullName: 'Juan Pérez', aliases: ['Juan Lopez'], monikers: ['El Flaco'] },
      [['LEGAL', 'Juan Pérez'], ['ALIAS', 'Juan Lopez'], ['MONIKER', 'El Flaco']]],
    ['a repeated form counts once', { kind: 'PERSON', fullName: 'Ana Ruiz', aliases: ['ana ruiz ', 'Ana Soto'], monikers: ['ANA SOTO'] },
      [['LEGAL', 'Ana Ruiz'], ['ALIAS', 'Ana Soto']]],
    ['an organization', { kind: 'ORGANIZATION', name: 'Cártel del Golfo', orgType: 'DTO', aliases: ['CDG'] },
      [['LEGAL', 'Cártel del Golfo'], ['ALIAS', 'CDG']]],
    ['no other names', { kind: 'PERSON', fullName: 'Ana Ruiz' }, [['LEGAL', 'Ana Ruiz']]],
  ] as const)('%s', (_, subject, expected) => {
    expect(subjectNames(subject as never).map((n) => [n.form, n.name])).toEqual(expected);
  });
});

describe('formsText and withFormsReason', () => {
  it('says nothing when both are legal names', () => {
    expect(formsText('LEGAL', 'LEGAL')).toBeNull();
    expect(withFormsReason({ score: 1, reason: 'x' }, 'LEGAL', 'LEGAL')).toEqual({ score: 1, reason: 'x' });
  });
  it('leads an organization reason with the forms, in both languages', () => {
    expect(withFormsReason({ score: 1, reason: 'trigram 1.00', reasonEs: 'trigramas 1.00' }, 'LEGAL', 'ALIAS'))
      .toEqual({ score: 1, reason: 'alias of the stored subject; trigram 1.00', reasonEs: 'alias del sujeto registrado; trigramas 1.00' });
  });
});

describe('keysForItems with other names', () => {
  const options = { country: 'US' as const, serialMinReadable: 3, defaultRadiusMeters: 250 };
  const id = '00000000-0000-4000-8000-000000000001';

  it('keys each name of a person under the subject, with its form and the subject DOB', () => {
    const keys = keysForItems({ kind: 'subjects', items: [{ id, kind: 'PERSON', fullName: 'Juan Pérez', dateOfBirth: '1980-01-01', aliases: ['Juan Lopez'], monikers: ['El Flaco'] }] }, options);
    expect(keys.persons.map((p) => [p.form ?? 'LEGAL', p.fullName, personItemId(p), p.dateOfBirth, p.id === id])).toEqual([
      ['LEGAL', 'Juan Pérez', id, '1980-01-01', true],
      ['ALIAS', 'Juan Lopez', id, '1980-01-01', false],
      ['MONIKER', 'El Flaco', id, '1980-01-01', false],
    ]);
  });

  it("keys an organization's other names as organization values of the same item", () => {
    const keys = keysForItems({ kind: 'subjects', items: [{ id, kind: 'ORGANIZATION', name: 'Cártel del Golfo', orgType: 'DTO', aliases: ['Los Golfos'] }] }, options);
    expect(keys.exact.map((k) => [k.form ?? 'LEGAL', k.norm, k.itemId])).toEqual([['LEGAL', 'cartel golfo', id], ['ALIAS', 'golfos', id]]);
  });
});
