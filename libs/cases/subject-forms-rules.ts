import type { SubjectAlias } from '../contracts/case-items';
import { foldText } from '../deconfliction/normalize';
import type { SubjectRecord } from './case-rows';

/** A subject carries at most this many other names of each form, counting those it already has. */
export const MAX_FORMS_PER_SUBJECT = 20;

export interface FormsProblem { field: 'aliases' | 'monikers'; en: string; es: string }

/**
 * Why an append of other names to a stored subject is refused (400 naming the field), or nothing. Pure: the API reads
 * the subject with the names it has, then asks. A name repeating one the subject already has (any form, accents and
 * case folded) is a slip, not a new form; a moniker belongs to a person only.
 */
export function appendFormsProblems(subject: SubjectRecord, aliases: string[], monikers: string[]): FormsProblem[] {
  const problems: FormsProblem[] = [];
  if (subject.kind === 'ORGANIZATION' && monikers.length > 0) {
    problems.push({ field: 'monikers', en: 'are kept for persons only; give an organization\'s other names as aliases', es: 'solo se registran para personas; indique los otros nombres de una organización como alias' });
  }
  const known = [subject.fullName ?? subject.name ?? '', ...subject.aliases, ...subject.monikers].map(foldText);
  const check = (field: FormsProblem['field'], names: string[], stored: string[]) => {
    if (stored.length + names.length > MAX_FORMS_PER_SUBJECT) {
      problems.push({ field, en: `would make more than ${MAX_FORMS_PER_SUBJECT} on the subject`, es: `superaría ${MAX_FORMS_PER_SUBJECT} en el sujeto` });
    }
    const index = names.findIndex((n) => known.includes(foldText(n)));
    if (index >= 0) {
      problems.push({ field, en: `[${index}] is already a name of the subject`, es: `[${index}] ya es un nombre del sujeto` });
    }
  };
  check('aliases', aliases, subject.aliases);
  check('monikers', monikers, subject.monikers);
  return problems;
}

/** The append's items: aliases then monikers, each under the subject (ids are given by the API). */
export function appendedForms(subjectId: string, aliases: string[], monikers: string[]): SubjectAlias[] {
  return [
    ...aliases.map((name) => ({ subjectId, form: 'ALIAS' as const, name })),
    ...monikers.map((name) => ({ subjectId, form: 'MONIKER' as const, name })),
  ];
}
