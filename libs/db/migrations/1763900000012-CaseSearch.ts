import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Case search (GET /cases/search): titles and summaries through a full-text index with accents folded, case numbers
 * by trigram, subject names through the tokens deconfliction already stores (person_keys), identifiers through
 * match_keys (exact type and normalised value, already indexed). unaccent is only STABLE, so the index goes through an
 * IMMUTABLE wrapper that names its dictionary (the usual way to index it).
 */
export class CaseSearch1763900000012 implements MigrationInterface {
  name = 'CaseSearch1763900000012';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION case_search_text(title text, summary text) RETURNS tsvector
      LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$ SELECT to_tsvector('simple'::regconfig,
        public.unaccent('public.unaccent'::regdictionary, coalesce(title, '') || ' ' || coalesce(summary, ''))) $$`);
    await q.query(`CREATE INDEX cases_search_text ON cases USING gin (case_search_text(title, summary))`);
    await q.query(`CREATE INDEX cases_number_trgm ON cases USING gin (case_number gin_trgm_ops)`);
    await q.query(`CREATE INDEX person_keys_tokens ON person_keys USING gin (tokens)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS person_keys_tokens`);
    await q.query(`DROP INDEX IF EXISTS cases_number_trgm`);
    await q.query(`DROP INDEX IF EXISTS cases_search_text`);
    await q.query(`DROP FUNCTION IF EXISTS case_search_text(text, text)`);
  }
}
