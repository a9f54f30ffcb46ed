import type { CaseFlags } from '../contracts/case-items';

import { type ReferralAction, type ReferralRule, type ReferralStatus } from '../contracts/referrals';
import { ruleReason } from './referral-reasons';

export {
  REFERRAL_RULES, REFERRAL_STATUSES, type ReferralAction, type ReferralRule, type ReferralStatus,
} from '../contracts/referrals';
/** MANUAL: opened by a case agent, not raised by a rule. */
export const REFERRAL_KINDS = ['INTERDICTION', 'DRUG_NEXUS', 'DOMESTIC_FIREARMS', 'EXPORT_ENFORCEMENT', 'MANUAL'] as const;
export type ReferralKind = (typeof REFERRAL_KINDS)[number];

/** Which agency acts for which rule: rows of `referral_roles`, never constants here. */
export interface ReferralRole { rule: ReferralRule; kind: ReferralKind; agency: string }

export interface CaseFacts {
  owningAgency: string;
  flags: CaseFlags;
  organizations: { name: string; orgType: string }[];
  firearmCount: number;
}

export interface ReferralDecision {
  rule: ReferralRule;
  kind: ReferralKind;
  toAgency: string;
  /** The facts that matched, in words a reviewer reads. */
  reason: string;
  facts: Record<string, unknown>;
}

/** What each rule looks for: the facts that matched, or null when it does not apply. */
const RULES: Record<ReferralRule, (facts: CaseFacts) => Record<string, unknown> | null> = {
  R1: ({ flags }) => (flags.portOfEntry?.trim() ? { portOfEntry: flags.portOfEntry.trim() } : null),
  R2: ({ flags, organizations }) => {
    const dtos = organizations.filter((o) => o.orgType === 'DTO').map((o) => o.name);
    if (!flags.cartelLink && dtos.length === 0) return null;
    return { cartelLink: Boolean(flags.cartelLink), dtoOrganizations: dtos };
  },
  R3: ({ flags, firearmCount }) => (flags.domesticSale ? { domesticSale: true, firearms: firearmCount } : null),
  R4: ({ flags }) => (flags.exportSmuggling ? { exportSmuggling: true } : null),
};

/**
 * Rules R1-R4 of seed 001 ("Partnership Roles and Responsibilities"). A rule never refers a case to the agency that
 * owns it; each decision carries the facts that produced it.
 */
export function evaluateReferralRules(facts: CaseFacts, roles: ReferralRole[]): ReferralDecision[] {
  const decisions: ReferralDecision[] = [];
  for (const role of [...roles].sort((a, b) => a.rule.localeCompare(b.rule))) {
    const matched = RULES[role.rule](facts);
    if (!matched || role.agency === facts.owningAgency) continue;
    decisions.push({ rule: role.rule, kind: role.kind, toAgency: role.agency, reason: ruleReason(role.rule, matched, 'en'), facts: matched });
  }
  return decisions;
}

/** A rule's referral the case already has, as evaluation compares it with the rules' decisions. */
export interface SentRuleReferral { id: string; rule: ReferralRule; toAgency: string; history: { status: string }[]; workflowId: string }

const ruleKey = (r: { rule: ReferralRule; toAgency: string }): string => `${r.rule}:${r.toAgency}`;

/** The referrals sent whose facts no longer hold and carry no note saying so: each gets one, once; none is withdrawn. */
export function lapsedReferrals<R extends SentRuleReferral>(sent: R[], decisions: ReferralDecision[]): R[] {
  const holding = new Set(decisions.map(ruleKey));
  return sent.filter((r) => !holding.has(ruleKey(r)) && !r.history.some((h) => h.status === 'NOTED'));
}

/** Whether evaluating the rules writes anything: a decision with no referral sent yet, or a lapsed referral to note. */
export function evaluationWrites(sent: SentRuleReferral[], decisions: ReferralDecision[]): boolean {
  const sentKeys = new Set(sent.map(ruleKey));
  return decisions.some((d) => !sentKeys.has(ruleKey(d))) || lapsedReferrals(sent, decisions).length > 0;
}

export const FINAL_REFERRAL_STATUSES: readonly ReferralStatus[] = ['ACCEPTED', 'DECLINED', 'WITHDRAWN'];

/**
 * The referral state machine. Escalation leaves a referral actionable; accepting or declining straight from SENT or
 * ESCALATED implies the acknowledgement. The sender may withdraw it until it is accepted or declined. Anything else is
 * refused (409 with the current state).
 */
export function nextReferralStatus(current: ReferralStatus, action: ReferralAction): ReferralStatus | null {
  if (FINAL_REFERRAL_STATUSES.includes(current)) return null;
  switch (action) {
    case 'ACKNOWLEDGE': return current === 'SENT' || current === 'ESCALATED' ? 'ACKNOWLEDGED' : null;
    case 'ACCEPT': return 'ACCEPTED';
    case 'DECLINE': return 'DECLINED';
    case 'ESCALATE': return current === 'SENT' ? 'ESCALATED' : null;
    case 'WITHDRAW': return 'WITHDRAWN';
  }
}
