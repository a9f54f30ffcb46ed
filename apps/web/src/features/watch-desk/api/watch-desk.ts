import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { useSubmission } from '../../../lib/use-submission';

/** An agency's watch-desk contacts as its administrators read them: a webhook's secret shows only its last 4 characters. */
export interface WatchDeskContacts { agency: string; emails: string[]; webhooks: { url: string; secretEndsWith: string }[] }
export interface WatchDeskInput { agency: string; emails: string[]; webhooks: { url: string; secret?: string }[] }

export interface Delivery {
  id: string; alertId: string; event: 'hit.created' | 'hit.escalated'; agency: string; channel: 'EMAIL' | 'WEBHOOK';
  address: string; attempt: number; outcome: 'DELIVERED' | 'FAILED'; detail: string; attemptedAt: string;
}

export const watchDeskKeys = {
  all: ['watch-desk'] as const,
  contacts: (agency: string) => ['watch-desk', 'contacts', agency] as const,
  deliveries: (hitId: string) => ['watch-desk', 'deliveries', hitId] as const,
};

const contactsPath = (agency: string) => `/agencies/${encodeURIComponent(agency)}/watch-desk`;

export const contactsOptions = (agency: string) => queryOptions({
  queryKey: watchDeskKeys.contacts(agency), queryFn: () => apiRequest<WatchDeskContacts>(contactsPath(agency)),
});
export const useWatchDeskContacts = (agency: string) => useQuery(contactsOptions(agency));

export const saveContacts = ({ agency, ...body }: WatchDeskInput) =>
  apiRequest<WatchDeskContacts>(contactsPath(agency), { method: 'PUT', body });
export const useSaveContacts = (onSuccess?: (saved: WatchDeskContacts) => void) =>
  useSubmission(saveContacts, { invalidates: [watchDeskKeys.all], onSuccess });

/** Every attempt to reach the desks about a hit; polled while the page is open, as retries land within seconds. */
export const useDeliveries = (hitId: string) => useQuery({
  queryKey: watchDeskKeys.deliveries(hitId),
  queryFn: () => apiRequest<{ items: Delivery[]; nextCursor: string | null }>(
    `/deconfliction/hits/${encodeURIComponent(hitId)}/deliveries`, { query: { limit: 200 } }),
  refetchInterval: 5_000,
});
