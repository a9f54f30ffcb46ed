import { createHmac, timingSafeEqual } from 'node:crypto';
import type { WatchDeskEvent } from '../contracts/watch-desk';
import type { HitRecord, HitSide } from '../deconfliction/hit.repository';

/**
 * What a watch desk is told about a hit, outside the system: pointers only (domain.md), as on screen. Each field is
 * chosen here one by one: the kind of match, both agencies, their case numbers and whom to call. The matched values,
 * the reason (which may quote a name), titles, summaries and subjects never leave, whatever the hit record gains later.
 */
export interface WatchDeskSidePointer {
  agency: string;
  /** The case number; null for a lookout or a seizure (then `record` says which). */
  caseNumber: string | null;
  record: 'CASE' | 'LOOKOUT' | 'SEIZURE';
  contactName: string;
  contactPhone: string | null;
}

export interface WatchDeskMessage {
  alertId: string;
  event: WatchDeskEvent;
  hitId: string;
  matchType: string;
  urgent: boolean;
  status: string;
  sides: [WatchDeskSidePointer, WatchDeskSidePointer];
  raisedAt: string;
  escalatedAt: string | null;
}

const pointer = (side: HitSide): WatchDeskSidePointer => ({
  agency: side.agency,
  caseNumber: side.caseNumber,
  record: side.lookoutId ? 'LOOKOUT' : side.seizureId ? 'SEIZURE' : 'CASE',
  contactName: side.agentName,
  contactPhone: side.agentPhone,
});

export function watchDeskMessage(hit: HitRecord, event: WatchDeskEvent, alertId: string): WatchDeskMessage {
  return {
    alertId, event, hitId: hit.id, matchType: hit.matchType, urgent: hit.urgent, status: hit.status,
    sides: [pointer(hit.a), pointer(hit.b)],
    raisedAt: hit.createdAt.toISOString(), escalatedAt: hit.escalatedAt ? hit.escalatedAt.toISOString() : null,
  };
}

const EVENT_TITLE: Record<WatchDeskEvent, { en: string; es: string }> = {
  'hit.created': { en: 'New deconfliction conflict', es: 'Nuevo conflicto de desconflicción' },
  'hit.escalated': { en: 'Deconfliction conflict ESCALATED', es: 'Conflicto de desconflicción ESCALADO' },
};

const sideLine = (s: WatchDeskSidePointer): string =>
  `${s.agency} ${s.record === 'CASE' ? `case ${s.caseNumber ?? '?'}` : s.record.toLowerCase()}: ` +
  `call ${s.contactName}${s.contactPhone ? ` at ${s.contactPhone}` : ''}`;

/** The e-mail, in English and Spanish: the same pointers as the webhook's JSON, nothing more. */
export function watchDeskMail(m: WatchDeskMessage): { subject: string; text: string } {
  const title = EVENT_TITLE[m.event];
  const numbers = m.sides.map((s) => s.caseNumber ?? s.record.toLowerCase()).join(' / ');
  return {
    subject: `[${m.urgent ? 'URGENT' : 'hit'}] ${title.en} / ${title.es}: ${m.matchType} ${numbers}`,
    text: [
      `${title.en} (${m.matchType}), hit ${m.hitId}, raised ${m.raisedAt}${m.escalatedAt ? `, escalated ${m.escalatedAt}` : ''}.`,
      ...m.sides.map(sideLine),
      '',
      `${title.es} (${m.matchType}), coincidencia ${m.hitId}. Llame a los contactos indicados arriba.`,
      'Details stay in the system: open the hit in the console. / Los detalles quedan en el sistema: abra la coincidencia en la consola.',
      `Alert ${m.alertId}`,
    ].join('\n'),
  };
}

/**
 * The webhook signature: HMAC-SHA256 with the webhook's own secret over `<unix seconds>.<raw body>`, sent as
 * `X-Signature: t=<unix seconds>,v1=<hex>`. The timestamp inside the signed text lets a receiver refuse replays
 * (README "Watch-desk webhooks").
 */
export function signWebhook(secret: string, body: string, unixSeconds: number): string {
  const mac = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
  return `t=${unixSeconds},v1=${mac}`;
}

/** A receiver's check, as the README describes it: the signature matches and the timestamp is within `toleranceS`. */
export function verifyWebhook(secret: string, body: string, header: string, nowSeconds: number, toleranceS = 300): boolean {
  const parts = new Map(header.split(',').map((p) => p.trim().split('=', 2) as [string, string]));
  const t = Number(parts.get('t'));
  const given = parts.get('v1') ?? '';
  if (!Number.isInteger(t) || Math.abs(nowSeconds - t) > toleranceS || !/^[0-9a-f]{64}$/.test(given)) return false;
  const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
  return timingSafeEqual(Buffer.from(expected, 'hex'), Buffer.from(given, 'hex'));
}
