import { eventually, http, login, uniqueWord } from '../support/http';
import { EventStream, openStream } from '../support/sse';
import { readStack } from '../support/stack';

/**
 * Pointer-only on every view of a hit (README "Pointer-only", api.md "Deconfliction"): the exact key set, nested
 * objects included, of each side's view (case, lookout, seizure), the watch desk's view, the check answer and list, and
 * every hit and check notification, polled and streamed, for each kind of recipient; and none of the other side's
 * secrets (title, summary, other subjects and identifiers, notes, circumstances, the checker's other values) in
 * anything a viewer receives. The fixtures: an ATF lookout and case, then an ICE case meeting both (phone, email) and
 * a CBP seizure meeting the ICE case's firearm, then an FBI check of the phone; no record is shared with anyone.
 */
const digits = (n: number) => Array.from({ length: n }, () => Math.floor(Math.random() * 10)).join('');

/** The keys of a value, recursively (arrays element by element); every leaf is `true`. */
type Shape = true | Shape[] | { [key: string]: Shape };
const shape = (value: unknown): Shape => {
  if (Array.isArray(value)) return value.map(shape);
  if (value === null || typeof value !== 'object') return true;
  return Object.fromEntries(Object.keys(value).sort().map((k) => [k, shape((value as Record<string, unknown>)[k])]));
};
const keys = (...names: string[]): Record<string, true> => Object.fromEntries(names.map((n) => [n, true]));
const COUNTERPART = keys('agency', 'caseNumber', 'agentName', 'agentPhone');
/** A seizure's pointer (seizures stay on watch): which seizure, and its contact's agency, besides the contact. */
const SEIZURE_COUNTERPART = { ...COUNTERPART, ...keys('seizureId', 'contactAgency') };
/**
 * A side's view: `resolution` appears once the hit is resolved; `seizure` when the other side is a seizure. `reason`
 * is the desk's reason less the other side's values (pointer-reason.ts); the leak check below reads it too.
 */
const sideShape = (resolved: boolean, seizure = false) => ({
  ...keys('id', 'matchType', 'matchedValue', 'score', 'reason', 'status', 'createdAt', ...(resolved ? ['resolution'] : [])),
  counterpart: seizure ? SEIZURE_COUNTERPART : COUNTERPART,
});
/** The desk's pointers carry the side's case id (null for a lookout or seizure): what DEFER names (issue 17). */
const POINTER = { ...COUNTERPART, ...keys('caseId', 'lookout', 'seizure', 'matchedValue') };
const SEIZURE_POINTER = { ...SEIZURE_COUNTERPART, ...keys('caseId', 'lookout', 'seizure', 'matchedValue') };
/** The desk's view; `seizure` when side a is a seizure. */
const deskShape = (seizure = false) => ({
  ...keys('id', 'matchType', 'score', 'tier', 'reason', 'urgent', 'status', 'resolution', 'resolutionNote', 'resolvedBy', 'resolvedAt', 'escalatedAt', 'createdAt',
    'deferringCaseId', 'reopenedAt', 'reopenedBy', 'reopenReason'),
  sides: [seizure ? SEIZURE_POINTER : POINTER, POINTER],
});
/** What the desk reads over HTTP: the same, with its clocks (when an open hit escalates, when an event conflict starts). */
const deskRead = (seizure = false) => ({ ...deskShape(seizure), ...keys('escalatesAt', 'eventStartsAt', 'timeLeftMs', 'holder') });
/** A hit's page: the desk's read and its contact log (issue 17; these hits have none, and no one holds them). */
const deskPage = (seizure = false) => ({ ...deskRead(seizure), contacts: [] });
const CHECKER = keys('agency', 'agentName', 'agentPhone');
const notification = (payload: Shape) => ({ ...keys('id', 'kind', 'entityType', 'entityId', 'createdAt'), payload });
/**
 * The payload a hit notification carries to side a (case or seizure), side b (case or lookout) and the desk;
 * `seizure` when the recipient is not the seizure side of a hit that has one.
 */
