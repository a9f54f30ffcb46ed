import type { ReferralRecord } from './referral.repository';
import type { PacketContents, SenderContact } from './referral-packet.repository';
import { type ReasonLang, ruleReason } from './referral-reasons';

const iso = (d: Date): string => d.toISOString();

/**
 * api.md "Referrals". A rule's reason is rendered in the reader's language from the facts the rule stored; a manual
 * referral's reason is the sender's words, as entered. `starting`: its workflow has not started yet, so no step can be
 * taken on it (503 with Retry-After) and the receiving agency's inbox does not list it yet.
 */
export function localizedReferralView(r: ReferralRecord, lang: ReasonLang) {
  return {
    id: r.id, caseId: r.caseId, caseNumber: r.caseNumber, fromAgency: r.fromAgency, toAgency: r.toAgency, kind: r.kind,
    rule: r.rule, reason: r.rule && lang !== 'en' ? ruleReason(r.rule, r.facts, lang) : r.reason, facts: r.facts, status: r.status,
    dueAt: iso(r.dueAt), history: r.history, createdAt: iso(r.createdAt), starting: r.workflowStartedAt === null,
  };
}

/** In English (a single-argument mapper, for `.map`). */
export const referralView = (r: ReferralRecord) => localizedReferralView(r, 'en');

/** The disclosed items as the case page shows them, and nothing of the case besides. */
export function packetView(r: ReferralRecord, contents: PacketContents) {
  return {
    ...(r.packet.portOfEntry ? { portOfEntry: r.packet.portOfEntry } : {}),
    subjects: contents.subjects.map((s) => (s.kind === 'PERSON'
      ? { id: s.id, kind: s.kind, fullName: s.fullName, dateOfBirth: s.dateOfBirth, nationality: s.nationality }
      : { id: s.id, kind: s.kind, name: s.name, orgType: s.orgType })),
    identifiers: contents.identifiers.map((i) => ({ id: i.id, type: i.type, value: i.value, region: i.region })),
    firearms: contents.firearms.map((f) => ({
      id: f.id, serialNumber: f.serialNumber, serialObliterated: f.serialObliterated, make: f.make, model: f.model,
      caliber: f.caliber, action: f.action, importer: f.importer,
    })),
    operations: contents.operations.map((o) => ({
      id: o.id, type: o.type, latitude: o.latitude, longitude: o.longitude, radiusMeters: o.radiusMeters,
      startsAt: iso(o.startsAt), endsAt: iso(o.endsAt),
    })),
  };
}

/** What the receiving officer decides on: the referral, the packet and whom to call. */
export function referralDetailView(r: ReferralRecord, contents: PacketContents, sender: SenderContact | null, lang: ReasonLang) {
  return { ...localizedReferralView(r, lang), packet: packetView(r, contents), sender };
}
