import { eventually, http, login, uniqueWord, withDb, withTemporal } from '../support/http';
import { notificationsSince } from '../support/notifications';
import { readStack } from '../support/stack';

/**
 * Seizures stay on watch (issue 16): a seized serial is a target owned by the seizing agency, so a case opened (or a
 * firearm appended) after the seizure raises a hit whose other side is the seizure: the case agent learns the seizing
 * agency, the seizure's id and its point of contact, nothing else; the seizing user is told like a case agent; the
 * desk works the hit like any other. Serials are fresh per test, so only the hits a test sets up are found.
 */
const digits = (n: number) => Array.from({ length: n }, () => Math.floor(Math.random() * 10)).join('');
const serialOf = (prefix: string) => `${prefix}${uniqueWord(3).toUpperCase()}${digits(6)}`;
const WEEK_AGO = new Date(Date.now() - 7 * 86_400_000).toISOString();
const CONTACT = { name: 'Rosa M. Quintero', agency: 'CBP', phone: '+1 520 555 0177' };

describe('seizures stay on watch', () => {
  let cbp: string; let ice: string; let atf: string; let desk: string;

  beforeAll(async () => {
    [cbp, ice, atf, desk] = await Promise.all(['cbp.officer', 'ice.agent', 'atf.agent', 'coordinator'].map((u) => login(u)));
  });

  /** A complete seizure record (all ten elements), so it can be shared; `secret` marks what no hit may show. */
  const seizureBody = (firearms: Record<string, unknown>[], secret: string) => ({
    seizedAt: WEEK_AGO,
    location: { latitude: 31.3337, longitude: -110.9442, description: `lane 4 ${secret}` },
    circumstances: `Rifles in a false floor ${secret}`, finder: 'CBP Officer R. Soto', seizingOfficial: 'CBP Supervisor L. Ames',
    forensicProcessor: 'CBP LSSD lab, Tucson',
    firearms: firearms.map((f) => ({ make: 'Colt', model: 'AR-15', importer: 'none', caliber: '5.56x45 NATO', action: 'semi-automatic', ...f })),
    arrestees: [{ fullName: `Driver ${secret}`, photoRef: 'evidence://photo/1', criminalHistoryRef: 'NCIC-123' }],
    pointsOfContact: [CONTACT],
  });

  /** Records the seizure and waits for its deconfliction pass (and so for its serials to be stored). */
  async function recordSeizure(body: Record<string, unknown>, token = cbp): Promise<string> {
    const created = await http('POST', '/seizures', { token, body });
    expect(created.status).toBe(201);
    await withTemporal((client) => client.workflow.getHandle(`seizure-${created.body.id}`).result());
    return created.body.id as string;
  }

  async function openCase(token: string, firearms: string[]): Promise<{ id: string; caseNumber: string }> {
    const created = await http('POST', '/cases', { token, body: {
      title: `Gun case ${uniqueWord()}`, category: 'ARMS_TRAFFICKING', firearms: firearms.map((serialNumber) => ({ serialNumber })),
    } });
    expect(created.status).toBe(201);
    await eventually(() => http('GET', `/cases/${created.body.id}`, { token }), (r) => r.body.status === 'ACTIVE', 30_000);
    return { id: created.body.id, caseNumber: created.body.caseNumber };
  }

  const hitsOf = (path: string, token: string, n: number) =>
    eventually(() => http('GET', path, { token }), (r) => r.body.items?.length === n, 30_000).then((r) => r.body.items);

  const seizurePointer = (seizureId: string) =>
    ({ agency: 'CBP', caseNumber: null, agentName: CONTACT.name, agentPhone: CONTACT.phone, seizureId, contactAgency: 'CBP' });

  it('a seized serial hits a case opened a week later: a pointer for the case agent, a notice for the seizing user, a hit for the desk', async () => {
    const secret = uniqueWord(12);
    const serial = serialOf('SW');
    const other = serialOf('SO');
    const seizureId = await recordSeizure(seizureBody([{ serialNumber: serial }, { serialNumber: other }], secret));
    // The seizure is a week old by the time the case is opened: a seized serial stays on watch however old it is.
    await withDb((db) => db.query(
      `UPDATE match_keys SET created_at = created_at - interval '7 days' WHERE seizure_id = $1`, [seizureId]));
    expect(await withDb(async (db) => (await db.query('SELECT count(*)::int AS n FROM match_keys WHERE seizure_id = $1', [seizureId])).rows[0].n)).toBe(2);
    const since = new Date(Date.now() - 1000).toISOString();

    const caseValue = serial.toLowerCase().replace(/(.{4})/, '$1-');
    const opened = await openCase(ice, [caseValue]);
    const [hit] = await hitsOf(`/cases/${opened.id}/hits`, ice, 1);
    expect(hit).toEqual({
      id: expect.any(String), matchType: 'FIREARM_SERIAL', matchedValue: caseValue, score: expect.any(Number), status: 'OPEN',
      reason: 'serial equal after normalization', counterpart: seizurePointer(seizureId), createdAt: expect.any(String),
    });
    const shown = JSON.stringify(await http('GET', `/cases/${opened.id}/hits`, { token: ice }).then((r) => r.body));
    for (const hidden of [secret, other, 'false floor', 'Soto']) expect(shown).not.toContain(hidden);

    // The seizing user is told as a case agent is, with the case's pointer; the case agent is told too.
    const told = await eventually(() => notificationsSince(cbp, since),
      (items) => items.some((n) => n.kind === 'hit.created' && n.entityId === hit.id));
    const notice = told.find((n) => n.kind === 'hit.created' && n.entityId === hit.id);
    expect(notice.payload).toMatchObject({ seizureId, hit: { matchedValue: serial, counterpart: { agency: 'ICE', caseNumber: opened.caseNumber, agentName: 'Irene Castillo' } } });
    const iceTold = await notificationsSince(ice, since);
    expect(iceTold.filter((n) => n.kind === 'hit.created' && n.entityId === hit.id)).toHaveLength(1);
    const seizureSide = await http('GET', `/seizures/${seizureId}/hits`, { token: cbp });
    expect(seizureSide.body.items.map((h: { id: string; counterpart: { caseNumber: string } }) => [h.id, h.counterpart.caseNumber]))
      .toEqual([[hit.id, opened.caseNumber]]);

    // The desk sees both pointers and works it as any hit: in its queue, with its own workflow and clock.
    const deskView = await http('GET', `/deconfliction/hits/${hit.id}`, { token: desk });
    expect(deskView.body).toMatchObject({ status: 'OPEN', sides: [{ agency: 'ICE', seizure: false }, { ...seizurePointer(seizureId), seizure: true, lookout: false }] });
    let cursor: string | null = null;
    let found: boolean;
    do {
      const page: { body: { items: { id: string }[]; nextCursor: string | null } } =
        await http('GET', `/deconfliction/hits?matchType=FIREARM_SERIAL&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { token: desk });
      found = page.body.items.some((h) => h.id === hit.id);
      cursor = page.body.nextCursor;
    } while (!found && cursor);
    expect(found).toBe(true);
    const workflow = await withTemporal((client) => client.workflow.getHandle(`hit-${hit.id}`).describe());
    expect(workflow.type).toBe('hitWorkflow');

    // Pointer only: the case agent may not read the seizure record itself until the seizing agency shares it.
    expect((await http('GET', `/seizures/${seizureId}`, { token: ice })).status).toBe(404);
    expect((await http('GET', `/seizures/${seizureId}/hits`, { token: ice })).status).toBe(404);
    expect((await http('POST', `/seizures/${seizureId}/share`, { token: cbp, body: { agencies: ['ICE'] } })).status).toBe(200);
    const shared = await http('GET', `/seizures/${seizureId}`, { token: ice });
    expect(shared.status).toBe(200);
    expect(shared.body).toMatchObject({ access: 'SHARED', circumstances: `Rifles in a false floor ${secret}` });
  });

  it('an obliterated serial, seized through its readable part, meets a firearm a case appends later', async () => {
    const readable = `${uniqueWord(2).toUpperCase()}${digits(6)}`;
    const seizureId = await recordSeizure(seizureBody([{ serialNumber: `??${readable}?`, serialObliterated: true }], uniqueWord()));
    const opened = await openCase(atf, [serialOf('UN')]);
    const appended = await http('POST', `/cases/${opened.id}/firearms`, { token: atf, body: { firearms: [{ serialNumber: `GX${readable}Q` }] } });
    expect(appended.status).toBeLessThan(300);
    const [hit] = await hitsOf(`/cases/${opened.id}/hits`, atf, 1);
    expect(hit).toMatchObject({ matchType: 'FIREARM_SERIAL', matchedValue: `GX${readable}Q`, counterpart: seizurePointer(seizureId) });
  });

  it('a firearm added by PATCH is deconflicted and stays on watch; refused additions write nothing', async () => {
    const first = serialOf('PA');
    const added = serialOf('PB');
    const before = await openCase(atf, [added]);
    const seizureId = await recordSeizure(seizureBody([{ serialNumber: first }], uniqueWord()));
    const firearmId = (await http('GET', `/seizures/${seizureId}`, { token: cbp })).body.firearms[0].id;

    const firearmCount = () => withDb(async (db) => (await db.query('SELECT count(*)::int AS n FROM seizure_firearms WHERE seizure_id = $1', [seizureId])).rows[0].n);
    const refusals: [Record<string, unknown>, string][] = [
      [{ firearms: [{ make: 'Glock' }] }, 'firearms[0].serialNumber'],
      [{ firearms: [{ serialNumber: '---' }] }, 'firearms[0].serialNumber'],
      [{ firearms: [{ id: firearmId, serialNumber: added }] }, 'firearms[0].serialNumber'],
    ];
    for (const [body, field] of refusals) {
      const refused = await http('PATCH', `/seizures/${seizureId}`, { token: cbp, body });
      expect({ field, status: refused.status }).toEqual({ field, status: 400 });
      expect(refused.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    expect(await firearmCount()).toBe(1);

    const patched = await http('PATCH', `/seizures/${seizureId}`, { token: cbp, body: { firearms: [{ serialNumber: added, make: 'Glock' }] } });
    expect(patched.status).toBe(200);
    expect(patched.body.firearms.map((f: { serialNumber: string }) => f.serialNumber)).toEqual([first, added]);
    // The case that already had the gun learns of the seizure (the seizure is side a of this hit)...
    const [earlier] = await hitsOf(`/cases/${before.id}/hits`, atf, 1);
    expect(earlier).toMatchObject({ matchedValue: added, counterpart: seizurePointer(seizureId) });
    // ...and a case opened afterwards meets the added serial as a stored target (besides the ATF case's gun).
    const after = await openCase(ice, [added]);
    const later = await hitsOf(`/cases/${after.id}/hits`, ice, 2);
    expect(later.map((h: { counterpart: { agency: string } }) => h.counterpart.agency).sort()).toEqual(['ATF', 'CBP']);
    expect(later.find((h: { counterpart: { agency: string } }) => h.counterpart.agency === 'CBP'))
      .toMatchObject({ matchedValue: added, counterpart: seizurePointer(seizureId) });

    // The same request again names the firearm already added: nothing is added, no further pass is queued.
    const again = await http('PATCH', `/seizures/${seizureId}`, { token: cbp, body: { firearms: [{ serialNumber: added, make: 'Glock' }] } });
    expect(again.status).toBe(200);
    expect(await firearmCount()).toBe(2);
    expect(await withDb(async (db) => (await db.query('SELECT watch_pass FROM seizures WHERE id = $1', [seizureId])).rows[0].watch_pass)).toBe(1);
  });

  it('deconflicting the same seizure again writes no second key, hit or notice', async () => {
    const serial = serialOf('ID');
    const owner = await openCase(atf, [serial]);
    const seizureId = await recordSeizure(seizureBody([{ serialNumber: serial }], uniqueWord()));
    await hitsOf(`/cases/${owner.id}/hits`, atf, 1);
    const later = await openCase(ice, [serial]);
    // The ICE case meets the ATF case and the seizure.
    await hitsOf(`/cases/${later.id}/hits`, ice, 2);

    const { TEMPORAL_TASK_QUEUE: taskQueue } = readStack().env;
    for (const pass of [7, 8]) {
      const result = await withTemporal((client) => client.workflow.execute('seizureWorkflow', {
        taskQueue, workflowId: `seizure-${seizureId}-pass-${pass}`, args: [{ seizureId, pass }],
      }));
      // The ATF case met by the seizure, and the ICE case that met the stored serial: the same two hits each time.
      expect(result).toEqual({ seizureId, hits: 2 });
    }
    const counts = await withDb(async (db) => (await db.query(
      `SELECT (SELECT count(*)::int FROM match_keys WHERE seizure_id = $1) AS keys,
              (SELECT count(*)::int FROM deconfliction_hits WHERE a_seizure_id = $1 OR b_seizure_id = $1) AS hits,
              (SELECT count(*)::int FROM notifications n JOIN users u ON u.id = n.user_id
               WHERE u.username = 'cbp.officer' AND n.kind = 'hit.created'
                 AND n.entity_id IN (SELECT id::text FROM deconfliction_hits WHERE a_seizure_id = $1 OR b_seizure_id = $1)) AS notices`,
      [seizureId])).rows[0]);
    expect(counts).toEqual({ keys: 1, hits: 2, notices: 2 });
    expect((await http('GET', `/cases/${later.id}/hits`, { token: ice })).body.items).toHaveLength(2);
    expect((await http('GET', `/seizures/${seizureId}/hits`, { token: cbp })).body.items).toHaveLength(2);
  });
});
