/** Watch-desk alerts (issue 17): shared by the activity that starts them, the workflow and the activities it calls. */
export const WATCH_DESK_EVENTS = ['hit.created', 'hit.escalated'] as const;
export type WatchDeskEvent = (typeof WATCH_DESK_EVENTS)[number];
export const WATCH_DESK_CHANNELS = ['EMAIL', 'WEBHOOK'] as const;
export type WatchDeskChannel = (typeof WATCH_DESK_CHANNELS)[number];

/** One contact to reach about one alert; the workflow retries each on its own. */
export interface WatchDeskTarget { contactId: string; agency: string; channel: WatchDeskChannel; address: string }

export interface WatchDeskAlertInput {
  /** Names the alert (`<hitId>:created`, `<hitId>:escalated:<escalatedAt>`): the workflow id and the webhook's `alertId`. */
  alertId: string;
  hitId: string;
  event: WatchDeskEvent;
  /** Fixed in history when the alert starts, so changing the settings later does not change a running alert. */
  retry: { initialMs: number; maxIntervalMs: number; maxAttempts: number; attemptTimeoutMs: number };
}

export interface WatchDeskAlertResult { alertId: string; delivered: number; failed: number }

export const watchDeskAlertWorkflowId = (alertId: string): string => `watch-desk-alert-${alertId}`;
