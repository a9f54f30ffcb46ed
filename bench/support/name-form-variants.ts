import { foldText } from '../../libs/deconfliction/normalize';
import { givenNameVariants } from '../../libs/deconfliction/names/given-name-variants';
import type { PersonRow } from './generators';
import { pick, Rng } from './random';

/**
 * Name forms for the bench's nickname and transliteration query kinds (issue 21), ready for `personQueries` to use
 * once matching reads the given-name table and the transliteration keys: not yet in VARIANT_CLASSES, so today's
 * report is unchanged.
 */

/** Latin spellings another agency may write for the bench's Arabic names (article forms included). */
export const TRANSLITERATIONS: Record<string, string[]> = {
  Mohammed: ['Muhammad', 'Mohamed', 'Mohamad', 'Muhamed', 'Mouhamed'], Ahmed: ['Ahmad'], Ali: ['Aly'],
  Yusuf: ['Youssef', 'Yousef', 'Yousif', 'Jusuf'], Hussein: ['Husain', 'Hussain', 'Husayn', 'Hossein'],
  Hassan: ['Hasan', 'Hassen'], Khalid: ['Khaled'], Abdullah: ['Abdallah', 'Abd Allah', 'Abdulla'],
  Ibrahim: ['Ebrahim', 'Ibraheem'], Tariq: ['Tarik', 'Tarek', 'Tareq'],
  Haddad: ['Hadad', 'Al-Haddad', 'El Haddad'], Khalil: ['Khaleel', 'Al-Khalil'], Mansour: ['Mansur', 'Al Mansour'],
  Nasser: ['Nasir', 'Naser', 'Al-Nasser'], Saleh: ['Salih'], Hamdan: ['Hamdane'], Abboud: ['Aboud', 'Abbud'],
  Karam: ['Karram'],
};

/** The same names in Arabic script (a query typed from an Arabic-language document). */
export const ARABIC_SCRIPT: Record<string, string> = {
  Mohammed: 'محمد', Ahmed: 'أحمد', Ali: 'علي', Yusuf: 'يوسف', Hussein: 'حسين', Hassan: 'حسن', Khalid: 'خالد',
  Abdullah: 'عبد الله', Ibrahim: 'إبراهيم', Tariq: 'طارق', Haddad: 'حداد', Khalil: 'خليل', Mansour: 'منصور',
  Nasser: 'ناصر', Saleh: 'صالح', Hamdan: 'حمدان', Abboud: 'عبود', Karam: 'كرم',
};

/** One given name replaced by a nickname, short form or diminutive from the repository's table, or null. */
export function nicknameForm(p: PersonRow, rng: Rng): string | null {
  const known = p.given.map((name, i) => (givenNameVariants(foldText(name)).length > 0 ? i : -1)).filter((i) => i >= 0);
  if (known.length === 0) return null;
  const i = pick(rng, known);
  const given = [...p.given];
  given[i] = pick(rng, givenNameVariants(foldText(given[i])));
  return [...given, ...p.surnames].join(' ');
}

/** One Arabic name respelled (or, with `script`, every Arabic name written in Arabic script), or null. */
export function transliterationForm(p: PersonRow, rng: Rng, script = false): string | null {
  const parts = [...p.given, ...p.surnames];
  const known = parts.map((part, i) => (TRANSLITERATIONS[part] ? i : -1)).filter((i) => i >= 0);
  if (known.length === 0) return null;
  if (script) return parts.map((part) => ARABIC_SCRIPT[part] ?? part).join(' ');
  const i = pick(rng, known);
  parts[i] = pick(rng, TRANSLITERATIONS[parts[i]]);
  return parts.join(' ');
}
