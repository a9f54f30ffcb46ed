import { trigrams, trigramSimilarity } from './names/name-form-keys';
import { editDistanceAtMost2 } from './person-tokens';
import { Scored } from './scoring';

/**
 * Words that say what kind of business or group a name is, not which one (folded, as normalizeOrganization writes
 * them; legal forms and articles are already dropped there). Two companies that share them and nothing else are not
 * the same company: at 1,000,000 stored identifiers "Comercializadora Calderón Hermanos" met 453 stored names on the
 * whole name's trigram alone ("Comercializadora Pineda Hermanos" 0.63), each a hit with two agents notified.
 */
const GENERIC_WORDS = new Set([
  // Spanish: trades, kinds of firm, family and partnership words, places a name only qualifies.
  'transportes', 'transporte', 'transportadora', 'autotransportes', 'fletes', 'carga', 'comercializadora', 'comercial',
  'comercio', 'importadora', 'exportadora', 'importaciones', 'exportaciones', 'logistica', 'logisticos', 'grupo',
  'servicios', 'servicio', 'distribuidora', 'distribuciones', 'agricola', 'agropecuaria', 'constructora',
  'construcciones', 'inmobiliaria', 'industrias', 'industrial', 'aduanal', 'agencia', 'almacenes', 'negocios', 'empresa',
  'empresas', 'corporativo', 'corporacion', 'consultores', 'consultoria', 'soluciones', 'compania', 'cia', 'hermanos',
  'hnos', 'hijos', 'asociados', 'socios', 'internacional', 'nacional', 'global', 'norte', 'sur', 'oriente', 'poniente',
  'centro', 'mexicana', 'mexicano', 'express', 'expres',
  // How registers and agents shorten those words, and legal forms normalizeOrganization keeps.
  'asoc', 'grp', 'exp', 'nte', 'dist', 'distr', 'servs', 'transp', 'natl', 'sc', 'ac', 'sas', 'spr', 'gmbh', 'plc',
  'lp', 'llp', 'pllc',
  // English.
  'freight', 'holdings', 'holding', 'trading', 'traders', 'imports', 'import', 'importers', 'exports', 'export',
  'exporters', 'logistics', 'outfitters', 'tactical', 'supply', 'supplies', 'group', 'international', 'intl', 'services',
  'service', 'solutions', 'enterprises', 'enterprise', 'industries', 'sons', 'brothers', 'bros', 'partners', 'associates',
  'national', 'north', 'south', 'east', 'west', 'usa', 'american', 'shipping', 'cargo', 'trucking', 'transport',
  'transportation', 'distribution', 'distributors', 'sales', 'sporting', 'goods', 'arms', 'armory', 'firearms', 'guns',
  'ammunition', 'outdoors', 'pawn', 'shop', 'store', 'motors', 'auto', 'management', 'consulting', 'investments',
  'ventures', 'and', 'of',
  // Criminal groups: what they are, not which.
  'cartel', 'organizacion', 'banda', 'clica', 'gang', 'crew',
]);

/**
 * The words of a normalized organization name that tell it apart from others of its kind, in order. A single letter
 * is not one: it is an initial or what a legal form leaves ("S. de R.L." is normalized to "s"), and left in, it made
 * "Cedillo S." and a typo of "Cedillo" two edits apart.
 */
export function distinctiveWords(norm: string): string[] {
  return norm.split(' ').filter((word) => word.length > 1 && !GENERIC_WORDS.has(word));
}

/**
 * Whether a stored organization that met the query on the whole name's trigram (the blocking rule, at
 * ORGANIZATION_MATCH_THRESHOLD) is the same organization: the words that tell the two apart must agree as well, compared
 * as pg_trgm would at ORGANIZATION_DISTINCTIVE_THRESHOLD ("Calderón" and "Caldeon", 0.55), or one edit apart (a typo in
 * a short surname: "Pineda" and "Pinead" share only 0.40 of their trigrams), while another surname does not agree
 * ("Calderón" and "Pineda", "García" and "Garza"). A name made of generic words only ("Transportes del Norte") has
 * nothing to compare and stands on the whole name, as before. Null: not a match.
 */
export function organizationMatch(query: string, stored: string, wholeTrigram: number, distinctiveThreshold: number): Scored | null {
  const [own, theirs] = [distinctiveWords(query).join(' '), distinctiveWords(stored).join(' ')];
  const whole = `organization name trigram ${wholeTrigram.toFixed(2)}`;
  const wholeEs = `similitud de trigramas del nombre de la organización ${wholeTrigram.toFixed(2)}`;
  const score = Math.round(wholeTrigram * 100) / 100;
  if (own === '' || theirs === '') return { score, reason: whole, reasonEs: wholeEs };
  const distinctive = trigramSimilarity(trigrams(own), trigrams(theirs));
  const oneEdit = editDistanceAtMost2(own, theirs) === 1;
  if (distinctive < distinctiveThreshold && !oneEdit) return null;
  const words = `${own}/${theirs} ${distinctive.toFixed(2)}`;
  return {
    score,
    reason: `${whole}; distinctive words ${words}${oneEdit ? ', one letter apart' : ''}`,
    reasonEs: `${wholeEs}; palabras distintivas ${words}${oneEdit ? ', a una letra' : ''}`,
  };
}
