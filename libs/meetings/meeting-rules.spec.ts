import {
  complianceTotals, meetingStepRefusal, MeetingStep, MeetingStepState, nextActionItemStatus, nextNotificationStatus,
  nextReportStatus, notificationRequirement, noticeTimeliness, ReportAction, reportEligible, ReportStatus,
} from './meeting-rules';

const HOUR = 3_600_000;
const scheduledAt = new Date('2031-05-20T15:00:00Z');

describe('notificationRequirement (M1, M2)', () => {
  it.each([
    ['executive with Mexico', 'EXECUTIVE', 'MX', true, '2031-05-17T15:00:00.000Z', 'PENDING'],
    ['executive with Canada', 'EXECUTIVE', 'CA', true, '2031-05-17T15:00:00.000Z', 'PENDING'],
    ['working level with Mexico', 'WORKING', 'MX', false, null, 'EXEMPT'],
    ['working level with Canada', 'WORKING', 'CA', false, null, 'EXEMPT'],
    ['executive with another country', 'EXECUTIVE', 'GT', false, null, 'EXEMPT'],
  ] as const)('%s', (_label, level, counterpartCountry, required, dueAt, initial) => {
    const result = notificationRequirement({ level, counterpartCountry, scheduledAt }, 72 * HOUR);
    expect({ required: result.required, dueAt: result.dueAt?.toISOString() ?? null, initial: result.initial })
      .toEqual({ required, dueAt, initial });
  });

  it('takes the lead time from its argument (configuration)', () => {
    expect(notificationRequirement({ level: 'EXECUTIVE', counterpartCountry: 'MX', scheduledAt }, 2000).dueAt?.toISOString())
      .toBe('2031-05-20T14:59:58.000Z');
  });
});

describe('notice timeliness and the notification clock', () => {
  const dueAt = new Date('2031-05-17T15:00:00Z');
  const at = (offsetMs: number) => ({ dueAt, noticeAt: new Date(dueAt.getTime() + offsetMs) });

  it.each([
    ['a day early', -24 * HOUR, 'ON_TIME'],
    ['exactly at the due time', 0, 'ON_TIME'],
    ['a millisecond late', 1, 'LATE'],
    ['after the meeting', 80 * HOUR, 'LATE'],
  ] as const)('notice %s -> %s', (_label, offset, expected) => {
    expect(noticeTimeliness(dueAt, at(offset).noticeAt)).toBe(expected);
  });

  it.each([
    ['PENDING', 'NOTICE', at(-HOUR), 'ON_TIME'],
    ['PENDING', 'NOTICE', at(HOUR), 'LATE'],
    ['MISSING', 'NOTICE', at(100 * HOUR), 'LATE'],
    // A meeting already marked MISSING stays late even if a clock skew made the notice look early.
    ['MISSING', 'NOTICE', at(-HOUR), 'LATE'],
    ['ON_TIME', 'NOTICE', at(-HOUR), null],
    ['LATE', 'NOTICE', at(HOUR), null],
    ['EXEMPT', 'NOTICE', at(-HOUR), null],
    ['PENDING', 'MISS', undefined, 'MISSING'],
    ['ON_TIME', 'MISS', undefined, null],
    ['LATE', 'MISS', undefined, null],
    ['EXEMPT', 'MISS', undefined, null],
    ['MISSING', 'MISS', undefined, null],
  ] as const)('%s + %s -> %p', (from, action, timing, to) => {
    expect(nextNotificationStatus(from, action, timing)).toBe(to);
  });
});

describe('reportEligible (M3)', () => {
  it.each([
    [[], false],
    [['TRANSNATIONAL_CRIME'], true],
    [['SMUGGLING_AND_TRAFFICKING'], true],
    [['COUNTER_TERRORISM'], true],
    [['LAW_ENFORCEMENT_COOPERATION'], true],
    [['HIGH_RISK_REMOVALS'], true],
    [['REPATRIATION'], true],
    [['TOURISM'], false],
    [['TOURISM', 'REPATRIATION'], true],
  ])('%p -> %p', (deliverables, expected) => expect(reportEligible(deliverables)).toBe(expected));
});

