import { readFileSync } from 'node:fs';
import path from 'node:path';
import { foldText } from '../normalize';

/**
 * Given names and their nicknames, short forms and diminutives (Ignacio/Nacho, Robert/Bob), kept as data in
 * `data/*.csv` (sources and licences in data/README.md) and read here. Values are folded the way person matching folds
 * names (`foldText`), so a row joins the tokens `nameTokens` makes. Migration GivenNameVariants loads the same rows
 * into PostgreSQL; this module is their copy for pure rules, specs and the bench.
 */

export const GIVEN_NAME_LANGUAGES = ['en', 'es'] as const;
export const GIVEN_NAME_VARIANT_KINDS = ['nickname', 'short form', 'diminutive'] as const;
export type GivenNameLanguage = (typeof GIVEN_NAME_LANGUAGES)[number];
export type GivenNameVariantKind = (typeof GIVEN_NAME_VARIANT_KINDS)[number];

/** One row, folded: `variant` is a nickname, short form or diminutive of `canonical`. */
export interface GivenNameVariantRow {
  canonical: string;
  variant: string;
  language: GivenNameLanguage;
  kind: GivenNameVariantKind;
}

const HEADER = 'canonical,variant,language,kind';

/**
 * Beside this file in the sources and in dist/ (nest-cli.json copies data/*.csv there), so the migration finds them
 * whether it runs from TypeScript (tests) or from the build (start, the Docker image).
 */
export const GIVEN_NAME_VARIANT_FILES = ['given-name-variants-en.csv', 'given-name-variants-es.csv']
  .map((file) => path.join(__dirname, 'data', file));

const isLanguage = (value: string): value is GivenNameLanguage => (GIVEN_NAME_LANGUAGES as readonly string[]).includes(value);
const isKind = (value: string): value is GivenNameVariantKind => (GIVEN_NAME_VARIANT_KINDS as readonly string[]).includes(value);

/** One name token as matching keeps it (`nameTokens` drops one-letter tokens), or null. */
function foldedToken(written: string): string | null {
  const folded = foldText(written);
  return /^[a-z]{2,}$/.test(folded) ? folded : null;
}

/**
 * Parses one table. A malformed row throws naming its line: a bad edit of the data fails the spec and the migration,
 * it never reaches matching as a half-read table.
 */
export function parseGivenNameVariants(csv: string, source = 'given-name variants'): GivenNameVariantRow[] {
  const lines = csv.replace(/\r/g, '').split('\n');
  if (lines[0] !== HEADER) throw new Error(`${source}: the first line must be "${HEADER}"`);
  return lines.slice(1).flatMap((line, i) => {
    if (line.trim() === '') return [];
    const [canonical, variant, language, kind, ...extra] = line.split(',').map((field) => field.trim());
    const [c, v] = [foldedToken(canonical ?? ''), foldedToken(variant ?? '')];
    if (extra.length > 0 || !c || !v || c === v || !isLanguage(language ?? '') || !isKind(kind ?? '')) {
      throw new Error(`${source}, line ${i + 2}: expected one-word canonical and variant names, en|es and a kind, got "${line}"`);
    }
    return [{ canonical: c, variant: v, language: language as GivenNameLanguage, kind: kind as GivenNameVariantKind }];
  });
}

/** Every table's rows, without duplicates (a pair listed twice in one language is one row). */
export function readGivenNameVariants(files: string[] = GIVEN_NAME_VARIANT_FILES): GivenNameVariantRow[] {
  const rows = new Map<string, GivenNameVariantRow>();
  for (const file of files) {
    for (const row of parseGivenNameVariants(readFileSync(file, 'utf8'), path.basename(file))) {
      rows.set(`${row.canonical},${row.variant},${row.language}`, row);
    }
  }
  return [...rows.values()];
}

/** How two given names are related through the table. */
export interface GivenNameLink { canonical: string; kind: GivenNameVariantKind; language: GivenNameLanguage }

const addTo = <V>(map: Map<string, V[]>, key: string, value: V) => map.set(key, [...(map.get(key) ?? []), value]);

/** The rows indexed both ways. */
export class GivenNameVariantTable {
  private readonly byCanonical = new Map<string, GivenNameVariantRow[]>();
  private readonly byVariant = new Map<string, GivenNameVariantRow[]>();

  constructor(rows: GivenNameVariantRow[]) {
    for (const row of rows) {
      addTo(this.byCanonical, row.canonical, row);
      addTo(this.byVariant, row.variant, row);
    }
  }

  /** The names one row away: a canonical name's variants and a variant's canonical names. */
  variants(folded: string): string[] {
    const linked = [
      ...(this.byCanonical.get(folded) ?? []).map((r) => r.variant),
      ...(this.byVariant.get(folded) ?? []).map((r) => r.canonical),
    ];
    return [...new Set(linked)].filter((name) => name !== folded).sort();
  }

  /**
   * The row linking two names, either way round (Nacho/Ignacio, Ignacio/Nacho), or null. Only a direct row links:
   * two variants of one name (Bob, Robby) are not linked to each other, because the English list also holds rows
   * the other way round (Bill has the nicknames Robert and William), and chaining through them would make Robert and
   * William, or Roberto and Alberto through Beto, one name.
   */
  link(a: string, b: string): GivenNameLink | null {
    const row = (this.byCanonical.get(a) ?? []).find((r) => r.variant === b)
      ?? (this.byCanonical.get(b) ?? []).find((r) => r.variant === a);
    return row ? { canonical: row.canonical, kind: row.kind, language: row.language } : null;
  }
}

let repositoryTable: GivenNameVariantTable | undefined;

/** The table kept in the repository, read once. */
export function givenNameVariantTable(): GivenNameVariantTable {
  repositoryTable ??= new GivenNameVariantTable(readGivenNameVariants());
  return repositoryTable;
}

/** The names one row away from a folded given name in the repository's table (Nacho -> Ignacio; Ignacio -> Nacho, ...). */
export function givenNameVariants(folded: string, table: GivenNameVariantTable = givenNameVariantTable()): string[] {
  return table.variants(folded);
}
