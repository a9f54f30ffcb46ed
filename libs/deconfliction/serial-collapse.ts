import type { Message } from '../http/problem';
import type { Match } from './matching.repository';

/**
 * One firearm whose obliterated serial's readable part (or whose full serial, against stored readable parts) met more
 * stored serials than SERIAL_PARTIAL_MAX: a lead list for whoever entered it, not a conflict to page every owner
 * about. A case pass makes it one COMMON_SERIAL_PART review item; a check answers it as one ambiguous entry.
 */
export interface SerialCrowd {
  /** The entered or checked firearm, and its serial as written. */
  itemId: string; value: string;
  matches: Match[];
  candidates: number; cases: number; agencies: string[]; reason: Message;
}

export interface CollapsedSerials {
  /** Every match but the crowds': raised, told and answered one by one as before. */
  kept: Match[];
  crowds: SerialCrowd[];
}

/**
 * A lookout is a watch an agent set on that serial on purpose: its owner is told whatever the crowd, so lookouts are
 * neither counted nor collapsed.
 */
const crowdable = (m: Match) => m.matchType === 'FIREARM_SERIAL' && m.partialSerial === true && m.other.lookoutId === null;

export function commonSerialPartReason(candidates: number, records: number, agencies: string[]): Message {
  const list = agencies.join(', ');
  const [s, many] = [records === 1 ? '' : 's', agencies.length === 1];
  return {
    en: `${candidates} stored serials share this obliterated serial's readable part, in ${records} record${s} of agenc${many ? 'y' : 'ies'} ${list}; nothing recorded tells them apart`,
    es: `${candidates} números de serie registrados comparten la parte legible de este número borrado, en ${records} registro${s} de la${many ? '' : 's'} agencia${many ? '' : 's'} ${list}; nada de lo registrado los distingue`,
  };
}

/** What the agent who entered or checked the firearm is told: why no hit was raised, and what would narrow it. */
export const AMBIGUOUS_SERIAL: Message = {
  en: 'The match for this obliterated serial is ambiguous: its readable part is found in many stored serials. A longer readable part (a laboratory restoration often recovers more characters) would narrow it.',
  es: 'La coincidencia de este número de serie borrado es ambigua: su parte legible aparece en muchos números registrados. Una parte legible más larga (una restauración de laboratorio suele recuperar más caracteres) la acotaría.',
};

/**
 * Pure. Per own firearm, its partial-serial matches (Match.partialSerial) count distinct stored firearms; above `max`
 * they collapse into one SerialCrowd. Exact serial matches and lookouts are never collapsed.
 */
export function collapseSerialParts(matches: Match[], max: number): CollapsedSerials {
  const byFirearm = new Map<string, Match[]>();
  for (const m of matches.filter(crowdable)) byFirearm.set(m.own.itemId, [...(byFirearm.get(m.own.itemId) ?? []), m]);
  const crowds: SerialCrowd[] = [];
  for (const [itemId, met] of byFirearm) {
    const candidates = new Set(met.map((m) => m.other.itemId)).size;
    if (candidates <= max) continue;
    const agencies = [...new Set(met.map((m) => m.other.agency))].sort();
    const records = new Set(met.map((m) => m.other.caseId ?? m.other.seizureId ?? m.other.itemId)).size;
    const reason = commonSerialPartReason(candidates, records, agencies);
    crowds.push({ itemId, value: met[0].own.value, matches: met, candidates, cases: records, agencies, reason });
  }
  const collapsed = new Set(crowds.map((c) => c.itemId));
  return { kept: matches.filter((m) => !(crowdable(m) && collapsed.has(m.own.itemId))), crowds };
}
