import type { SubjectRecord } from './case-rows';
import { appendedForms, appendFormsProblems, MAX_FORMS_PER_SUBJECT } from './subject-forms-rules';

const person: SubjectRecord = {
  id: 's1', kind: 'PERSON', fullName: 'José Ángel Ruiz', dateOfBirth: null, nationality: null, name: null, orgType: null,
  aliases: ['Angel Ruiz Soto'], monikers: ['El Flaco'],
};
const organization: SubjectRecord = {
  id: 's2', kind: 'ORGANIZATION', fullName: null, dateOfBirth: null, nationality: null, name: 'Cártel del Golfo', orgType: 'DTO',
  aliases: [], monikers: [],
};
const many = (n: number) => Array.from({ length: n }, (_, i) => `Name ${String.fromCharCode(97 + (i % 26))}${i}`);

describe('appendFormsProblems', () => {
  it.each([
    ['a new alias and moniker', person, ['Pepe Ruiz'], ['Chato'], []],
    ['an alias repeating the legal name, accents folded', person, ['jose angel ruiz'], [], ['aliases']],
    ['a moniker repeating a stored alias', person, [], ['ANGEL RUIZ SOTO'], ['monikers']],
    ['an alias repeating a stored moniker', person, ['el flaco'], [], ['aliases']],
    ['a moniker on an organization', organization, [], ['La Compañía'], ['monikers']],
    ['an organization alias', organization, ['Los Del Golfo'], [], []],
    ['too many aliases counting the stored one', person, many(MAX_FORMS_PER_SUBJECT), [], ['aliases']],
    ['exactly the limit', person, many(MAX_FORMS_PER_SUBJECT - 1), [], []],
  ] as const)('%s', (_, subject, aliases, monikers, fields) => {
    expect(appendFormsProblems(subject, [...aliases], [...monikers]).map((p) => p.field)).toEqual(fields);
  });

  it('says what is wrong in English and Spanish', () => {
    const [problem] = appendFormsProblems(person, ['Jose Angel Ruiz'], []);
    expect(problem).toEqual({ field: 'aliases', en: '[0] is already a name of the subject', es: '[0] ya es un nombre del sujeto' });
  });
});

describe('appendedForms', () => {
  it('lists aliases then monikers under the subject', () => {
    expect(appendedForms('s1', ['A B'], ['C'])).toEqual([
      { subjectId: 's1', form: 'ALIAS', name: 'A B' }, { subjectId: 's1', form: 'MONIKER', name: 'C' },
    ]);
  });
});
