/** The SQLSTATE of a PostgreSQL error, whether raised by pg directly or wrapped by TypeORM. */
export function sqlStateOf(error: unknown): string | undefined {
  const e = error as { driverError?: { code?: unknown }; code?: unknown } | null;
  const code = e?.driverError?.code ?? e?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Class 22 (data exception): a value PostgreSQL cannot store; retrying cannot help. */
export const isDataException = (error: unknown): boolean => /^22[0-9A-Z]{3}$/.test(sqlStateOf(error) ?? '');

/** Classes 22 and 23 (data exception, integrity constraint violation): permanent for the same input. */
export const isPermanentDataError = (error: unknown): boolean => /^2[23][0-9A-Z]{3}$/.test(sqlStateOf(error) ?? '');

const CONNECTION_FAILURE_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL',
  // A host name that stops resolving: Docker's DNS drops a stopped container's name (docker-compose.yml).
  'ENOTFOUND', 'EAI_AGAIN',
  '57P01', '57P02', '57P03', '53300',
]);

/**
 * PostgreSQL could not be reached or dropped the session (down, restarting, out of connections): the statement did not
 * commit and the same request can succeed later. Covers pg's and TypeORM's own words for a connection that already
 * broke, which carry no SQLSTATE: the statement was never sent.
 */
export function isConnectionFailure(error: unknown): boolean {
  // Node tries each address of a host and reports every attempt's failure together.
  if (error instanceof AggregateError && error.errors.some(isConnectionFailure)) return true;
  const code = sqlStateOf(error) ?? '';
  if (CONNECTION_FAILURE_CODES.has(code) || code.startsWith('08')) return true;
  const e = error as { name?: string; message?: string; syscall?: string } | null;
  // A DATABASE_URL naming the server's Unix socket (`?host=/var/run/postgresql`): with the server down its socket
  // file is gone, and connect fails ENOENT. Only a connect's: any other missing file is not the database.
  if (code === 'ENOENT' && e?.syscall === 'connect') return true;
  if (/Connection terminated|Connection is not established|is not queryable/i.test(e?.message ?? '')) return true;
  // TypeORM releases a transaction's connection when PostgreSQL drops it (a shutdown ends every session), and the
  // transaction's next statement (through the manager, or its COMMIT) then fails with one of these instead of a
  // connection error (test/faults/postgres.spec.ts).
  return e?.name === 'QueryRunnerProviderAlreadyReleasedError' || e?.name === 'QueryRunnerAlreadyReleasedError';
}
