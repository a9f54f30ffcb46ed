import { allItems, eventually, http, login, sampleCase, uniqueWord, withDb } from '../support/http';
import { openStream } from '../support/sse';
import { notificationsSince } from '../support/notifications';

/** earthdistance's sphere (earth()): offsets computed on it land exactly where the database measures them. */
const EARTH_RADIUS_M = 6_378_168;
const northOf = (lat: number, meters: number) => lat + (meters / EARTH_RADIUS_M) * (180 / Math.PI);
const digits = (n: number) => Array.from({ length: n }, () => Math.floor(Math.random() * 10)).join('');
const HIT_KEYS = ['counterpart', 'createdAt', 'id', 'matchType', 'matchedValue', 'reason', 'score', 'status'];

describe('deconfliction over HTTP', () => {
  // Notifications a test caused are read from the time it began (all pages), not from the inbox's first page.
  let testStart: string;
  beforeEach(() => { testStart = new Date(Date.now() - 1000).toISOString(); });
  let ice: string; let atf: string; let pgr: string; let fbi: string; let coordinator: string;

  beforeAll(async () => {
    [ice, atf, pgr, fbi, coordinator] = await Promise.all(
      ['ice.agent', 'atf.agent', 'pgr.liaison', 'fbi.agent', 'coordinator'].map((u) => login(u)));
  });

  /** A case with only the given items (no random extras), waited on until its intake deconfliction has run. */
  async function activeCase(token: string, items: Record<string, unknown>, title = `Case ${uniqueWord()}`) {
    const created = await http('POST', '/cases', { token, body: { title, category: 'ARMS_TRAFFICKING', ...items } });
    expect(created.status).toBe(201);
    const active = await eventually(() => http('GET', `/cases/${created.body.id}`, { token }), (r) => r.body.status === 'ACTIVE');
    expect(active.body.status).toBe('ACTIVE');
    return created.body as { id: string; caseNumber: string };
  }
  const hitsOf = async (token: string, caseId: string) => {
    const response = await http('GET', `/cases/${caseId}/hits`, { token });
    expect(response.status).toBe(200);
    return response.body.items as any[];
  };
  const hitAgainst = async (token: string, caseId: string, counterpartCaseNumber: string) =>
    (await hitsOf(token, caseId)).find((h) => h.counterpart.caseNumber === counterpartCaseNumber);

  it('meets a phone written two ways by two agencies and shows each side only a pointer', async () => {
    const [a, b] = [digits(3), digits(4)];
    const iceBody = sampleCase({ title: `ICE secret ${uniqueWord()}`, identifiers: [{ type: 'PHONE', value: `+1 (520) ${a}-${b}` }] });
    const iceCase = await activeCase(ice, iceBody, iceBody.title);
    const atfSecrets = { title: `ATF secret ${uniqueWord()}`, email: `${uniqueWord()}@example.com`, person: `Ramón ${uniqueWord()} Ortega` };
    const atfCase = await activeCase(atf, {
      summary: 'ATF-only summary',
      subjects: [{ kind: 'PERSON', fullName: atfSecrets.person }],
      identifiers: [{ type: 'PHONE', value: `520.${a}.${b}` }, { type: 'EMAIL', value: atfSecrets.email }],
    }, atfSecrets.title);

    const atfSide = await hitsOf(atf, atfCase.id);
    expect(atfSide).toHaveLength(1);
    expect(Object.keys(atfSide[0]).sort()).toEqual(HIT_KEYS);
    expect(Object.keys(atfSide[0].counterpart).sort()).toEqual(['agency', 'agentName', 'agentPhone', 'caseNumber']);
    expect(atfSide[0]).toMatchObject({
      matchType: 'PHONE', matchedValue: `520.${a}.${b}`, score: 1, status: 'OPEN',
      counterpart: { agency: 'ICE', caseNumber: iceCase.caseNumber, agentName: 'Irene Castillo', agentPhone: '+12025550101' },
    });
    const iceSide = await hitsOf(ice, iceCase.id);
    expect(iceSide).toHaveLength(1);
    expect(iceSide[0]).toMatchObject({
      id: atfSide[0].id, matchType: 'PHONE', matchedValue: `+1 (520) ${a}-${b}`,
      counterpart: { agency: 'ATF', caseNumber: atfCase.caseNumber, agentName: 'Aaron T. Fields' },
    });

    const iceText = JSON.stringify(await http('GET', `/cases/${iceCase.id}/hits`, { token: ice }));
    for (const secret of [atfSecrets.title, atfSecrets.email, atfSecrets.person, 'ATF-only summary', `520.${a}.${b}`]) {
      expect(iceText).not.toContain(secret);
    }
    const atfText = JSON.stringify(await http('GET', `/cases/${atfCase.id}/hits`, { token: atf }));
    const iceSubjects = iceBody.subjects as any[];
    for (const secret of [iceBody.title, iceBody.summary, iceSubjects[0].fullName, iceSubjects[1].name, (iceBody.firearms as any[])[0].serialNumber]) {
      expect(atfText).not.toContain(secret);
    }
    expect((await http('GET', `/cases/${iceCase.id}`, { token: ice })).body.openHits).toBe(1);
    expect((await http('GET', `/cases/${iceCase.id}/hits`, { token: atf })).status).toBe(404);

    const queue = await allItems('/deconfliction/hits?status=OPEN', { token: coordinator });
    const queued = queue.find((h) => h.id === atfSide[0].id);
    expect(queued.reason).toBe('phone (E.164) equal after normalization');
    expect(queued.sides.map((s: any) => s.caseNumber).sort()).toEqual([atfCase.caseNumber, iceCase.caseNumber].sort());
    expect((await http('GET', '/deconfliction/hits', { token: ice })).status).toBe(403);

    const polled = await notificationsSince(atf, testStart);
    const note = polled.find((n: any) => n.kind === 'hit.created' && n.entityId === atfSide[0].id);
    expect(note.payload.hit).toEqual(atfSide[0]);
    expect(JSON.stringify(note)).not.toContain(iceBody.title);
  });

  it('reads Mexican numbers written the old ways as the same phone (agency country as default region)', async () => {
    const local = `55${digits(8)}`;
    const pgrCase = await activeCase(pgr, { identifiers: [{ type: 'PHONE', value: `044 ${local.slice(0, 2)} ${local.slice(2, 6)} ${local.slice(6)}` }] });
    const iceCase = await activeCase(ice, { identifiers: [{ type: 'PHONE', value: `+52 1 ${local}` }] });
    const hit = await hitAgainst(ice, iceCase.id, pgrCase.caseNumber);
    expect(hit).toMatchObject({ matchType: 'PHONE', counterpart: { agency: 'PGR', agentName: 'Patricia Gómez Ruiz' } });
  });

  it('meets VINs, addresses written with Spanish abbreviations, and FFL licences', async () => {
    const street = `${uniqueWord(6)}`;
    const number = digits(4);
    const licence = `9-86-${digits(3)}-01-2B-${digits(5)}`;
    const first = await activeCase(pgr, { identifiers: [
      { type: 'VIN', value: '1M8GDM9AXKP042788' },
      { type: 'ADDRESS', value: `Avenida ${street} Número ${number}, Colonia Centro` },
      { type: 'FFL_LICENSE', value: licence },
    ] });
    const second = await activeCase(atf, { identifiers: [
      { type: 'VIN', value: '1m8gdm9axkp042788' },
      { type: 'ADDRESS', value: `Av. ${street.toUpperCase()} No. ${number} Col. Centro` },
      { type: 'FFL_LICENSE', value: licence.replace(/-/g, '') },
    ] });
    const hits = (await hitsOf(atf, second.id)).filter((h) => h.counterpart.caseNumber === first.caseNumber);
    expect(hits.map((h) => h.matchType).sort()).toEqual(['ADDRESS', 'FFL_LICENSE', 'VIN']);
  });

  it('matches persons across accents, order, a missing second surname and transliteration, not namesakes born elsewhen', async () => {
    const surname = `Mart${uniqueWord(3)}ínez`;
    const russianSurname = `${uniqueWord(5)}ov`;
    const stored = await activeCase(ice, { subjects: [
      { kind: 'PERSON', fullName: `José Ángel ${surname} Gómez`, dateOfBirth: '1984-03-12' },
      { kind: 'PERSON', fullName: `Aleksandr ${russianSurname}`, dateOfBirth: '1975-06-01' },
    ] });
    const russian = `Alexander ${russianSurname}`;
    const plain = surname.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
    const variants: [string, Record<string, unknown>, boolean][] = [
      ['upper case without accents', { fullName: `JOSE ANGEL ${plain.toUpperCase()} GOMEZ`, dateOfBirth: '1984-03-12' }, true],
      ['surnames first, comma', { fullName: `${surname} Gómez, José Ángel`, dateOfBirth: '1984-03-12' }, true],
      ['second surname and given name missing', { fullName: `José ${surname}`, dateOfBirth: '1984-03-12' }, true],
      ['transliteration', { fullName: russian, dateOfBirth: '1975-06-01' }, true],
      ['namesake born another day', { fullName: `José Ángel ${surname} Gómez`, dateOfBirth: '1990-01-01' }, false],
    ];
    for (const [label, subject, expected] of variants) {
      const probe = await activeCase(atf, { subjects: [{ kind: 'PERSON', ...subject }] });
      const hit = await hitAgainst(atf, probe.id, stored.caseNumber);
      expect({ label, hit: Boolean(hit) }).toEqual({ label, hit: expected });
      if (hit) {
        expect(hit.matchType).toBe('PERSON');
        expect(hit.matchedValue).toBe(subject.fullName);
        // Issue 16: an equal DOB confirms, and the reason reads as the tier's evidence.
        expect(hit.tier).toBe('CONFIRMED');
        const queued = await http('GET', `/deconfliction/hits/${hit.id}`, { token: coordinator });
        expect(queued.body.reason).toMatch(/^same DOB; name \d of \d tokens agree \(.+\)$/);
      }
    }
  });

  it('matches organizations by name similarity and an obliterated serial on its readable part, both ways', async () => {
    const word = uniqueWord(7);
    // Letters and digits: a run of digits alone would also meet any other spec's serial that holds those six digits.
    const run = `${uniqueWord(3).toUpperCase()}${digits(6)}`;
    const full = await activeCase(ice, {
      subjects: [{ kind: 'ORGANIZATION', name: `Los ${word} del Norte`, orgType: 'DTO' }],
      firearms: [{ serialNumber: `AK-${run}-Z` }],
    });
    const partial = await activeCase(fbi, {
      subjects: [{ kind: 'ORGANIZATION', name: `${word.toUpperCase()} DEL NORTE, S.A. DE C.V.`, orgType: 'BUSINESS' }],
      firearms: [{ serialNumber: `??-${run}-?`, serialObliterated: true }],
    });
    const hits = await hitsOf(fbi, partial.id);
    expect(hits.map((h) => h.matchType).sort()).toEqual(['FIREARM_SERIAL', 'ORGANIZATION']);
    expect(hits.every((h) => h.counterpart.caseNumber === full.caseNumber)).toBe(true);

    const laterFull = await activeCase(atf, { firearms: [{ serialNumber: `XB${run}7` }] });
    const reverse = await hitAgainst(atf, laterFull.id, partial.caseNumber);
    expect(reverse).toMatchObject({ matchType: 'FIREARM_SERIAL', matchedValue: `XB${run}7` });
    expect(reverse.score).toBeLessThan(1);
  });

  it('conflicts operations whose areas touch while their windows overlap, and not those a metre or a minute apart', async () => {
    const lat = 25 + Math.random() * 15;
    const lon = -115 + Math.random() * 15;
    const t = Date.UTC(2031, 0, 1) + Math.floor(Math.random() * 300) * 86_400_000;
    const at = (minutes: number) => new Date(t + minutes * 60_000).toISOString();
    const op = (latitude: number, radiusMeters: number, from: number, to: number) => ({
      operations: [{ type: 'SEARCH_WARRANT', latitude, longitude: lon, radiusMeters, startsAt: at(from), endsAt: at(to) }],
    });
    const a = await activeCase(ice, op(lat, 100, 0, 120));
    const touching = await activeCase(ice, op(northOf(lat, 300), 200, 60, 180));
    const metreApart = await activeCase(ice, op(northOf(lat, -301), 200, 60, 180));
    const minuteLater = await activeCase(ice, op(lat, 50, 121, 240));
    const sameInstant = await activeCase(atf, op(lat, 50, 120, 240));

    const aHits = await hitsOf(ice, a.id);
    const against = aHits.map((h) => h.counterpart.caseNumber);
    expect(against).toContain(touching.caseNumber);
    expect(against).toContain(sameInstant.caseNumber);
    expect(against).not.toContain(metreApart.caseNumber);
    expect(against).not.toContain(minuteLater.caseNumber);
    expect(aHits.every((h) => h.matchType === 'EVENT')).toBe(true);
    const queued = await http('GET', `/deconfliction/hits/${aHits.find((h) => h.counterpart.caseNumber === touching.caseNumber).id}`, { token: coordinator });
    expect(queued.body).toMatchObject({ urgent: true });
    expect(queued.body.reason).toMatch(/^operation areas 300 m apart \(radii 200 \+ 100 m\), windows overlap 60 min$/);
  });

  it('conflicts an operation with a long one that began days before and with one across midnight, not with one just ended', async () => {
    // Operations are indexed by the day they start (UTC): these two must be found from a window that starts a day or
    // more later.
    const lat = 25 + Math.random() * 15;
    const lon = -115 + Math.random() * 15;
    const midnight = Date.UTC(2032, 0, 1) + Math.floor(Math.random() * 300) * 86_400_000;
    const at = (minutes: number) => new Date(midnight + minutes * 60_000).toISOString();
    const op = (from: number, to: number) => ({ type: 'SURVEILLANCE', latitude: lat, longitude: lon, radiusMeters: 100, startsAt: at(from), endsAt: at(to) });
    const tenDays = await activeCase(ice, { operations: [op(-9 * 1440, 1440)] });
    const overMidnight = await activeCase(ice, { operations: [op(-30, 30)] });
    const endedBefore = await activeCase(ice, { operations: [op(-3 * 1440, -1)] });
    const check = await http('POST', '/deconfliction/checks', { token: atf, body: { operations: [op(10, 20)] } });
    expect(check.status).toBe(200);
    const met = check.body.matches.map((m: any) => m.counterpart.caseNumber);
    expect(met).toEqual(expect.arrayContaining([tenDays.caseNumber, overMidnight.caseNumber]));
    expect(met).not.toContain(endedBefore.caseNumber);
  });

  // Escalation, the event clock against the subject clock, and resolving in time: clocks.spec.ts (the clock pair).

  it('raises a hit for a lookout owner until the lookout expires', async () => {
    const plate = `${uniqueWord(3).toUpperCase()}${digits(3)}`;
    const created = await http('POST', '/lookouts', { token: ice, body: { type: 'VEHICLE_PLATE', value: `${plate.slice(0, 3)}-${plate.slice(3)}`, region: 'AZ', note: 'white pickup seen at the crossing' } });
    expect(created.status).toBe(201);
    expect((await http('GET', '/lookouts', { token: ice })).body.items.map((l: any) => l.id)).toContain(created.body.id);
    const atfCase = await activeCase(atf, { identifiers: [{ type: 'VEHICLE_PLATE', value: `${plate.slice(0, 3)} ${plate.slice(3)}`, region: 'US-AZ' }] });
    const caseSide = await hitsOf(atf, atfCase.id);
    expect(caseSide).toHaveLength(1);
    expect(caseSide[0]).toMatchObject({ matchType: 'VEHICLE_PLATE', counterpart: { agency: 'ICE', caseNumber: null, agentName: 'Irene Castillo' } });
    const ownerSide = await http('GET', `/lookouts/${created.body.id}/hits`, { token: ice });
    expect(ownerSide.body.items).toHaveLength(1);
    expect(ownerSide.body.items[0].counterpart).toMatchObject({ agency: 'ATF', caseNumber: atfCase.caseNumber });
    expect((await http('GET', `/lookouts/${created.body.id}/hits`, { token: atf })).status).toBe(404);

    const otherRegion = await activeCase(fbi, { identifiers: [{ type: 'VEHICLE_PLATE', value: plate, region: 'MX-SON' }] });
    expect(await hitsOf(fbi, otherRegion.id)).toHaveLength(0);

    // The same phone lookout hits while it lives (the positive control) and stops at its expiry; the two cases hit each
    // other either way, so only the lookout's hits (no case number on the other side) are counted.
    const expiresAt = Date.now() + 15_000;
    const short = await http('POST', '/lookouts', { token: ice, body: { type: 'PHONE', value: `+1 602 ${digits(3)} ${digits(4)}`, note: 'brief watch', expiresAt: new Date(expiresAt).toISOString() } });
    expect(short.status).toBe(201);
    const lookoutHits = async (caseId: string) => (await hitsOf(atf, caseId)).filter((h: any) => h.counterpart.caseNumber === null);
    const early = await activeCase(atf, { identifiers: [{ type: 'PHONE', value: short.body.value }] });
    expect(Date.now()).toBeLessThan(expiresAt);
    expect(await lookoutHits(early.id)).toHaveLength(1);
    await new Promise((r) => setTimeout(r, expiresAt - Date.now() + 500));
    const late = await activeCase(atf, { identifiers: [{ type: 'PHONE', value: short.body.value }] });
    expect(await lookoutHits(late.id)).toHaveLength(0);
    expect((await hitsOf(atf, late.id)).length).toBeGreaterThan(0);

    const refused = await http('POST', '/lookouts', { token: ice, body: { type: 'PHONE', value: 'call me', note: 'x' } });
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0].field).toBe('value');
    const past = await http('POST', '/lookouts', { token: ice, body: { type: 'EMAIL', value: 'a@b.cd', note: 'x', expiresAt: '2020-01-01T00:00:00Z' } });
    expect(past.status).toBe(400);
    expect(past.body.errors[0].field).toBe('expiresAt');
  });

  it('streams a new hit to both case owners and the coordinators', async () => {
    const [iceStream, atfStream, coordinatorStream] = await Promise.all([openStream(ice), openStream(atf), openStream(coordinator)]);
    try {
      const plate = `${uniqueWord(4).toUpperCase()}${digits(3)}`;
      const iceCase = await activeCase(ice, { identifiers: [{ type: 'VEHICLE_PLATE', value: plate }, { type: 'ADDRESS', value: `Calle ${uniqueWord()} 12, Colonia Centro` }] });
      const atfCase = await activeCase(atf, { identifiers: [{ type: 'VEHICLE_PLATE', value: plate.toLowerCase() }] });
      const [hit] = await hitsOf(atf, atfCase.id);
      const forHit = (e: any) => e.event === 'hit.created' && e.data.entityId === hit.id;
      const [iceEvent, atfEvent, coordinatorEvent] = await Promise.all([
        iceStream.waitFor(forHit), atfStream.waitFor(forHit), coordinatorStream.waitFor(forHit),
      ]);
      expect(iceEvent.data.payload.hit.counterpart.caseNumber).toBe(atfCase.caseNumber);
      expect(atfEvent.data.payload.hit.counterpart.caseNumber).toBe(iceCase.caseNumber);
      expect(coordinatorEvent.data.payload.hit.sides).toHaveLength(2);
      expect(JSON.stringify(atfEvent.data)).not.toContain('Colonia');
      // The event id is the stream's resume cursor (n1.<last id>.<snapshot>...), and it stands just after this notification.
      expect((atfEvent.id ?? '').split('.').slice(0, 2)).toEqual(['n1', atfEvent.data.id]);
    } finally {
      iceStream.close(); atfStream.close(); coordinatorStream.close();
    }
  });

  it('gives both agencies the hit when they enter the same value at the same instant, once', async () => {
    for (let round = 0; round < 4; round += 1) {
      const phone = `+1 915 ${digits(3)} ${digits(4)}`;
      const [x, y] = await Promise.all([
        activeCase(ice, { identifiers: [{ type: 'PHONE', value: phone }] }),
        activeCase(atf, { identifiers: [{ type: 'PHONE', value: phone }] }),
      ]);
      const [xHits, yHits] = await Promise.all([hitsOf(ice, x.id), hitsOf(atf, y.id)]);
      expect(xHits).toHaveLength(1);
      expect(yHits).toHaveLength(1);
      expect(xHits[0].id).toBe(yHits[0].id);
    }
  });

  it('checks values without storing them, and audits the check', async () => {
    const serial = `QZ${digits(7)}`;
    const owner = await activeCase(ice, { firearms: [{ serialNumber: serial }] });
    const keysBefore = await withDb(async (db) => Number((await db.query('SELECT count(*) FROM match_keys')).rows[0].count));
    const check = await http('POST', '/deconfliction/checks', { token: atf, body: { identifiers: [{ type: 'FIREARM_SERIAL', value: serial.toLowerCase() }] } });
    expect(check.status).toBe(200);
    expect(check.body.matches).toEqual([expect.objectContaining({ matchType: 'FIREARM_SERIAL', counterpart: expect.objectContaining({ caseNumber: owner.caseNumber }) })]);
    const keysAfter = await withDb(async (db) => Number((await db.query('SELECT count(*) FROM match_keys')).rows[0].count));
    expect(keysAfter).toBe(keysBefore);
    const audited = await withDb(async (db) => (await db.query(
      `SELECT details FROM audit_log WHERE action = 'deconfliction.checked' AND actor = 'atf.agent' ORDER BY seq DESC LIMIT 1`)).rows[0]);
    expect(audited.details.matches[0].case).toBe(owner.id);
  });

  it('refuses values deconfliction cannot read with 400 naming the field, writing nothing', async () => {
    const title = `refused ${uniqueWord()}`;
    const cases: [Record<string, unknown>, string][] = [
      [{ identifiers: [{ type: 'PHONE', value: 'call me maybe' }] }, 'identifiers[0].value'],
      [{ identifiers: [{ type: 'VIN', value: '1HGCM82633A004353' }] }, 'identifiers[0].value'],
      [{ firearms: [{ serialNumber: '??1?', serialObliterated: true }] }, 'firearms[0].serialNumber'],
      [{ operations: [{ type: 'ARREST', latitude: 91, longitude: 0, startsAt: '2030-01-01T00:00:00Z', endsAt: '2030-01-01T01:00:00Z' }] }, 'operations[0].latitude'],
      [{ operations: [{ type: 'ARREST', latitude: 1, longitude: 0, radiusMeters: 0, startsAt: '2030-01-01T00:00:00Z', endsAt: '2030-01-01T01:00:00Z' }] }, 'operations[0].radiusMeters'],
      [{ operations: [{ type: 'ARREST', latitude: 1, longitude: 0, radiusMeters: 500_000, startsAt: '2030-01-01T00:00:00Z', endsAt: '2030-01-01T01:00:00Z' }] }, 'operations[0].radiusMeters'],
      [{ operations: [{ type: 'ARREST', latitude: 1, longitude: 0, startsAt: '2030-01-01T02:00:00Z', endsAt: '2030-01-01T01:00:00Z' }] }, 'operations[0].endsAt'],
    ];
    for (const [items, field] of cases) {
      const response = await http('POST', '/cases', { token: ice, body: { title, category: 'OTHER', ...items } });
      expect({ field, status: response.status }).toEqual({ field, status: 400 });
      expect(response.body.errors.map((e: any) => e.field)).toEqual([field]);
    }
    const spanish = await http('POST', '/cases', { token: ice, headers: { 'accept-language': 'es' }, body: { title, category: 'OTHER', identifiers: [{ type: 'PHONE', value: 'llámame' }] } });
    expect(spanish.body.errors[0].message).toMatch(/no es un número de teléfono legible/);
    const existing = await activeCase(ice, {});
    const append = await http('POST', `/cases/${existing.id}/identifiers`, { token: ice, body: { identifiers: [{ type: 'EMAIL', value: 'not-an-email' }] } });
    expect(append.status).toBe(400);
    expect(append.body.errors[0].field).toBe('identifiers[0].value');
    const written = await withDb(async (db) => ({
      cases: Number((await db.query('SELECT count(*) FROM cases WHERE title = $1', [title])).rows[0].count),
      identifiers: Number((await db.query('SELECT count(*) FROM case_identifiers WHERE case_id = $1', [existing.id])).rows[0].count),
    }));
    expect(written).toEqual({ cases: 0, identifiers: 0 });
  });
});
