import { AlignedPair } from '../person-tokens';
import { alignedSimilarity, tokenSimilarity } from './aligned-spelling';

const pair = (i: number, j: number, kind: AlignedPair['kind']): AlignedPair => ({ i, j, kind });

describe('alignedSimilarity: the spelling once tokens that agreed as another form are written alike', () => {
  it.each([
    ['a nickname', ['collins', 'marilyn'], ['collins', 'mary'], [pair(0, 0, 'exact'), pair(1, 1, 'nickname')]],
    ['another transliteration', ['haddad', 'yousif'], ['haddad', 'yusuf'], [pair(0, 0, 'exact'), pair(1, 1, 'transliteration')]],
    ['a typo', ['jose', 'rmairez'], ['jose', 'ramirez'], [pair(0, 0, 'exact'), pair(1, 1, 'typo')]],
    ['a sound-alike one edit apart', ['jose', 'rmairez'], ['jose', 'ramirez'], [pair(0, 0, 'exact'), pair(1, 1, 'sound')]],
    ['a sound-alike spelling of one transliterated name', ['contreras', 'muhammad'], ['contreras', 'mohammed'], [pair(0, 0, 'exact'), pair(1, 1, 'sound')]],
  ])('rewrites %s, so the names read the same', (_, query, stored, pairs) => {
    expect(alignedSimilarity(query, stored, pairs)).toBe(1);
    expect(tokenSimilarity(query, stored)).toBeLessThan(0.7);
  });

  it('keeps names that only sound alike apart (Hassan/Hussein), and says nothing when nothing was rewritten', () => {
    expect(alignedSimilarity(['haddad', 'hassan'], ['haddad', 'hussein'], [pair(0, 0, 'exact'), pair(1, 1, 'sound')])).toBe(0);
    expect(alignedSimilarity(['garcia', 'jose'], ['garcia', 'jose'], [pair(0, 0, 'exact'), pair(1, 1, 'exact')])).toBe(0);
  });

  it('leaves tokens that agreed with nothing as they are', () => {
    const partial = alignedSimilarity(['collins', 'marilyn', 'rose'], ['collins', 'mary', 'ann'], [pair(0, 0, 'exact'), pair(1, 1, 'nickname')]);
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(1);
  });
});
