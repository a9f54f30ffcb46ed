import { normalizeOrganization } from './match-keys';
import { distinctiveWords, organizationMatch } from './organization-rules';

const THRESHOLD = 0.5;
const norm = (name: string) => normalizeOrganization(name)!;

describe('distinctiveWords', () => {
  it.each([
    ['Comercializadora Calderón Hermanos S.A. de C.V.', ['calderon']],
    ['Logística Villa Hnos.', ['villa']],
    ['Logística Cedillo Internacional S. de R.L.', ['cedillo']],
    ['Supply Castañeda y Asoc.', ['castaneda']],
    ['Border Tactical Supply LLC', ['border']],
    ['Cártel del Golfo', ['golfo']],
    ['Transportes y Servicios del Norte', []],
    ['Grupo Calderón Ramírez Internacional', ['calderon', 'ramirez']],
  ])('%s -> %p', (name, words) => expect(distinctiveWords(norm(name))).toEqual(words));
});

describe('organizationMatch: the words that tell two organizations apart must agree', () => {
  it.each([
    // Same company, written differently.
    ['Comercializadora Calderón Hermanos S.A. de C.V.', 'COMERCIALIZADORA CALDERON HERMANOS', true],
    ['Comercializadora Calderón Hermanos', 'Comercializadora Calderón Hnos.', true],
    ['Comercializadora Calderón Hermanos', 'Comercializadora Caldeon Hermanos', true],
    ['Transportes González Express', 'Transportes Gonzales Express', true],
    ['Grupo Calderón Ramírez', 'Grupo Calderón', true],
    ['Transportes Pineda Hermanos', 'Transportes Pinead Hermanos', true],
    ['Transportes Luna Hermanos', 'Transportes Lina Hermanos', true],
    ['Logística Ceillo Internacional', 'Logística Cedillo Internacional S. de R.L.', true],
    ['Outfitters Mares Nte.', 'Outfitters Mares del Norte', true],
    // Companies that share only generic words.
    ['Comercializadora Calderón Hermanos', 'Comercializadora Pineda Hermanos', false],
    ['Logística Villa Hermanos', 'Logística Ayala Hermanos Inc.', false],
    ['Transportes García Express', 'Transportes Garza Express', false],
    ['Transportes Pineda Express', 'Transportes Ponce Express', false],
    ['Grupo García López', 'Grupo García Pérez', false],
    // Nothing distinctive on one side: the whole name decides, as the blocking rule already did.
    ['Transportes y Servicios del Norte', 'Transportes Servicios Norte', true],
    ['Transportes del Norte', 'Transportes Calderón del Norte', true],
  ])('%s ~ %s: %p', (query, stored, same) => {
    expect(organizationMatch(norm(query), norm(stored), 0.65, THRESHOLD) !== null).toBe(same);
  });

  it('keeps the whole name\'s trigram as the score and says which words agreed, in both languages', () => {
    expect(organizationMatch('comercializadora calderon hermanos', 'comercializadora caldeon hermanos', 0.7777, THRESHOLD)).toEqual({
      score: 0.78,
      reason: 'organization name trigram 0.78; distinctive words calderon/caldeon 0.55, one letter apart',
      reasonEs: 'similitud de trigramas del nombre de la organización 0.78; palabras distintivas calderon/caldeon 0.55, a una letra',
    });
  });

  it('reads a name of generic words on its whole trigram alone', () => {
    expect(organizationMatch('transportes norte', 'transportes servicios norte', 0.6666, THRESHOLD)).toEqual({
      score: 0.67, reason: 'organization name trigram 0.67', reasonEs: 'similitud de trigramas del nombre de la organización 0.67',
    });
  });

  it.each([
    [0.45, true],
    [0.5, true],
    [0.55, false],
  ])('agrees at the configured threshold (calderon/caldera is 6/11, two edits apart; threshold %p: %p)', (threshold, same) => {
    expect(organizationMatch('calderon', 'caldera', 0.6, threshold) !== null).toBe(same);
  });
});
