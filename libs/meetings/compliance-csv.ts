import { csvField } from '../http/csv';
import type { Lang } from '../http/problem';

/** CSV (RFC 4180) for the compliance report: a header row, CRLF line ends, quoted fields where needed. */

export const COMPLIANCE_COLUMNS = ['id', 'title', 'level', 'counterpartCountry', 'scheduledAt', 'notification', 'report'] as const;
export type ComplianceRow = Record<(typeof COMPLIANCE_COLUMNS)[number], string>;

/**
 * Column headers per language (Accept-Language). English keeps the JSON field names, so existing imports keep
 * working; the data itself (titles as entered, status codes) is never translated.
 */
const HEADERS: Record<Lang, Record<(typeof COMPLIANCE_COLUMNS)[number], string>> = {
  en: { id: 'id', title: 'title', level: 'level', counterpartCountry: 'counterpartCountry', scheduledAt: 'scheduledAt', notification: 'notification', report: 'report' },
  es: { id: 'id', title: 'título', level: 'nivel', counterpartCountry: 'país contraparte', scheduledAt: 'fecha programada', notification: 'notificación', report: 'informe' },
};

export function complianceCsv(rows: readonly ComplianceRow[], lang: Lang = 'en'): string {
  const lines = [COMPLIANCE_COLUMNS.map((c) => csvField(HEADERS[lang][c])).join(','), ...rows.map((row) => COMPLIANCE_COLUMNS.map((c) => csvField(row[c])).join(','))];
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
