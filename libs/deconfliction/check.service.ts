import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { onOneConnection } from '../db/sql';
import type { AuditInput, AuditStore } from '../audit/audit-store';
import type { CaseItems } from '../contracts/case-items';
import { PERSON_TIER_DEFAULTS } from '../config/config';
import { BudgetVerdict, CheckBudget } from './check-budget';
import { AmbiguousPerson, collapseCommonNames } from './check-collapse';
import type { CheckConfig } from './check-config';
import type { CheckNotices } from './check-notices';
import { BudgetUse, CheckMatchRecord, CheckRepository, OwnerPointer, PatternCounts } from './check.repository';
import type { DeconflictionService } from './deconfliction.service';
import type { Match } from './matching.repository';

export interface CheckActor { userId: string; username: string; agency: string }

export type CheckOutcome =
  | { refused: Exclude<BudgetVerdict, { allowed: true }> }
  | { refused: null; checkId: string; matches: Match[]; ambiguous: AmbiguousPerson[]; owners: Map<string, OwnerPointer> };

const recordOf = (m: Match): CheckMatchRecord => ({
  itemId: m.other.itemId, matchType: m.matchType, caseId: m.other.caseId, lookoutId: m.other.lookoutId, agency: m.other.agency,
});

/**
 * A check as the watch centres run it (issue 22, item 2): charged to the user's budget, kept as a record, known to
 * every agency whose item it met, and watched for repetition. The record, its audit entry and its notices commit
 * together before the answer (CheckRepository.keep), so there is no answer without its record and notice, and no
 * record of a check that failed. A pattern alert, rare, is raised after, in a transaction of its own (watchPatterns):
 * should that fail, the check is kept and answered with an error, and the next check on the item raises the alert.
 */
export class CheckService {
  private readonly budget: CheckBudget;
  /** The kept checks, which `GET /deconfliction/checks` pages through. */
  readonly records: CheckRepository;

  constructor(
    private readonly dataSource: DataSource,
    private readonly deconfliction: DeconflictionService,
    private readonly notices: CheckNotices,
    private readonly audit: AuditStore,
    private readonly config: CheckConfig,
    /** PERSON_POSSIBLE_MAX: more POSSIBLE namesakes of one checked person than this collapse into one entry. */
    private readonly possibleMax: number = PERSON_TIER_DEFAULTS.personPossibleMax,
  ) {
    this.records = new CheckRepository(dataSource);
    this.budget = new CheckBudget(config, this.records);
  }

  async run(actor: CheckActor, batches: CaseItems[]): Promise<CheckOutcome> {
    const counts = Object.fromEntries(batches.map((b) => [b.kind, b.items.length]));
    const items = batches.reduce((n, b) => n + b.items.length, 0);
    // What the budget charges (an empty check costs one, so a flood of them is not free).
    const charge = Math.max(1, items);
    const tooLarge = this.budget.tooLarge(charge);
    if (tooLarge) return { refused: tooLarge };
    // Its probe and keep() go over one connection, the pool's turn taken once; no transaction: the probe only reads, and
    // keep() commits in one call (each round trip costs about a millisecond here).
    const kept = await onOneConnection(this.dataSource, (db) => this.probeAndKeep(db, actor, batches, counts, charge));
    const { used } = kept;
    // A refused check's probe is wasted: the price of no round trip of its own for every check that fits.
    if (!used.kept) return { refused: await this.dataSource.transaction((tx) => this.refuse(tx, actor, used.checkedAt, used, charge, items)) };
    if (kept.watching) {
      const since = new Date(used.checkedAt.getTime() - this.config.patternWindowMs);
      await this.watchPatterns(actor, kept.foreign, used.owners, used.checkedAt, since, used.patterns);
    }
    return { refused: null, checkId: kept.checkId, matches: kept.matches, ambiguous: kept.ambiguous, owners: used.owners };
  }

