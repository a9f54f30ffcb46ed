import { eventually, http, login } from '../support/http';

const EARTH_RADIUS_M = 6_371_000;
const northOf = (lat: number, meters: number) => lat + (meters / EARTH_RADIUS_M) * (180 / Math.PI);

/**
 * Issue 18: a hit's reason reaches the partner agencies' coordinators in Spanish, whatever the kind of match; and each
 * side reads its own `reason` (api.md), without what belongs to the other record.
 */
describe('hit reasons in Spanish', () => {
  let ice: string; let atf: string; let coordinator: string;
  beforeAll(async () => { [ice, atf, coordinator] = await Promise.all(['ice.agent', 'atf.agent', 'coordinator'].map((u) => login(u))); });

  const activeCase = async (token: string, items: Record<string, unknown>): Promise<string> => {
    const created = await http('POST', '/cases', { token, body: { title: 'Reasons', category: 'DRUG_TRAFFICKING', ...items } });
    expect(created.status).toBe(201);
    await eventually(() => http('GET', `/cases/${created.body.id}`, { token }), (r) => r.body.status === 'ACTIVE', 30_000);
    return created.body.id;
  };

  it('gives a phone hit its reason in Spanish with Accept-Language: es and in English otherwise', async () => {
    const line = String(Math.floor(Math.random() * 1e7)).padStart(7, '0');
    await activeCase(ice, { identifiers: [{ type: 'PHONE', value: `+1 602 ${line.slice(0, 3)} ${line.slice(3)}` }] });
    const atfCase = await activeCase(atf, { identifiers: [{ type: 'PHONE', value: `(602) ${line.slice(0, 3)}-${line.slice(3)}` }] });
    const hits = await eventually(() => http('GET', `/cases/${atfCase}/hits`, { token: atf }), (r) => r.body.items?.length === 1, 30_000);
    const [hit] = hits.body.items;
    expect(hit.matchType).toBe('PHONE');
    const es = await http('GET', `/deconfliction/hits/${hit.id}`, { token: coordinator, headers: { 'accept-language': 'es' } });
    expect(es.body.reason).toBe('teléfono (E.164) igual tras normalizar');
    const en = await http('GET', `/deconfliction/hits/${hit.id}`, { token: coordinator });
    expect(en.body.reason).toBe('phone (E.164) equal after normalization');
    // The agent reads the same reason, in the language asked for: nothing in it is the other side's.
    expect(hit.reason).toBe('phone (E.164) equal after normalization');
    const agentEs = await http('GET', `/cases/${atfCase}/hits`, { token: atf, headers: { 'accept-language': 'es-MX,es;q=0.9' } });
    expect(agentEs.body.items.map((h: { reason: string }) => h.reason)).toEqual(['teléfono (E.164) igual tras normalizar']);
  });

  // The desk needs the distance, radii and overlap to judge a conflict; an agent given them could place another
  // agency's operation from their own (issue 22), so the agent reads only that the areas and windows meet.
  it('tells each side of an operations conflict that the areas and windows meet, and only the desk how far apart', async () => {
    const [lat, lon] = [20 + Math.random() * 10, -110 + Math.random() * 10];
    const t = Date.UTC(2032, 0, 1) + Math.floor(Math.random() * 300) * 86_400_000;
    const at = (minutes: number) => new Date(t + minutes * 60_000).toISOString();
    const operation = (latitude: number, radiusMeters: number, from: number, to: number) => ({
      operations: [{ type: 'SURVEILLANCE', latitude, longitude: lon, radiusMeters, startsAt: at(from), endsAt: at(to) }],
    });
    const iceCase = await activeCase(ice, operation(lat, 150, 0, 120));
    const atfCase = await activeCase(atf, operation(northOf(lat, 400), 350, 60, 180));
    const atfSide = await eventually(() => http('GET', `/cases/${atfCase}/hits`, { token: atf }), (r) => r.body.items?.length === 1, 30_000);
    const [hit] = atfSide.body.items;
    expect({ matchType: hit.matchType, reason: hit.reason }).toEqual({ matchType: 'EVENT', reason: 'operation areas touch and the time windows overlap' });
    const iceEs = await http('GET', `/cases/${iceCase}/hits`, { token: ice, headers: { 'accept-language': 'es' } });
    expect(iceEs.body.items.map((h: { reason: string }) => h.reason)).toEqual(['las áreas de operación se tocan y las ventanas de tiempo se traslapan']);
    const desk = await http('GET', `/deconfliction/hits/${hit.id}`, { token: coordinator });
    expect(desk.body.reason).toMatch(/^operation areas 40\d m apart \(radii 350 \+ 150 m\), windows overlap 60 min$/);
  });
});
