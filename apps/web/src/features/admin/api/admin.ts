import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest, withQuery, type ApiError } from '../../../lib/api-client';
import { useSubmission } from '../../../lib/use-submission';

export interface AdminUser {
  id: string; username: string; fullName: string; agency: string; roles: string[]; phone: string | null;
  status: 'ACTIVE' | 'DISABLED'; secondFactor: boolean; mustChangePassword: boolean; createdAt: string;
}
export interface Session { id: string; createdAt: string; lastSeenAt: string; expiresAt: string; ip: string | null; scope: string | null }
export interface ContactPoint { id: string; label: string; name: string | null; email: string | null; phone: string | null }
export interface AdminAgency {
  code: string; name: string; country: string; kind: string; status: 'ACTIVE' | 'RETIRED'; users: number; contactPoints?: ContactPoint[];
}
export interface UserFilter { agency?: string; role?: string; status?: string; cursor?: string }

export const ROLES = ['CASE_AGENT', 'REFERRAL_OFFICER', 'DECONFLICTION_COORDINATOR', 'MEETING_ORGANIZER', 'MEETING_COORDINATION', 'LEADERSHIP', 'ADMIN'];
export const KINDS = ['FEDERAL', 'STATE', 'LOCAL', 'FOREIGN_PARTNER'];

const USERS = ['admin', 'users'];
const AGENCIES = ['admin', 'agencies'];

export const useUsers = (filter: UserFilter) => useQuery({
  queryKey: [...USERS, filter],
  queryFn: ({ signal }) => apiRequest<{ items: AdminUser[]; nextCursor: string | null }>(
    withQuery('/admin/users', { ...filter, limit: 50 }), { signal }),
});
export const useUser = (id: string) => useQuery({
  queryKey: [...USERS, id], queryFn: ({ signal }) => apiRequest<AdminUser>(`/admin/users/${id}`, { signal }),
});
export const useSessions = (id: string) => useQuery({
  queryKey: [...USERS, id, 'sessions'], queryFn: ({ signal }) => apiRequest<{ items: Session[] }>(`/admin/users/${id}/sessions`, { signal }),
});
export const useAdminAgencies = () => useQuery({
  queryKey: AGENCIES, queryFn: ({ signal }) => apiRequest<{ items: AdminAgency[] }>('/admin/agencies', { signal }),
});
export const useAdminAgency = (code: string) => useQuery({
  queryKey: [...AGENCIES, code], queryFn: ({ signal }) => apiRequest<AdminAgency>(`/admin/agencies/${code}`, { signal }),
});

export interface NewUser { username: string; agency: string; roles: string[]; fullName: string; password: string }
export const useCreateUser = (onSuccess: (user: AdminUser) => void) => useSubmission(
  (body: NewUser, key: string) => apiRequest<AdminUser>('/admin/users', { method: 'POST', body, idempotencyKey: key }),
  { invalidates: [USERS], onSuccess },
);
export const useCreateAgency = (onSuccess: () => void) => useSubmission(
  (body: { code: string; name: string; country: string; kind: string }, key: string) =>
    apiRequest<AdminAgency>('/admin/agencies', { method: 'POST', body, idempotencyKey: key }),
  { invalidates: [AGENCIES], onSuccess },
);
export const useAddContactPoint = (code: string, onSuccess: () => void) => useSubmission(
  (body: { label: string; email?: string; phone?: string }, key: string) =>
    apiRequest<ContactPoint>(`/admin/agencies/${code}/contact-points`, { method: 'POST', body, idempotencyKey: key }),
  { invalidates: [AGENCIES], onSuccess },
);

/** One administrative action (POST/PATCH/DELETE on a path); every list and record of the section is read again after it. */
export function useAdminAction<TBody = undefined>(method: 'POST' | 'PATCH' | 'DELETE', onSuccess?: () => void) {
  const queryClient = useQueryClient();
  return useMutation<unknown, ApiError, { path: string; body?: TBody }>({
    mutationFn: ({ path, body }) => apiRequest(path, { method, ...(body === undefined ? {} : { body }) }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['admin'] });
      onSuccess?.();
    },
  });
}
