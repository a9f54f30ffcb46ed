import { Client, Connection } from '@temporalio/client';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { eventually, http, login, sampleCase, uniqueWord, withDb, withTemporal } from '../support/http';
import { readStack } from '../support/stack';

interface RawPayload { metadata?: Record<string, Uint8Array> | null; data?: Uint8Array | null }

/** Every payload anywhere in a history object, as the Temporal server stores it. */
function payloadsIn(value: unknown, found: RawPayload[] = []): RawPayload[] {
  if (!value || typeof value !== 'object' || value instanceof Uint8Array) return found;
  const candidate = value as RawPayload;
  if (candidate.data instanceof Uint8Array && candidate.metadata && typeof candidate.metadata === 'object') found.push(candidate);
  for (const child of Object.values(value)) payloadsIn(child, found);
  return found;
}

/** Every byte of every payload, plus every string of the history, as one searchable text. */
function historyText(value: unknown): string {
  if (value instanceof Uint8Array) return Buffer.from(value).toString('latin1');
  if (typeof value === 'string') return value;
  if (!value || typeof value !== 'object') return '';
  return Object.values(value).map(historyText).join('\n');
}

/** The history exactly as anyone with access to the Temporal server (or its UI) gets it: no codec, no keys. */
async function rawHistory(workflowId: string): Promise<unknown> {
  const connection = await Connection.connect({ address: readStack().temporalAddress });
  try {
    return await new Client({ connection }).workflow.getHandle(workflowId).fetchHistory();
  } finally {
    await connection.close();
  }
}

const toJson = (p: RawPayload) => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')])),
  data: Buffer.from(p.data ?? []).toString('base64'),
});
/** Payloads in the CLI's JSON output (proto3 JSON: base64 strings). */
function payloadsInJson(value: unknown, found: { data?: string }[] = []): { data?: string }[] {
  if (!value || typeof value !== 'object') return found;
  const candidate = value as { data?: unknown; metadata?: unknown };
  if (typeof candidate.data === 'string' && candidate.metadata && typeof candidate.metadata === 'object') found.push({ data: candidate.data });
  for (const child of Object.values(value)) payloadsInJson(child, found);
  return found;
}
const dataText = (payloads: { data?: string }[]) => payloads.map((p) => Buffer.from(p.data ?? '', 'base64').toString('utf8')).join('\n');

