import { http } from './http';

/**
 * Every notification of the caller since `since` (an ISO time taken when the test began, or a notification id), all
 * pages: a test looks only at what it caused, never at the first page of an inbox other tests keep filling.
 */
export async function notificationsSince(token: string, since: string): Promise<any[]> {
  const items: any[] = [];
  let cursor = since;
  for (;;) {
    const page = await http('GET', `/notifications?since=${encodeURIComponent(cursor)}&limit=500`, { token });
    if (page.status !== 200) throw new Error(`GET /notifications answered ${page.status}: ${JSON.stringify(page.body)}`);
    items.push(...page.body.items);
    if (page.body.items.length < 500) return items;
    cursor = String(page.body.lastId);
  }
}
