import { eventually, http, login } from '../support/http';

/** Issue 18: a hit's reason reaches the partner agencies' coordinators in Spanish, whatever the kind of match. */
describe('hit reasons in Spanish', () => {
  let ice: string; let atf: string; let coordinator: string;
  beforeAll(async () => { [ice, atf, coordinator] = await Promise.all(['ice.agent', 'atf.agent', 'coordinator'].map((u) => login(u))); });

  const activeCase = async (token: string, phone: string): Promise<string> => {
    const created = await http('POST', '/cases', {
      token, body: { title: 'Reasons', category: 'DRUG_TRAFFICKING', identifiers: [{ type: 'PHONE', value: phone }] },
    });
    expect(created.status).toBe(201);
    await eventually(() => http('GET', `/cases/${created.body.id}`, { token }), (r) => r.body.status === 'ACTIVE', 30_000);
    return created.body.id;
  };

  it('gives a phone hit its reason in Spanish with Accept-Language: es and in English otherwise', async () => {
    const line = String(Math.floor(Math.random() * 1e7)).padStart(7, '0');
    await activeCase(ice, `+1 602 ${line.slice(0, 3)} ${line.slice(3)}`);
    const atfCase = await activeCase(atf, `(602) ${line.slice(0, 3)}-${line.slice(3)}`);
    const hits = await eventually(() => http('GET', `/cases/${atfCase}/hits`, { token: atf }), (r) => r.body.items?.length === 1, 30_000);
    const [hit] = hits.body.items;
    expect(hit.matchType).toBe('PHONE');
    const es = await http('GET', `/deconfliction/hits/${hit.id}`, { token: coordinator, headers: { 'accept-language': 'es' } });
    expect(es.body.reason).toBe('teléfono (E.164) igual tras normalizar');
    const en = await http('GET', `/deconfliction/hits/${hit.id}`, { token: coordinator });
    expect(en.body.reason).toBe('phone (E.164) equal after normalization');
  });
});
