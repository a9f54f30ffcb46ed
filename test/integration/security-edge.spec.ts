import { existsSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { eventually, http, login, uniqueWord, withDb } from '../support/http';
import { readStack } from '../support/stack';

const apiPort = () => Number(new URL(readStack().apiUrl).port);

/** Resolves to the error code of a TCP connection attempt, or 'CONNECTED'. */
const tryConnect = (host: string, port: number) => new Promise<string>((resolve) => {
  const socket = connect({ host, port, timeout: 3000 });
  socket.once('connect', () => { socket.destroy(); resolve('CONNECTED'); });
  socket.once('timeout', () => { socket.destroy(); resolve('TIMEOUT'); });
  socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'ERROR'));
});

/** Local addresses of sockets listening on `port`, from the kernel's table (Linux), in /proc's hex notation. */
function listeningAddresses(port: number): string[] {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  return ['/proc/net/tcp', '/proc/net/tcp6'].filter((file) => existsSync(file)).flatMap((file) =>
    readFileSync(file, 'utf8').split('\n').slice(1).map((line) => line.trim().split(/\s+/))
      .filter((cols) => cols.length > 3 && cols[3] === '0A' && cols[1].endsWith(`:${hexPort}`))
      .map((cols) => cols[1].split(':')[0]));
}

describe('the API binds loopback unless HOST says otherwise', () => {
  it('accepts no connection on this machine\'s own non-loopback addresses, and listens on 127.0.0.1 only', async () => {
    const port = apiPort();
    const own = Object.values(networkInterfaces()).flat()
      .filter((a) => a !== undefined && !a.internal && !a.address.startsWith('fe80'))
      .map((a) => a!.address);
    const listening = listeningAddresses(port);
    // Some proof must be available: an interface address to try, or the kernel's socket table.
    expect(own.length + listening.length).toBeGreaterThan(0);
    // Refused (or dropped by a firewall): anything but a connection.
    for (const address of own) expect(`${address}: ${await tryConnect(address, port)}`).not.toBe(`${address}: CONNECTED`);
    // 0100007F is 127.0.0.1; 00000000 (0.0.0.0) or an all-zero IPv6 address would mean every interface.
    if (listening.length > 0) expect(listening).toEqual(['0100007F']);
    expect(await tryConnect('127.0.0.1', port)).toBe('CONNECTED');
  });
});

