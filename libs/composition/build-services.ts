import type { DataSource } from 'typeorm';
import { AuditStore } from '../audit/audit-store';
import { CaseRepository } from '../cases/case.repository';
import { CaseService } from '../cases/case.service';
import type { AppConfig } from '../config/config';
import { DeconflictionService } from '../deconfliction/deconfliction.service';
import { HitRepository } from '../deconfliction/hit.repository';
import { MatchingRepository } from '../deconfliction/matching.repository';
import { ActionItemService } from '../meetings/action-item.service';
import { MeetingService } from '../meetings/meeting.service';
import { NotificationStore } from '../notifications/notification-store';
import { ReferralService } from '../referrals/referral.service';
import { SeizureService } from '../seizures/seizure.service';
import { StatsService } from '../seizures/stats.service';
import { TraceService } from '../seizures/trace.service';

/**
 * The one composition root of the domain: every store and use-case service, built once over one pool. The API
 * (apps/api/src/infra/infra.module.ts provides each as its own Nest token) and the worker (apps/worker/src/main.ts
 * hands them to the activities) both build from here, so a constructor changes in one place.
 */
export function buildServices(dataSource: DataSource, config: AppConfig) {
  const audit = new AuditStore(dataSource);
  const caseRepository = new CaseRepository(dataSource);
  const cases = new CaseService(dataSource, caseRepository, audit);
  const hits = new HitRepository(dataSource);
  const notifications = new NotificationStore(dataSource);
  const deconfliction = new DeconflictionService(
    dataSource, caseRepository, new MatchingRepository(config.deconfliction), hits, notifications, audit, config.deconfliction,
  );
  const referrals = new ReferralService(dataSource, cases, notifications, audit, config.referralAckDueAfterMs);
  const actionItems = new ActionItemService(dataSource, notifications, audit);
  const meetings = new MeetingService(dataSource, notifications, audit, actionItems, config.meetings.noticeLeadTimeMs);
  const seizures = new SeizureService(dataSource, audit);
  const traces = new TraceService(dataSource, notifications, audit, config.traceDueAfterMs);
  const stats = new StatsService(dataSource);
  return { audit, caseRepository, cases, hits, notifications, deconfliction, referrals, actionItems, meetings, seizures, traces, stats };
}
export type Services = ReturnType<typeof buildServices>;
