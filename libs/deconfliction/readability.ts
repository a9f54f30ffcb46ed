import type { Firearm, Identifier } from '../contracts/case-items';
import { identifierNorms, KeyOptions, normalizeOrganization, serialNorms } from './match-keys';
import { toLatin } from './names/transliteration-words';
import { nameTokens } from './normalize';

export interface UnreadableField { field: string; en: string; es: string }

/** Subjects as they arrive, before the kind has narrowed the shape. */
export interface SubjectInput { kind: 'PERSON' | 'ORGANIZATION'; fullName?: string; name?: string }

const IDENTIFIER_PROBLEM: Record<Identifier['type'], [string, string]> = {
  PHONE: ['is not a phone number that can be read (use E.164, e.g. +15205550134, or a national number)', 'no es un número de teléfono legible (use E.164, p. ej. +525512345678, o un número nacional)'],
  VEHICLE_PLATE: ['is not a plate (2 to 10 letters and digits)', 'no es una placa (de 2 a 10 letras y dígitos)'],
  VIN: ['is not a valid VIN (17 characters without I, O, Q; North American check digit)', 'no es un NIV válido (17 caracteres sin I, O, Q; dígito verificador norteamericano)'],
  ADDRESS: ['has no letters or digits', 'no tiene letras ni dígitos'],
  EMAIL: ['is not an e-mail address', 'no es una dirección de correo electrónico'],
  FIREARM_SERIAL: ['has no readable characters', 'no tiene caracteres legibles'],
  FFL_LICENSE: ['is not an FFL licence number (15 characters, e.g. 1-23-456-78-9A-12345)', 'no es un número de licencia FFL (15 caracteres, p. ej. 1-23-456-78-9A-12345)'],
};

/**
 * Values deconfliction could not match on are refused at the door (400 naming each field) rather than stored and
 * silently never matched: a value that can never hit is a false sense of safety.
 */
export function unreadableFields(
  items: { subjects?: SubjectInput[]; identifiers?: Identifier[]; firearms?: Firearm[] },
  options: KeyOptions,
  prefix: { subjects: string; identifiers: string; firearms: string } = { subjects: 'subjects', identifiers: 'identifiers', firearms: 'firearms' },
): UnreadableField[] {
  const problems: UnreadableField[] = [];
  (items.identifiers ?? []).forEach((i, index) => {
    if (identifierNorms(i.type, i.value, i.region, options) === null) {
      const [en, es] = IDENTIFIER_PROBLEM[i.type];
      problems.push({ field: `${prefix.identifiers}[${index}].value`, en, es });
    }
  });
  (items.firearms ?? []).forEach((f, index) => {
    if (serialNorms(f.serialNumber, f.serialObliterated ?? false, options.serialMinReadable) === null) {
      const min = options.serialMinReadable;
      problems.push({
        field: `${prefix.firearms}[${index}].serialNumber`,
        en: `has no readable run of at least ${min} characters`, es: `no tiene una parte legible de al menos ${min} caracteres`,
      });
    }
  });
  (items.subjects ?? []).forEach((s, index) => {
    if (s.kind === 'PERSON' && nameTokens(toLatin(s.fullName ?? '')).length === 0) {
      problems.push({ field: `${prefix.subjects}[${index}].fullName`, en: 'has no name letters', es: 'no contiene letras de un nombre' });
    }
    if (s.kind === 'ORGANIZATION' && normalizeOrganization(s.name ?? '') === null) {
      problems.push({ field: `${prefix.subjects}[${index}].name`, en: 'has no name letters', es: 'no contiene letras de un nombre' });
    }
  });
  return problems;
}
