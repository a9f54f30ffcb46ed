import { foldText } from '../normalize';
import { isTransliterationOf, isVowelless, nameFormKeys, nameFormProbeKeys, skeletonSimilarity } from './name-form-keys';
import { toLatin } from './transliteration-words';

const token = (written: string) => foldText(toLatin(written));

describe('isTransliterationOf: a family of spellings of one name links either way', () => {
  it.each([
    ['Yusuf', ['Youssef', 'Yousef', 'Yousif', 'Jusuf', 'يوسف', 'Юсуфф']], // Cyrillic Юсуф is yusuf itself,
    ['Mohammed', ['Muhammad', 'Mohamed', 'Mouhamed', 'محمد']],
    ['Hussein', ['Husain', 'Husayn', 'Hossein', 'حسين']],
    ['Hassan', ['Hasan', 'Hassen', 'حسن']],
    ['Alhassan', ['Elhassan', 'Hassan', 'Ulhassan']], // the article joined, or dropped
    ['Abdelrahman', ['Abdulrahman', 'Abdurrahman', 'Rahman']],
    ['Khalid', ['Khaled', 'خالد']],
    ['Qasim', ['Kasim', 'Kassem']],
    ['Jamal', ['Djamel']],
    ['Walid', ['Oualid', 'Waleed']],
    ['Ahmed', ['Ahmad', 'أحمد']],
  ])('%s and its spellings', (name, spellings) => {
    for (const spelling of spellings) {
      expect([spelling, isTransliterationOf(token(name), token(spelling))]).toEqual([spelling, true]);
      expect([spelling, isTransliterationOf(token(spelling), token(name))]).toEqual([spelling, true]);
    }
  });
  it.each([
    ['Hassan', 'Hussein'], ['Omar', 'Amir'], ['Mario', 'Maria'], ['Juan', 'Juana'], ['Jose', 'Josue'],
    ['Mendoza', 'Mendez'], ['Hernandez', 'Fernandez'], ['Garcia', 'Garza'], ['Robert', 'Roberto'],
    ['Hassan', 'Hassan'], // the same spelling is an exact agreement, not another transliteration
  ])('%s and %s are not linked', (a, b) => {
    expect(isTransliterationOf(token(a), token(b))).toBe(false);
    expect(isTransliterationOf(token(b), token(a))).toBe(false);
  });
  it('links Arabic script to Latin spellings only by the skeleton, not two Latin spellings sharing it', () => {
    expect(isTransliterationOf('hassan', 'hsn')).toBe(true);
    expect(isTransliterationOf('hussein', 'hsn')).toBe(true);
    expect(isTransliterationOf('hassan', 'hussein')).toBe(false);
  });
});

describe('nameFormKeys / nameFormProbeKeys', () => {
  it.each([
    ['youssef', ['S:ysf', 'T:yosef'], ['T:yosef', 'V:ysf']],
    ['alhassan', ['S:lhsn', 'T:al-hasen', 'T:hasen'], ['T:al-hasen', 'T:hasen', 'V:lhsn']],
    ['ywsf', ['S:ysf', 'T:ywsf', 'V:ysf'], ['S:ysf', 'T:ywsf']],
  ])('%s stores %j and probes %j', (t, stored, probe) => {
    expect(nameFormKeys(t)).toEqual(stored);
    expect(nameFormProbeKeys(t)).toEqual(probe);
  });
  it.each([['ywsf', true], ['mhmd', true], ['ahmd', true], ['hsyn', true], ['ahmed', false], ['x', false], ['lopez', false]])(
    'isVowelless(%s) = %s', (t, expected) => expect(isVowelless(t)).toBe(expected));
});

describe('skeletonSimilarity (spelling similarity for a name written without short vowels)', () => {
  const tokens = (written: string) => token(written).split(' ');
  it.each([
    ['محمد عبود', 'Mohammed Abboud', 1],
    ['يوسف حداد', 'Yusuf Haddad', 1],
    ['حسين Estrada', 'Hussein Estrada', 1],
    ['طارق ناصر', 'Tariq Nasser', 1],
  ])('%s against %s: %p', (script, latin, expected) => expect(skeletonSimilarity(tokens(script), tokens(latin))).toBeCloseTo(expected));
  it.each([['محمد عبود', 'Ahmed Karam'], ['يوسف حداد', 'Hassan Khalil']])('%s against %s: low', (script, latin) => {
    expect(skeletonSimilarity(tokens(script), tokens(latin))).toBeLessThan(0.3);
  });
});
