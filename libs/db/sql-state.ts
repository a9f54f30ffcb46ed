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
