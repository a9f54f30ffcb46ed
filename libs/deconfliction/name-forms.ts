/**
 * Aliases and monikers (issue 21): every name a subject is known by is matched like its legal name, on either side.
 * Pure and table-tested: which forms a subject has, what a match on them says, and the cap on a moniker's weight.
 */

import type { NameForm, Subject } from '../contracts/case-items';
import type { Message } from '../http/problem';
import type { PersonMatchTier } from './person-tier-rules';

export interface SubjectName { form: NameForm; name: string }

/** The legal name first, then the aliases and monikers as entered (a repeated form of one name counts once). */
export function subjectNames(subject: Subject): SubjectName[] {
  const legal = subject.kind === 'PERSON' ? subject.fullName : subject.name;
  const others: SubjectName[] = [
    ...(subject.aliases ?? []).map((name) => ({ form: 'ALIAS' as const, name })),
    ...(subject.kind === 'PERSON' ? subject.monikers ?? [] : []).map((name) => ({ form: 'MONIKER' as const, name })),
  ];
  const seen = new Set<string>();
  return [{ form: 'LEGAL' as const, name: legal }, ...others].filter((n) => {
    const key = n.name.trim().toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** A stored form column (null: the legal name, as every row written before aliases existed). */
export const formOf = (stored: string | null | undefined): NameForm => (stored === 'ALIAS' || stored === 'MONIKER' ? stored : 'LEGAL');

const FORM_TEXT: Record<Exclude<NameForm, 'LEGAL'>, { stored: Message; query: Message }> = {
  ALIAS: {
    stored: { en: 'alias of the stored subject', es: 'alias del sujeto registrado' },
    query: { en: 'alias of the entered subject', es: 'alias del sujeto ingresado' },
  },
  MONIKER: {
    stored: { en: 'moniker of the stored subject', es: 'apodo del sujeto registrado' },
    query: { en: 'moniker of the entered subject', es: 'apodo del sujeto ingresado' },
  },
};

/** Which forms met, for the reason: nothing when both are legal names (the reason reads as before aliases). */
export function formsText(queryForm: NameForm, storedForm: NameForm): Message | null {
  const parts = [
    ...(queryForm === 'LEGAL' ? [] : [FORM_TEXT[queryForm].query]),
    ...(storedForm === 'LEGAL' ? [] : [FORM_TEXT[storedForm].stored]),
  ];
  if (parts.length === 0) return null;
  return { en: parts.map((p) => p.en).join(' meets '), es: parts.map((p) => p.es).join(' coincide con ') };
}

export const MONIKER_CAPPED: Message = {
  en: 'a moniker alone is at most possible without the same DOB or a shared identifier',
  es: 'un apodo solo es a lo sumo posible sin la misma fecha de nacimiento o un identificador en común',
};

export interface FormGrade { tier: PersonMatchTier; reason: Message }

/**
 * A street nickname is weak evidence: a match on a moniker (either side) stays POSSIBLE, a coordinator's review item,
 * unless the same date of birth or a shared strong identifier confirmed it (the tier rules' CONFIRMED). The reason
 * leads with the forms that met, so both sides read which name matched.
 */
export function gradeForms(tier: PersonMatchTier, reason: Message, queryForm: NameForm, storedForm: NameForm): FormGrade {
  const moniker = queryForm === 'MONIKER' || storedForm === 'MONIKER';
  const capped = moniker && tier === 'PROBABLE';
  const parts = [formsText(queryForm, storedForm), reason, capped ? MONIKER_CAPPED : null].filter((p): p is Message => p !== null);
  return {
    tier: capped ? 'POSSIBLE' : tier,
    reason: { en: parts.map((p) => p.en).join('; '), es: parts.map((p) => p.es).join('; ') },
  };
}

/** How far a tier may be trusted, for keeping the best of several forms' matches between the same two subjects. */
export const TIER_RANK: Record<PersonMatchTier, number> = { CONFIRMED: 3, PROBABLE: 2, POSSIBLE: 1 };

/** The form as the key tables store it: null for the legal name. */
export const storedForm = (form: NameForm | undefined): string | null => (form === undefined || form === 'LEGAL' ? null : form);

/** An organization's score with the forms that met leading its reason, in both languages. */
export function withFormsReason<T extends { reason: string; reasonEs?: string }>(scored: T, queryForm: NameForm, stored: NameForm): T {
  const forms = formsText(queryForm, stored);
  if (!forms) return scored;
  return { ...scored, reason: `${forms.en}; ${scored.reason}`, reasonEs: `${forms.es}; ${scored.reasonEs ?? scored.reason}` };
}