describe('security headers', () => {
  it('sends nosniff, a CSP that forbids framing, no HSTS over plain HTTP, and no-store on case data', async () => {
    const token = await login('ice.agent');
    const cases = await http('GET', '/cases', { token, headers: { 'x-forwarded-proto': 'https' } });
    expect(cases.status).toBe(200);
    expect(cases.headers.get('x-content-type-options')).toBe('nosniff');
    expect(cases.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(cases.headers.get('x-frame-options')).toBe('DENY');
    expect(cases.headers.get('cache-control')).toBe('no-store');
    // Plain HTTP, and X-Forwarded-Proto from a client that is no trusted proxy: no HSTS.
    expect(cases.headers.get('strict-transport-security')).toBeNull();
    const refused = await http('GET', '/cases/00000000-0000-4000-8000-000000000000', { token });
    expect(refused.headers.get('cache-control')).toBe('no-store');
    // Answers refused before routing (a body of the wrong type, an unknown route) carry the headers too.
    for (const early of [
      await http('POST', '/cases', { token, rawBody: 'title=x', headers: { 'content-type': 'text/plain' } }),
      await http('GET', '/no-such-route', { token }),
    ]) {
      expect([early.status, early.headers.get('x-content-type-options'), early.headers.get('cache-control')]).toEqual([early.status, 'nosniff', 'no-store']);
      expect(early.status).toBeGreaterThanOrEqual(400);
    }
  });

  it('keeps the Swagger page working under its CSP: every script and style it loads is its own, no inline script', async () => {
    const page = await fetch(`${readStack().apiUrl}/docs`);
    expect(page.status).toBe(200);
    const csp = page.headers.get('content-security-policy') ?? '';
    const directive = (name: string) => (csp.split(';').map((d) => d.trim().split(/\s+/)).find((d) => d[0] === name) ?? []).slice(1);
    expect(directive('script-src')).toEqual(["'self'"]);
    expect(directive('frame-ancestors')).toEqual(["'none'"]);
    const html = await page.text();
    const scripts = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    // script-src 'self' blocks inline scripts: the page must have none.
    for (const [, attrs, body] of scripts) expect({ attrs, inline: body.trim() }).toEqual({ attrs: expect.stringMatching(/src=/), inline: '' });
    if (/<style/.test(html)) expect(directive('style-src')).toContain("'unsafe-inline'");
    const assets = [...html.matchAll(/(?:src|href)="([^"]+\.(?:js|css))"/g)].map((m) => new URL(m[1], page.url).href);
    expect(assets.length).toBeGreaterThanOrEqual(3);
    for (const asset of assets) {
      expect(new URL(asset).origin).toBe(new URL(readStack().apiUrl).origin);
      const response = await fetch(asset);
      expect(`${asset} ${response.status}`).toBe(`${asset} 200`);
      await response.arrayBuffer();
    }
    const document = await http('GET', '/docs-json');
    expect(document.status).toBe(200);
  });
});

describe('X-Request-Id', () => {
  const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
  it.each([
    ['markup', '<script>alert(1)</script>'],
    ['8,000 characters', 'a'.repeat(8000)],
    ['65 characters', 'b'.repeat(65)],
    ['a space', 'abc def'],
  ])('replaces an id with %s by a generated one', async (_what, sent) => {
    const response = await http('GET', '/health', { headers: { 'x-request-id': sent } });
    const id = response.headers.get('x-request-id') ?? '';
    expect(id === sent ? `echoed (${id.length} characters)` : id).toMatch(UUID);
  });
  it('keeps a short token of safe characters', async () => {
    const sent = `edge-${uniqueWord()}:01.a_b`;
    expect((await http('GET', '/health', { headers: { 'x-request-id': sent } })).headers.get('x-request-id')).toBe(sent);
  });
});

describe('invisible and look-alike characters', () => {
  const cyrillic = (word: string) => word.replace(/a/g, '\u0430').replace(/o/g, '\u043e').replace(/e/g, '\u0435');
  const zeroWidth = (word: string) => `${word.slice(0, 3)}\u200b${word.slice(3)}`;
  const capital = (word: string) => word[0].toUpperCase() + word.slice(1);

  it('meets a name split by zero-width spaces and written with Cyrillic letters, an e-mail with one inside, an organisation in look-alikes', async () => {
    const [ice, atf] = await Promise.all([login('ice.agent'), login('atf.agent')]);
    // Vowels guaranteed, so the Cyrillic look-alikes replace something in every word.
    const words = [1, 2, 3].map(() => `${uniqueWord(3)}a${uniqueWord(2)}o${uniqueWord(2)}e`);
    const [given, surname, org] = words;
    const email = `${uniqueWord()}.${uniqueWord()}@example.com`;
    const create = async (token: string, items: Record<string, unknown>) => {
      const created = await http('POST', '/cases', { token, body: { title: `Edge ${uniqueWord()}`, category: 'ARMS_TRAFFICKING', ...items } });
      expect(created.status).toBe(201);
      return created.body as { id: string; caseNumber: string };
    };
    const plain = await create(ice, {
      subjects: [{ kind: 'PERSON', fullName: `${capital(given)} ${capital(surname)}` }, { kind: 'ORGANIZATION', name: `${capital(org)} Norte`, orgType: 'DTO' }],
      identifiers: [{ type: 'EMAIL', value: email }],
    });
    const disguised = await create(atf, {
      subjects: [
        { kind: 'PERSON', fullName: `${zeroWidth(capital(given))} ${cyrillic(capital(surname))}` },
        { kind: 'ORGANIZATION', name: `${cyrillic(capital(org))}\u2060 Norte`, orgType: 'DTO' },
      ],
      identifiers: [{ type: 'EMAIL', value: zeroWidth(email) }],
    });
    const hits = await eventually(
      () => http('GET', `/cases/${disguised.id}/hits`, { token: atf }),
      (r) => r.status === 200 && r.body.items.length >= 3, 30_000);
    const against = (hits.body.items as { matchType: string; counterpart: { caseNumber: string } }[])
      .filter((h) => h.counterpart.caseNumber === plain.caseNumber).map((h) => h.matchType).sort();
    expect(against).toEqual(['EMAIL', 'ORGANIZATION', 'PERSON']);
  });

  it.each([
    ['a right-to-left override', 'title', 'Invoice \u202egpj.exe', 'bidirectional control characters (U+202E)', 'caracteres de control bidireccional (U+202E)'],
    ['a bidi isolate', 'title', 'Case \u2067x\u2069', 'bidirectional control characters (U+2067)', 'caracteres de control bidireccional (U+2067)'],
    ['a control character', 'title', 'Bell\u0007', 'control characters (U+0007)', 'caracteres de control (U+0007)'],
    ['a line break in a one-line field', 'title', 'two\nlines', 'control characters (U+000A)', 'caracteres de control (U+000A)'],
    ['a C1 control in a name', 'subjects[0].fullName', 'José\u0085Pérez', 'control characters (U+0085)', 'caracteres de control (U+0085)'],
  ])('refuses %s with 400 naming the field, in English and Spanish, and writes nothing', async (_what, field, value, en, es) => {
    const token = await login('ice.agent');
    const marker = `Edge-${uniqueWord()}`;
    const body: Record<string, unknown> = { title: marker, category: 'OTHER', subjects: [{ kind: 'PERSON', fullName: 'Ana Ruiz' }] };
    if (field === 'title') body.title = `${marker} ${value}`;
    else body.subjects = [{ kind: 'PERSON', fullName: value }];
    for (const [language, text] of [['en', en], ['es', es]]) {
      const response = await http('POST', '/cases', { token, body, headers: { 'accept-language': language } });
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([{ field, message: expect.stringContaining(text) }]);
    }
    const written = await withDb(async (db) => (await db.query('SELECT count(*)::int AS n FROM cases WHERE title LIKE $1', [`${marker}%`])).rows[0].n);
    expect(written).toBe(0);
  });

  it('keeps line breaks and tabs where free text may hold them', async () => {
    const token = await login('ice.agent');
    const created = await http('POST', '/cases', { token, body: { title: `Edge ${uniqueWord()}`, category: 'OTHER', summary: 'First line.\n\tSecond line.\r\nThird.' } });
    expect(created.status).toBe(201);
  });
});
