import { remembered } from './remembered';

describe('remembered', () => {
  it('computes each token once and answers the same value after', () => {
    const asked: string[] = [];
    const upper = remembered((token) => { asked.push(token); return token.toUpperCase(); });
    expect(['ana', 'luis', 'ana', 'ana'].map(upper)).toEqual(['ANA', 'LUIS', 'ANA', 'ANA']);
    expect(asked).toEqual(['ana', 'luis']);
  });

  it('forgets everything at its limit, so memory stays bounded, and still answers right', () => {
    const asked: string[] = [];
    const length = remembered((token) => { asked.push(token); return token.length; }, 2);
    expect(['ana', 'luis', 'eva', 'ana'].map(length)).toEqual([3, 4, 3, 3]);
    // "eva" found two remembered: they were forgotten, so "ana" is computed again.
    expect(asked).toEqual(['ana', 'luis', 'eva', 'ana']);
  });
});
