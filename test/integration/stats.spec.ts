import { eventually, http, login, uniqueWord, withDb } from '../support/http';

const digits = (n: number) => Array.from({ length: n }, () => Math.floor(Math.random() * 10)).join('');
const letters = (n: number) => Array.from({ length: n }, () => String.fromCharCode(65 + Math.floor(Math.random() * 26))).join('');
const ALL_TIME = 'from=2000-01-01T00:00:00Z&to=2100-01-01T00:00:00Z';
const NO_METRICS = {
  seizures: null, firearms: null, tracesCompleted: null, tracesUnsuccessful: null, tracesOpen: null, medianTimeToCrimeDays: null,
  casesOpened: null, casesClosed: null, fruitfulInvestigations: null, successfulProsecutions: null, closedUnclassified: null,
  hits: null, hitsResolved: null, referrals: null, referralsAccepted: null, referralsDeclined: null,
};

/**
 * Statistics (README, "Statistics") for traces, the time-to-crime median, hits and referrals, checked exactly. Other
 * specs create traces, hits and referrals in the same database at "now", some from workflows that finish late, so a
 * global count races. Each metric is read where only this test's rows can be:
 * - traces by `groupBy=sourceState`, under two-letter states no other row has (checked absent first);
 * - hits and referrals by creation time: once they reached their final state, the test moves their `created_at` into
 *   a month of the distant past no other test uses, then reads that month (by agency, by month, and the breakdowns).
 */
