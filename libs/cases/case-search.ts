import { IDENTIFIER_TYPES } from '../contracts/case-items';
import { identifierNorms, KeyOptions, normalizeOrganization } from '../deconfliction/match-keys';
import { foldText, nameTokens } from '../deconfliction/normalize';

/**
 * What one search query is compared with, prepared the way deconfliction prepared the stored values: the query is
 * normalised here once, and PostgreSQL compares it with what is already stored and indexed (migration CaseSearch).
 */
export interface CaseSearchTerms {
  /** A `to_tsquery('simple', …)` text of folded words, each a prefix; null when nothing word-like is left. */
  textQuery: string | null;
  /** The query as a piece of a case number (upper case, no spaces), only when it holds a digit. */
  caseNumberPart: string | null;
  /** Folded name tokens (accents, order and particles set aside) a person subject must all have. */
  nameTokens: string[];
  /** A normalised organization name, as a piece of a stored one. */
  organization: string | null;
  /** Every identifier type the query can be read as, with its normalised value (a phone, a plate, an e-mail…). */
  identifiers: { type: string; norm: string }[];
}

/** LIKE wildcards in the query stand for themselves. */
const likeLiteral = (value: string) => value.replace(/[\\%_]/g, (ch) => `\\${ch}`);

export function caseSearchTerms(q: string, options: KeyOptions): CaseSearchTerms {
  const words = foldText(q).split(' ').filter(Boolean);
  const compact = q.trim().toUpperCase().replace(/\s+/g, '');
  const identifiers = IDENTIFIER_TYPES.flatMap((type) => (identifierNorms(type, q, null, options) ?? [])
    .filter((n) => !n.partial).map((n) => ({ type, norm: n.norm })));
  return {
    textQuery: words.length > 0 ? words.map((w) => `${w}:*`).join(' & ') : null,
    caseNumberPart: /\d/.test(compact) ? likeLiteral(compact) : null,
    nameTokens: nameTokens(q),
    organization: normalizeOrganization(q),
    identifiers,
  };
}
