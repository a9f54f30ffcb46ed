import { eventually, http, login, uniqueWord, withDb } from '../support/http';

const digits = (n: number) => Array.from({ length: n }, () => Math.floor(Math.random() * 10)).join('');

/** Issue 17, "Lookouts": the owning agency's agents cancel a lookout; from then on it raises no hit. */
describe('cancelling a lookout', () => {
  let ice: string; let sac: string; let atf: string;
  beforeAll(async () => { [ice, sac, atf] = await Promise.all(['ice.agent', 'ice.sac', 'atf.agent'].map((u) => login(u))); });

  async function activeCase(token: string, phone: string) {
    const created = await http('POST', '/cases', { token, body: { title: `Lookout ${uniqueWord()}`, category: 'OTHER', identifiers: [{ type: 'PHONE', value: phone }] } });
    expect(created.status).toBe(201);
    await eventually(() => http('GET', `/cases/${created.body.id}`, { token }), (r) => r.body.status === 'ACTIVE');
    return created.body.id as string;
  }
  /** The case's hits against a lookout (a lookout has no case number). */
  const lookoutHits = async (caseId: string) => {
    const response = await http('GET', `/cases/${caseId}/hits`, { token: atf });
    expect(response.status).toBe(200);
    return (response.body.items as { counterpart: { caseNumber: string | null; agency: string } }[]).filter((h) => h.counterpart.caseNumber === null);
  };

  it('stops the lookout matching, is audited, answers 404 to another agency and 409 the second time', async () => {
    const phone = `+1 480 ${digits(3)} ${digits(4)}`;
    const created = await http('POST', '/lookouts', { token: ice, body: { type: 'PHONE', value: phone, note: 'cancel me later' } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'ACTIVE', active: true, cancelledAt: null });
    const id = created.body.id as string;
    // The positive control: while it lives, a case with the phone meets it.
    const before = await activeCase(atf, phone.replace(/ /g, '-'));
    expect(await lookoutHits(before)).toHaveLength(1);

    const foreign = await http('POST', `/lookouts/${id}/cancel`, { token: atf, body: { reason: 'not mine' }, headers: { 'accept-language': 'es' } });
    expect(foreign.status).toBe(404);
    expect(foreign.body.detail).toMatch(/no existe/);
    const unknownField = await http('POST', `/lookouts/${id}/cancel`, { token: ice, body: { why: 'x' } });
    expect(unknownField.status).toBe(400);

    // Any agent of the owning agency may cancel it, with or without a reason.
    const cancelled = await http('POST', `/lookouts/${id}/cancel`, { token: sac, body: { reason: 'target arrested' } });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ id, status: 'CANCELLED', active: false, cancelledBy: 'ice.sac', cancelReason: 'target arrested' });
    expect(Date.parse(cancelled.body.cancelledAt)).not.toBeNaN();

    const again = await http('POST', `/lookouts/${id}/cancel`, { token: ice, headers: { 'accept-language': 'es' } });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ currentStatus: 'CANCELLED', cancelledBy: 'ice.sac' });
    expect(again.body.detail).toMatch(/ya fue cancelada/);

    const audit = await withDb(async (db) => (await db.query(
      `SELECT actor, action, details FROM audit_log WHERE entity_id = $1 AND action LIKE 'lookout.%' ORDER BY seq`, [id])).rows);
    expect(audit).toEqual([
      expect.objectContaining({ actor: 'ice.agent', action: 'lookout.created' }),
      expect.objectContaining({ actor: 'ice.sac', action: 'lookout.cancelled', details: { reason: 'target arrested' } }),
    ]);
    const refusals = await withDb(async (db) => Number((await db.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE entity_id = $1 AND action = 'access.denied' AND actor = 'atf.agent'`, [id])).rows[0].n));
    expect(refusals).toBe(1);

    // After the cancellation a case with the same phone raises no hit from it; the earlier hit stays on record.
    const after = await activeCase(atf, phone);
    expect(await lookoutHits(after)).toHaveLength(0);
    expect(await lookoutHits(before)).toHaveLength(1);
    const listed = (await http('GET', '/lookouts?limit=200', { token: ice })).body.items.find((l: { id: string }) => l.id === id);
    expect(listed).toMatchObject({ status: 'CANCELLED', cancelledBy: 'ice.sac' });
    expect((await http('GET', `/lookouts/${id}/hits`, { token: ice })).body.items).toHaveLength(1);
  });

  it('answers 404 for a lookout that does not exist', async () => {
    const missing = await http('POST', '/lookouts/6f1c2a8e-0000-4000-8000-000000000000/cancel', { token: ice, body: {} });
    expect(missing.status).toBe(404);
  });
});
