import { eventually, http, login, uniqueWord, withTemporal } from './http';
import { createFixtures, Fixtures, MatrixResource } from './matrix-fixtures';
import { possibleMatchItem } from './review-fixtures';
import { identityFixtures } from './identity-fuzz-fixtures';

/** mulberry32: a small PRNG with a 32-bit state, enough to make fixture values a function of the seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The access matrix's fixtures, built with every random value (phones, serials, markers, meeting dates) drawn from a
 * PRNG seeded with the fuzz seed, so FUZZ_SEED rebuilds the same records. Their ids are the server's, so the
 * generator names a fixture by kind and index, never by id: the same seed picks the same record.
 */
export async function seededFixtures(seed: number): Promise<{ fixtures: Fixtures; dedicated: Record<string, MatrixResource[]> }> {
  const original = Math.random;
  // The builder is shared with the access matrix and draws from Math.random; the fixtures are built one request
  // after another, and nothing else in this test file runs meanwhile.
  Math.random = seededRandom(seed ^ 0x5eed);
  try {
    const fixtures = await createFixtures();
    return {
      fixtures,
      dedicated: {
        'POST /cases/{id}/close': [await closableCase()], 'POST /seizures/{id}/share': [await shareableSeizure()],
        'POST /cases/{id}/firearms/{firearmId}/traces': [await caseWithFirearm()],
        'POST /cases/{id}/subjects/{subjectId}/aliases': [await caseWithPerson()],
        // Issue 18: a cancel leaves a meeting taking no step, and the shared fixtures are held (outcomes) early on.
        'POST /meetings/{id}/cancel': [await changeableMeeting()], 'POST /meetings/{id}/reschedule': [await changeableMeeting()],
        'POST /referrals/{id}/decline': [await declinableReferral()], 'POST /referrals/{id}/withdraw': [await withdrawableReferral()],
        'POST /deconfliction/reviews/{id}/promote': [await reviewItem()], 'POST /deconfliction/reviews/{id}/dismiss': [await reviewItem()],
        // Issue 17: the matrix's hits are held by whoever claimed first; claim and release each get one no one holds.
        'POST /deconfliction/hits/{id}/claim': [await unclaimedHit()], 'POST /deconfliction/hits/{id}/release': [await unclaimedHit()],
        // Issue 17: only a resolved hit can be reopened, and the shared hits are resolved late in the run, if at all.
        'POST /deconfliction/hits/{id}/reopen': [await resolvedHit()],
        ...(await identityFixtures()),
      },
    };
  } finally {
    Math.random = original;
  }
}

/**
 * A case only the close route touches: the matrix cases gather hits from the identifiers and operations the run
 * appends, and a case with open hits cannot close (409), so closing them could never succeed.
 */
async function closableCase(): Promise<MatrixResource> {
  const response = await http('POST', '/cases', { token: await login('ice.agent'), body: { title: `fuzz close ${uniqueWord()}`, category: 'OTHER' } });
  if (response.status !== 201) throw new Error(`closable case: ${response.status} ${JSON.stringify(response.body)}`);
  return { id: response.body.id, owner: 'ICE', readers: [], agencies: ['ICE'], secrets: [] };
}

/** An ICE case and an ATF case sharing an e-mail address, their hit resolved by the desk: what reopening takes. */
async function resolvedHit(): Promise<MatrixResource> {
  const email = `fuzz-reopen-${uniqueWord()}@example.org`;
  const [ice, atf, coordinator] = await Promise.all(['ice.agent', 'atf.agent', 'coordinator'].map((u) => login(u)));
  const created: string[] = [];
  for (const token of [ice, atf]) {
    const response = await http('POST', '/cases', { token, body: { title: `fuzz reopen ${uniqueWord()}`, category: 'OTHER', identifiers: [{ type: 'EMAIL', value: email }] } });
    if (response.status !== 201) throw new Error(`reopen fixture case: ${response.status} ${JSON.stringify(response.body)}`);
    created.push(response.body.id as string);
  }
  const hit = (await eventually(() => http('GET', `/cases/${created[1]}/hits`, { token: atf }), (r) => r.body.items?.length === 1, 30_000)).body.items[0];
  const resolved = await http('POST', `/deconfliction/hits/${hit.id}/resolve`, { token: coordinator, body: { resolution: 'NO_CONFLICT', note: 'fuzz fixture' } });
  if (resolved.status !== 200) throw new Error(`reopen fixture resolve: ${resolved.status} ${JSON.stringify(resolved.body)}`);
  return { id: hit.id, owner: 'ICE', readers: [], agencies: ['ICE', 'ATF'], secrets: [] };
}