  private async probeAndKeep(db: EntityManager, actor: CheckActor, batches: CaseItems[], counts: Record<string, number>, charge: number) {
    // A common name's POSSIBLE namesakes are one answer entry, not hundreds of records, notices and pattern counts.
    const { kept: matches, ambiguous } = collapseCommonNames(await this.deconfliction.check(actor.agency, batches, db), this.possibleMax);
    const records = distinctRecords(matches.map(recordOf));
    const foreign = records.filter((r) => r.agency !== actor.agency);
    const checkId = randomUUID();
    // Sorted: the order every check and alert takes the items' pattern locks in (keep(), lockAlerted()).
    const itemIds = [...new Set(foreign.map((r) => r.itemId))].sort();
    const watch = foreign.length > 0 ? { itemIds, windowMs: this.config.patternWindowMs } : null;
    // Every pointer the answer discloses, and of a collapsed name only what its entry says (counts and agencies).
    const checked: AuditInput = {
      actor: actor.username, agency: actor.agency, action: 'deconfliction.checked', entityType: 'check', entityId: checkId,
      details: {
        counts, matches: records.map((r) => ({ matchType: r.matchType, agency: r.agency, case: r.caseId, lookout: r.lookoutId })),
        ...(ambiguous.length > 0
          ? { ambiguous: ambiguous.map((a) => ({ candidates: a.candidates, cases: a.cases, agencies: a.agencies, atLeast: a.atLeast })) } : {}),
      },
    };
    // The owners of the items met, and the notices to those of other agencies, are read and written by keep() itself.
    const used = await this.records.keep(db,
      { id: checkId, userId: actor.userId, agency: actor.agency, counts, items: charge, matches: records },
      this.budget.limits(), watch, this.audit.entry(checked));
    return { checkId, matches, ambiguous, foreign, watching: watch !== null, used };
  }

  /** Over the budget: nothing was kept; the first refusal in a window is audited (see firstRefusalInWindow). */
  private async refuse(tx: EntityManager, actor: CheckActor, now: Date, used: BudgetUse, charge: number, items: number) {
    const verdict = await this.budget.refusal(tx, actor.userId, now, used, charge);
    if (await this.budget.firstRefusalInWindow(tx, actor.userId, verdict.period, now)) {
      await this.audit.append({
        actor: actor.username, agency: actor.agency, action: 'deconfliction.check_budget_exceeded', entityType: 'user',
        entityId: actor.userId, details: { period: verdict.period, limit: verdict.limit, items, retryAfterSeconds: verdict.retryAfterSeconds },
      }, tx);
    }
    return verdict;
  }

  /**
   * One agency's checks meeting the same item of another agency `patternThreshold` times within the window is how a
   * grid is bisected or a date of birth guessed: alert both desks and leadership, once per item and window. The counts
   * are keep()'s, this check included; the items that reached the threshold are alerted in a transaction of their own,
   * under their pattern locks, unless another check alerted on them since (lockAlerted). Rare: most checks end before.
   */
  private async watchPatterns(
    actor: CheckActor, foreign: CheckMatchRecord[], owners: Map<string, OwnerPointer>, now: Date, since: Date, counts: PatternCounts,
  ) {
    const byItem = [...new Map(foreign.map((r) => [r.itemId, r])).values()].sort((a, b) => (a.itemId < b.itemId ? -1 : 1));
    const checksOf = (itemId: string) => (counts.repeated.get(itemId) ?? []).reduce((n, u) => n + u.checks, 0);
    const reached = byItem.filter((m) => checksOf(m.itemId) >= this.config.patternThreshold && !counts.alerted.has(m.itemId));
    if (reached.length === 0) return;
    await this.dataSource.transaction(async (tx) => {
      const alerted = await this.records.lockAlerted(tx, reached.map((m) => m.itemId), actor.agency, since);
      for (const match of reached.filter((m) => !alerted.has(m.itemId))) {
        const users = counts.repeated.get(match.itemId) ?? [];
        const checks = checksOf(match.itemId);
        const id = randomUUID();
        await this.records.insertAlert(tx, { id, match, checkerAgency: actor.agency, checks, at: now });
        const windowSeconds = Math.round(this.config.patternWindowMs / 1000);
        await this.notices.patternAlert(tx, {
          id, raisedAt: now, match, owner: owners.get(match.caseId ?? match.lookoutId ?? ''), checkerAgency: actor.agency, checks,
          windowSeconds, checkers: users.map((u) => ({ agentName: u.full_name, agentPhone: u.phone, checks: u.checks })),
        });
        await this.audit.append({
          actor: actor.username, agency: actor.agency, action: 'deconfliction.check_pattern_alert', entityType: 'check_alert', entityId: id,
          details: {
            matchType: match.matchType, item: match.itemId, case: match.caseId, lookout: match.lookoutId, ownerAgency: match.agency,
            checkerAgency: actor.agency, checks, windowSeconds, users: users.map((u) => ({ username: u.username, checks: u.checks })),
          },
        }, tx);
      }
    });
  }
}

/** One record per matched item and kind: several own values meeting one item count as one meeting. */
function distinctRecords(records: CheckMatchRecord[]): CheckMatchRecord[] {
  return [...new Map(records.map((r) => [`${r.itemId}|${r.matchType}`, r])).values()];
}
