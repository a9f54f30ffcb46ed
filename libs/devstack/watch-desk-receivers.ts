import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** Watch-desk receivers for the tests and bench:alerts (issue 17): a real SMTP server and a webhook endpoint, in process. */

/** `receivedAt` is performance.now() of this process, comparable with bench/support/sse.ts's events. */
export interface ReceivedMail { to: string[]; raw: string; subject: string; text: string; receivedAt: number }

const qp = (text: string): Buffer => {
  const joined = text.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i += 1) {
    const hex = joined.slice(i + 1, i + 3);
    if (joined[i] === '=' && /^[0-9A-F]{2}$/i.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(joined.charCodeAt(i));
    }
  }
  return Buffer.from(bytes);
};

/** The subject (MIME encoded words decoded) and the text body (its transfer encoding undone) of a single-part mail. */
export function decodeMail(raw: string): { subject: string; text: string } {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const body = raw.slice(split + 4);
  const header = (name: string) => head.split('\r\n').find((l) => l.toLowerCase().startsWith(`${name}:`))?.slice(name.length + 1).trim() ?? '';
  const subject = header('subject').replace(/\?=\s+=\?/g, '?==?').replace(/=\?utf-8\?([BQ])\?([^?]*)\?=/gi, (_, kind: string, word: string) =>
    (kind.toUpperCase() === 'B' ? Buffer.from(word, 'base64') : qp(word.replace(/_/g, ' '))).toString('utf8'));
  const encoding = header('content-transfer-encoding').toLowerCase();
  const text = encoding === 'base64' ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
    : encoding === 'quoted-printable' ? qp(body).toString('utf8') : body;
  return { subject, text };
}
export interface ReceivedPost { path: string; headers: IncomingHttpHeaders; body: string; receivedAt: number }

/**
 * A real SMTP server (the `smtp-server` package) in the test process: it accepts every message except the ones it is
 * told to refuse (`refuseNext`: the next N messages get a 451, as a busy relay answers), and keeps what it accepted.
 */
export interface MailServer { url: string; mails: ReceivedMail[]; refuseNext: (n: number) => void; stop: () => Promise<void> }

export async function startMailServer(): Promise<MailServer> {
  const mails: ReceivedMail[] = [];
  let refusals = 0;
  const server = new SMTPServer({
    authOptional: true, disabledCommands: ['AUTH', 'STARTTLS'], logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (refusals > 0) {
          refusals -= 1;
          callback(Object.assign(new Error('mailbox busy, try again later'), { responseCode: 451 }));
          return;
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw, ...decodeMail(raw), receivedAt: performance.now() });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`, mails, refuseNext: (n) => { refusals = n; },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A webhook receiver (node:http): answers each path with the statuses queued for it (then 200), and keeps every POST. */
export interface WebhookReceiver { base: string; posts: ReceivedPost[]; failNext: (path: string, statuses: number[]) => void; stop: () => Promise<void> }

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const posts: ReceivedPost[] = [];
  const queued = new Map<string, number[]>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = req.url ?? '/';
      posts.push({ path, headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), receivedAt: performance.now() });
      const status = queued.get(path)?.shift() ?? 200;
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status === 200 ? 'ok' : 'busy');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`, posts, failNext: (path, statuses) => { queued.set(path, [...statuses]); },
    stop: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
