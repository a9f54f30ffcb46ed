import type { Feature } from '../../app/feature';

const READERS = ['MEETING_ORGANIZER', 'CASE_AGENT', 'MEETING_COORDINATION', 'LEADERSHIP'];

/** Meetings with foreign counterparts (M1-M3): notices, outcomes and action items, report requests, reports, reviews. */
export const meetingsFeature: Feature = {
  routes: [
    { path: 'meetings', lazy: async () => ({ Component: (await import('./pages/meetings-page')).MeetingsPage }) },
    { path: 'meetings/new', lazy: async () => ({ Component: (await import('./pages/new-meeting-page')).NewMeetingPage }) },
    { path: 'meetings/:id', lazy: async () => ({ Component: (await import('./pages/meeting-page')).MeetingPage }) },
    { path: 'action-items', lazy: async () => ({ Component: (await import('./pages/action-items-page')).ActionItemsPage }) },
  ],
  nav: [
    { to: '/meetings', labelKey: 'meetings.nav.meetings', roles: READERS },
    { to: '/action-items', labelKey: 'meetings.nav.actionItems', roles: READERS },
  ],
};
