import { ORGANIZATION_VARIANTS, organizationVariant } from './organization-variants';
import { rngFor } from './random';

describe('organizationVariant', () => {
  const core = 'Comercializadora Calderón Hermanos';

  it.each([
    ['capitals', 'COMERCIALIZADORA CALDERÓN HERMANOS'],
    ['abbreviated', 'Comercializadora Calderón Hnos.'],
    ['trade dropped', 'Calderón Hermanos'],
  ] as const)('%s: %s', (variant, name) => expect(organizationVariant(core, variant, rngFor(1, 'x', 0))).toBe(name));

  it('writes the surname one edit off, keeping its first and last letters and the rest of the name', () => {
    for (let i = 0; i < 50; i += 1) {
      const [trade, surname, ending] = organizationVariant(core, 'surname typo', rngFor(1, 'typo', i)).split(' ');
      expect([trade, ending]).toEqual(['Comercializadora', 'Hermanos']);
      expect(surname).not.toBe('Calderón');
      expect([surname[0], surname[surname.length - 1]]).toEqual(['C', 'n']);
      expect(surname.length === 7 || [...surname].sort().join('') === [...'Calderón'].sort().join('')).toBe(true);
    }
  });

  it('abbreviates every ending the generator writes', () => {
    for (const ending of ['Hermanos', 'del Norte', 'Internacional', 'Express', 'y Asociados', 'Group']) {
      expect(organizationVariant(`Grupo Ruiz ${ending}`, 'abbreviated', rngFor(1, 'x', 0))).not.toBe(`Grupo Ruiz ${ending}`);
    }
    expect(ORGANIZATION_VARIANTS).toContain('abbreviated');
  });
});
