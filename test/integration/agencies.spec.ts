import { http, login } from '../support/http';

describe('GET /agencies', () => {
  it('lists every partner agency with its name and country to any signed-in user', async () => {
    for (const username of ['pgr.liaison', 'coordinator']) {
      const res = await http('GET', '/agencies', { token: await login(username) });
      expect(res.status).toBe(200);
      const codes = res.body.items.map((a: { code: string }) => a.code);
      expect(codes).toEqual(expect.arrayContaining(['ATF', 'CBP', 'DEA', 'FBI', 'ICE', 'PGR']));
      expect(res.body.items.find((a: { code: string }) => a.code === 'PGR')).toEqual({
        code: 'PGR', name: 'Procuraduría General de la República', country: 'MX',
      });
      // US partners first, then Mexican, then Canadian; by code within a country.
      const countries = res.body.items.map((a: { country: string }) => a.country);
      expect(countries).toEqual([...countries].sort((a: string, b: string) => b.localeCompare(a)));
    }
  });

  it('is refused without a token', async () => {
    const res = await http('GET', '/agencies');
    expect(res.status).toBe(401);
  });
});
