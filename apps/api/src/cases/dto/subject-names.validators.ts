import { registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';
import { foldText } from '../../../../../libs/deconfliction/normalize';

/** How many other names one subject may carry, per form, and how long each may be (issue 21). */
export const MAX_SUBJECT_ALIASES = 20;
export const MAX_SUBJECT_MONIKERS = 20;
export const MAX_ALIAS_LENGTH = 200;
export const MAX_MONIKER_LENGTH = 100;

/** How names compare when a repeat is refused: accents, case and punctuation folded ("José" repeats "jose"). */
const sameName = (a: string, b: string): boolean => foldText(a) === foldText(b);

/**
 * Other names must each have letters or digits to match on, and must not repeat one another nor the subject's own
 * name or its other list (`fullName`/`name`, `aliases`, `monikers`): a repeat is a typing slip, not a new form.
 * Type, length and count are checked by the usual decorators; this one names the first repeated or blank entry.
 */
export function DistinctSubjectNames(otherFields: string[], options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) => registerDecorator({
    name: 'distinctSubjectNames', target: target.constructor, propertyName: String(propertyName), options,
    validator: {
      validate: (value: unknown, args: ValidationArguments) => problemOf(value, args, otherFields) === null,
      defaultMessage: (args: ValidationArguments) =>
        `${args.property} ${problemOf(args.value, args, otherFields) ?? 'has a repeated name'}`,
    },
  });
}

function problemOf(value: unknown, args: ValidationArguments, otherFields: string[]): string | null {
  if (!Array.isArray(value) || !value.every((v): v is string => typeof v === 'string')) return null;
  const subject = args.object as Record<string, unknown>;
  for (let i = 0; i < value.length; i += 1) {
    const name = value[i];
    if (name === '') continue; // IsNotEmpty says so
    if (foldText(name).length === 0) return `[${i}] has no letters or digits to match on`;
    if (value.slice(0, i).some((earlier) => sameName(earlier, name))) return `[${i}] repeats an earlier entry`;
    for (const field of otherFields) {
      const other = subject[field];
      const others = typeof other === 'string' ? [other] : Array.isArray(other) ? other.filter((o): o is string => typeof o === 'string') : [];
      if (others.some((o) => sameName(o, name))) return `[${i}] repeats the subject's ${field}`;
    }
  }
  return null;
}