describe('nextReportStatus', () => {
  const ALL: ReportStatus[] = ['NOT_REQUESTED', 'REQUESTED', 'OVERDUE', 'SUBMITTED', 'ACCEPTED', 'RETURNED'];
  const ALLOWED: Record<ReportAction, Partial<Record<ReportStatus, ReportStatus>>> = {
    REQUEST: { NOT_REQUESTED: 'REQUESTED' },
    EXPIRE: { REQUESTED: 'OVERDUE', RETURNED: 'OVERDUE' },
    SUBMIT: { REQUESTED: 'SUBMITTED', OVERDUE: 'SUBMITTED', RETURNED: 'SUBMITTED' },
    ACCEPT: { SUBMITTED: 'ACCEPTED' },
    RETURN: { SUBMITTED: 'RETURNED' },
  };
  // Every (state, action) pair: the allowed ones move, all others are refused.
  const table = ALL.flatMap((from) => (Object.keys(ALLOWED) as ReportAction[]).map((action) => [from, action, ALLOWED[action][from] ?? null] as const));

  it.each(table)('%s + %s -> %p', (from, action, to) => expect(nextReportStatus(from, action)).toBe(to));

  it('walks request -> overdue -> submit -> return -> overdue again -> resubmit -> accept', () => {
    const path: ReportAction[] = ['REQUEST', 'EXPIRE', 'SUBMIT', 'RETURN', 'EXPIRE', 'SUBMIT', 'ACCEPT'];
    const states = path.reduce<ReportStatus[]>((acc, action) => [...acc, nextReportStatus(acc[acc.length - 1], action) as ReportStatus], ['NOT_REQUESTED']);
    expect(states).toEqual(['NOT_REQUESTED', 'REQUESTED', 'OVERDUE', 'SUBMITTED', 'RETURNED', 'OVERDUE', 'SUBMITTED', 'ACCEPTED']);
  });
});

describe('nextActionItemStatus', () => {
  it.each([
    ['OPEN', 'EXPIRE', 'OVERDUE'], ['OVERDUE', 'EXPIRE', null], ['CLOSED', 'EXPIRE', null],
    ['OPEN', 'CLOSE', 'CLOSED'], ['OVERDUE', 'CLOSE', 'CLOSED'], ['CLOSED', 'CLOSE', null],
  ] as const)('%s + %s -> %p', (from, action, to) => {
    expect(nextActionItemStatus(from, action)).toBe(to);
  });
});

describe('complianceTotals (M4)', () => {
  it('lists every state, zeros included, for an empty period', () => {
    expect(complianceTotals([])).toEqual({
      notification: { ON_TIME: 0, LATE: 0, MISSING: 0, EXEMPT: 0, PENDING: 0, CANCELLED: 0 },
      report: { NOT_REQUESTED: 0, REQUESTED: 0, OVERDUE: 0, SUBMITTED: 0, ACCEPTED: 0, RETURNED: 0, CANCELLED: 0 },
    });
  });

  it.each([
    [
      'one of each notification state',
      [['ON_TIME', 'NOT_REQUESTED'], ['LATE', 'REQUESTED'], ['MISSING', 'OVERDUE'], ['EXEMPT', 'SUBMITTED'], ['PENDING', 'ACCEPTED']],
      { ON_TIME: 1, LATE: 1, MISSING: 1, EXEMPT: 1, PENDING: 1, CANCELLED: 0 },
      { NOT_REQUESTED: 1, REQUESTED: 1, OVERDUE: 1, SUBMITTED: 1, ACCEPTED: 1, RETURNED: 0, CANCELLED: 0 },
    ],
    [
      'repeated states add up',
      [['LATE', 'RETURNED'], ['LATE', 'RETURNED'], ['MISSING', 'NOT_REQUESTED'], ['LATE', 'OVERDUE']],
      { ON_TIME: 0, LATE: 3, MISSING: 1, EXEMPT: 0, PENDING: 0, CANCELLED: 0 },
      { NOT_REQUESTED: 1, REQUESTED: 0, OVERDUE: 1, SUBMITTED: 0, ACCEPTED: 0, RETURNED: 2, CANCELLED: 0 },
    ],
    [
      'a cancelled meeting counts as CANCELLED in both groups, never MISSING',
      [['CANCELLED', 'CANCELLED'], ['MISSING', 'NOT_REQUESTED']],
      { ON_TIME: 0, LATE: 0, MISSING: 1, EXEMPT: 0, PENDING: 0, CANCELLED: 1 },
      { NOT_REQUESTED: 1, REQUESTED: 0, OVERDUE: 0, SUBMITTED: 0, ACCEPTED: 0, RETURNED: 0, CANCELLED: 1 },
    ],
  ] as const)('%s', (_label, rows, notification, report) => {
    const input = rows.map(([n, r]) => ({ notification: n, report: r }));
    expect(complianceTotals(input)).toEqual({ notification, report });
  });
});

