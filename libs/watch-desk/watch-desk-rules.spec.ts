import type { HitRecord, HitSide } from '../deconfliction/hit.repository';
import { signWebhook, verifyWebhook, watchDeskMail, watchDeskMessage } from './watch-desk-message';
import { contactProblems } from './watch-desk.service';

const side = (over: Partial<HitSide>): HitSide => ({
  caseId: 'c1', seizureId: null, lookoutId: null, agency: 'ICE', caseNumber: 'ICE-2026-000001', agentUserId: 'u1',
  agentName: 'Ana Agent', agentPhone: '+1 520 555 0100', contactAgency: null, value: 'Joaquín Secretname', nameForm: 'LEGAL', ...over,
});
const hit = {
  id: 'h1', matchType: 'PERSON', score: 0.97, reason: 'same name Joaquín Secretname and DOB', tier: 'CONFIRMED', reasonEs: 'mismo nombre',
  urgent: true, status: 'OPEN', resolution: null, resolutionNote: 'talked about Secretname', resolvedBy: null, resolvedAt: null,
  escalatedAt: null, createdAt: new Date('2026-01-01T00:00:00Z'), eventStartsAt: null, workflowId: 'hit-h1',
  a: side({}), b: side({ caseId: null, lookoutId: 'l1', agency: 'FBI', caseNumber: null, agentName: 'Bo Owner', value: 'J. Secretname' }),
} as HitRecord;

describe('watch-desk message (pointer-only)', () => {
  const message = watchDeskMessage(hit, 'hit.created', 'h1:created');
  const mail = watchDeskMail(message);
  it.each([
    ['the webhook body', JSON.stringify(message)],
    ['the mail subject', mail.subject],
    ['the mail text', mail.text],
  ])('%s names neither matched value nor reason nor note', (_, text) => {
    expect(text).not.toContain('Secretname');
    expect(text).not.toContain('same name');
  });
  it.each([
    ['kind of match', 'PERSON'], ['case number', 'ICE-2026-000001'], ['whom to call', 'Ana Agent'], ['phone', '+1 520 555 0100'],
    ['the other agency', 'FBI'], ['the other side is a lookout', 'lookout'],
  ])('the mail says the %s', (_, expected) => {
    expect(`${mail.subject}\n${mail.text}`).toContain(expected);
  });
});

describe('webhook signature', () => {
  const body = '{"hitId":"h1"}';
  const now = 1_760_000_000;
  const header = signWebhook('s3cret-s3cret-s3cret', body, now);
  it.each([
    ['the same secret, body and a fresh timestamp', 's3cret-s3cret-s3cret', body, header, now + 10, true],
    ['another secret', 'other-secret-other', body, header, now, false],
    ['a changed body', 's3cret-s3cret-s3cret', '{"hitId":"h2"}', header, now, false],
    ['a replay past the tolerance', 's3cret-s3cret-s3cret', body, header, now + 301, false],
    ['a timestamp moved forward', 's3cret-s3cret-s3cret', body, header.replace(`t=${now}`, `t=${now + 100}`), now + 100, false],
    ['a malformed header', 's3cret-s3cret-s3cret', body, 'v1=abc', now, false],
  ])('%s: %s', (_, secret, signedBody, signature, at, ok) => {
    expect(verifyWebhook(secret, signedBody, signature, at)).toBe(ok);
  });
});

describe('watch-desk contacts', () => {
  it.each([
    [{ emails: ['desk@ice.example.org'], webhooks: [{ url: 'https://hooks.example.org/x', secret: 'long-enough-secret' }] }, []],
    [{ emails: ['no-at-sign'], webhooks: [] }, ['emails[0]']],
    [{ emails: [], webhooks: [{ url: 'ftp://x.example.org', secret: 'long-enough-secret' }] }, ['webhooks[0].url']],
    [{ emails: [], webhooks: [{ url: 'https://user:pw@x.example.org', secret: 'long-enough-secret' }] }, ['webhooks[0].url']],
    [{ emails: [], webhooks: [{ url: 'https://new.example.org' }] }, ['webhooks[0].secret']],
    [{ emails: [], webhooks: [{ url: 'https://known.example.org' }] }, []],
    [{ emails: ['a@b.example', 'A@b.example'], webhooks: [] }, ['emails']],
  ])('%j -> %j', (input, fields) => {
    expect(contactProblems(input, new Set(['https://known.example.org'])).map((p) => p.field)).toEqual(fields);
  });
});