describe('statistics for traces, hits and referrals', () => {
  let cbp: string; let atf: string; let ice: string; let fbi: string; let coordinator: string; let leadership: string;
  beforeAll(async () => {
    [cbp, atf, ice, fbi, coordinator, leadership] = await Promise.all(
      ['cbp.officer', 'atf.agent', 'ice.agent', 'fbi.agent', 'coordinator', 'leadership'].map((u) => login(u)));
  });
  const stats = async (query: string) => {
    const response = await http('GET', `/stats?${query}`, { token: leadership });
    expect(response.status).toBe(200);
    return response.body as {
      rows: { group: string; metrics: Record<string, number | null> }[]; hitsByType: object; hitsByResolution: object; referralsByRule: object;
    };
  };
  const activeCase = async (token: string, body: Record<string, unknown>) => {
    const created = await http('POST', '/cases', { token, body: { title: `Stats ${uniqueWord()}`, category: 'OTHER', ...body } });
    expect(created.status).toBe(201);
    await eventually(() => http('GET', `/cases/${created.body.id}`, { token }), (r) => r.body.status === 'ACTIVE');
    return created.body.id as string;
  };

  it('counts traces by source state, with the median time-to-crime of completed traces (odd and even counts)', async () => {
    const taken = new Set((await stats(`${ALL_TIME}&groupBy=sourceState`)).rows.map((r) => r.group));
    const fresh = () => { for (;;) { const code = letters(2); if (!taken.has(code)) { taken.add(code); return code; } } };
    const [odd, even] = [fresh(), fresh()];
    const serial = `SS${digits(8)}`;
    const seizure = await http('POST', '/seizures', { token: cbp, body: { seizedAt: '2026-06-30T12:00:00Z', firearms: [{ serialNumber: serial, caliber: '9mm' }] } });
    expect(seizure.status).toBe(201);
    const trace = async (result: Record<string, unknown>) => {
      const created = await http('POST', `/seizures/${seizure.body.id}/traces`, { token: cbp, body: { serialNumber: serial, priority: 'ROUTINE' } });
      expect(created.status).toBe(201);
      expect((await http('POST', `/traces/${created.body.id}/start`, { token: atf })).status).toBe(200);
      const done = await http('POST', `/traces/${created.body.id}/result`, { token: atf, body: result });
      expect(done.status).toBe(200);
      return done.body;
    };
    // Seized 2026-06-30: sold 06-20, 06-10, 05-01 are 10, 20, 60 days; 05-31 and 04-21 are 30 and 70.
    const completed = (state: string, sale?: string) => trace({ status: 'COMPLETED', firstRetailDealer: 'Dealer', sourceState: state.toLowerCase(), ...(sale ? { firstRetailSaleDate: sale } : {}) });
    expect((await completed(odd, '2026-06-20')).result.timeToCrimeDays).toBe(10);
    await completed(odd, '2026-05-01');
    await completed(odd, '2026-06-10');
    // No sale date: completed, but no time-to-crime to take the median of.
    expect((await completed(odd)).result.timeToCrimeDays).toBeNull();
    await trace({ status: 'UNSUCCESSFUL', reason: 'Records destroyed', sourceState: odd });
    for (const sale of ['2026-04-21', '2026-06-20', '2026-05-31', '2026-06-10']) await completed(even, sale);

    const rows = Object.fromEntries((await stats(`${ALL_TIME}&groupBy=sourceState`)).rows.map((r) => [r.group, r.metrics]));
    expect(rows[odd]).toEqual({ ...NO_METRICS, tracesCompleted: 4, tracesUnsuccessful: 1, tracesOpen: 0, medianTimeToCrimeDays: 20 });
    expect(rows[even]).toEqual({ ...NO_METRICS, tracesCompleted: 4, tracesUnsuccessful: 0, tracesOpen: 0, medianTimeToCrimeDays: 25 });
    const csv = await http('GET', `/stats?${ALL_TIME}&groupBy=sourceState`, { token: leadership, headers: { accept: 'text/csv' } });
    expect(String(csv.body).split('\r\n')).toContain(`${even},,,4,0,0,25,,,,,,,,,,`);
    expect(String(csv.body).split('\r\n')[0]).toMatch(/^sourceState,seizures,firearms,tracesCompleted,/);
    // With Accept-Language: es the column headers are Spanish; the figures and the groups stay as they are.
    const spanish = await http('GET', `/stats?${ALL_TIME}&groupBy=sourceState`, { token: leadership, headers: { accept: 'text/csv', 'accept-language': 'es-MX,es;q=0.9' } });
    expect(spanish.headers.get('content-language')).toBe('es');
    const [header, ...lines] = String(spanish.body).split('\r\n');
    expect(header).toMatch(/^Estado de origen,Aseguramientos,Armas de fuego,Rastreos completados,Rastreos sin éxito,Rastreos abiertos,/);
    expect(header.split(',')).toHaveLength(String(csv.body).split('\r\n')[0].split(',').length);
    expect(lines).toContain(`${even},,,4,0,0,25,,,,,,,,,,`);
  });

  describe('hits and referrals, moved into a month of their own', () => {
    let year: number; let month: string; let period: string;
    const pick = (m: Record<string, number | null>) => ({
      hits: m.hits, hitsResolved: m.hitsResolved, referrals: m.referrals, referralsAccepted: m.referralsAccepted, referralsDeclined: m.referralsDeclined,
    });
    beforeAll(async () => {
      // Three ICE-ATF hits on plates; a coordinator resolves two of them.
      const plates = [0, 1, 2].map(() => `${letters(4)}${digits(3)}`);
      await activeCase(ice, { identifiers: plates.map((value) => ({ type: 'VEHICLE_PLATE', value })) });
      const hitIds: string[] = [];
      for (const value of plates) {
        const caseId = await activeCase(atf, { identifiers: [{ type: 'VEHICLE_PLATE', value }] });
        const hits = await eventually(() => http('GET', `/cases/${caseId}/hits`, { token: atf }), (r) => r.body.items?.length === 1);
        hitIds.push(hits.body.items[0].id);
      }
      for (const [id, resolution] of [[hitIds[0], 'DEFER'], [hitIds[1], 'JOINT_INVESTIGATION']]) {
        expect((await http('POST', `/deconfliction/hits/${id}/resolve`, { token: coordinator, body: { resolution, note: 'stats' } })).status).toBe(200);
      }
      // One FBI case referred three ways (R1 port of entry -> CBP, R3 domestic sale -> ATF, R4 export -> ICE), each
      // brought to a state no clock changes: accepted, declined, acknowledged.
      const caseId = await activeCase(fbi, { flags: { portOfEntry: 'Nogales, AZ', domesticSale: true, exportSmuggling: true } });
      const referrals = await eventually(() => http('GET', `/cases/${caseId}/referrals`, { token: fbi }), (r) => r.body.items?.length === 3 && r.body.items.every((x: any) => x.starting === false));
      const byRule = Object.fromEntries(referrals.body.items.map((r: any) => [r.rule, r.id]));
      expect((await http('POST', `/referrals/${byRule.R3}/accept`, { token: atf, body: {} })).status).toBe(200);
      expect((await http('POST', `/referrals/${byRule.R4}/decline`, { token: ice, body: { reason: 'Not ours' } })).status).toBe(200);
      await eventually(async () => {
        const current = await http('GET', `/referrals/${byRule.R1}`, { token: cbp });
        return current.body.status === 'ACKNOWLEDGED' ? current : http('POST', `/referrals/${byRule.R1}/acknowledge`, { token: cbp });
      }, (r) => r.body.status === 'ACKNOWLEDGED');

      // Into a month no other test's rows have; the hit the coordinator left is OPEN or ESCALATED (its clock).
      year = 1900 + Math.floor(Math.random() * 80);
      month = String(1 + Math.floor(Math.random() * 12)).padStart(2, '0');
      const at = `${year}-${month}-15T12:00:00Z`;
      await withDb(async (db) => {
        expect((await db.query('UPDATE deconfliction_hits SET created_at = $1 WHERE id = ANY($2)', [at, hitIds])).rowCount).toBe(3);
        expect((await db.query('UPDATE referrals SET created_at = $1 WHERE id = ANY($2)', [at, Object.values(byRule)])).rowCount).toBe(3);
      });
      const next = month === '12' ? `${year + 1}-01` : `${year}-${String(Number(month) + 1).padStart(2, '0')}`;
      period = `from=${year}-${month}-01T00:00:00Z&to=${next}-01T00:00:00Z`;
    });

    it('counts hits for each side and referrals for the receiving agency, with their breakdowns', async () => {
      const byAgency = await stats(`${period}&groupBy=agency`);
      const agencies = Object.fromEntries(byAgency.rows.map((r) => [r.group, r.metrics]));
      expect(Object.keys(agencies).sort()).toEqual(['ATF', 'CBP', 'ICE']);
      expect(pick(agencies.ICE)).toEqual({ hits: 3, hitsResolved: 2, referrals: 1, referralsAccepted: 0, referralsDeclined: 1 });
      expect(pick(agencies.ATF)).toEqual({ hits: 3, hitsResolved: 2, referrals: 1, referralsAccepted: 1, referralsDeclined: 0 });
      expect(pick(agencies.CBP)).toEqual({ hits: 0, hitsResolved: 0, referrals: 1, referralsAccepted: 0, referralsDeclined: 0 });
      expect(byAgency.hitsByType).toEqual({ VEHICLE_PLATE: 3 });
      const { DEFER, JOINT_INVESTIGATION, ...unresolved } = byAgency.hitsByResolution as Record<string, number>;
      expect({ DEFER, JOINT_INVESTIGATION, unresolved: Object.values(unresolved) }).toEqual({ DEFER: 1, JOINT_INVESTIGATION: 1, unresolved: [1] });
      expect(['OPEN', 'ESCALATED']).toContain(Object.keys(unresolved)[0]);
      expect(byAgency.referralsByRule).toEqual({ R1: { ACKNOWLEDGED: 1 }, R3: { ACCEPTED: 1 }, R4: { DECLINED: 1 } });
    });

    it('counts a hit once by month, not once per side', async () => {
      const byMonth = await stats(`${period}&groupBy=month`);
      expect(byMonth.rows.map((r) => [r.group, pick(r.metrics)])).toEqual([
        [`${year}-${month}`, { hits: 3, hitsResolved: 2, referrals: 3, referralsAccepted: 1, referralsDeclined: 1 }],
      ]);
    });
  });
});