describe('meetingStepRefusal (the rule the workflow, the API and the service share)', () => {
  const open: MeetingStepState = {
    notification: 'PENDING', report: 'NOT_REQUESTED', outcomeRecorded: false, reportEligible: true, cancelled: false,
  };
  const cancelled = { aspect: 'meeting', current: 'CANCELLED', message: 'the meeting is cancelled' } as const;
  it.each<[string, MeetingStep, Partial<MeetingStepState>, ReturnType<typeof meetingStepRefusal>]>([
    ['a notice owed', 'notice', {}, null],
    ['a notice after the meeting passed', 'notice', { notification: 'MISSING' }, null],
    ['a second notice', 'notice', { notification: 'ON_TIME' }, {
      aspect: 'notification', current: 'ON_TIME', message: 'cannot record a notice for a meeting whose notification is ON_TIME',
    }],
    ['a notice nobody owes', 'notice', { notification: 'EXEMPT' }, {
      aspect: 'notification', current: 'EXEMPT', message: 'cannot record a notice for a meeting whose notification is EXEMPT',
    }],
    ['the first outcome', 'outcome', {}, null],
    ['a second outcome', 'outcome', { outcomeRecorded: true }, {
      aspect: 'outcome', current: 'RECORDED', message: 'the outcome of this meeting is already recorded',
    }],
    ['a request', 'REQUEST', {}, null],
    ['a request without a deliverable', 'REQUEST', { reportEligible: false }, {
      aspect: 'report', current: 'NOT_REQUESTED', message: 'the meeting touches no trilateral deliverable (M3)', reason: 'NO_DELIVERABLE',
    }],
    ['a second request', 'REQUEST', { report: 'REQUESTED' }, {
      aspect: 'report', current: 'REQUESTED', message: 'cannot request a report that is REQUESTED',
    }],
    ['a submission', 'SUBMIT', { report: 'OVERDUE' }, null],
    ['an acceptance before submission', 'ACCEPT', { report: 'REQUESTED' }, {
      aspect: 'report', current: 'REQUESTED', message: 'cannot accept a report that is REQUESTED',
    }],
    ['a return', 'RETURN', { report: 'SUBMITTED' }, null],
    ['an expiry of an accepted report', 'EXPIRE', { report: 'ACCEPTED' }, {
      aspect: 'report', current: 'ACCEPTED', message: 'cannot expire a report that is ACCEPTED',
    }],
    ['a cancellation before the meeting', 'cancel', {}, null],
    ['a cancellation after a MISSING notice', 'cancel', { notification: 'MISSING', report: 'REQUESTED' }, null],
    ['a reschedule before the meeting', 'reschedule', { notification: 'ON_TIME' }, null],
    ['a cancellation of a held meeting', 'cancel', { outcomeRecorded: true }, {
      aspect: 'meeting', current: 'HELD', message: 'cannot cancel a meeting that was held',
    }],
    ['a reschedule of a held meeting', 'reschedule', { outcomeRecorded: true }, {
      aspect: 'meeting', current: 'HELD', message: 'cannot reschedule a meeting that was held',
    }],
    ['a second cancellation', 'cancel', { cancelled: true }, cancelled],
    ['a reschedule of a cancelled meeting', 'reschedule', { cancelled: true }, cancelled],
    ['a notice for a cancelled meeting', 'notice', { cancelled: true }, cancelled],
    ['an outcome for a cancelled meeting', 'outcome', { cancelled: true }, cancelled],
    ['a submission for a cancelled meeting', 'SUBMIT', { cancelled: true, report: 'REQUESTED' }, cancelled],
    ['an expiry on a cancelled meeting', 'EXPIRE', { cancelled: true, report: 'REQUESTED' }, cancelled],
  ])('%s', (_label, step, state, expected) => {
    expect(meetingStepRefusal(step, { ...open, ...state })).toEqual(expected);
  });
});
