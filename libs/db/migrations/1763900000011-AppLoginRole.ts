import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The API and worker log in as `casecoord_app` itself (or a member of it) instead of switching to it from the
 * superuser, so the role gets what a login needs and nothing that reaches past its grants. Its password is set
 * outside migrations (libs/db/app-login.ts), because it is a secret of the installation, not of the schema.
 * Role attributes are cluster-wide and need CREATEROLE: a migrator without it leaves them as they are (notice).
 */
export class AppLoginRole1763900000011 implements MigrationInterface {
  name = 'AppLoginRole1763900000011';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      DO $$
      BEGIN
        EXECUTE format('GRANT CONNECT ON DATABASE %I TO casecoord_app', current_database());
        BEGIN
          ALTER ROLE casecoord_app NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;
        EXCEPTION WHEN insufficient_privilege THEN
          RAISE NOTICE 'could not restrict casecoord_app: %', SQLERRM;
        END;
      END $$`);
    // PostgreSQL 15+ already withholds CREATE on public from PUBLIC; older servers (a deployment's own) grant it,
    // which would let the app role create objects of its own.
    await q.query(`REVOKE CREATE ON SCHEMA public FROM PUBLIC`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DO $$
      BEGIN
        EXECUTE format('REVOKE CONNECT ON DATABASE %I FROM casecoord_app', current_database());
        BEGIN
          ALTER ROLE casecoord_app NOLOGIN;
        EXCEPTION WHEN insufficient_privilege THEN
          RAISE NOTICE 'could not change casecoord_app: %', SQLERRM;
        END;
      END $$`);
    // CREATE on public is not handed back to PUBLIC: that default was a hole, and PostgreSQL 15+ removed it too.
  }
}
