import { useMutation } from '@tanstack/react-query';
import { apiRequest, type ApiError } from '../../../lib/api-client';

export interface Enrolment { secret: string; otpauthUri: string; qrCodeDataUrl: string }

export const useStartEnrolment = () =>
  useMutation<Enrolment, ApiError>({ mutationFn: () => apiRequest<Enrolment>('/auth/mfa/enrol', { method: 'POST' }) });

export const useConfirmEnrolment = (onSuccess: (codes: string[]) => void) =>
  useMutation<{ recoveryCodes: string[] }, ApiError, string>({
    mutationFn: (code) => apiRequest('/auth/mfa/confirm', { method: 'POST', body: { code: code.trim() } }),
    onSuccess: (answer) => onSuccess(answer.recoveryCodes),
  });

export type NextStep = 'ENROL_SECOND_FACTOR' | null;

export const useChangePassword = (onSuccess: (next: NextStep) => void) =>
  useMutation<{ pendingStep: NextStep }, ApiError, { currentPassword: string; newPassword: string }>({
    mutationFn: (body) => apiRequest('/auth/password', { method: 'POST', body }),
    onSuccess: (answer) => onSuccess(answer.pendingStep),
  });
