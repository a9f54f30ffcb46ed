import { csvField } from '../http/csv';

/** CSV (RFC 4180) for the compliance report: a header row, CRLF line ends, quoted fields where needed. */

export const COMPLIANCE_COLUMNS = ['id', 'title', 'level', 'counterpartCountry', 'scheduledAt', 'notification', 'report'] as const;
export type ComplianceRow = Record<(typeof COMPLIANCE_COLUMNS)[number], string>;

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
