import { randomUUID } from 'node:crypto';
import { hashPassword } from '../../libs/auth/password';
import type { AppProcesses } from '../../libs/devstack/app-processes';
import { verifyWebhook } from '../../libs/watch-desk/watch-desk-message';
import { DEMO_PASSWORD, eventually, http, login, sampleCase, uniqueWord, withDb } from '../support/http';
import { ReceivedPost, startAlertsPair, startMailServer, startWebhookReceiver } from '../support/watch-desk-receivers';

/**
 * Alerts outside the browser (issue 17), end to end: a real SMTP server and a webhook receiver in this process, and an
 * API + worker of this spec's own that send to them (test/support/watch-desk-receivers.ts: retries within a second,
 * event conflicts escalate after 4 s). ICE's and FBI's watch desks are set through the API by their administrators.
 */
const ICE_SECRET = `ice-secret-${uniqueWord(12)}`;
const FBI_SECRET = `fbi-secret-${uniqueWord(12)}`;

describe('watch-desk alerts', () => {
  let mail: Awaited<ReturnType<typeof startMailServer>>;
  let hooks: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let pair: AppProcesses;
  let admin: string; let fbiAdmin: string; let ice: string; let fbi: string; let coordinator: string;
  const iceMail = `desk-${uniqueWord()}@ice.example.org`;
  const fbiMail = `desk-${uniqueWord()}@fbi.example.org`;
  const on = (extra: Record<string, unknown> = {}) => ({ baseUrl: pair.apiUrl, ...extra });

  beforeAll(async () => {
    [mail, hooks] = await Promise.all([startMailServer(), startWebhookReceiver()]);
    pair = await startAlertsPair(mail.url);
    const fbiAdminName = `fbi.admin.${uniqueWord()}`;
    await withDb(async (db) => db.query(
      `INSERT INTO users (id, username, password_hash, agency_code, roles, full_name) VALUES ($1, $2, $3, 'FBI', $4, 'FBI Admin')`,
      [randomUUID(), fbiAdminName, await hashPassword(DEMO_PASSWORD), ['ADMIN']]));
    [admin, fbiAdmin, ice, fbi, coordinator] = await Promise.all(
      ['admin', fbiAdminName, 'ice.agent', 'fbi.agent', 'coordinator'].map((u) => login(u)));
  }, 150_000);

  afterAll(async () => {
    // The shared agencies' desks go back to empty, so later specs' hits page nobody.
    await withDb((db) => db.query(`DELETE FROM watch_desk_contacts WHERE agency_code IN ('ICE', 'FBI')`));
    await pair?.stop();
    await Promise.all([mail?.stop(), hooks?.stop()]);
  });

  it('lets an agency administrator set its own contacts only, refusing bad addresses in both languages, and audits the change', async () => {
    const path = '/agencies/ICE/watch-desk';
    const bad = await http('PUT', path, {
      token: admin, headers: { 'accept-language': 'es' },
      body: { emails: ['not-an-address'], webhooks: [{ url: 'ftp://desk.example.org/hook', secret: ICE_SECRET }, { url: 'https://new.example.org/hook' }] },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.detail).toContain('campo');
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['emails[0]', 'webhooks[0].url', 'webhooks[1].secret']);
    // Asked in Spanish, each field's message is in Spanish; in English, in English.
    expect(bad.body.errors[1]).toMatchObject({ message: 'debe ser una URL http(s) sin credenciales' });
    const english = await http('PUT', path, { token: admin, body: { emails: [], webhooks: [{ url: 'javascript:alert(1)', secret: ICE_SECRET }] } });
    expect(english.body.errors).toEqual([expect.objectContaining({ field: 'webhooks[0].url', message: 'must be an http(s) URL without credentials' })]);

    expect((await http('PUT', '/agencies/FBI/watch-desk', { token: admin, body: { emails: [], webhooks: [] } })).status).toBe(403);
    expect((await http('GET', '/agencies/NOPE/watch-desk', { token: admin })).status).toBe(404);
    expect((await http('GET', path, { token: ice })).status).toBe(403);

    const set = await http('PUT', path, { token: admin, body: { emails: [iceMail], webhooks: [{ url: `${hooks.base}/ice`, secret: ICE_SECRET }] } });
    expect(set.status).toBe(200);
    expect(set.body).toEqual({ agency: 'ICE', emails: [iceMail], webhooks: [{ url: `${hooks.base}/ice`, secretEndsWith: ICE_SECRET.slice(-4) }] });
    // Sent again without its secret, a listed webhook keeps the one it has.
    const again = await http('PUT', path, { token: admin, body: { emails: [iceMail], webhooks: [{ url: `${hooks.base}/ice` }] } });
    expect(again.status).toBe(200);
    expect((await http('GET', path, { token: admin })).body.webhooks).toEqual([{ url: `${hooks.base}/ice`, secretEndsWith: ICE_SECRET.slice(-4) }]);
    // Stored sealed (SECRETS_KEYS), never in clear; the deliveries below are signed with it read back.
    const stored = await withDb(async (db) => (await db.query(
      `SELECT secret FROM watch_desk_contacts WHERE agency_code = 'ICE' AND channel = 'WEBHOOK'`)).rows.map((r) => r.secret as string));
    expect(stored).toEqual([expect.stringMatching(/^aes256gcm:[\w.-]+:[\w-]+$/)]);
    expect(stored[0]).not.toContain(ICE_SECRET);

    const audit = await withDb(async (db) => (await db.query(
      `SELECT details::text AS details FROM audit_log WHERE action = 'watch_desk.contacts_replaced' AND entity_id = 'ICE' ORDER BY seq DESC LIMIT 1`)).rows);
    expect(audit[0].details).toContain(iceMail);
    expect(audit[0].details).not.toContain(ICE_SECRET);

    expect((await http('PUT', '/agencies/FBI/watch-desk', {
      token: fbiAdmin, body: { emails: [fbiMail], webhooks: [{ url: `${hooks.base}/fbi`, secret: FBI_SECRET }] },
    })).status).toBe(200);
  });

  it('pages both desks of a new event conflict and of its escalation, retrying failed deliveries, with pointers only', async () => {
    // The contacts of the first test (set again here so this test stands alone).
    await http('PUT', '/agencies/ICE/watch-desk', { token: admin, body: { emails: [iceMail], webhooks: [{ url: `${hooks.base}/ice`, secret: ICE_SECRET }] } });
    await http('PUT', '/agencies/FBI/watch-desk', { token: fbiAdmin, body: { emails: [fbiMail], webhooks: [{ url: `${hooks.base}/fbi`, secret: FBI_SECRET }] } });
    const iceCase = sampleCase({ summary: `Secret summary ${uniqueWord()}` });
    const fbiCase = sampleCase({ summary: `Secret summary ${uniqueWord()}`, operations: iceCase.operations });
    const first = await http('POST', '/cases', on({ token: ice, body: iceCase }));
    expect(first.status).toBe(201);
    await eventually(() => http('GET', `/cases/${first.body.id}`, on({ token: ice })), (r) => r.body.status === 'ACTIVE');

    // The first message to the mail server and the first POST to ICE's webhook fail: both must be retried.
    mail.refuseNext(1);
    hooks.failNext('/ice', [500]);
    const second = await http('POST', '/cases', on({ token: fbi, body: fbiCase }));
    expect(second.status).toBe(201);
    const [hit] = (await eventually(() => http('GET', `/cases/${second.body.id}/hits`, on({ token: fbi })), (r) => r.body.items?.length === 1)).body.items;
    expect(hit.matchType).toBe('EVENT');

    const alertPosts = (event: string) => hooks.posts.filter((p) => p.body.includes(hit.id) && JSON.parse(p.body).event === event);
    const mailsOf = (event: string) => mail.mails.filter((m) => m.text.includes(hit.id) && m.subject.includes(event === 'hit.created' ? 'New deconfliction' : 'ESCALATED'));
    await eventually(async () => alertPosts('hit.created'), (posts) => new Set(posts.map((p) => p.path)).size === 2);
    await eventually(async () => mailsOf('hit.created'), (mails) => mails.length === 2);
    expect(mailsOf('hit.created').flatMap((m) => m.to).sort()).toEqual([fbiMail, iceMail].sort());

    // ICE's webhook was answered 500 once, then 200: two POSTs, each signed with ICE's secret over its own timestamp.
    const icePosts = alertPosts('hit.created').filter((p) => p.path === '/ice');
    expect(icePosts).toHaveLength(2);
    const verified = (p: ReceivedPost, secret: string) => verifyWebhook(secret, p.body, String(p.headers['x-signature']), Math.floor(Date.now() / 1000));
    for (const p of icePosts) expect(verified(p, ICE_SECRET)).toBe(true);
    const fbiPost = alertPosts('hit.created').find((p) => p.path === '/fbi') as ReceivedPost;
    expect(verified(fbiPost, FBI_SECRET)).toBe(true);
    expect(verified(fbiPost, ICE_SECRET)).toBe(false);
    expect(verifyWebhook(FBI_SECRET, fbiPost.body.replace('EVENT', 'EMAIL'), String(fbiPost.headers['x-signature']), Math.floor(Date.now() / 1000))).toBe(false);
    // A replay after the tolerance is refused, though the signature itself is intact.
    expect(verifyWebhook(FBI_SECRET, fbiPost.body, String(fbiPost.headers['x-signature']), Math.floor(Date.now() / 1000) + 600)).toBe(false);

    const payload = JSON.parse(fbiPost.body);
    expect(payload).toMatchObject({ event: 'hit.created', hitId: hit.id, matchType: 'EVENT', urgent: true });
    expect(payload.sides.map((s: { agency: string }) => s.agency).sort()).toEqual(['FBI', 'ICE']);
    expect(payload.sides.map((s: { caseNumber: string }) => s.caseNumber).sort()).toEqual([first.body.caseNumber, second.body.caseNumber].sort());

    // Escalation (4 s on this pair) is a second alert to both desks.
    await eventually(async () => alertPosts('hit.escalated'), (posts) => new Set(posts.map((p) => p.path)).size === 2, 30_000);
    await eventually(async () => mailsOf('hit.escalated'), (mails) => mails.length === 2, 30_000);

    // Nothing of either case beyond its pointer leaves: no names, summaries, titles, values or places.
    const secrets = [iceCase, fbiCase].flatMap((c) => [
      c.summary, c.title, ...c.subjects.map((s) => ('fullName' in s ? s.fullName : s.name) as string).flatMap((n) => n.split(' ').slice(1)),
      ...c.identifiers.map((i) => i.value), c.firearms[0].serialNumber, String(c.operations[0].latitude).slice(0, 8),
    ]).filter((s) => s.length > 6 && s !== 'Rifles through Nogales');
    expect(secrets.length).toBeGreaterThanOrEqual(14);
    const outbound = [...hooks.posts.filter((p) => p.body.includes(hit.id)).map((p) => p.body), ...mail.mails.filter((m) => m.text.includes(hit.id)).map((m) => `${m.subject}\n${m.text}`)];
    expect(outbound.length).toBeGreaterThanOrEqual(8);
    for (const text of outbound) for (const secret of secrets) expect(text).not.toContain(secret);
    for (const text of outbound) expect(text).not.toContain('Rifles through Nogales');

    // The delivery log: every attempt with its result, for the coordinator only.
    const log = await eventually(() => http('GET', `/deconfliction/hits/${hit.id}/deliveries`, { token: coordinator }),
      (r) => r.body.items?.filter((d: { outcome: string }) => d.outcome === 'DELIVERED').length === 8);
    const created = log.body.items.filter((d: { event: string }) => d.event === 'hit.created');
    const iceHook = created.filter((d: { address: string }) => d.address === `${hooks.base}/ice`);
    expect(iceHook.map((d: { attempt: number; outcome: string; detail: string }) => [d.attempt, d.outcome, d.detail]))
      .toEqual([[1, 'FAILED', 'HTTP 500'], [2, 'DELIVERED', 'HTTP 200']]);
    const refusedMail = created.filter((d: { channel: string; outcome: string }) => d.channel === 'EMAIL' && d.outcome === 'FAILED');
    expect(refusedMail).toHaveLength(1);
    expect(refusedMail[0].detail).toContain('451');
    expect((await http('GET', `/deconfliction/hits/${hit.id}/deliveries`, { token: ice })).status).toBe(403);
    const page = await http('GET', `/deconfliction/hits/${hit.id}/deliveries?limit=3`, { token: coordinator });
    expect(page.body.items).toHaveLength(3);
    const rest = await http('GET', `/deconfliction/hits/${hit.id}/deliveries?limit=100&cursor=${page.body.nextCursor}`, { token: coordinator });
    expect([...page.body.items, ...rest.body.items].map((d: { id: string }) => d.id)).toEqual(log.body.items.map((d: { id: string }) => d.id));
  }, 90_000);

  it('never holds up the hit when a desk is unreachable: the hit is recorded and the failures are logged', async () => {
    await http('PUT', '/agencies/ICE/watch-desk', { token: admin, body: { emails: [], webhooks: [{ url: 'http://127.0.0.1:9/unreachable', secret: ICE_SECRET }] } });
    await http('PUT', '/agencies/FBI/watch-desk', { token: fbiAdmin, body: { emails: [], webhooks: [] } });
    const iceCase = sampleCase();
    const first = await http('POST', '/cases', on({ token: ice, body: iceCase }));
    await eventually(() => http('GET', `/cases/${first.body.id}`, on({ token: ice })), (r) => r.body.status === 'ACTIVE');
    const second = await http('POST', '/cases', on({ token: fbi, body: sampleCase({ operations: iceCase.operations }) }));
    const [hit] = (await eventually(() => http('GET', `/cases/${second.body.id}/hits`, on({ token: fbi })), (r) => r.body.items?.length === 1)).body.items;
    expect((await http('GET', `/deconfliction/hits/${hit.id}`, { token: coordinator })).body.status).toBe('OPEN');
    // WATCH_DESK_MAX_ATTEMPTS=4 on this pair: four failed attempts, then the alert gives up.
    const log = await eventually(() => http('GET', `/deconfliction/hits/${hit.id}/deliveries`, { token: coordinator }),
      (r) => r.body.items?.filter((d: { event: string }) => d.event === 'hit.created').length === 4, 30_000);
    expect(log.body.items.filter((d: { event: string }) => d.event === 'hit.created').map((d: { outcome: string }) => d.outcome))
      .toEqual(['FAILED', 'FAILED', 'FAILED', 'FAILED']);
  }, 60_000);
});