/** An ICE case with a firearm whose trace only the case-firearm trace route asks for (the firearm is named in `extra`). */
async function caseWithFirearm(): Promise<MatrixResource> {
  const token = await login('ice.agent');
  const response = await http('POST', '/cases', { token, body: {
    title: `fuzz trace ${uniqueWord()}`, category: 'ARMS_TRAFFICKING', firearms: [{ serialNumber: `FT${uniqueWord(9).toUpperCase()}` }],
  } });
  if (response.status !== 201) throw new Error(`case with a firearm: ${response.status} ${JSON.stringify(response.body)}`);
  const detail = await http('GET', `/cases/${response.body.id}`, { token });
  return { id: response.body.id, owner: 'ICE', readers: [], agencies: ['ICE'], secrets: [], extra: { firearmId: detail.body.firearms[0].id } };
}

/** An ICE case with a person the alias route appends to (the subject is named in `extra`). */
async function caseWithPerson(): Promise<MatrixResource> {
  const token = await login('ice.agent');
  const response = await http('POST', '/cases', { token, body: {
    title: `fuzz aliases ${uniqueWord()}`, category: 'OTHER', subjects: [{ kind: 'PERSON', fullName: `Fuzz ${uniqueWord()} Person` }],
  } });
  if (response.status !== 201) throw new Error(`case with a person: ${response.status} ${JSON.stringify(response.body)}`);
  const detail = await http('GET', `/cases/${response.body.id}`, { token });
  return { id: response.body.id, owner: 'ICE', readers: [], agencies: ['ICE'], secrets: [], extra: { subjectId: detail.body.subjects[0].id } };
}

/** A complete ATF seizure only the share route touches: PATCH requests of the run may leave the shared one incomplete. */
async function shareableSeizure(): Promise<MatrixResource> {
  const response = await http('POST', '/seizures', { token: await login('atf.agent'), body: {
    seizedAt: '2026-09-03T10:00:00Z', location: { latitude: 31.33, longitude: -110.94, description: 'lane 4' },
    circumstances: `fuzz share ${uniqueWord()}`, finder: 'F', seizingOfficial: 'S', forensicProcessor: 'P',
    firearms: [{ serialNumber: `FZ${uniqueWord(9).toUpperCase()}`, make: 'Colt', model: 'AR-15', importer: 'none', caliber: '5.56', action: 'semi-automatic' }],
    noArrests: true, pointsOfContact: [{ name: 'ATF desk', agency: 'ATF', phone: '+1 202 555 0100' }],
  } });
  if (response.status !== 201) throw new Error(`shareable seizure: ${response.status} ${JSON.stringify(response.body)}`);
  return { id: response.body.id, owner: 'ATF', readers: [], agencies: ['ATF'], secrets: [] };
}

/**
 * A referral only the decline route touches (an FBI case at a port of entry: R1 to CBP): mutated accepts and
 * acknowledgements of the run pick among the shared fixtures, and one that accepted both left declining nothing to do.
 */
