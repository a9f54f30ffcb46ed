import { constraintMessage, pickLang, problem, render } from './problem';

describe('pickLang', () => {
  it.each([
    [undefined, 'en'],
    ['', 'en'],
    ['es', 'es'],
    ['es-MX,es;q=0.9,en;q=0.8', 'es'],
    ['en-US,en;q=0.9,es;q=0.8', 'en'],
    ['fr-CA, es;q=0.5', 'es'],
    ['es;q=0, en', 'en'],
    ['en;q=0.2, es;q=0.7', 'es'],
    [['de', 'es'], 'es'],
  ])('%p -> %s', (header, lang) => expect(pickLang(header)).toBe(lang));
});

describe('problem', () => {
  it.each([
    [404, 'en', 'Not found'],
    [404, 'es', 'No encontrado'],
    [415, 'es', 'Tipo de contenido no admitido'],
    [418, 'en', 'Invalid request'],
    [502, 'es', 'Error interno'],
  ] as const)('%d in %s is titled %s', (status, lang, title) => {
    expect(problem(status, lang, 'd')).toMatchObject({ status, title, detail: 'd' });
  });
});

describe('messages', () => {
  it('fills placeholders', () => {
    expect(render({ en: 'case {n} closed', es: 'caso {n} cerrado' }, 'es', { n: 'ICE-2026-000001' })).toBe('caso ICE-2026-000001 cerrado');
  });
  it.each([
    ['isString', 'en', 'fullName must be a string', 'fullName must be a string'],
    ['isString', 'es', 'fullName must be a string', 'debe ser una cadena de texto'],
    ['whitelistValidation', 'en', 'property x should not exist', 'is not an allowed field'],
    ['someCustom', 'es', 'custom text', 'custom text'],
  ] as const)('%s in %s', (constraint, lang, fallback, expected) => {
    expect(constraintMessage(constraint, fallback, lang)).toBe(expected);
  });
});
