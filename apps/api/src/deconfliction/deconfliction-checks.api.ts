import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { auditCrossAgencyRead } from '../../../../libs/audit/read-audit';
import { AuditStore } from '../../../../libs/audit/audit-store';
import type { AuthUser } from '../../../../libs/auth/roles';
import type { CaseItems } from '../../../../libs/contracts/case-items';
import { DAY_MS, HOUR_MS } from '../../../../libs/deconfliction/check-config';
import type { AmbiguousValue } from '../../../../libs/deconfliction/check.service';
import { AMBIGUOUS_SERIAL } from '../../../../libs/deconfliction/serial-collapse';
import { CheckService } from '../../../../libs/deconfliction/check.service';
import { AMBIGUOUS_PERSON } from '../../../../libs/deconfliction/review-rules';
import type { CheckMatchPointerRow, CheckPageRow, OwnerPointer } from '../../../../libs/deconfliction/check.repository';
import { DeconflictionService } from '../../../../libs/deconfliction/deconfliction.service';
import type { Match } from '../../../../libs/deconfliction/matching.repository';
import { unreadableFields } from '../../../../libs/deconfliction/readability';
import { ApiError, fieldErrors } from '../common/api-error';
import { keysetCursor } from '../common/cursor';
import { M } from '../common/messages';
import type { CheckDto, CheckListQueryDto } from './dto/deconfliction.dto';

const withCheckIds = <T extends object>(items: T[] | undefined) => (items ?? []).map((item) => ({ ...item, id: randomUUID() }));

/** The answer to a check: whom to call about each meeting, and the caller's own value (api.md). Nothing to measure by. */
export interface CheckAnswerMatch {
  matchType: string; tier?: string; matchedValue: string;
  counterpart: { agency: string; caseNumber: string | null; agentName: string | null; agentPhone: string | null };
}

/**
 * A checked person whose name alone meets more stored persons than PERSON_POSSIBLE_MAX, or a checked obliterated
 * serial whose readable part meets more stored serials than SERIAL_PARTIAL_MAX: how many, in how many records of
 * which agencies, and what would decide it. Nothing stored is named.
 */
export interface CheckAnswerAmbiguous {
  matchType: 'PERSON' | 'FIREARM_SERIAL'; tier?: 'POSSIBLE'; matchedValue: string; candidates: number; cases: number; agencies: string[];
  atLeast: boolean; reason: string;
}

export interface CheckAnswer { matches: CheckAnswerMatch[]; ambiguous?: CheckAnswerAmbiguous[] }

const ambiguousView = (a: AmbiguousValue, lang: 'en' | 'es'): CheckAnswerAmbiguous => ({
  matchType: a.matchType, ...(a.matchType === 'PERSON' ? { tier: 'POSSIBLE' as const } : {}), matchedValue: a.value,
  candidates: a.candidates, cases: a.cases, agencies: a.agencies, atLeast: a.atLeast,
  reason: `${a.reason[lang]}. ${(a.matchType === 'PERSON' ? AMBIGUOUS_PERSON : AMBIGUOUS_SERIAL)[lang]}`,
});

/**
 * `POST /deconfliction/checks` and `GET /deconfliction/checks`. The answer carries no score, distance, matched length
 * or value of the other side, is collapsed to one entry per own value and counterpart, and is sorted by pointer (not by
 * score, whose order would rank the matches).
 */
@Injectable()
export class DeconflictionChecksApi {
  constructor(
    private readonly deconfliction: DeconflictionService,
    private readonly checks: CheckService,
    private readonly audit: AuditStore,
  ) {}

  async check(user: AuthUser, dto: CheckDto, lang: 'en' | 'es' = 'en'): Promise<CheckAnswer> {
    const options = await this.deconfliction.keyOptions(user.agency);
    const problems = unreadableFields(dto, options);
    if (problems.length > 0) throw fieldErrors(problems);
    const batches = [
      { kind: 'subjects', items: withCheckIds(dto.subjects) },
      { kind: 'identifiers', items: withCheckIds(dto.identifiers) },
      { kind: 'firearms', items: withCheckIds(dto.firearms) },
      { kind: 'operations', items: withCheckIds(dto.operations) },
    ] as CaseItems[];
    const outcome = await this.checks.run(user, batches);
    if (outcome.refused) {
      const r = outcome.refused;
      const hours = (r.period === 'hour' ? HOUR_MS : DAY_MS) / HOUR_MS;
      if (r.tooLarge) {
        const items = batches.reduce((n, b) => n + b.items.length, 0);
        throw new ApiError('ValidationFailed', M.checkTooLarge, { items, limit: r.limit, hours });
      }
      throw new ApiError('TooManyRequests', M.checkBudgetExceeded, { limit: r.limit, hours, seconds: r.retryAfterSeconds }, {
        headers: { 'retry-after': String(r.retryAfterSeconds) },
      });
    }
    const answer: CheckAnswer = { matches: answerOf(outcome.matches, outcome.owners) };
    // Only when a name was too common to answer one by one: every other answer keeps its documented shape.
    if (outcome.ambiguous.length > 0) answer.ambiguous = outcome.ambiguous.map((a) => ambiguousView(a, lang));
    return answer;
  }

