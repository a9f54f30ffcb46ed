import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';

// A cancelled meeting is CANCELLED in both columns (never MISSING or OVERDUE): nothing is owed for it.
export const NOTIFICATION_STATUSES = ['ON_TIME', 'LATE', 'MISSING', 'EXEMPT', 'PENDING', 'CANCELLED'] as const;
export const REPORT_STATUSES = ['NOT_REQUESTED', 'REQUESTED', 'OVERDUE', 'SUBMITTED', 'ACCEPTED', 'RETURNED', 'CANCELLED'] as const;

export interface ComplianceItem {
  id: string; title: string; level: string; counterpartCountry: string; scheduledAt: string; notification: string; report: string;
}
export interface ComplianceReport {
  items: ComplianceItem[];
  totals: { notification: Record<string, number>; report: Record<string, number> };
}

export const COMPLIANCE_PATH = '/meetings/compliance';

export function getCompliance(range: { from: string; to: string }): Promise<ComplianceReport> {
  return apiRequest<ComplianceReport>(COMPLIANCE_PATH, { query: range });
}

export const complianceQueryOptions = (range: { from: string; to: string }) =>
  queryOptions({ queryKey: ['leadership', 'compliance', range], queryFn: () => getCompliance(range) });

export function useCompliance(range: { from: string; to: string }) {
  return useQuery(complianceQueryOptions(range));
}