const PAYLOAD = {
  a: (resolved: boolean, seizure: boolean) => ({ ...keys('caseId', 'seizureId'), hit: sideShape(resolved, seizure) }),
  b: (resolved: boolean, seizure: boolean) => ({ ...keys('caseId', 'lookoutId'), hit: sideShape(resolved, seizure) }),
  desk: (_resolved: boolean, seizure: boolean) => ({ hit: deskShape(seizure) }),
};
const checkNotice = (matches: number) => ({
  check: { ...keys('id', 'checkedAt'), checker: CHECKER, matches: Array(matches).fill(keys('matchType', 'agency', 'caseNumber', 'lookout')) },
});
const HIT_EVENTS = ['hit.created', 'hit.escalated', 'hit.resolved'];

/**
 * The API whose worker runs second-scale hit clocks, so the hits escalate during the test: the clock pair's when the
 * stack starts one (the shared pair then runs long clocks), else the shared API. Records created through it run their
 * workflows, and their hits', on its worker.
 */
async function clockedApi(): Promise<string> {
  const stack = readStack() as ReturnType<typeof readStack> & { clockApiUrl?: string };
  if (!stack.clockApiUrl) return stack.apiUrl;
  const url = stack.clockApiUrl;
  await eventually(() => fetch(`${url}/health`).then((r) => r.status, () => 0), (status) => status === 200, 90_000);
  return url;
}

type Viewer = 'ice' | 'atf' | 'cbp' | 'fbi' | 'desk';
const USERNAMES: Record<Viewer, string> = { ice: 'ice.agent', atf: 'atf.agent', cbp: 'cbp.officer', fbi: 'fbi.agent', desk: 'coordinator' };
const VIEWERS = Object.keys(USERNAMES) as Viewer[];

