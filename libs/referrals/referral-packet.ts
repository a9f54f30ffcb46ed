import type { CaseFlags, IdentifierType, OrgType } from '../contracts/case-items';
import { PACKET_KINDS, type PacketIds, type ReferralPacket, type ReferralRule } from '../contracts/referrals';

/** What the packet rules need of a case's items: ids and the kind of each, never their contents. */
export interface CaseItemKinds {
  subjects: { id: string; kind: 'PERSON' | 'ORGANIZATION'; orgType: OrgType | null }[];
  identifiers: { id: string; type: IdentifierType }[];
  firearms: { id: string }[];
  operations: { id: string; endsAt: Date }[];
}

const VEHICLES: readonly IdentifierType[] = ['VIN', 'VEHICLE_PLATE'];
const ids = (items: { id: string }[]) => items.map((i) => i.id);
const identifiersOf = (items: CaseItemKinds, types: readonly IdentifierType[]) => ids(items.identifiers.filter((i) => types.includes(i.type)));
const port = (flags: CaseFlags) => (flags.portOfEntry?.trim() ? { portOfEntry: flags.portOfEntry.trim() } : {});

export const emptyPacket = (): PacketIds => ({ subjects: [], identifiers: [], firearms: [], operations: [] });

/**
 * What each rule discloses to the agency it refers the case to, so the receiving officer can decide before accepting
 * (issue 18): R1 (interdiction) the vehicles, the port of entry, the windows of operations still planned and the
 * firearms; R2 (drug nexus) the organizations and phones; R3 (domestic firearms) the firearms, dealer licences and
 * subjects; R4 (export enforcement) the firearms and the export route (port of entry, vehicles, addresses).
 */
const DEFAULTS: Record<ReferralRule, (items: CaseItemKinds, flags: CaseFlags, now: Date) => ReferralPacket> = {
  R1: (items, flags, now) => ({
    ...emptyPacket(), ...port(flags), identifiers: identifiersOf(items, VEHICLES), firearms: ids(items.firearms),
    operations: ids(items.operations.filter((o) => o.endsAt > now)),
  }),
  R2: (items) => ({
    ...emptyPacket(), subjects: ids(items.subjects.filter((s) => s.kind === 'ORGANIZATION')), identifiers: identifiersOf(items, ['PHONE']),
  }),
  R3: (items) => ({
    ...emptyPacket(), subjects: ids(items.subjects), identifiers: identifiersOf(items, ['FFL_LICENSE']), firearms: ids(items.firearms),
  }),
  R4: (items, flags) => ({
    ...emptyPacket(), ...port(flags), identifiers: identifiersOf(items, [...VEHICLES, 'ADDRESS']), firearms: ids(items.firearms),
  }),
};

export function defaultPacket(rule: ReferralRule, items: CaseItemKinds, flags: CaseFlags, now: Date): ReferralPacket {
  return DEFAULTS[rule](items, flags, now);
}

/** A packet as the sender chose it: each kind present, ids once each, in the order given. */
export function normalizedPacket(chosen: Partial<PacketIds>): PacketIds {
  const packet = emptyPacket();
  for (const kind of PACKET_KINDS) packet[kind] = [...new Set((chosen[kind] ?? []).map((id) => id.toLowerCase()))];
  return packet;
}

/** The ids of a packet that are not items of the case, by kind (empty when every id is the case's). */
export function foreignItems(packet: PacketIds, items: CaseItemKinds): { kind: keyof PacketIds; ids: string[] }[] {
  return PACKET_KINDS
    .map((kind) => {
      const known = new Set(ids(items[kind]));
      return { kind, ids: packet[kind].filter((id) => !known.has(id)) };
    })
    .filter((k) => k.ids.length > 0);
}
