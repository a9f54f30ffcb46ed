import { ARABIC_SCRIPT, TRANSLITERATIONS } from '../../bench/support/name-form-variants';
import { personSkeleton, wordSkeleton } from './person-skeletons';

describe('personSkeleton: one blocking key for a name however it was transliterated or written', () => {
  it.each([
    ['Yusuf Haddad', ['يوسف حداد', 'Youssef Al-Haddad', 'Yousef El Haddad', 'Jusuf Hadad', 'Юсуф Хаддад']],
    ['Mohammed Mansour', ['محمد منصور', 'Muhammad Al Mansour', 'Mohamed Mansur']],
    ['Abdullah Nasser', ['عبد الله ناصر', 'Abd Allah Nasir', 'Abdallah Al-Nasser', 'Abdulla Naser']],
    ['Ibrahim Khalil', ['إبراهيم خليل', 'Ebrahim Khaleel', 'Ibraheem Al-Khalil']],
    ['Tariq Saleh', ['طارق صالح', 'Tarek Salih', 'Tareq Saleh']],
  ])('%s and its other spellings share the name and its pair', (name, others) => {
    const key = personSkeleton(name);
    for (const other of others) expect([other, personSkeleton(other)]).toEqual([other, key]);
  });

  it.each(Object.entries(ARABIC_SCRIPT))('%s in Arabic script has the skeleton of every Latin spelling the bench writes', (latin, script) => {
    const expected = personSkeleton(script).name;
    for (const spelling of [latin, ...TRANSLITERATIONS[latin]]) expect([spelling, personSkeleton(spelling).name]).toEqual([spelling, expected]);
  });

  it.each([
    ['Khalid Nasser', 'Khalil Nasser'], ['Tariq Saleh', 'Tariq Salim'], ['Hamdan Karam', 'Hamid Karam'],
  ])('%s and %s differ', (a, b) => {
    expect(personSkeleton(a).name).not.toBe(personSkeleton(b).name);
  });

  it('pairs two different words, sorted, and a one-word name has no pair', () => {
    expect(personSkeleton('Mohammed Ali Haddad')).toEqual({ name: 'hd l mhmd', pairs: ['hd|l', 'hd|mhmd', 'l|mhmd'] });
    expect(personSkeleton('Chapo')).toEqual({ name: 'Sp', pairs: [] });
    expect(personSkeleton('José de la Cruz')).toEqual({ name: 'krz ys', pairs: ['krz|ys'] }); // initial j before a vowel is y (Jusuf)
  });

  it('drops the article, keeps "Abd al-", and shares the skeleton of Hassan and Hussein (the token rules keep them apart)', () => {
    expect(['alhaddad', 'elhaddad', 'haddad'].map(wordSkeleton)).toEqual(['hd', 'hd', 'hd']);
    expect(['abdullah', 'abdulla', 'aabdllh'].map(wordSkeleton)).toEqual(['bdl', 'bdl', 'bdl']);
    expect(wordSkeleton('hassan')).toBe(wordSkeleton('hussein'));
  });
});