describe('pointer-only views of hits and checks', () => {
  const token = {} as Record<Viewer, string>;
  const streams = {} as Record<Viewer, EventStream>;
  /** Every body each viewer received, for the leak check. */
  const received = Object.fromEntries(VIEWERS.map((v) => [v, [] as string[]])) as Record<Viewer, string[]>;
  /** Each record's secrets and the only viewer allowed to read them. */
  const secrets: { owner: Viewer; what: string; values: string[] }[] = [];
  const ids = { hits: {} as Record<'caseHit' | 'lookoutHit' | 'seizureHit', string> } as {
    iceCase: string; atfCase: string; lookout: string; seizure: string; check: string; since: string; hits: Record<'caseHit' | 'lookoutHit' | 'seizureHit', string>;
  };
  /** Answers to the fixtures' writes, asserted in the tests (an assertion in beforeAll would fail every test alike). */
  const answers = { check: undefined as unknown, resolved: [] as unknown[] };
  const get = async (viewer: Viewer, path: string) => {
    const response = await http('GET', path, { token: token[viewer] });
    expect({ path, status: response.status }).toEqual({ path, status: 200 });
    received[viewer].push(JSON.stringify(response.body));
    return response.body;
  };

  beforeAll(async () => {
    for (const v of VIEWERS) token[v] = await login(USERNAMES[v]);
    for (const v of VIEWERS) streams[v] = await openStream(token[v]);
    ids.since = new Date(Date.now() - 1000).toISOString();
    const word = uniqueWord(10);
    const secret = (what: string) => `po${word}-${what}-${uniqueWord(6)}`;
    const person = () => `Zed${uniqueWord(7)} Quill${uniqueWord(7)}`;
    const phone = `+1 (480) ${digits(3)}-${digits(4)}`;
    const email = `watch.${uniqueWord()}@example.org`;
    const serial = `PO${digits(9)}`;
    const clocked = await clockedApi();
    const created = async (viewer: Viewer, path: string, body: unknown, baseUrl?: string) => {
      const response = await http('POST', path, { token: token[viewer], body, baseUrl });
      if (response.status !== 201) throw new Error(`fixture ${path}: ${response.status} ${JSON.stringify(response.body)}`);
      return response.body.id as string;
    };
    const activeCase = async (viewer: Viewer, body: Record<string, unknown>, baseUrl?: string) => {
      const id = await created(viewer, '/cases', { category: 'ARMS_TRAFFICKING', ...body }, baseUrl);
      await eventually(() => http('GET', `/cases/${id}`, { token: token[viewer] }), (r) => r.body.status === 'ACTIVE', 30_000);
      return id;
    };

    const note = secret('lookout-note');
    ids.lookout = await created('atf', '/lookouts', { type: 'EMAIL', value: email, note });
    secrets.push({ owner: 'atf', what: 'lookout', values: [note] });
    const atf = { title: secret('title'), summary: secret('summary'), person: person(), email: `${secret('email')}@example.org` };
    ids.atfCase = await activeCase('atf', {
      title: atf.title, summary: atf.summary, subjects: [{ kind: 'PERSON', fullName: atf.person }],
      identifiers: [{ type: 'PHONE', value: phone }, { type: 'EMAIL', value: atf.email }],
    });
    secrets.push({ owner: 'atf', what: 'case', values: Object.values(atf) });
    const ice = { title: secret('title'), summary: secret('summary'), person: person(), email: `${secret('email')}@example.org`, serial: `PX${digits(9)}` };
    ids.iceCase = await activeCase('ice', {
      title: ice.title, summary: ice.summary, subjects: [{ kind: 'PERSON', fullName: ice.person }],
      identifiers: [{ type: 'PHONE', value: phone.replace(/\D/g, '') }, { type: 'EMAIL', value: email.toUpperCase() }, { type: 'EMAIL', value: ice.email }],
      firearms: [{ serialNumber: serial }, { serialNumber: ice.serial }],
    }, clocked);
    secrets.push({ owner: 'ice', what: 'case', values: Object.values(ice) });
    const cbp = { circumstances: secret('circumstances'), serial: `PY${digits(9)}` };
    ids.seizure = await created('cbp', '/seizures', {
      seizedAt: '2026-10-01T08:30:00Z', circumstances: cbp.circumstances, firearms: [{ serialNumber: serial }, { serialNumber: cbp.serial }],
    }, clocked);
    secrets.push({ owner: 'cbp', what: 'seizure', values: Object.values(cbp) });

    const iceHits = (await eventually(() => http('GET', `/cases/${ids.iceCase}/hits`, { token: token.ice }), (r) => r.body.items?.length === 3, 30_000)).body.items;
    const against = (agency: string) => iceHits.find((h: { counterpart: { agency: string } }) => h.counterpart.agency === agency).id as string;
    ids.hits = { caseHit: iceHits.find((h: { matchType: string }) => h.matchType === 'PHONE').id, lookoutHit: iceHits.find((h: { matchType: string }) => h.matchType === 'EMAIL').id, seizureHit: against('CBP') };

    const checkEmail = `${secret('check-email')}@example.org`;
    const answer = await http('POST', '/deconfliction/checks', { token: token.fbi, body: { identifiers: [{ type: 'PHONE', value: phone }, { type: 'EMAIL', value: checkEmail }] } });
    if (answer.status !== 200) throw new Error(`fixture check: ${answer.status} ${JSON.stringify(answer.body)}`);
    received.fbi.push(JSON.stringify(answer.body));
    answers.check = answer.body;
    secrets.push({ owner: 'fbi', what: 'check', values: [checkEmail] });
    ids.check = (await http('GET', '/deconfliction/checks?direction=MADE&limit=1', { token: token.fbi })).body.items[0].id;

    // Every hit escalates on its clock (seconds on the clocked API), then the desk resolves it: each recipient sees
    // all three events. The ICE case and the seizure, whose workflows start the hits' workflows, were made there.
    for (const id of Object.values(ids.hits)) {
      await eventually(() => http('GET', `/deconfliction/hits/${id}`, { token: token.desk }), (r) => r.body.status === 'ESCALATED', 60_000);
      const resolved = await http('POST', `/deconfliction/hits/${id}/resolve`, { token: token.desk, body: { resolution: 'NO_CONFLICT', note: 'pointer-only probe' } });
      if (resolved.status !== 200) throw new Error(`fixture resolve ${id}: ${resolved.status} ${JSON.stringify(resolved.body)}`);
      received.desk.push(JSON.stringify(resolved.body));
      answers.resolved.push(resolved.body);
    }
  }, 180_000);

  afterAll(() => { for (const v of VIEWERS) streams[v]?.close(); });

  it('shows each side of a hit exactly its pointer-only view: case, lookout and seizure', async () => {
    const views: [Viewer, string, number][] = [
      ['ice', `/cases/${ids.iceCase}/hits`, 3], ['atf', `/cases/${ids.atfCase}/hits`, 1],
      ['atf', `/lookouts/${ids.lookout}/hits`, 1], ['cbp', `/seizures/${ids.seizure}/hits`, 1],
    ];
    // Everything is read before anything is asserted, so the leak check below sees every answer.
    const got: Record<string, Shape> = {};
    const want: Record<string, Shape> = {};
    for (const [viewer, path, count] of views) {
      const { items } = await get(viewer, path);
      got[path] = shape({ items });
      // The ICE case's hit with the seizure points at the seizure (the seizure's own view points at the case).
      want[path] = { items: items.length === count ? items.map((h: { id: string }) => sideShape(true, viewer === 'ice' && h.id === ids.hits.seizureHit)) : Array(count).fill(sideShape(true)) };
    }
    expect(got).toEqual(want);
  });

  it("shows the watch desk both pointers and nothing of either record, in its queue and each hit's page", async () => {
    const pages: Shape[] = [];
    for (const id of Object.values(ids.hits)) pages.push(shape(await get('desk', `/deconfliction/hits/${id}`)));
    // The queue is shared with every other test's hits: page until ours are all found.
    const ours: unknown[] = [];
    let cursor: string | null = '';
    while (cursor !== null && ours.length < 3) {
      const page = await get('desk', `/deconfliction/hits?status=RESOLVED&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      ours.push(...page.items.filter((h: { id: string }) => Object.values(ids.hits).includes(h.id)));
      cursor = page.nextCursor;
    }
    // Side a of the seizure hit is the seizure: its pointer names the seizure and its contact's agency.
    const threeDeskReads = Object.values(ids.hits).map((id) => deskRead(id === ids.hits.seizureHit));
    const queued = ours.map((h) => deskRead((h as { id: string }).id === ids.hits.seizureHit));
    const deskPages = Object.values(ids.hits).map((id) => deskPage(id === ids.hits.seizureHit));
    expect({ resolved: shape(answers.resolved), pages, queue: shape(ours) })
      .toEqual({ resolved: threeDeskReads, pages: deskPages, queue: ours.length === 3 ? queued : [deskRead(), deskRead(), deskRead()] });
  });

  it('answers a check and lists it pointer-only to the checker and to the agencies it met', async () => {
    const met = { ...keys('matchType', 'matchedValue'), counterpart: COUNTERPART };
    expect(shape(answers.check)).toEqual({ matches: [met, met] });
    const owner = keys('agency', 'caseNumber', 'lookout', 'agentName', 'agentPhone');
    const base = { ...keys('id', 'direction', 'checkedAt'), checker: CHECKER };
    const ours = async (viewer: Viewer, direction: string) =>
      shape((await get(viewer, `/deconfliction/checks?direction=${direction}&limit=50`)).items.filter((c: { id: string }) => c.id === ids.check));
    const got = { fbi: await ours('fbi', 'MADE'), ice: await ours('ice', 'RECEIVED'), atf: await ours('atf', 'RECEIVED'), desk: await ours('desk', 'RECEIVED') };
    const received = [{ ...base, matches: [{ matchType: true, owner }] }];
    expect(got).toEqual({
      fbi: [{ ...base, counts: keys('subjects', 'identifiers', 'firearms', 'operations'), matches: [{ matchType: true, owner }, { matchType: true, owner }] }],
      ice: received, atf: received, desk: received,
    });
  });

  /** What each recipient hears, by hit: the payload it gets (side a, side b or the desk's), and the check notice. */
  const expected = (): [Viewer, string, Shape[]][] => {
    // Only the seizure hit has a seizure, on side a: every other recipient of it is pointed at the seizure.
    const hitsOf = (entries: [string, 'a' | 'b' | 'desk'][]) => entries.map(([id, side]) =>
      [id, HIT_EVENTS.map((kind) => ({
        kind, shape: notification(PAYLOAD[side](kind === 'hit.resolved', id === ids.hits.seizureHit && side !== 'a')),
      }))] as const);
    const plan: Record<Viewer, (readonly [string, { kind: string; shape: Shape }[]])[]> = {
      ice: [...hitsOf([[ids.hits.caseHit, 'a'], [ids.hits.lookoutHit, 'a'], [ids.hits.seizureHit, 'b']]), [ids.check, [{ kind: 'deconfliction.check_matched', shape: notification(checkNotice(1)) }]]],
      atf: [...hitsOf([[ids.hits.caseHit, 'b'], [ids.hits.lookoutHit, 'b']]), [ids.check, [{ kind: 'deconfliction.check_matched', shape: notification(checkNotice(1)) }]]],
      cbp: hitsOf([[ids.hits.seizureHit, 'a']]),
      desk: [...hitsOf([[ids.hits.caseHit, 'desk'], [ids.hits.lookoutHit, 'desk'], [ids.hits.seizureHit, 'desk']]), [ids.check, [{ kind: 'deconfliction.check_matched', shape: notification(checkNotice(2)) }]]],
      fbi: [],
    };
    return VIEWERS.flatMap((v) => plan[v].flatMap(([id, events]) => events.map(({ kind, shape: s }) => [v, `${kind} ${id}`, [s]] as [Viewer, string, Shape[]])));
  };
  const ourIds = () => [...Object.values(ids.hits), ids.check];

  it('notifies every recipient (case agent, lookout owner, seizure owner, desk) with exactly its view, when polling', async () => {
    const got: Record<string, Record<string, Shape[]>> = {};
    const want: Record<string, Record<string, Shape[]>> = {};
    for (const viewer of VIEWERS) {
      const { items } = await get(viewer, `/notifications?since=${encodeURIComponent(ids.since)}&limit=500`);
      const ours = items.filter((n: { entityId: string }) => ourIds().includes(n.entityId));
      got[viewer] = Object.fromEntries(ours.map((n: { kind: string; entityId: string }) => [`${n.kind} ${n.entityId}`, [] as Shape[]]));
      for (const n of ours) got[viewer][`${n.kind} ${n.entityId}`].push(shape(n));
      want[viewer] = Object.fromEntries(expected().filter(([v]) => v === viewer).map(([, key, s]) => [key, s]));
    }
    expect(got).toEqual(want);
  });

  it('streams every recipient exactly the same views', async () => {
    const got: unknown[] = [];
    const want: unknown[] = [];
    for (const [viewer, key, [shapeWanted]] of expected()) {
      const [kind, id] = key.split(' ');
      const event = await streams[viewer].waitFor((e) => e.event === kind && e.data?.entityId === id, 15_000).catch(() => undefined);
      got.push({ viewer, key, shape: event ? shape(event.data) : 'no such event' });
      want.push({ viewer, key, shape: shapeWanted });
    }
    const counts = { got: {} as Record<string, number>, want: {} as Record<string, number> };
    for (const viewer of VIEWERS) {
      received[viewer].push(...streams[viewer].events.map((e) => JSON.stringify(e.data)));
      counts.got[viewer] = streams[viewer].events.filter((e) => ourIds().includes(e.data?.entityId)).length;
      counts.want[viewer] = expected().filter(([v]) => v === viewer).length;
    }
    expect({ events: got, counts: counts.got }).toEqual({ events: want, counts: counts.want });
  });

  it("never sends a viewer a secret of a record it may not read, and each secret reaches its owner's own reads", async () => {
    await get('ice', `/cases/${ids.iceCase}`);
    await get('atf', `/cases/${ids.atfCase}`);
    await get('atf', '/lookouts');
    await get('cbp', `/seizures/${ids.seizure}`);
    const leaks: string[] = [];
    const unseen: string[] = [];
    for (const record of secrets) {
      for (const value of record.values) {
        for (const viewer of VIEWERS) {
          const bodies = received[viewer].join('\n');
          expect(received[viewer].length).toBeGreaterThan(0);
          if (viewer !== record.owner && bodies.includes(value)) leaks.push(`${USERNAMES[viewer]} received "${value}" of ${record.owner}'s ${record.what}`);
        }
        // The checker's values are never stored, so only the other records can show theirs to their owner.
        if (record.what !== 'check' && !received[record.owner].join('\n').includes(value)) unseen.push(`${record.owner}'s ${record.what}: ${value}`);
      }
    }
    expect(leaks).toEqual([]);
    expect(unseen).toEqual([]);
  });
});
