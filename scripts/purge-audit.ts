import { purgeAuditLog } from '../libs/audit/audit-retention';
import { loadConfig } from '../libs/config/config';
import { createDataSource } from '../libs/db/data-source';

/**
 * Deletes audit entries older than AUDIT_RETENTION (default 365d), e.g. from a daily cron:
 *   node dist/scripts/purge-audit.js
 * It acts as the application role, which may only call purge_audit_log(); the database refuses a retention below
 * its floor and never deletes a younger entry. Prints what it removed; /audit/verify then starts at the anchor.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const dataSource = createDataSource({ url: config.databaseUrl, asAppRole: true, poolSize: 1, applicationName: 'casecoord-purge-audit' });
  await dataSource.initialize();
  try {
    const result = await purgeAuditLog(dataSource, config.auditRetentionMs, 'system:purge-audit');
    console.log(JSON.stringify({ msg: 'audit purge done', ...result }));
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  const err = error instanceof Error ? error.message : String(error);
  console.error(JSON.stringify({ level: 'error', msg: 'audit purge failed', err }));
  process.exit(1);
});
