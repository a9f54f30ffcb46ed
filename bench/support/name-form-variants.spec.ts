import { foldText, nameTokens } from '../../libs/deconfliction/normalize';
import { givenNameVariantTable } from '../../libs/deconfliction/names/given-name-variants';
import { tokenTransliterationKeys } from '../../libs/deconfliction/names/transliteration-key';
import { skeletonKeys, transliterationKeys } from '../../libs/deconfliction/names/transliteration-words';
import type { PersonRow } from './generators';
import { ARABIC_SCRIPT, nicknameForm, TRANSLITERATIONS, transliterationForm } from './name-form-variants';
import { rngFor } from './random';
import { ARABIC_GIVEN, ARABIC_SURNAMES } from './vocabulary';

const person = (given: string[], surnames: string[]): PersonRow => ({
  id: 'p', caseIndex: 0, given, surnames, fullName: [...given, ...surnames].join(' '), dob: null,
});
const tokenKeys = (name: string) => new Set(nameTokens(name).flatMap(tokenTransliterationKeys));

describe('bench name forms (issue 21)', () => {
  it('every Arabic name of the vocabulary has Latin spellings and an Arabic-script form', () => {
    for (const name of [...ARABIC_GIVEN, ...ARABIC_SURNAMES]) {
      expect([name, TRANSLITERATIONS[name]?.length ?? 0]).not.toEqual([name, 0]);
      expect([name, typeof ARABIC_SCRIPT[name]]).toEqual([name, 'string']);
    }
  });

  // Token by token, or (Abd Allah written in two words) by the keys of the whole name.
  it.each(Object.entries(TRANSLITERATIONS))('the spellings of %s reach its transliteration keys', (name, spellings) => {
    const keys = tokenKeys(name);
    for (const spelling of spellings) {
      const meets = [...tokenKeys(spelling)].some((k) => keys.has(k))
        || transliterationKeys(spelling).join() === transliterationKeys(name).join();
      expect([spelling, meets]).toEqual([spelling, true]);
    }
  });

  it.each(Object.entries(ARABIC_SCRIPT))('%s in Arabic script shares its consonant skeleton', (name, script) => {
    expect(skeletonKeys(script)).toEqual(skeletonKeys(name));
  });

  it.each([0, 1, 2, 3, 4, 5])('a nickname form (draw %i) changes one given name to a linked one', (draw) => {
    const p = person(['Ignacio', 'Guillermo'], ['Martínez', 'Gómez']);
    const form = nicknameForm(p, rngFor(7, 'names', draw));
    const given = foldText(form ?? '').split(' ').slice(0, 2);
    const changed = given.map((g, i) => [foldText(p.given[i]), g]).filter(([a, b]) => a !== b);
    expect(changed).toHaveLength(1);
    expect(givenNameVariantTable().link(changed[0][0], changed[0][1])).not.toBeNull();
  });

  it('no form when no name is known', () => {
    const p = person(['Zzyzx'], ['Qwerty']);
    expect(nicknameForm(p, rngFor(7, 'names', 0))).toBeNull();
    expect(transliterationForm(p, rngFor(7, 'names', 0))).toBeNull();
  });

  it('a transliteration form respells one Arabic name; the script form writes them all in Arabic', () => {
    const p = person(['Yusuf'], ['Haddad', 'Gómez']);
    const form = transliterationForm(p, rngFor(7, 'names', 0)) ?? '';
    expect(form).not.toBe(p.fullName);
    expect(form.endsWith('Gómez')).toBe(true);
    expect(transliterationForm(p, rngFor(7, 'names', 0), true)).toBe('يوسف حداد Gómez');
  });
});
