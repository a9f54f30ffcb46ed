import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { onOneConnection } from '../db/sql';
import type { AuditInput, AuditStore } from '../audit/audit-store';
import type { CaseItems } from '../contracts/case-items';
import { PERSON_TIER_DEFAULTS, SERIAL_PARTIAL_MAX_DEFAULT } from '../config/config';
import { BudgetVerdict, CheckBudget } from './check-budget';
import { AmbiguousPerson, collapseCommonNames } from './check-collapse';
import { collapseSerialParts, SerialCrowd } from './serial-collapse';
import type { CheckConfig } from './check-config';
import { BudgetUse, CheckMatchRecord, CheckRepository, OwnerPointer } from './check.repository';
import type { DeconflictionService } from './deconfliction.service';
import type { Match } from './matching.repository';

export interface CheckActor { userId: string; username: string; agency: string }

export type CheckOutcome =
  | { refused: Exclude<BudgetVerdict, { allowed: true }> }
  | { refused: null; checkId: string; matches: Match[]; ambiguous: AmbiguousValue[]; owners: Map<string, OwnerPointer> };

/** A checked value answered as one count, not match by match: a common name, or a readable part met by a crowd. */
export type AmbiguousValue = AmbiguousPerson | AmbiguousSerial;
export interface AmbiguousSerial extends Omit<SerialCrowd, 'matches'> { matchType: 'FIREARM_SERIAL'; atLeast: false }

const ambiguousSerial = ({ matches: _matches, ...crowd }: SerialCrowd): AmbiguousSerial => ({ ...crowd, matchType: 'FIREARM_SERIAL', atLeast: false });

const recordOf = (m: Match): CheckMatchRecord => ({
  itemId: m.other.itemId, matchType: m.matchType, caseId: m.other.caseId, lookoutId: m.other.lookoutId, agency: m.other.agency,
});

/**
 * A check as the watch centres run it (issue 22, item 2): charged to the user's budget, kept as a record, known to
 * every agency whose item it met, and watched for repetition. The record, its notices, the pattern alerts it raises and
 * every audit entry commit together before the answer (CheckRepository.keep), so there is no answer without its record,
 * notice and alert, and no record of a check that failed.
 */
export class CheckService {
  private readonly budget: CheckBudget;
  /** The kept checks, which `GET /deconfliction/checks` pages through. */
  readonly records: CheckRepository;

  constructor(
    private readonly dataSource: DataSource,
    private readonly deconfliction: DeconflictionService,
    private readonly audit: AuditStore,
    private readonly config: CheckConfig,
    /** PERSON_POSSIBLE_MAX: more POSSIBLE namesakes of one checked person than this collapse into one entry. */
    private readonly possibleMax: number = PERSON_TIER_DEFAULTS.personPossibleMax,
    /** SERIAL_PARTIAL_MAX: more stored serials met by one checked readable part collapse into one entry. */
    private readonly serialPartialMax: number = SERIAL_PARTIAL_MAX_DEFAULT,
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
    return { refused: null, checkId: kept.checkId, matches: kept.matches, ambiguous: kept.ambiguous, owners: used.owners };
  }

  private async probeAndKeep(db: EntityManager, actor: CheckActor, batches: CaseItems[], counts: Record<string, number>, charge: number) {
    // A common name's POSSIBLE namesakes, and the serials a readable part finds in a crowd, are one answer entry each,
    // not hundreds of records, notices and pattern counts.
    const names = collapseCommonNames(await this.deconfliction.check(actor.agency, batches, db), this.possibleMax);
    const serials = collapseSerialParts(names.kept, this.serialPartialMax);
    const matches = serials.kept;
    const ambiguous: AmbiguousValue[] = [...names.ambiguous, ...serials.crowds.map(ambiguousSerial)];
    const records = distinctRecords(matches.map(recordOf));
    const foreign = records.filter((r) => r.agency !== actor.agency);
    const checkId = randomUUID();
    // Sorted: the order every check takes the items' pattern locks in (keep()), so two checks cannot deadlock.
    const itemIds = [...new Set(foreign.map((r) => r.itemId))].sort();
    const watch = foreign.length > 0 ? { itemIds, windowMs: this.config.patternWindowMs, threshold: this.config.patternThreshold } : null;
    // Every pointer the answer discloses, and of a collapsed name only what its entry says (counts and agencies).
    const checked: AuditInput = {
      actor: actor.username, agency: actor.agency, action: 'deconfliction.checked', entityType: 'check', entityId: checkId,
      details: {
        counts, matches: records.map((r) => ({ matchType: r.matchType, agency: r.agency, case: r.caseId, lookout: r.lookoutId })),
        ...(ambiguous.length > 0
          ? {
              ambiguous: ambiguous.map((a) => ({
                matchType: a.matchType, candidates: a.candidates, cases: a.cases, agencies: a.agencies, atLeast: a.atLeast,
              })),
            } : {}),
      },
    };
    // The owners of the items met, the notices to those of other agencies and the pattern alerts are keep()'s own.
    const used = await this.records.keep(db,
      { id: checkId, userId: actor.userId, agency: actor.agency, counts, items: charge, matches: records },
      this.budget.limits(), watch, this.audit.entry(checked));
    return { checkId, matches, ambiguous, used };
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
}

/** One record per matched item and kind: several own values meeting one item count as one meeting. */
function distinctRecords(records: CheckMatchRecord[]): CheckMatchRecord[] {
  return [...new Map(records.map((r) => [`${r.itemId}|${r.matchType}`, r])).values()];
}
