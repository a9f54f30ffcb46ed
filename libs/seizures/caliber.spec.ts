import { normalizeCaliber } from './caliber';

describe('normalizeCaliber', () => {
  it.each([
    ['9mm', '9MM', '9mm pistols'], ['9 mm', '9MM', '9mm pistols'], ['9x19', '9MM', '9mm pistols'], ['9x19mm', '9MM', '9mm pistols'],
    ['9mm Luger', '9MM', '9mm pistols'], ['9 mm Parabellum', '9MM', '9mm pistols'],
    ['.38 Special', '.38', '.38 revolvers'], ['38 spl', '.38', '.38 revolvers'],
    ['5.7x28mm', '5.7MM', '5.7mm pistols'], ['5.7 mm', '5.7MM', '5.7mm pistols'], ['5.7X28', '5.7MM', '5.7mm pistols'],
    ['.223 Rem', '.223', '.223 rifles'], ['5.56x45 NATO', '.223', '.223 rifles'], ['5.56mm', '.223', '.223 rifles'],
    ['7.62x39', '7.62MM', '7.62mm rifles'], ['7.62 mm', '7.62MM', '7.62mm rifles'],
    ['.50 BMG', '.50', '.50 caliber rifles'], ['50 cal', '.50', '.50 caliber rifles'], ['12.7x99mm', '.50', '.50 caliber rifles'],
    ['.308 Win', '7.62X51MM', null], ['.45 ACP', '.45', null], ['.40 S&W', '.40', null], ['.380 ACP', '.380', null], ['12 gauge', '12GA', null],
  ])('%p -> %s', (raw, code, weaponType) => expect(normalizeCaliber(raw)).toEqual({ code, weaponType }));

  it.each(['', 'unknown', '6.5 Creedmoor', '9.3x62', 'nine'])('does not guess %p', (raw) => expect(normalizeCaliber(raw)).toBeNull());
});
