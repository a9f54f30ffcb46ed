import { loadSecretsKeys } from '../libs/config/secrets-keys';
import { createDataSource } from '../libs/db/data-source';
import { rekeySecrets, secretsInventory } from '../libs/secrets/secrets-rekey';

/** Exit status when a stored value is under a key SECRETS_KEYS no longer lists (nothing was changed). */
const REFUSED = 2;
const DEFAULT_BATCH = 500;

/**
 * After a SECRETS_KEYS rotation (the new key listed first, the old one still listed), re-seals every stored TOTP and
 * webhook secret with the new key, so the old one can be dropped:
 *   npm run secrets:rekey -- [--check] [--batch-size=N]      (node dist/scripts/secrets-rekey.js in the image)
 * `--check` only counts the values per key id. It connects as the schema owner (MIGRATION_DATABASE_URL, else
 * DATABASE_URL): the app role may not update watch-desk contacts in place. It refuses, changing nothing, when a value
 * is under a key no longer listed; run it again after an interruption: it picks up what is left.
 */
async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const checkOnly = args.includes('--check');
  const batchArg = args.find((a) => a.startsWith('--batch-size='));
  const batchSize = batchArg ? Number(batchArg.slice('--batch-size='.length)) : DEFAULT_BATCH;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error('--batch-size must be a positive whole number');
  const unknown = args.filter((a) => a !== '--check' && a !== batchArg);
  if (unknown.length) throw new Error(`unknown argument(s) ${unknown.join(' ')}; usage: secrets-rekey [--check] [--batch-size=N]`);
  const url = process.env.MIGRATION_DATABASE_URL ?? process.env.DATABASE_URL;
  if (!url) throw new Error('set MIGRATION_DATABASE_URL or DATABASE_URL');

  const keys = loadSecretsKeys();
  const dataSource = createDataSource({ url, asAppRole: false, poolSize: 1, applicationName: 'casecoord-secrets-rekey' });
  await dataSource.initialize();
  try {
    const inventory = await secretsInventory(dataSource, keys);
    console.log(JSON.stringify({ msg: 'stored secrets by key', currentKey: keys.currentKeyId, valuesByKey: inventory.valuesByKey }));
    if (inventory.unreadable.length) {
      console.error(JSON.stringify({
        level: 'error', msg: 'secrets rekey refused: values no key in SECRETS_KEYS opens (list their key again); nothing changed',
        unreadable: inventory.unreadable,
      }));
      return REFUSED;
    }
    if (checkOnly) return 0;
    const result = await rekeySecrets(dataSource, keys, batchSize);
    console.log(JSON.stringify({ msg: 'secrets rekey done', ...result }));
    return 0;
  } finally {
    await dataSource.destroy();
  }
}

main().then((status) => { process.exitCode = status; }).catch((error: unknown) => {
  const err = error instanceof Error ? error.message : String(error);
  console.error(JSON.stringify({ level: 'error', msg: 'secrets rekey failed', err }));
  process.exit(1);
});
