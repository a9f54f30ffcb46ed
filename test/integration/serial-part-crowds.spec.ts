import { allItems, eventually, http, login, uniqueWord, withTemporal } from '../support/http';
import { notificationsSince } from '../support/notifications';

const WEEK_AGO = new Date(Date.now() - 7 * 86_400_000).toISOString();
const CROWD_REASON = /^6 stored serials share this obliterated serial's readable part, in 2 records of agencies ATF, ICE; nothing recorded tells them apart$/;

/**
 * An obliterated serial's readable part found in more stored serials than SERIAL_PARTIAL_MAX (5 on the test stack)
 * pages nobody: a case pass or a seizure makes one COMMON_SERIAL_PART review item and tells whoever entered the gun;
 * a check answers one ambiguous entry. At the maximum, each stored serial is still a hit. Parts are fresh per test.
 */
describe('a readable serial part meeting a crowd of stored serials', () => {
  let ice: string; let atf: string; let fbi: string; let cbp: string; let coordinator: string;
  let since: string;
  beforeAll(async () => {
    [ice, atf, fbi, cbp, coordinator] = await Promise.all(['ice.agent', 'atf.agent', 'fbi.agent', 'cbp.officer', 'coordinator'].map((u) => login(u)));
  });
  beforeEach(() => { since = new Date(Date.now() - 1000).toISOString(); });

  /** Seven characters no other test writes: the part every stored serial of a test contains. */
  const freshPart = () => `${uniqueWord(3).toUpperCase()}${String(Date.now() % 10_000).padStart(4, '0')}`;

  const activeCase = async (token: string, firearms: Record<string, unknown>[]): Promise<{ id: string; caseNumber: string }> => {
    const created = await http('POST', '/cases', { token, body: { title: `Serial crowd ${uniqueWord()}`, category: 'ARMS_TRAFFICKING', firearms } });
    expect(created.status).toBe(201);
    await eventually(() => http('GET', `/cases/${created.body.id}`, { token }), (r) => r.body.status === 'ACTIVE', 30_000);
    return created.body;
  };
  const hitsOf = async (token: string, caseId: string) => (await http('GET', `/cases/${caseId}/hits`, { token })).body.items as any[];
  /** Six stored serials containing the part: three in an ICE case, three in an ATF case. */
  const storeCrowd = async (part: string) => {
    const serials = (prefix: string) => [1, 2, 3].map((n) => ({ serialNumber: `${prefix}${n}${part}${n}` }));
    return { ice: await activeCase(ice, serials('IC')), atf: await activeCase(atf, serials('AT')) };
  };
  const reviewsOf = async (serial: string, lang?: string) => {
    const open = await allItems('/deconfliction/reviews?status=OPEN', { token: coordinator, headers: lang ? { 'accept-language': lang } : {} });
    return open.filter((r) => r.query.matchedValue === serial);
  };

  it('makes a case pass one review item, tells the agent, pages no owner, and promotes the candidate the desk names', async () => {
    const part = freshPart();
    const stored = await storeCrowd(part);
    const serial = `??${part}??`;
    const query = await activeCase(fbi, [{ serialNumber: serial, serialObliterated: true, make: 'Glock' }]);

    expect(await hitsOf(fbi, query.id)).toEqual([]);
    const [item] = await eventually(() => reviewsOf(serial), (found) => found.length === 1);
    expect(item).toMatchObject({ kind: 'COMMON_SERIAL_PART', agencies: ['ATF', 'ICE'], query: { agency: 'FBI', caseNumber: query.caseNumber } });
    expect(item.reason).toMatch(CROWD_REASON);
    const expected = [...Array(3).fill(stored.atf.caseNumber), ...Array(3).fill(stored.ice.caseNumber)].sort();
    expect(item.candidates.map((c: any) => c.caseNumber).sort()).toEqual(expected);
    const [es] = await reviewsOf(serial, 'es');
    expect(es.reason).toMatch(/^6 números de serie registrados comparten la parte legible de este número borrado, en 2 registros de las agencias ATF, ICE/);

    const told = await eventually(() => notificationsSince(fbi, since), (n) => n.some((x) => x.kind === 'serial.ambiguous'));
    expect(told.filter((x) => x.kind === 'serial.ambiguous').map((x) => [x.payload.caseId, x.payload.matchedValue])).toEqual([[query.id, serial]]);
    for (const [token, side] of [[ice, stored.ice], [atf, stored.atf]] as const) {
      expect(await hitsOf(token, side.id)).toEqual([]);
      expect((await notificationsSince(token, since)).filter((x) => x.kind === 'hit.created' && x.payload.caseId === side.id)).toEqual([]);
    }

    const chosen = item.candidates.find((c: any) => c.caseNumber === stored.ice.caseNumber);
    const promoted = await http('POST', `/deconfliction/reviews/${item.id}/promote`, { token: coordinator, body: { note: 'Same Glock, per the lab', candidate: chosen.id } });
    expect(promoted.status).toBe(200);
    expect(promoted.body).toMatchObject({ status: 'PROMOTED', kind: 'COMMON_SERIAL_PART' });
    const [hit] = await eventually(() => hitsOf(ice, stored.ice.id), (h) => h.length === 1);
    expect(hit).toMatchObject({
      matchType: 'FIREARM_SERIAL', status: 'OPEN', counterpart: { agency: 'FBI', caseNumber: query.caseNumber },
      reason: 'obliterated serial: the readable part of one serial is found in the other; promoted by a coordinator',
    });
    expect(hit.tier).toBeUndefined();
    expect(await hitsOf(atf, stored.atf.id)).toEqual([]);
  });

  it('answers a check with one ambiguous entry and no owner told, and raises a hit for each of as many as the maximum', async () => {
    const part = freshPart();
    await storeCrowd(part);
    const serial = `??${part}??`;
    const check = await http('POST', '/deconfliction/checks', { token: fbi, body: { firearms: [{ serialNumber: serial, serialObliterated: true }] } });
    expect(check.status).toBe(200);
    expect(check.body.matches).toEqual([]);
    expect(check.body.ambiguous).toEqual([{
      matchType: 'FIREARM_SERIAL', matchedValue: serial, candidates: 6, cases: 2, agencies: ['ATF', 'ICE'], atLeast: false,
      reason: expect.stringMatching(/; nothing recorded tells them apart\. The match for this obliterated serial is ambiguous: .* A longer readable part/),
    }]);
    const received = await http('GET', '/deconfliction/checks?direction=RECEIVED&limit=20', { token: ice });
    expect(received.body.items.filter((c: any) => c.checker.agency === 'FBI' && c.checkedAt >= since)).toEqual([]);

    // A readable part ending in Z: only these five stored serials contain it (the crowd's have a digit there).
    const five = await activeCase(ice, [1, 2, 3, 4, 5].map((n) => ({ serialNumber: `FV${n}${part.slice(0, 6)}Z` })));
    const fewer = `??${part.slice(0, 6)}Z`;
    const query = await activeCase(fbi, [{ serialNumber: fewer, serialObliterated: true }]);
    const hits = await eventually(() => hitsOf(fbi, query.id), (h) => h.length >= 5);
    expect(hits.map((h) => h.counterpart.caseNumber)).toEqual(Array(5).fill(five.caseNumber));
    expect(await reviewsOf(fewer)).toEqual([]);
  });

  it('makes a seizure of an obliterated gun one review item pointing at the seizure, and tells its recorder', async () => {
    const part = freshPart();
    const stored = await storeCrowd(part);
    const serial = `??${part}?`;
    const created = await http('POST', '/seizures', { token: cbp, body: {
      seizedAt: WEEK_AGO, location: { latitude: 31.3337, longitude: -110.9442, description: 'lane 2' },
      firearms: [{ serialNumber: serial, serialObliterated: true, make: 'Colt' }],
    } });
    expect(created.status).toBe(201);
    await withTemporal((client) => client.workflow.getHandle(`seizure-${created.body.id}`).result());

    const [item] = await reviewsOf(serial);
    expect(item).toMatchObject({ kind: 'COMMON_SERIAL_PART', query: { agency: 'CBP', caseNumber: null, seizureId: created.body.id } });
    expect(item.reason).toMatch(CROWD_REASON);
    expect(await hitsOf(ice, stored.ice.id)).toEqual([]);
    expect(await hitsOf(atf, stored.atf.id)).toEqual([]);
    const told = (await notificationsSince(cbp, since)).filter((x) => x.kind === 'serial.ambiguous');
    expect(told.map((x) => [x.entityType, x.payload.seizureId, x.payload.matchedValue])).toEqual([['seizure', created.body.id, serial]]);
  });
});
