import { secretPlace } from './secret-cipher';

/**
 * A table that keeps sealed secrets: the columns that hold them, the columns their place is made of, and the place
 * (associated data) each row's values are bound to. Names are constants, never input, so they are written into SQL.
 */
export interface SecretTable {
  /** How reports and audit entries name it. */
  kind: 'totp' | 'webhook';
  table: string;
  sealedColumns: string[];
  placeColumns: string[];
  place: (row: Record<string, string>) => string;
}

/** Every place the database keeps a sealed secret (the ones migration 033 sealed); a new one is added here. */
export const SECRET_TABLES: SecretTable[] = [
  {
    kind: 'totp', table: 'users', sealedColumns: ['totp_secret', 'totp_pending_secret'], placeColumns: ['id'],
    place: (row) => secretPlace.totp(row.id),
  },
  {
    kind: 'webhook', table: 'watch_desk_contacts', sealedColumns: ['secret'], placeColumns: ['agency_code', 'address'],
    place: (row) => secretPlace.webhook(row.agency_code, row.address),
  },
];

/** The key id a stored value names (`aes256gcm:<key id>:...`), as SQL: empty for a value that is not sealed. */
export const keyIdSql = (column: string): string =>
  `CASE WHEN ${column} LIKE 'aes256gcm:%' THEN split_part(${column}, ':', 2) ELSE '' END`;
