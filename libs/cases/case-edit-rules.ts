import type { CaseEdit, CaseFlags, CaseFlagsPatch } from '../contracts/case-items';

/** What a PATCH changes, as pure functions: the merged flags, the changed fields, and how the audit words them. */

/** The editable part of a case as it stands. */
export interface EditableCase {
  title: string;
  summary: string | null;
  flags: CaseFlags;
  leadAgent: { userId: string; username: string };
}

export interface FieldChange { field: 'title' | 'summary' | 'flags' | 'leadAgent'; from: unknown; to: unknown }

/** Longer text is summarised in the audit entry (its length and start), so the log does not copy whole narratives. */
export const AUDIT_TEXT_LIMIT = 200;

/**
 * Flags as they are compared and stored: a false flag or an empty port of entry is the same as none, so a PATCH that
 * sends `cartelLink: false` to a case without the flag changes nothing.
 */
export function normalizeFlags(flags: CaseFlagsPatch): CaseFlags {
  const out: CaseFlags = {};
  const port = flags.portOfEntry?.trim();
  if (port) out.portOfEntry = port;
  if (flags.cartelLink) out.cartelLink = true;
  if (flags.domesticSale) out.domesticSale = true;
  if (flags.exportSmuggling) out.exportSmuggling = true;
  return out;
}

/** The flags sent replace those of the same name; the others stay as they are. */
export function mergeFlags(current: CaseFlags, patch: CaseFlagsPatch): CaseFlags {
  return normalizeFlags({ ...current, ...patch });
}

/** normalizeFlags writes its keys in one order, so equal flags serialise alike. */
const sameFlags = (a: CaseFlags, b: CaseFlags): boolean => JSON.stringify(normalizeFlags(a)) === JSON.stringify(normalizeFlags(b));

/** An empty summary is no summary. */
const normalizeSummary = (summary: string | null | undefined): string | null => (summary?.trim() ? summary : null);

/** The case after the edit and the fields that really changed; none when the case already reads so. */
export function applyEdit(current: EditableCase, edit: CaseEdit): { next: EditableCase; changes: FieldChange[] } {
  const next: EditableCase = {
    title: edit.title ?? current.title,
    summary: edit.summary === undefined ? current.summary : normalizeSummary(edit.summary),
    flags: edit.flags ? mergeFlags(current.flags, edit.flags) : current.flags,
    leadAgent: edit.leadAgent ?? current.leadAgent,
  };
  const changes: FieldChange[] = [];
  if (next.title !== current.title) changes.push({ field: 'title', from: current.title, to: next.title });
  if (next.summary !== normalizeSummary(current.summary)) {
    changes.push({ field: 'summary', from: auditText(current.summary), to: auditText(next.summary) });
  }
  if (!sameFlags(current.flags, next.flags)) changes.push({ field: 'flags', from: normalizeFlags(current.flags), to: next.flags });
  if (next.leadAgent.userId !== current.leadAgent.userId) {
    changes.push({ field: 'leadAgent', from: current.leadAgent.username, to: next.leadAgent.username });
  }
  return { next, changes };
}

/** Short text as it is; long text as its length and its first characters. */
export function auditText(text: string | null): string | { length: number; starts: string } | null {
  if (text === null || text.length <= AUDIT_TEXT_LIMIT) return text;
  return { length: text.length, starts: `${text.slice(0, AUDIT_TEXT_LIMIT)}…` };
}

/**
 * A domestic-sale case is traced by the firearms agency once it accepts the R3 referral; a case that agency owns is
 * never referred to it (no rule refers a case to its owner), so it traces that case's firearms itself.
 */
export function tracesOwnFirearms(flags: CaseFlags, owningAgency: string, tracingAgency: string): boolean {
  return Boolean(flags.domesticSale) && owningAgency === tracingAgency;
}