  /** The agency's checks and the other agencies' checks that met its items; reading the latter is audited. */
  async list(user: AuthUser, query: CheckListQueryDto) {
    const limit = query.limit ?? 50;
    const after = keysetCursor.parse(query.cursor);
    const rows = await this.checks.records.page(user.agency, query.direction, limit + 1, after);
    const page = rows.slice(0, limit);
    const pointers = await this.checks.records.matchPointers(page.map((r) => r.id));
    const items = page.map((row) => listView(row, user.agency, pointers.filter((p) => p.check_id === row.id)));
    // A check holds its checker's agency and the agencies of what it met.
    await auditCrossAgencyRead(this.audit, user, { entityType: 'check', ground: 'other_agency', list: true },
      items.map((i) => ({ id: i.id, agencies: [i.checker.agency, ...i.matches.map((m) => m.owner.agency)] })));
    const last = page[page.length - 1];
    return { items, nextCursor: rows.length > limit ? keysetCursor.encode({ createdAt: new Date(last.checked_at), id: last.id }) : null };
  }
}

const TIER_RANK = ['CONFIRMED', 'PROBABLE', 'POSSIBLE'];

function answerOf(matches: Match[], owners: Map<string, OwnerPointer>): CheckAnswerMatch[] {
  const seen = new Map<string, CheckAnswerMatch>();
  for (const m of matches) {
    const key = `${m.own.itemId}|${m.other.caseId ?? m.other.lookoutId}|${m.matchType}`;
    const earlier = seen.get(key);
    if (earlier) {
      // Two persons of one case met by one checked person: the answer carries the stronger tier.
      if (m.tier && TIER_RANK.indexOf(m.tier) < TIER_RANK.indexOf(earlier.tier ?? 'POSSIBLE')) earlier.tier = m.tier;
      continue;
    }
    const owner = owners.get(m.other.caseId ?? m.other.lookoutId ?? '');
    // Built field by field, so nothing the match carries (score, reason, distance, the other value) can slip out.
    seen.set(key, {
      matchType: m.matchType, ...(m.tier ? { tier: m.tier } : {}), matchedValue: m.own.value,
      counterpart: {
        agency: m.other.agency, caseNumber: owner?.caseNumber ?? null, agentName: owner?.agentName ?? null,
        agentPhone: owner?.agentPhone ?? null,
      },
    });
  }
  const order = (a: CheckAnswerMatch) => [a.matchType, a.counterpart.agency, a.counterpart.caseNumber ?? '~', a.matchedValue].join('\u0000');
  return [...seen.values()].sort((a, b) => order(a).localeCompare(order(b)));
}

function listView(row: CheckPageRow, agency: string, pointers: CheckMatchPointerRow[]) {
  const made = row.agency === agency;
  // Another agency's check shows only what it met of ours: its other meetings are not this agency's business.
  const mine = made ? pointers : pointers.filter((p) => p.agency === agency);
  const matches = mine.map((p) => ({
    matchType: p.match_type,
    owner: { agency: p.agency, caseNumber: p.case_number, lookout: p.lookout, agentName: p.full_name, agentPhone: p.phone },
  })).filter((m, i, all) => all.findIndex((n) => JSON.stringify(n) === JSON.stringify(m)) === i);
  return {
    id: row.id,
    direction: made ? 'MADE' as const : 'RECEIVED' as const,
    checkedAt: new Date(row.checked_at).toISOString(),
    checker: { agency: row.agency, agentName: row.full_name, agentPhone: row.phone },
    ...(made ? { counts: row.counts } : {}),
    matches,
  };
}
