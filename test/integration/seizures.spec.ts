import { clockApiUrl, clockHttp, eventually, http, login, uniqueWord, withDb, withTemporal } from '../support/http';

const digits = (n: number) => Array.from({ length: n }, () => Math.floor(Math.random() * 10)).join('');
const ELEMENTS = ['SERIAL_NUMBER', 'MAKE_MODEL', 'IMPORTER', 'SEIZURE_DATE', 'LOCATION', 'CIRCUMSTANCES', 'PERSONNEL', 'CALIBER_ACTION', 'ARRESTEES', 'POINTS_OF_CONTACT'];

describe('seizures, traces and statistics over HTTP', () => {
  let cbp: string; let atf: string; let ice: string; let pgr: string; let leadership: string;

  beforeAll(async () => {
    [cbp, atf, ice, pgr, leadership] = await Promise.all(['cbp.officer', 'atf.agent', 'ice.agent', 'pgr.liaison', 'leadership'].map((u) => login(u)));
    // The clock pair may still be booting (global setup does not wait for it).
    await clockApiUrl();
  }, 120_000);

  const fullSeizure = (serial: string, overrides: Record<string, unknown> = {}) => ({
    seizedAt: '2026-10-01T08:30:00-07:00',
    location: { latitude: 31.3337, longitude: -110.9442, description: 'DeConcini port of entry, lane 4' },
    circumstances: 'Secondary inspection of a northbound pickup; rifles in a false floor.',
    finder: 'CBP Officer R. Soto', seizingOfficial: 'CBP Supervisor L. Ames', forensicProcessor: 'CBP LSSD lab, Tucson',
    firearms: [{ serialNumber: serial, make: 'Colt', model: 'AR-15', importer: 'none (domestic)', caliber: '5.56x45 NATO', action: 'semi-automatic' }],
    arrestees: [{ fullName: 'Driver One', photoRef: 'evidence://photo/1', criminalHistoryRef: 'NCIC-123' }],
    pointsOfContact: [{ name: 'Carla B. Pena', agency: 'CBP', phone: '+1 520 555 0103' }],
    ...overrides,
  });

  it('records a seizure, lists what is missing, completes it, and shares only a complete record', async () => {
    const serial = `LE${digits(7)}`;
    const created = await http('POST', '/seizures', { token: cbp, body: {
      seizedAt: '2026-10-02T10:00:00-07:00',
      firearms: [{ serialNumber: serial, make: 'Glock', caliber: '9 mm' }, { serialNumber: `XX${digits(6)}`, serialObliterated: true, caliber: 'nine' }],
    } });
    expect(created.status).toBe(201);
    expect(created.body.completeness.present).toEqual(['SEIZURE_DATE']);
    expect(created.body.completeness.missing).toEqual(ELEMENTS.filter((e) => e !== 'SEIZURE_DATE'));
    expect(created.body.readyToShare).toBe(false);
    expect(created.body.firearms.map((f: any) => [f.caliberClass, f.caliberRecognized])).toEqual([['9MM', true], [null, false]]);

    const refused = await http('POST', `/seizures/${created.body.id}/share`, { token: cbp, body: { agencies: ['PGR'] } });
    expect(refused.status).toBe(409);
    expect(refused.body.missing).toEqual(created.body.completeness.missing);
    expect((await http('GET', `/seizures/${created.body.id}`, { token: pgr })).status).toBe(404);

    const [f1, f2] = created.body.firearms;
    const complete = fullSeizure(serial);
    const patched = await http('PATCH', `/seizures/${created.body.id}`, { token: cbp, body: {
      location: complete.location, circumstances: complete.circumstances, finder: complete.finder,
      seizingOfficial: complete.seizingOfficial, forensicProcessor: complete.forensicProcessor,
      arrestees: complete.arrestees, pointsOfContact: complete.pointsOfContact,
      firearms: [
        { id: f1.id, model: '19', importer: 'Glock Inc. (Smyrna, GA)', action: 'semi-automatic' },
        { id: f2.id, make: 'Unknown', model: 'Unknown', importer: 'unknown', caliber: '.38 Special', action: 'revolver', obliterationNotes: 'Serial ground off; 6 digits restored by acid etching' },
      ],
    } });
    expect(patched.status).toBe(200);
    expect(patched.body.completeness).toEqual({ present: ELEMENTS, missing: [] });
    expect(patched.body.firearms[1]).toMatchObject({ caliberClass: '.38', caliberRecognized: true });
    expect((await http('PATCH', `/seizures/${created.body.id}`, { token: pgr, body: { circumstances: 'x' } })).status).toBe(404);

    const shared = await http('POST', `/seizures/${created.body.id}/share`, { token: cbp, body: { agencies: ['PGR'] } });
    expect(shared.status).toBe(200);
    expect(shared.body).toMatchObject({ readyToShare: true, sharedWith: ['PGR'] });
    const partner = await http('GET', `/seizures/${created.body.id}`, { token: pgr });
    expect(partner.status).toBe(200);
    expect(partner.body).toMatchObject({ access: 'SHARED', circumstances: complete.circumstances });
    expect(partner.body.sharedWith).toBeUndefined();
    expect((await http('GET', `/seizures/${created.body.id}`, { token: ice })).status).toBe(404);
  });

  it('refuses impossible input with a precise 400 and writes nothing', async () => {
    const before = await withDb(async (db) => Number((await db.query('SELECT count(*) FROM seizures')).rows[0].count));
    const future = new Date(Date.now() + 86_400_000).toISOString();
    const cases: [Record<string, unknown>, string][] = [
      [{ seizedAt: future, firearms: [{ serialNumber: 'A1234' }] }, 'seizedAt'],
      [{ seizedAt: '2026-01-01T00:00:00Z', location: { latitude: 95, longitude: 0 }, firearms: [{ serialNumber: 'A1234' }] }, 'location.latitude'],
      [{ seizedAt: '2026-01-01T00:00:00Z', firearms: [] }, 'firearms'],
      [{ seizedAt: '2026-01-01T00:00:00Z', firearms: [{ serialNumber: '---' }] }, 'firearms[0].serialNumber'],
    ];
    for (const [body, field] of cases) {
      const response = await http('POST', '/seizures', { token: cbp, body });
      expect({ field, status: response.status }).toEqual({ field, status: 400 });
      expect(response.body.errors.map((e: any) => e.field)).toContain(field);
    }
    const after = await withDb(async (db) => Number((await db.query('SELECT count(*) FROM seizures')).rows[0].count));
    expect(after).toBe(before);
  });

  it('raises a pointer-only hit when a seized serial (even its readable part) matches a case firearm or a lookout', async () => {
    // Letters and digits: a run of digits alone would also meet any other spec's serial that holds those six digits.
    const run = `${uniqueWord(3).toUpperCase()}${digits(6)}`;
    const owner = await http('POST', '/cases', { token: ice, body: { title: `Gun case ${uniqueWord()}`, category: 'ARMS_TRAFFICKING', firearms: [{ serialNumber: `GX${run}Q` }] } });
    await eventually(() => http('GET', `/cases/${owner.body.id}`, { token: ice }), (r) => r.body.status === 'ACTIVE');
    const lookoutSerial = `LK${digits(7)}`;
    const lookout = await http('POST', '/lookouts', { token: atf, body: { type: 'FIREARM_SERIAL', value: lookoutSerial, note: 'stolen from an FFL in Phoenix' } });
    const seizure = await http('POST', '/seizures', { token: cbp, body: fullSeizure(`??${run}?`, {
      firearms: [{ serialNumber: `??${run}?`, serialObliterated: true }, { serialNumber: lookoutSerial.toLowerCase() }],
    }) });
    expect(seizure.status).toBe(201);
    const seizureHits = await eventually(() => http('GET', `/seizures/${seizure.body.id}/hits`, { token: cbp }), (r) => r.body.items?.length === 2);
    expect(seizureHits.body.items.map((h: any) => h.counterpart.agency).sort()).toEqual(['ATF', 'ICE']);
    const caseSide = await http('GET', `/cases/${owner.body.id}/hits`, { token: ice });
    expect(caseSide.body.items).toHaveLength(1);
    expect(caseSide.body.items[0]).toMatchObject({ matchType: 'FIREARM_SERIAL', counterpart: { agency: 'CBP', caseNumber: null, agentName: 'Carla B. Pena' } });
    expect(JSON.stringify(caseSide.body)).not.toContain('false floor');
    const lookoutSide = await http('GET', `/lookouts/${lookout.body.id}/hits`, { token: atf });
    expect(lookoutSide.body.items[0].counterpart.agency).toBe('CBP');
  });

  // The urgent trace's 2 s due clock is the clock pair's (test/support/stack.ts, CLOCK_TEST_ENV): the seizure and its
  // traces are created there, so the trace workflows run on the clock worker.
  it('runs a trace through its states, flags an overdue one, and lets only the firearms agency enter results', async () => {
    const serial = `TR${digits(7)}`;
    const seizure = await clockHttp('POST', '/seizures', { token: cbp, body: fullSeizure(serial) });
    const notOurs = await clockHttp('POST', `/seizures/${seizure.body.id}/traces`, { token: cbp, body: { serialNumber: 'NOPE1234', priority: 'URGENT' } });
    expect(notOurs.status).toBe(400);
    expect(notOurs.body.errors[0].field).toBe('serialNumber');

    const urgent = await clockHttp('POST', `/seizures/${seizure.body.id}/traces`, { token: cbp, body: { serialNumber: serial.toLowerCase(), priority: 'URGENT' } });
    expect(urgent.status).toBe(201);
    expect(urgent.body).toMatchObject({ status: 'SUBMITTED', tracingAgency: 'ATF', requestingAgency: 'CBP', overdue: false });
    const early = await clockHttp('POST', `/traces/${urgent.body.id}/result`, { token: atf, body: { status: 'COMPLETED', firstRetailDealer: 'Guns R Us, Phoenix', sourceState: 'AZ' } });
    expect(early.status).toBe(409);
    expect(early.body.currentStatus).toBe('SUBMITTED');
    expect((await clockHttp('POST', `/traces/${urgent.body.id}/start`, { token: cbp })).status).toBe(403);
    expect((await clockHttp('GET', `/traces/${urgent.body.id}`, { token: pgr })).status).toBe(404);

    const overdue = await eventually(() => clockHttp('GET', `/traces/${urgent.body.id}`, { token: atf }), (r) => r.body.overdue === true, 20_000);
    expect(overdue.body).toMatchObject({ overdue: true, status: 'SUBMITTED' });
    expect((await clockHttp('GET', '/traces?status=OVERDUE', { token: atf })).body.items.map((t: any) => t.id)).toContain(urgent.body.id);

    expect((await clockHttp('POST', `/traces/${urgent.body.id}/start`, { token: atf })).body.status).toBe('IN_PROGRESS');
    const missingDealer = await clockHttp('POST', `/traces/${urgent.body.id}/result`, { token: atf, body: { status: 'COMPLETED', sourceState: 'AZ' } });
    expect(missingDealer.status).toBe(400);
    const done = await clockHttp('POST', `/traces/${urgent.body.id}/result`, { token: atf, body: { status: 'COMPLETED', firstRetailDealer: 'Guns R Us, Phoenix', sourceState: 'az', firstRetailSaleDate: '2026-09-01' } });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'COMPLETED', result: { firstRetailDealer: 'Guns R Us, Phoenix', sourceState: 'AZ', timeToCrimeDays: 30 } });
    expect((await clockHttp('POST', `/traces/${urgent.body.id}/result`, { token: atf, body: { status: 'UNSUCCESSFUL', reason: 'x' } })).status).toBe(409);
    const description = await withTemporal((client) => client.workflow.getHandle(`trace-${urgent.body.id}`).describe());
    expect(description.status.name).toBe('COMPLETED');

    const routine = await clockHttp('POST', `/seizures/${seizure.body.id}/traces`, { token: cbp, body: { serialNumber: serial, priority: 'ROUTINE' } });
    await clockHttp('POST', `/traces/${routine.body.id}/start`, { token: atf });
    const noReason = await clockHttp('POST', `/traces/${routine.body.id}/result`, { token: atf, body: { status: 'UNSUCCESSFUL' } });
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors[0].field).toBe('reason');
    const failed = await clockHttp('POST', `/traces/${routine.body.id}/result`, { token: atf, body: { status: 'UNSUCCESSFUL', reason: 'Manufacturer records destroyed' } });
    expect(failed.body).toMatchObject({ status: 'UNSUCCESSFUL', overdue: false, unsuccessfulReason: 'Manufacturer records destroyed' });
  });

  it('counts statistics one way for every agency, with calibers counted together and named, as JSON and CSV', async () => {
    const year = 1990 + Math.floor(Math.random() * 20);
    const at = (month: number) => `${year}-${String(month).padStart(2, '0')}-15T12:00:00Z`;
    const make = async (token: string, month: number, calibers: string[]) => {
      const response = await http('POST', '/seizures', { token, body: { seizedAt: at(month), firearms: calibers.map((caliber) => ({ serialNumber: `ST${digits(8)}`, caliber })) } });
      expect(response.status).toBe(201);
    };
    await make(cbp, 3, ['9mm', '9 mm', '9x19']);
    await make(cbp, 4, ['.50 BMG']);
    await make(atf, 4, ['7.62x39', '6.5 Creedmoor']);
    const range = `from=${year}-01-01T00:00:00Z&to=${year + 1}-01-01T00:00:00Z`;

    const byCaliber = await http('GET', `/stats?${range}&groupBy=caliber`, { token: leadership });
    expect(byCaliber.status).toBe(200);
    const rows = Object.fromEntries(byCaliber.body.rows.map((r: any) => [r.group, r]));
    expect(Object.keys(rows).sort()).toEqual(['.50', '7.62MM', '9MM', 'UNRECOGNIZED:6.5 creedmoor']);
    expect(rows['9MM']).toMatchObject({ weaponType: '9mm pistols', recognized: true, metrics: { firearms: 3, seizures: 1 } });
    expect(rows['.50'].weaponType).toBe('.50 caliber rifles');
    expect(rows['UNRECOGNIZED:6.5 creedmoor']).toMatchObject({ recognized: false, weaponType: null, metrics: { firearms: 1 } });
    expect(rows['9MM'].metrics.casesOpened).toBeNull();

    const byAgency = await http('GET', `/stats?${range}&groupBy=agency`, { token: leadership });
    const agencies = Object.fromEntries(byAgency.body.rows.map((r: any) => [r.group, r.metrics]));
    expect(agencies.CBP).toMatchObject({ seizures: 2, firearms: 4 });
    expect(agencies.ATF).toMatchObject({ seizures: 1, firearms: 2 });
    const byMonth = await http('GET', `/stats?${range}&groupBy=month`, { token: leadership });
    expect(byMonth.body.rows.map((r: any) => [r.group, r.metrics.seizures])).toEqual([[`${year}-03`, 1], [`${year}-04`, 2]]);

    const csv = await http('GET', `/stats?${range}&groupBy=caliber`, { token: leadership, headers: { accept: 'text/csv' } });
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = String(csv.body).trim().split('\r\n');
    expect(lines[0].split(',').slice(0, 5)).toEqual(['caliber', 'weaponType', 'recognized', 'seizures', 'firearms']);
    expect(lines).toContain('9MM,9mm pistols,true,1,3,0,0,0,,,,,,,,,,,');
    expect((await http('GET', `/stats?${range}&groupBy=caliber`, { token: cbp })).status).toBe(403);
    expect((await http('GET', `/stats?from=${year}-02-01T00:00:00Z&to=${year}-01-01T00:00:00Z&groupBy=agency`, { token: leadership })).status).toBe(400);
    expect((await http('GET', `/stats?${range}&groupBy=weather`, { token: leadership })).status).toBe(400);
  });

  it('counts fruitful investigations and successful prosecutions from case results', async () => {
    const fbi = await login('fbi.agent');
    const before = await http('GET', '/stats?from=2000-01-01T00:00:00Z&to=2100-01-01T00:00:00Z&groupBy=agency', { token: leadership });
    const fbiBefore = before.body.rows.find((r: any) => r.group === 'FBI')?.metrics ?? { fruitfulInvestigations: 0, successfulProsecutions: 0, closedUnclassified: 0 };
    for (const result of ['CONVICTION', 'INDICTMENT', 'NO_PROSECUTION', undefined]) {
      const created = await http('POST', '/cases', { token: fbi, body: { title: `Stats ${uniqueWord()}`, category: 'OTHER' } });
      await eventually(() => http('GET', `/cases/${created.body.id}`, { token: fbi }), (r) => r.body.status === 'ACTIVE');
      const closed = await http('POST', `/cases/${created.body.id}/close`, { token: fbi, body: { outcome: 'done', ...(result ? { result } : {}) } });
      expect(closed.status).toBe(200);
    }
    expect((await http('POST', '/cases', { token: fbi, body: { title: 'x', category: 'OTHER' } })).status).toBe(201);
    const after = await http('GET', '/stats?from=2000-01-01T00:00:00Z&to=2100-01-01T00:00:00Z&groupBy=agency', { token: leadership });
    const fbiAfter = after.body.rows.find((r: any) => r.group === 'FBI').metrics;
    expect(fbiAfter.fruitfulInvestigations - fbiBefore.fruitfulInvestigations).toBe(2);
    expect(fbiAfter.successfulProsecutions - fbiBefore.successfulProsecutions).toBe(1);
    expect(fbiAfter.closedUnclassified - fbiBefore.closedUnclassified).toBe(1);
    const badResult = await http('POST', '/cases', { token: fbi, body: { title: 'y', category: 'OTHER' } });
    await eventually(() => http('GET', `/cases/${badResult.body.id}`, { token: fbi }), (r) => r.body.status === 'ACTIVE');
    expect((await http('POST', `/cases/${badResult.body.id}/close`, { token: fbi, body: { outcome: 'done', result: 'WON' } })).status).toBe(400);
  });
});
