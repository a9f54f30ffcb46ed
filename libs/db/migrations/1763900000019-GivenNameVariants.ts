import { MigrationInterface, QueryRunner } from 'typeorm';
import { readGivenNameVariants } from '../../deconfliction/names/given-name-variants';

/**
 * Given names and their nicknames, short forms and diminutives (Ignacio/Nacho, Robert/Bob), read from the tables kept
 * in the repository (libs/deconfliction/names/data, sources in its README) and folded as matching folds name tokens.
 * Looked up from a token either way: by canonical name (the primary key leads with it) and by variant (index).
 * Matching does not read it yet (see the names notes: the nickname agreement is wired by the person-matching work).
 */
export class GivenNameVariants1763900000019 implements MigrationInterface {
  name = 'GivenNameVariants1763900000019';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE given_name_variants (
        canonical_folded text NOT NULL CHECK (canonical_folded ~ '^[a-z]{2,}$'),
        variant_folded text NOT NULL CHECK (variant_folded ~ '^[a-z]{2,}$' AND variant_folded <> canonical_folded),
        language text NOT NULL CHECK (language IN ('en', 'es')),
        kind text NOT NULL CHECK (kind IN ('nickname', 'short form', 'diminutive')),
        PRIMARY KEY (canonical_folded, variant_folded, language)
      )`);
    await q.query(`CREATE INDEX given_name_variants_variant ON given_name_variants (variant_folded)`);
    await q.query(`GRANT SELECT ON given_name_variants TO casecoord_app`);
    await refillGivenNameVariants(q);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS given_name_variants`);
  }
}

/**
 * Replaces the rows with the files' current content. A later migration that ships edited tables calls this again:
 * editing a file does not change a database that already ran this migration.
 */
export async function refillGivenNameVariants(q: QueryRunner): Promise<number> {
  const rows = readGivenNameVariants();
  await q.query(`DELETE FROM given_name_variants`);
  await q.query(
    `INSERT INTO given_name_variants (canonical_folded, variant_folded, language, kind)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])`,
    [rows.map((r) => r.canonical), rows.map((r) => r.variant), rows.map((r) => r.language), rows.map((r) => r.kind)],
  );
  return rows.length;
}