describe('Temporal payloads are encrypted (issue 22, item 11)', () => {
  let ice: string;
  let admin: string;
  const phoneDigits = `${Math.floor(1_000_000 + Math.random() * 8_999_999)}`;
  // A Mexico City mobile: contiguous digits stay contiguous whether stored as sent or normalised to E.164.
  const appendedPhone = `${phoneDigits}1`;
  const surname = uniqueWord(10);
  let encrypted: RawPayload[] = [];
  let workflowId = '';

  beforeAll(async () => {
    [ice, admin] = await Promise.all([login('ice.agent'), login('admin')]);
    const created = await http('POST', '/cases', { token: ice, body: sampleCase({
      subjects: [{ kind: 'PERSON', fullName: `Ana ${surname}`, dateOfBirth: '1990-01-02' }],
      identifiers: [{ type: 'PHONE', value: `+1 520 ${phoneDigits.slice(0, 3)} ${phoneDigits.slice(3)}` }],
    }) });
    expect(created.status).toBe(201);
    const active = await eventually(() => http('GET', `/cases/${created.body.id}`, { token: ice }), (r) => r.body.status === 'ACTIVE');
    expect(active.body.status).toBe('ACTIVE');
    // An append is a workflow update: its argument (the phone number, the subject, the actor) is in the history.
    const appended = await http('POST', `/cases/${created.body.id}/identifiers`, { token: ice, body: {
      identifiers: [{ type: 'PHONE', value: `+52 55 ${appendedPhone}` }],
    } });
    expect(appended.status).toBe(201);
    const subject = await http('POST', `/cases/${created.body.id}/subjects`, { token: ice, body: {
      subjects: [{ kind: 'PERSON', fullName: `Luis ${surname}` }],
    } });
    expect(subject.status).toBe(201);

    workflowId = created.body.workflowId;
    const history = await rawHistory(workflowId);
    const text = historyText(history);
    expect(text).not.toContain(appendedPhone);
    expect(text).not.toContain(surname);
    encrypted = payloadsIn(history).filter((p) => Buffer.from(p.metadata?.encoding ?? []).toString() === 'binary/encrypted');
  });

  it('keeps identifiers and names out of the workflow history the Temporal server stores', () => {
    // Checked in beforeAll, on the raw history; here: the history does hold the payloads, encrypted.
    expect(encrypted.length).toBeGreaterThan(3);
    expect(encrypted.every((p) => Buffer.from(p.metadata?.['encryption-key-id'] ?? []).toString() === 'k1')).toBe(true);
  });

  it('decodes through the codec endpoint for an ADMIN only, and audits each use', async () => {
    const body = { payloads: encrypted.map(toJson) };
    expect((await http('POST', '/codec/decode', { body })).status).toBe(401);
    const agent = await http('POST', '/codec/decode', { token: ice, body });
    expect(agent.status).toBe(403);
    expect(agent.headers.get('content-type')).toContain('application/problem+json');

    const decoded = await http('POST', '/codec/decode', { token: admin, body, headers: { 'x-namespace': 'default' } });
    expect(decoded.status).toBe(200);
    expect(decoded.body.payloads).toHaveLength(encrypted.length);
    const plain = dataText(decoded.body.payloads);
    expect(plain).toContain(appendedPhone);
    expect(plain).toContain(surname);
    const encodings = new Set(decoded.body.payloads.map((p: { metadata: Record<string, string> }) =>
      Buffer.from(p.metadata.encoding, 'base64').toString()));
    expect(encodings.has('json/plain')).toBe(true);
    expect(encodings.has('binary/encrypted')).toBe(false);

    const audited = await withDb(async (db) => (await db.query(
      `SELECT actor, details FROM audit_log WHERE action = 'codec.decode' ORDER BY seq DESC LIMIT 1`)).rows[0]);
    expect(audited).toMatchObject({ actor: 'admin', details: { payloads: encrypted.length, namespace: 'default', keyIds: ['k1'] } });
  });

  it('decodes for the Temporal CLI given an ADMIN token (how operators and the history recorder read histories)', () => {
    const show = (...codec: string[]) => execFileSync(readStack().temporalCli, [
      'workflow', 'show', '--address', readStack().temporalAddress, '--workflow-id', workflowId, '--output', 'json', ...codec,
    ], { encoding: 'utf8' });
    const decoded = show('--codec-endpoint', `${readStack().apiUrl}/codec`, '--codec-auth', `Bearer ${admin}`);
    const payloadText = (json: string) => dataText(payloadsInJson(JSON.parse(json)));
    expect(payloadText(decoded)).toContain(appendedPhone);
    expect(payloadText(show())).not.toContain(appendedPhone);
  });

  it('encrypts failure messages too: a workflow failing on an unknown case says so only through the codec', async () => {
    const caseId = randomUUID();
    const failure = await withTemporal(async (client) => {
      const handle = await client.workflow.start('caseWorkflow', {
        taskQueue: readStack().env.TEMPORAL_TASK_QUEUE, workflowId: `case-${caseId}`, args: [{ caseId }],
      });
      return handle.result().then(() => null, (error: Error) => error);
    });
    const messages: string[] = [];
    for (let cause: unknown = failure; cause instanceof Error; cause = (cause as Error & { cause?: unknown }).cause) messages.push(cause.message);
    expect(messages.join(' | ')).toContain(`case ${caseId} not found`);
    const text = historyText(await rawHistory(`case-${caseId}`));
    expect(text).toContain('Encoded failure');
    expect(text).not.toContain('not found');
  });

  it('encodes for an ADMIN, refuses altered payloads with a 400, and passes plain payloads through', async () => {
    const plain = { metadata: { encoding: Buffer.from('json/plain').toString('base64') }, data: Buffer.from('{"x":1}').toString('base64') };
    const encoded = await http('POST', '/codec/encode', { token: admin, body: { payloads: [plain] } });
    expect(encoded.status).toBe(200);
    expect(Buffer.from(encoded.body.payloads[0].data, 'base64').toString('latin1')).not.toContain('"x"');
    const back = await http('POST', '/codec/decode', { token: admin, body: { payloads: [...encoded.body.payloads, plain] } });
    expect(back.body.payloads).toEqual([plain, plain]);

    const data = Buffer.from(encoded.body.payloads[0].data, 'base64');
    data[data.length - 1] ^= 1;
    const altered = await http('POST', '/codec/decode', {
      token: admin, body: { payloads: [{ ...encoded.body.payloads[0], data: data.toString('base64') }] }, headers: { 'accept-language': 'es' },
    });
    expect(altered.status).toBe(400);
    expect(altered.body.detail).toMatch(/No se puede decodificar la carga 0/);
    expect((await http('POST', '/codec/encode', { token: ice, body: { payloads: [plain] } })).status).toBe(403);
  });

  it("answers the Temporal UI's CORS preflight for its origin only", async () => {
    const preflight = (origin: string) => fetch(`${readStack().apiUrl}/codec/decode`, {
      method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type,x-namespace' },
    });
    const ui = await preflight('http://127.0.0.1:8233');
    expect(ui.status).toBe(204);
    expect(ui.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:8233');
    expect(ui.headers.get('access-control-allow-headers')).toContain('authorization');
    const other = await preflight('https://evil.example');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });
});
