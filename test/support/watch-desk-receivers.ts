import { AppProcesses, startAppProcesses } from '../../libs/devstack/app-processes';
import { freePort } from '../../libs/devstack/processes';
import { readStack } from './stack';

export { decodeMail, startMailServer, startWebhookReceiver } from '../../libs/devstack/watch-desk-receivers';
export type { MailServer, ReceivedMail, ReceivedPost, WebhookReceiver } from '../../libs/devstack/watch-desk-receivers';

/**
 * An API and worker of their own (task queue apart, on the shared PostgreSQL and Temporal) that send watch-desk alerts
 * through `smtpUrl`, retry a failed delivery within a second, and escalate event conflicts after `eventEscalation`.
 * Cases created through its API run their workflows (and the hits' and alerts') on its worker.
 */
export async function startAlertsPair(smtpUrl: string, eventEscalation = '4s', taskQueue = 'case-coordination-test-alerts'): Promise<AppProcesses> {
  const stack = readStack();
  return startAppProcesses({
    ...stack.env,
    TEMPORAL_TASK_QUEUE: taskQueue,
    HIT_ESCALATION_AFTER: '1h',
    EVENT_HIT_ESCALATION_AFTER: eventEscalation,
    WORKFLOW_START_RELAY_AFTER: '1h',
    SMTP_URL: smtpUrl,
    WATCH_DESK_RETRY_INITIAL: '200ms',
    WATCH_DESK_RETRY_MAX_INTERVAL: '1s',
    WATCH_DESK_MAX_ATTEMPTS: '4',
    WATCH_DESK_ATTEMPT_TIMEOUT: '5s',
  }, await freePort(), process.env.TEST_STACK_LOGS ? 'prefixed' : 'quiet');
}
