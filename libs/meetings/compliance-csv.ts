/** CSV (RFC 4180) for the compliance report: a header row, CRLF line ends, quoted fields where needed. */

export const COMPLIANCE_COLUMNS = ['id', 'title', 'level', 'counterpartCountry', 'scheduledAt', 'notification', 'report'] as const;
export type ComplianceRow = Record<(typeof COMPLIANCE_COLUMNS)[number], string>;

/**
 * Quotes a field holding a comma, quote, CR or LF (quotes doubled). A text that a spreadsheet would run as a formula
 * (starting with =, +, -, @, tab or CR) is prefixed with an apostrophe: titles are typed by users, the file is opened
 * by leadership (OWASP "CSV injection").
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function complianceCsv(rows: readonly ComplianceRow[]): string {
  const lines = [COMPLIANCE_COLUMNS.join(','), ...rows.map((row) => COMPLIANCE_COLUMNS.map((c) => csvField(row[c])).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}

/** True when the client asks for CSV (an Accept media range text/csv with a non-zero quality). */
export function wantsCsv(accept: string | undefined): boolean {
  return (accept ?? '').split(',').some((range) => {
    const [type, ...params] = range.trim().toLowerCase().split(';').map((p) => p.trim());
    const q = params.find((p) => p.startsWith('q='));
    return type === 'text/csv' && (q === undefined || Number(q.slice(2)) > 0);
  });
}
