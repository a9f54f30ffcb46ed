/**
 * Keys that one Arabic (or Persian, Urdu, Turkish-Arabic) name reaches however it was written in Latin letters:
 * Yusuf/Youssef/Yousef/Yousif/Jusuf, Mohammed/Muhammad/Mohamed, Hussein/Husain/Husayn, Abdel/Abdul/Abd al-, the
 * article as Al-, El- or joined. Rules, not pairs: each rule covers a family of spellings. Input is one folded token
 * (`foldText`: a-z and digits); joining the article and "Abd" to the next word is done on the whole name
 * (transliteration-words.ts).
 */

const VOWEL = /[aeiou]/;

/** The article or "Abd al-" a token starts with, already written one way, and what follows it. */
export interface Parts { prefix: '' | 'al' | 'abdal'; rest: string }

/**
 * "Abd" with its article (Abdel-, Abdul-, Abdal-, and Abdur-Rahman, Abdus-Salam where the article took the next
 * consonant), and the article joined to a name (Alhassan, Elhassan, Ul-). "Al" before a vowel or an l is not read as
 * the article (Alan, Allen, Elena stay whole); the rest must be a name of its own (three letters or more).
 */
export function splitPrefix(token: string): Parts {
  const abd = /^abd[aeiou](?:l|(?=([b-df-hj-np-tv-xz])\1))(.{2,})$/.exec(token);
  if (abd) return { prefix: 'abdal', rest: abd[2] };
  const article = /^[aeou]l([b-df-hj-km-np-tv-xz].{2,})$/.exec(token);
  return article ? { prefix: 'al', rest: article[1] } : { prefix: '', rest: token };
}

/** Consonant spellings of one sound, each written as one letter (upper case for the digraphs kept apart). */
const CONSONANTS: [RegExp, string][] = [
  [/dj/g, 'j'], // French: Djamel, Djamila
  [/ch/g, 'sh'], // French: Cherif, Chaouki (Spanish ch is keyed the same on both sides, so it stays consistent)
  [/ph/g, 'f'], // Mustapha
  [/dh/g, 'z'], // Dhia/Zia, Dhaki/Zaki: dh is said z in most of the region
  [/ck|q|c/g, 'k'], // Qasim/Kasim/Kassem
  [/kh/g, 'X'], [/gh/g, 'G'], [/sh/g, 'S'], [/th/g, 'T'],
];

/** One spelling for the sounds that vary across conventions; vowels are left to the key. */
function respell(rest: string, initial: boolean): string {
  let s = rest;
  for (const [from, to] of CONSONANTS) s = s.replace(from, to);
  if (initial) s = s.replace(/^j(?=[aeiou])/, 'y'); // Jusuf, Jasmin, Jahja: j is y in Slavic and German spelling
  return s
    .replace(/ou(?=[aeiy])/g, 'w') // French ou before a vowel is w: Oualid, Ouassim
    .replace(/([aei])ou/g, '$1wu') // and after one: Daoud
    .replace(/(.)\1+/g, '$1'); // Youssef, Mohammed, Kareem: doubled letters are one
}

/** y is a consonant at the start and between two vowels (Yasser, Sayyid); elsewhere it is part of a vowel (Husayn, Aly). */
function vowelMask(s: string): boolean[] {
  return [...s].map((ch, i) => VOWEL.test(ch)
    || (ch === 'y' && i > 0 && !(VOWEL.test(s[i - 1] ?? '') && VOWEL.test(s[i + 1] ?? ''))));
}

/** o for a vowel with o or u in it (Ou, Io, Ue: Mario is not Maria, Josué is not José); a for the others. */
const vowelClass = (run: string) => (/[ou]/.test(run) ? 'o' : 'a');

/**
 * The Latin-spelling key: consonants respelled, and of the vowels only what the spellings agree on. The first vowel and a
 * final one keep their class (a/e/i versus o/u: Omar is not Amir, Hassan is not Hussein, Mario is not Maria); a vowel
 * in the middle is only "a vowel" (Mohammed/Muhammad, Yousef/Yusuf, Khaled/Khalid, Kareem/Karim).
 */
export function transliterationKey(token: string): string {
  const { prefix, rest } = splitPrefix(token);
  // Final h after a vowel: Abdullah/Abdulla, Fatimah/Fatima. Final e after -Vn is French and silent: Othmane, Amine.
  const s = respell(rest, prefix === '').replace(/([aeiouy])h$/, '$1').replace(/([aeiou]n)e$/, '$1');
  const isVowel = vowelMask(s);
  const runs: { text: string; vowel: boolean }[] = [];
  [...s].forEach((ch, i) => {
    const last = runs[runs.length - 1];
    if (last && last.vowel && isVowel[i]) last.text += ch;
    else runs.push({ text: ch, vowel: isVowel[i] });
  });
  const first = runs.find((r) => r.vowel);
  const body = runs.map((r, i) => {
    if (!r.vowel) return r.text;
    return r === first || i === runs.length - 1 ? vowelClass(r.text) : 'e';
  }).join('');
  return prefix ? `${prefix}-${body}` : body;
}

/**
 * The consonants only, as Arabic script writes a name without its short vowels: what a Latin spelling and a
 * transliteration from Arabic script (`toLatin`: يوسف -> ywsf) have in common. Long vowels written as w or y in the
 * script are dropped after the first letter, as Latin vowels are. Coarse on purpose (Hassan and Hussein both give
 * hsn): it compares a script name with Latin ones, not two Latin spellings.
 */
export function consonantSkeleton(token: string): string {
  const { prefix, rest } = splitPrefix(token);
  const consonants = (prefix === 'abdal' ? 'bdl' : prefix === 'al' ? 'l' : '') + respell(rest, prefix === '').replace(/[aeiou]/g, '');
  return (consonants.slice(0, 1) + consonants.slice(1).replace(/[wy]/g, '')).replace(/(.)\1+/g, '$1');
}

/**
 * The keys one name token is compared on (see the names notes): its key and, for a token with the article or "Abd
 * al-" joined (Alhassan), the key of the name after it, so the token still meets the name written apart
 * ("Al Hassan": tokens al and hassan) or without the article.
 */
export function tokenTransliterationKeys(token: string): string[] {
  const { prefix, rest } = splitPrefix(token);
  return [...new Set([transliterationKey(token), ...(prefix ? [transliterationKey(rest)] : [])])].sort();
}
