import { randomUUID } from 'node:crypto';
import { createTransport, type Transporter } from 'nodemailer';
import type { DataSource } from 'typeorm';
import type { AuditStore } from '../audit/audit-store';
import type { WatchDeskEvent, WatchDeskTarget } from '../contracts/watch-desk';
import { HitRepository } from '../deconfliction/hit.repository';
import type { WatchDeskConfig } from './watch-desk-config';
import { signWebhook, watchDeskMail, watchDeskMessage } from './watch-desk-message';
import { WatchDeskContact, WatchDeskRepository } from './watch-desk.repository';

export interface WatchDeskContactsInput { emails: string[]; webhooks: { url: string; secret?: string }[] }
export interface ContactProblem { field: string; en: string; es: string }

/** A delivery that failed; `final` when retrying cannot help (the contact was removed meanwhile). */
export class DeliveryFailed extends Error {
  constructor(message: string, readonly final = false) { super(message); }
}

const EMAIL = /^[^\s@<>,;"]+@[^\s@<>,;"]+\.[^\s@<>,;"]+$/;

/** Bad addresses, named by field in both languages (the DTO has checked types and lengths already). */
export function contactProblems(input: WatchDeskContactsInput, knownWebhooks: Set<string>): ContactProblem[] {
  const problems: ContactProblem[] = [];
  input.emails.forEach((email, i) => {
    if (!EMAIL.test(email)) {
      problems.push({ field: `emails[${i}]`, en: `"${email}" is not an e-mail address`, es: `"${email}" no es una dirección de correo` });
    }
  });
  input.webhooks.forEach((hook, i) => {
    const url = URL.canParse(hook.url) ? new URL(hook.url) : null;
    if (!url || !['http:', 'https:'].includes(url.protocol) || url.username || url.password) {
      problems.push({ field: `webhooks[${i}].url`, en: 'must be an http(s) URL without credentials', es: 'debe ser una URL http(s) sin credenciales' });
    } else if (hook.secret === undefined && !knownWebhooks.has(hook.url)) {
      problems.push({ field: `webhooks[${i}].secret`, en: 'a new webhook needs its secret', es: 'un webhook nuevo necesita su secreto' });
    }
  });
  const seen = new Set<string>();
  [...input.emails.map((e) => e.toLowerCase()), ...input.webhooks.map((w) => w.url)].forEach((address) => {
    if (seen.has(address)) problems.push({ field: 'emails', en: `"${address}" is listed twice`, es: `"${address}" figura dos veces` });
    seen.add(address);
  });
  return problems;
}

/** An agency's contacts as an administrator reads them: a webhook's secret is never shown again, only its end. */
export function contactsView(agency: string, contacts: WatchDeskContact[]) {
  return {
    agency,
    emails: contacts.filter((c) => c.channel === 'EMAIL').map((c) => c.address),
    webhooks: contacts.filter((c) => c.channel === 'WEBHOOK').map((c) => ({ url: c.address, secretEndsWith: (c.secret ?? '').slice(-4) })),
  };
}

/**
 * Watch-desk contacts (set by administrators, audited) and the delivery of alerts to them. Deliveries are called by
 * the alert workflow's activities, one attempt per call, each logged with its result; Temporal does the retrying.
 */
export class WatchDeskService {
  private readonly repo = new WatchDeskRepository();
  private readonly hits: HitRepository;
  private transport: Transporter | null = null;

  constructor(private readonly dataSource: DataSource, private readonly audit: AuditStore, private readonly config: WatchDeskConfig) {
    this.hits = new HitRepository(dataSource);
  }

  agencyExists(agency: string): Promise<boolean> { return this.repo.agencyExists(this.dataSource, agency); }

  async contacts(agency: string) { return contactsView(agency, await this.repo.contacts(this.dataSource, [agency])); }

  /** Problems first (nothing is stored then); otherwise the list is replaced and audited in one transaction. */
  async replaceContacts(agency: string, input: WatchDeskContactsInput, actor: { username: string; agency: string }) {
    const current = await this.repo.contacts(this.dataSource, [agency]);
    const secrets = new Map(current.filter((c) => c.channel === 'WEBHOOK').map((c) => [c.address, c.secret]));
    const problems = contactProblems(input, new Set(secrets.keys()));
    if (problems.length > 0) return { problems };
    const next: WatchDeskContact[] = [
      ...input.emails.map((address) => ({ id: randomUUID(), agency, channel: 'EMAIL' as const, address, secret: null })),
      ...input.webhooks.map((w) => ({ id: randomUUID(), agency, channel: 'WEBHOOK' as const, address: w.url, secret: w.secret ?? secrets.get(w.url) ?? null })),
    ];
    await this.dataSource.transaction(async (tx) => {
      await this.repo.replace(tx, agency, next);
      await this.audit.append({
        actor: actor.username, agency: actor.agency, action: 'watch_desk.contacts_replaced', entityType: 'agency', entityId: agency,
        // Addresses are who is told, and are kept; secrets never enter the audit trail.
        details: { emails: input.emails, webhooks: input.webhooks.map((w) => ({ url: w.url, secretChanged: w.secret !== undefined })) },
      }, tx);
    });
    return { problems: [], view: contactsView(agency, next) };
  }

  /** Whom the alert reaches: nobody for a new hit that is not urgent (only event conflicts are paged when raised). */
  async targets(hitId: string, event: WatchDeskEvent): Promise<WatchDeskTarget[]> {
    const hit = await this.hits.findById(hitId);
    if (!hit || (event === 'hit.created' && !hit.urgent)) return [];
    return this.repo.targets(this.dataSource, [hit.a.agency, hit.b.agency]);
  }

  /**
   * The alerts these hits call for, named so that a retried activity starts each once: a new hit only when urgent,
   * an escalation once per escalation (a reopened hit that escalates again is a new alert).
   */
  async alertIds(hitIds: string[], event: WatchDeskEvent): Promise<{ hitId: string; alertId: string }[]> {
    const hits = await this.hits.load(hitIds);
    if (event === 'hit.created') return hits.filter((h) => h.urgent).map((h) => ({ hitId: h.id, alertId: `${h.id}:created` }));
    return hits.filter((h) => h.escalatedAt).map((h) => ({ hitId: h.id, alertId: `${h.id}:escalated:${h.escalatedAt?.getTime()}` }));
  }

  get retry() {
    const c = this.config;
    return { initialMs: c.retryInitialMs, maxIntervalMs: c.retryMaxIntervalMs, maxAttempts: c.maxAttempts, attemptTimeoutMs: c.attemptTimeoutMs };
  }

  deliveries(hitId: string, limit: number, after: string | null) { return this.repo.deliveries(this.dataSource, hitId, limit, after); }

  /** One attempt at one contact, logged with its result; a failure is thrown for Temporal to retry. */
  async deliver(alert: { alertId: string; hitId: string; event: WatchDeskEvent }, target: WatchDeskTarget, attempt: number): Promise<void> {
    const log = (outcome: 'DELIVERED' | 'FAILED', detail: string) => this.repo.logAttempt(this.dataSource, {
      ...alert, agency: target.agency, channel: target.channel, address: target.address, attempt, outcome, detail, at: new Date(),
    });
    const hit = await this.hits.findById(alert.hitId);
    const contact = await this.repo.contact(this.dataSource, target.contactId);
    if (!hit || !contact) {
      await log('FAILED', 'the contact was removed before delivery');
      throw new DeliveryFailed('contact removed', true);
    }
    const message = watchDeskMessage(hit, alert.event, alert.alertId);
    try {
      const detail = contact.channel === 'EMAIL'
        ? await this.sendMail(contact.address, watchDeskMail(message))
        : await this.post(contact.address, contact.secret ?? '', JSON.stringify(message));
      await log('DELIVERED', detail);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      await log('FAILED', reason);
      throw new DeliveryFailed(reason);
    }
  }

  private async sendMail(to: string, mail: { subject: string; text: string }): Promise<string> {
    if (!this.config.smtpUrl) throw new Error('no mail server configured (SMTP_URL)');
    const url = new URL(this.config.smtpUrl);
    const timeout = this.config.attemptTimeoutMs;
    this.transport ??= createTransport({
      host: url.hostname, port: Number(url.port) || (url.protocol === 'smtps:' ? 465 : 25), secure: url.protocol === 'smtps:',
      ...(url.username ? { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } } : {}),
      connectionTimeout: timeout, greetingTimeout: timeout, socketTimeout: timeout,
    });
    const info = await this.transport.sendMail({ from: this.config.mailFrom, to, subject: mail.subject, text: mail.text });
    return `accepted: ${String(info.response ?? '').slice(0, 200)}`;
  }

  private async post(url: string, secret: string, body: string): Promise<string> {
    const response = await fetch(url, {
      method: 'POST', body, redirect: 'manual', signal: AbortSignal.timeout(this.config.attemptTimeoutMs),
      headers: { 'content-type': 'application/json', 'x-signature': signWebhook(secret, body, Math.floor(Date.now() / 1000)) },
    });
    if (response.status < 200 || response.status > 299) throw new Error(`HTTP ${response.status}`);
    return `HTTP ${response.status}`;
  }
}