async function declinableReferral(): Promise<MatrixResource> {
  const fbi = await login('fbi.agent');
  const created = await http('POST', '/cases', { token: fbi, body: { title: `fuzz decline ${uniqueWord()}`, category: 'OTHER', flags: { portOfEntry: 'Nogales, AZ' } } });
  if (created.status !== 201) throw new Error(`declinable referral's case: ${created.status} ${JSON.stringify(created.body)}`);
  const referrals = await eventually(() => http('GET', `/cases/${created.body.id}/referrals`, { token: fbi }),
    (r) => r.status === 200 && (r.body.items ?? []).some((i: { toAgency: string }) => i.toAgency === 'CBP'), 30_000);
  const referral = referrals.body.items.find((i: { toAgency: string }) => i.toAgency === 'CBP');
  return { id: referral.id, owner: 'CBP', readers: ['FBI'], agencies: ['FBI'], secrets: [] };
}

/** An ICE meeting far ahead that only one change route touches (nothing else holds or cancels it). */
async function changeableMeeting(): Promise<MatrixResource> {
  const response = await http('POST', '/meetings', { token: await login('ice.sac'), body: {
    title: `fuzz change ${uniqueWord()}`, counterpartCountry: 'MX', counterpartAgencies: ['PGR'], level: 'EXECUTIVE',
    scheduledAt: `${2300 + Math.floor(Math.random() * 500)}-06-01T15:00:00Z`,
  } });
  if (response.status !== 201) throw new Error(`changeable meeting: ${response.status} ${JSON.stringify(response.body)}`);
  return { id: response.body.id, owner: 'ICE', readers: [], agencies: ['ICE'], secrets: [] };
}

/** A manual referral (FBI to PGR) only the withdraw route touches, its workflow running so a withdrawal can succeed. */
async function withdrawableReferral(): Promise<MatrixResource> {
  const fbi = await login('fbi.agent');
  const created = await http('POST', '/cases', { token: fbi, body: { title: `fuzz withdraw ${uniqueWord()}`, category: 'OTHER' } });
  if (created.status !== 201) throw new Error(`withdrawable referral's case: ${created.status} ${JSON.stringify(created.body)}`);
  await eventually(() => http('GET', `/cases/${created.body.id}`, { token: fbi }), (r) => r.body.status === 'ACTIVE', 30_000);
  const sent = await http('POST', `/cases/${created.body.id}/referrals`, { token: fbi, body: { toAgency: 'PGR', reason: 'fuzz withdraw', packet: {} } });
  if (sent.status !== 201) throw new Error(`withdrawable referral: ${sent.status} ${JSON.stringify(sent.body)}`);
  await eventually(() => withTemporal((client) => client.workflow.getHandle(`referral-${sent.body.id}`).describe()).catch(() => null),
    (d) => d?.status.name === 'RUNNING', 30_000);
  return { id: sent.body.id, owner: 'PGR', readers: ['FBI'], agencies: ['FBI'], secrets: [] };
}

/** An open POSSIBLE_MATCH review item (issue 16) for each decision route: the first valid decision takes it, later ones get 409. */
async function reviewItem(): Promise<MatrixResource> {
  const item = await possibleMatchItem();
  return { id: item.reviewId, owner: 'ICE', readers: [], agencies: ['ICE', 'ATF'], secrets: [] };
}

/** An ICE-ATF phone hit of its own (two cases sharing a fresh number), which no coordinator has claimed. */
async function unclaimedHit(): Promise<MatrixResource> {
  const phone = `+1602${Math.floor(1_000_000 + Math.random() * 8_999_999)}`;
  const [ice, atf] = await Promise.all([login('ice.agent'), login('atf.agent')]);
  const caseIds: string[] = [];
  for (const token of [ice, atf]) {
    const response = await http('POST', '/cases', { token, body: { title: `fuzz hit ${uniqueWord()}`, category: 'OTHER', identifiers: [{ type: 'PHONE', value: phone }] } });
    if (response.status !== 201) throw new Error(`case for a hit: ${response.status} ${JSON.stringify(response.body)}`);
    caseIds.push(response.body.id);
  }
  const found = await eventually(() => http('GET', `/cases/${caseIds[1]}/hits`, { token: atf }), (r) => r.body.items?.length === 1, 30_000);
  return { id: found.body.items[0].id, owner: 'ICE', readers: ['ATF'], agencies: ['ICE', 'ATF'], secrets: [] };
}
