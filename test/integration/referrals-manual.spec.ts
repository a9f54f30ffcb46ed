import { eventually, http, login, uniqueWord, withDb, withTemporal } from '../support/http';

/**
 * Referrals opened by case agents (issue 18): to any agency (a Mexican partner included), never to the owner, one open
 * per agency, withdrawable until accepted; what the receiving agency reads before accepting is the packet and the
 * sender's contact, nothing else of the case; rule reasons in Spanish; the inbox most urgent first, paged to its end.
 */
/** n random digits, the first at least `first` (a phone exchange never starts with 0 or 1). */
const digits = (n: number, first = 0) =>
  String(first + Math.floor(Math.random() * (10 - first))) + Array.from({ length: n - 1 }, () => Math.floor(Math.random() * 10)).join('');

describe('manual referrals over HTTP', () => {
  let fbi: string; let pgr: string; let dea: string; let cbp: string;

  beforeAll(async () => {
    [fbi, pgr, dea, cbp] = await Promise.all(['fbi.agent', 'pgr.liaison', 'dea.agent', 'cbp.officer'].map((u) => login(u)));
  });

  /** An FBI case with one item of each kind (two firearms), active; no flags, so no rule refers it. */
  async function fbiCase(flags: Record<string, unknown> = {}) {
    const secret = `secret-${uniqueWord()}`;
    const created = await http('POST', '/cases', { token: fbi, body: {
      title: `Manual ${secret}`, summary: `summary ${secret}`, category: 'ARMS_TRAFFICKING', flags,
      subjects: [{ kind: 'PERSON', fullName: `Rodrigo ${uniqueWord()} Ibarra` }, { kind: 'ORGANIZATION', name: `Org ${secret}`, orgType: 'GANG' }],
      identifiers: [{ type: 'PHONE', value: `+1 602 ${digits(3, 2)} ${digits(4)}` }, { type: 'VEHICLE_PLATE', value: `MR${digits(5)}`, region: 'AZ' }],
      firearms: [{ serialNumber: `MR${uniqueWord(7).toUpperCase()}1`, make: 'Colt' }, { serialNumber: `MR${uniqueWord(7).toUpperCase()}2` }],
      operations: [{ type: 'SURVEILLANCE', latitude: 31.3, longitude: -110.9, startsAt: '2031-05-01T10:00:00Z', endsAt: '2031-05-01T12:00:00Z' }],
    } });
    expect({ status: created.status, problem: created.body.errors }).toEqual({ status: 201, problem: undefined });
    const active = await eventually(() => http('GET', `/cases/${created.body.id}`, { token: fbi }), (r) => r.body.status === 'ACTIVE');
    return { ...active.body, secret };
  }
  const refer = (caseId: string, body: Record<string, unknown>, headers: Record<string, string> = {}, token = fbi) =>
    http('POST', `/cases/${caseId}/referrals`, { token, body, headers });
  /** The agency's referral officers now: every one of them is told of its referrals, the demo one and any other suite's. */
  const referralOfficers = (agency: string) => withDb(async (db) => (await db.query(
    `SELECT username FROM users WHERE agency_code = $1 AND 'REFERRAL_OFFICER' = ANY(roles) ORDER BY 1`, [agency])).rows.map((r) => r.username as string));
  /**
   * Who was told: exactly the sender and the officers, where the fuzz suites may add or re-role users meanwhile. So the
   * told officers lie between those before and after the step (most often the same list).
   */
  function expectOfficersTold(told: string[], sender: string, before: string[], after: string[], demo: string) {
    expect(before).toContain(demo);
    expect(new Set(told).size).toBe(told.length);
    const officers = told.filter((u) => u !== sender);
    expect(told).toContain(sender);
    expect(officers).toEqual(expect.arrayContaining(before.filter((u) => after.includes(u))));
    expect([...before, ...after]).toEqual(expect.arrayContaining(officers));
  }
  const toldOf = (referralId: string, kind: string) => withDb(async (db) => (await db.query(
    `SELECT u.username FROM notifications n JOIN users u ON u.id = n.user_id WHERE n.entity_id = $1 AND n.kind = $2 ORDER BY 1`,
    [referralId, kind])).rows.map((r) => r.username as string));
  const workflowOf = (id: string) => withTemporal((client) => client.workflow.getHandle(`referral-${id}`).describe());
  /** A referral is worked once its workflow runs: its view stops saying `starting` (the inbox lists it from then on). */
  const whenStarted = (id: string) => eventually(() => http('GET', `/referrals/${id}`, { token: fbi }), (r) => r.body.starting === false);

  it('refers a case to a Mexican partner with the items chosen: the packet and the sender are all the partner reads', async () => {
    const kase = await fbiCase();
    const person = kase.subjects.find((s: any) => s.kind === 'PERSON');
    // Items entered together share their creation time, so the case lists them in no fixed order: pick by content.
    const firearm = kase.firearms.find((f: any) => f.make === 'Colt');
    const otherFirearm = kase.firearms.find((f: any) => f.make !== 'Colt');
    const body = { toAgency: 'PGR', reason: 'Armas rumbo a Sonora', packet: { subjects: [person.id], firearms: [firearm.id] } };
    const key = { 'idempotency-key': `manual-${uniqueWord()}` };
    const sent = await refer(kase.id, body, key);
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({ caseId: kase.id, fromAgency: 'FBI', toAgency: 'PGR', rule: null, kind: 'MANUAL', reason: 'Armas rumbo a Sonora', status: 'SENT' });
    expect(Date.parse(sent.body.dueAt)).toBeGreaterThan(Date.now());
    expect((await refer(kase.id, body, key)).body.id).toBe(sent.body.id);

    // The partner reads the packet and whom to call, before accepting; nothing else of the case.
    const seen = await http('GET', `/referrals/${sent.body.id}`, { token: pgr });
    expect(seen.status).toBe(200);
    expect(seen.body.sender).toEqual({ name: 'Frances B. Ingram', agency: 'FBI', phone: '+12025550105' });
    expect(seen.body.packet).toEqual({
      subjects: [{ id: person.id, kind: 'PERSON', fullName: person.fullName, dateOfBirth: null, nationality: null }],
      identifiers: [], firearms: [expect.objectContaining({ id: firearm.id, serialNumber: firearm.serialNumber, make: 'Colt' })], operations: [],
    });
    expect(JSON.stringify(seen.body)).not.toContain(kase.secret);
    expect(JSON.stringify(seen.body)).not.toContain(otherFirearm.serialNumber);
    for (const path of [`/cases/${kase.id}`, `/cases/${kase.id}/referrals`, `/cases/${kase.id}/hits`]) {
      expect({ path, status: (await http('GET', path, { token: pgr })).status }).toEqual({ path, status: 404 });
    }
    const disclosed = await withDb(async (db) => (await db.query(
      'SELECT recipient_agency, disclosed_by, items FROM disseminations WHERE referral_id = $1', [sent.body.id])).rows);
    expect(disclosed).toEqual([{ recipient_agency: 'PGR', disclosed_by: 'fbi.agent', items: { subjects: [person.id], identifiers: [], firearms: [firearm.id], operations: [] } }]);
    // The same workflow as a rule's: its acknowledgement clock runs.
    expect((await eventually(() => workflowOf(sent.body.id), (d) => d.status.name === 'RUNNING')).type).toBe('referralWorkflow');

    // One open referral per agency, whichever way the code is written.
    const again = await refer(kase.id, { ...body, toAgency: 'pgr' }, { 'accept-language': 'es' });
    expect(again.status).toBe(409);
    expect(again.body.detail).toMatch(/ya tiene una remisión abierta a PGR/);
    expect(again.body.referralId).toBe(sent.body.id);

    // Withdrawal: by the sending agency only, with a reason; the workflow ends.
    expect((await http('POST', `/referrals/${sent.body.id}/withdraw`, { token: pgr, body: { reason: 'x' } })).status).toBe(403);
    expect((await http('POST', `/referrals/${sent.body.id}/withdraw`, { token: dea, body: { reason: 'x' } })).status).toBe(404);
    const noReason = await http('POST', `/referrals/${sent.body.id}/withdraw`, { token: fbi, body: {} });
    expect({ status: noReason.status, field: noReason.body.errors?.[0]?.field }).toEqual({ status: 400, field: 'reason' });
    const withdrawn = await http('POST', `/referrals/${sent.body.id}/withdraw`, { token: fbi, body: { reason: 'Handled by the task force' } });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.status).toBe('WITHDRAWN');
    expect(withdrawn.body.history.at(-1)).toMatchObject({ status: 'WITHDRAWN', action: 'WITHDRAW', actor: 'fbi.agent', note: 'Handled by the task force' });
    expect((await eventually(() => workflowOf(sent.body.id), (d) => d.status.name !== 'RUNNING')).status.name).toBe('COMPLETED');
    expect((await http('POST', `/referrals/${sent.body.id}/withdraw`, { token: fbi, body: { reason: 'again' } })).status).toBe(409);
    const actions = await withDb(async (db) => (await db.query(
      'SELECT action, actor FROM audit_log WHERE entity_id = $1 AND action LIKE $2 ORDER BY seq', [sent.body.id, 'referral.%'])).rows);
    // Sent, read by the partner (its read of FBI's items is audited), withdrawn.
    expect(actions).toEqual([
      { action: 'referral.sent', actor: 'fbi.agent' }, { action: 'referral.read_other_agency', actor: 'pgr.liaison' },
      { action: 'referral.withdrawn', actor: 'fbi.agent' },
    ]);
    // Withdrawn is final: the agency may be referred to again.
    expect((await refer(kase.id, { ...body, reason: 'Otra vez' })).status).toBe(201);
  });

  it('never refers a case to its owner, nor to an unknown agency, nor with items of another case; only the owner refers', async () => {
    const kase = await fbiCase();
    const other = await fbiCase();
    const own = await refer(kase.id, { toAgency: 'FBI', reason: 'r', packet: {} }, { 'accept-language': 'es' });
    expect({ status: own.status, field: own.body.errors?.[0]?.field }).toEqual({ status: 400, field: 'toAgency' });
    expect(own.body.errors[0].message).toMatch(/nunca se remite a su propietaria/);
    const unknown = await refer(kase.id, { toAgency: 'NOPE', reason: 'r', packet: {} });
    expect({ status: unknown.status, field: unknown.body.errors?.[0]?.field }).toEqual({ status: 400, field: 'toAgency' });
    const foreign = await refer(kase.id, { toAgency: 'DEA', reason: 'r', packet: { firearms: [other.firearms[0].id] } });
    expect({ status: foreign.status, field: foreign.body.errors?.[0]?.field }).toEqual({ status: 400, field: 'packet.firearms' });
    const noPacket = await refer(kase.id, { toAgency: 'DEA', reason: 'r' });
    expect({ status: noPacket.status, field: noPacket.body.errors?.[0]?.field }).toEqual({ status: 400, field: 'packet' });
    const unknownField = await refer(kase.id, { toAgency: 'DEA', reason: 'r', packet: {}, rule: 'R1' });
    expect(unknownField.status).toBe(400);
    expect((await refer(kase.id, { toAgency: 'DEA', reason: 'r', packet: {} }, {}, dea)).status).toBe(404);
    const written = await withDb(async (db) => (await db.query('SELECT count(*)::int AS n FROM referrals WHERE case_id = $1', [kase.id])).rows[0].n);
    expect(written).toBe(0);
  });

  it('lets the receiving officer decide from the inbox, accept to share the case, and then refuses a withdrawal', async () => {
    const kase = await fbiCase();
    const phone = kase.identifiers.find((i: any) => i.type === 'PHONE');
    const deaBefore = await referralOfficers('DEA');
    const sent = (await refer(kase.id, { toAgency: 'DEA', reason: 'Phone tied to a DEA target', packet: { identifiers: [phone.id] } })).body;
    const inbox = await eventually(() => http('GET', '/referrals?sort=urgency&status=SENT&limit=200', { token: dea }),
      (r) => r.body.items.some((x: any) => x.id === sent.id));
    const listed = inbox.body.items.find((r: any) => r.id === sent.id);
    expect(listed).toMatchObject({ kind: 'MANUAL', rule: null, sender: { name: 'Frances B. Ingram', agency: 'FBI', phone: '+12025550105' } });
    expect(listed.packet.identifiers.map((i: any) => i.value)).toEqual([phone.value]);
    // Every DEA referral officer (the demo one, and any another suite provisioned, e.g. through SSO), and the sender.
    expectOfficersTold(await toldOf(sent.id, 'referral.sent'), 'fbi.agent', deaBefore, await referralOfficers('DEA'), 'dea.agent');
    expect((await http('GET', `/cases/${kase.id}`, { token: dea })).status).toBe(404);

    // Listed means its workflow runs: the officer's step is taken at once, never 503.
    const accepted = await http('POST', `/referrals/${sent.id}/accept`, { token: dea, body: { note: 'ours' } });
    expect(accepted.body.status).toBe('ACCEPTED');
    expect((await http('GET', `/cases/${kase.id}`, { token: dea })).body.access).toBe('SHARED');
    const late = await http('POST', `/referrals/${sent.id}/withdraw`, { token: fbi, body: { reason: 'too late' } });
    expect({ status: late.status, current: late.body.currentStatus }).toEqual({ status: 409, current: 'ACCEPTED' });
  });

  it('tells the receiving officers of a withdrawal', async () => {
    const kase = await fbiCase();
    const sent = (await refer(kase.id, { toAgency: 'CBP', reason: 'Vehicle crossing', packet: {} })).body;
    await eventually(() => workflowOf(sent.id), (d) => d.status.name === 'RUNNING');
    const cbpBefore = await referralOfficers('CBP');
    expect((await http('POST', `/referrals/${sent.id}/withdraw`, { token: fbi, body: { reason: 'Vehicle seized' } })).status).toBe(200);
    expectOfficersTold(await toldOf(sent.id, 'referral.withdrawn'), 'fbi.agent', cbpBefore, await referralOfficers('CBP'), 'cbp.officer');
  });

  it('gives a rule referral its default packet and its reason in Spanish; people\'s words stay as written', async () => {
    const kase = await fbiCase({ portOfEntry: 'Nogales, AZ' });
    const [r1] = (await eventually(() => http('GET', `/cases/${kase.id}/referrals`, { token: fbi }), (r) => r.body.items?.length === 1)).body.items;
    const es = await http('GET', `/referrals/${r1.id}`, { token: cbp, headers: { 'accept-language': 'es-MX,es;q=0.9' } });
    expect({ rule: es.body.rule, kind: es.body.kind, reason: es.body.reason }).toEqual({ rule: 'R1', kind: 'INTERDICTION', reason: 'involucra el puerto de entrada Nogales, AZ' });
    expect((await http('GET', `/referrals/${r1.id}`, { token: cbp })).body.reason).toBe('involves the port of entry Nogales, AZ');
    // R1: the vehicles, the port of entry, the planned operations' windows and the firearms; not the people.
    const { packet } = es.body;
    expect(packet.portOfEntry).toBe('Nogales, AZ');
    expect(packet.identifiers.map((i: any) => i.type)).toEqual(['VEHICLE_PLATE']);
    expect(packet.firearms).toHaveLength(2);
    expect(packet.operations.map((o: any) => o.startsAt)).toEqual(['2031-05-01T10:00:00.000Z']);
    expect(packet.subjects).toEqual([]);
    expect(es.body.sender).toEqual({ name: 'Frances B. Ingram', agency: 'FBI', phone: '+12025550105' });

    const manual = (await refer(kase.id, { toAgency: 'PGR', reason: 'Weapons headed south', packet: {} })).body;
    expect((await http('GET', `/referrals/${manual.id}`, { token: pgr, headers: { 'accept-language': 'es' } })).body.reason).toBe('Weapons headed south');
  });

  it('lists the inbox overdue first, then oldest unacknowledged, then the rest, rule and manual together, paged to its end', async () => {
    const ruled = await fbiCase({ portOfEntry: 'Laredo, TX' });
    const [r1] = (await eventually(() => http('GET', `/cases/${ruled.id}/referrals`, { token: fbi }), (r) => r.body.items?.length === 1 && !r.body.items[0].starting)).body.items;
    const manual = async () => {
      const kase = await fbiCase();
      const sent = await refer(kase.id, { toAgency: 'CBP', reason: `inbox ${uniqueWord()}`, packet: {} });
      expect(sent.status).toBe(201);
      return sent.body.id as string;
    };
    const [a, b, c, d] = [await manual(), await manual(), await manual(), await manual()];
    await withDb((db) => db.query(`UPDATE referrals SET due_at = now() - interval '1 minute' WHERE id = $1`, [c]));
    for (const id of [a, b, c, d]) await whenStarted(id);
    expect((await http('POST', `/referrals/${a}/acknowledge`, { token: cbp })).status).toBe(200);
    expect((await http('POST', `/referrals/${b}/decline`, { token: cbp, body: { reason: 'not ours' } })).status).toBe(200);

    const seen: any[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: any = await http('GET', `/referrals?sort=urgency&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { token: cbp });
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items);
      cursor = page.body.nextCursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBeGreaterThan(2);
    expect(new Set(seen.map((r) => r.id)).size).toBe(seen.length);
    const mine = [r1.id, a, b, c, d];
    expect(seen.filter((r) => mine.includes(r.id)).map((r) => r.id)).toEqual([c, r1.id, d, a, b]);
    const byId = new Map(seen.map((r) => [r.id, r]));
    expect([byId.get(r1.id).rule, byId.get(r1.id).reason, byId.get(d).kind, byId.get(d).rule]).toEqual(['R1', 'involves the port of entry Laredo, TX', 'MANUAL', null]);
  });
});
