import { countRows, http, login, postOversized } from '../support/http';

const operation = (overrides: Record<string, unknown>) => ({
  type: 'ARREST', latitude: 31.3, longitude: -110.9, startsAt: '2026-12-01T10:00:00Z', endsAt: '2026-12-01T11:00:00Z', ...overrides,
});

describe('bad input: precise 4xx, nothing written', () => {
  let ice: string;
  beforeAll(async () => { ice = await login('ice.agent'); });

  const cases: [string, Record<string, unknown>, string][] = [
    ['missing title', { category: 'OTHER' }, 'title'],
    ['empty title', { title: '', category: 'OTHER' }, 'title'],
    ['unknown category', { title: 't', category: 'SPORTS' }, 'category'],
    ['unknown top-level field', { title: 't', category: 'OTHER', priority: 'high' }, 'priority'],
    ['unknown nested field', { title: 't', category: 'OTHER', firearms: [{ serialNumber: 'A1', colour: 'black' }] }, 'firearms[0].colour'],
    ['flags not an object', { title: 't', category: 'OTHER', flags: 'yes' }, 'flags'],
    ['flag of the wrong type', { title: 't', category: 'OTHER', flags: { cartelLink: 'yes' } }, 'flags.cartelLink'],
    ['person without a name', { title: 't', category: 'OTHER', subjects: [{ kind: 'PERSON' }] }, 'subjects[0].fullName'],
    ['organization field on a person', { title: 't', category: 'OTHER', subjects: [{ kind: 'PERSON', fullName: 'A B', orgType: 'DTO' }] }, 'subjects[0].orgType'],
    ['organization without a type', { title: 't', category: 'OTHER', subjects: [{ kind: 'ORGANIZATION', name: 'X' }] }, 'subjects[0].orgType'],
    ['unknown subject kind', { title: 't', category: 'OTHER', subjects: [{ kind: 'ROBOT', fullName: 'R2' }] }, 'subjects[0].kind'],
    ['date of birth in the future', { title: 't', category: 'OTHER', subjects: [{ kind: 'PERSON', fullName: 'A B', dateOfBirth: '2999-01-01' }] }, 'subjects[0].dateOfBirth'],
    ['impossible date of birth', { title: 't', category: 'OTHER', subjects: [{ kind: 'PERSON', fullName: 'A B', dateOfBirth: '1990-02-30' }] }, 'subjects[0].dateOfBirth'],
    ['unknown identifier type', { title: 't', category: 'OTHER', identifiers: [{ type: 'FAX', value: '1' }] }, 'identifiers[0].type'],
    ['empty identifier value', { title: 't', category: 'OTHER', identifiers: [{ type: 'PHONE', value: '' }] }, 'identifiers[0].value'],
    ['latitude out of range', { title: 't', category: 'OTHER', operations: [operation({ latitude: 91 })] }, 'operations[0].latitude'],
    ['longitude out of range', { title: 't', category: 'OTHER', operations: [operation({ longitude: -181 })] }, 'operations[0].longitude'],
    ['radius zero', { title: 't', category: 'OTHER', operations: [operation({ radiusMeters: 0 })] }, 'operations[0].radiusMeters'],
    ['radius absurd', { title: 't', category: 'OTHER', operations: [operation({ radiusMeters: 5_000_000 })] }, 'operations[0].radiusMeters'],
    ['end before start', { title: 't', category: 'OTHER', operations: [operation({ endsAt: '2026-12-01T09:00:00Z' })] }, 'operations[0].endsAt'],
    ['time without offset', { title: 't', category: 'OTHER', operations: [operation({ startsAt: '2026-12-01T10:00:00' })] }, 'operations[0].startsAt'],
    ['too many items', { title: 't', category: 'OTHER', identifiers: Array.from({ length: 201 }, () => ({ type: 'PHONE', value: '1' })) }, 'identifiers'],
    ['fractional radius', { title: 't', category: 'OTHER', operations: [operation({ radiusMeters: 1.5 })] }, 'operations[0].radiusMeters'],
    ['date of birth before 1900', { title: 't', category: 'OTHER', subjects: [{ kind: 'PERSON', fullName: 'A B', dateOfBirth: '0000-01-01' }] }, 'subjects[0].dateOfBirth'],
    ['NUL in a string', { title: 'a\u0000b', category: 'OTHER' }, 'title'],
    ['lone surrogate in a string', { title: 'a\ud800b', category: 'OTHER' }, 'title'],
    ['nested too deep', { title: 't', category: 'OTHER', summary: JSON.parse('['.repeat(40) + ']'.repeat(40)) }, 'summary[0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0]'],
    ['array expected', { title: 't', category: 'OTHER', firearms: { serialNumber: 'A1' } }, 'firearms'],
    // Found by the fuzzer: an array in place of an item passed validation and reached the services (500).
    ['array in place of an item', { title: 't', category: 'OTHER', firearms: [[]] }, 'firearms'],
    ['nested array of items', { title: 't', category: 'OTHER', identifiers: [[{ type: 'EMAIL', value: 'a@b.c' }]] }, 'identifiers'],
  ];

  it.each(cases)('%s -> 400 naming %s', async (_name, body, field) => {
    const before = await Promise.all(['cases', 'case_subjects', 'case_identifiers', 'case_operations', 'idempotency_keys'].map(countRows));
    const response = await http('POST', '/cases', { token: ice, body, headers: { 'idempotency-key': `bad-${field}-${Math.random()}` } });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.body).toMatchObject({ status: 400, title: 'Invalid request' });
    expect(response.body.errors.map((e: any) => e.field)).toContain(field);
    const after = await Promise.all(['cases', 'case_subjects', 'case_identifiers', 'case_operations', 'idempotency_keys'].map(countRows));
    expect(after).toEqual(before);
  });

  it('refuses a body nested 100,000 levels deep without a 500', async () => {
    const response = await http('POST', '/cases', { token: ice, rawBody: `{"x":${'['.repeat(100_000)}${']'.repeat(100_000)}}`, headers: { 'content-type': 'application/json' } });
    expect(response.status).toBe(400);
    expect(response.body.errors[0].message).toContain('nested deeper');
  });

  it('refuses empty appends, hand-made cursors and NUL in path parameters', async () => {
    const created = await http('POST', '/cases', { token: ice, body: { title: 'edge', category: 'OTHER' } });
    const empty = await http('POST', `/cases/${created.body.id}/identifiers`, { token: ice, body: { identifiers: [] } });
    expect(empty.status).toBe(400);
    expect(empty.body.errors[0].field).toBe('identifiers');
    const cursor = Buffer.from(JSON.stringify(['2026-01-01T00:00:00Z', '-'.repeat(36)])).toString('base64url');
    expect((await http('GET', `/cases?cursor=${cursor}`, { token: ice })).status).toBe(400);
    const farCursor = Buffer.from(JSON.stringify(['-271821-04-20T00:00:00Z', '3f0c2d8e-0000-4000-8000-000000000001'])).toString('base64url');
    expect((await http('GET', `/cases?cursor=${farCursor}`, { token: ice })).status).toBe(400);
    expect((await http('DELETE', `/cases/${created.body.id}/shares/%00`, { token: ice })).status).toBe(400);
    expect((await http('DELETE', `/cases/${created.body.id}/shares/%00`, { token: await login('spp.team') })).status).toBe(400);
  });

  it('answers paths the router itself refuses (a bad percent-escape, an over-long parameter) in problem+json', async () => {
    const badEscape = await http('POST', '/cases/%/close', { token: ice, body: { outcome: 'x' }, headers: { 'accept-language': 'es' } });
    expect(badEscape.status).toBe(400);
    expect(badEscape.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(badEscape.body).toMatchObject({ status: 400, detail: 'La ruta /cases/%/close no es una URL válida (un escape con % mal formado).' });
    const longParam = await http('GET', `/cases/${'a'.repeat(200)}`, { token: ice });
    expect(longParam.status).toBe(414);
    expect(longParam.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(longParam.body).toMatchObject({ status: 414, title: 'URI too long', detail: 'A path parameter is too long.' });
  });

  it('gives one errors entry per bad field', async () => {
    const response = await http('POST', '/cases', { token: ice, body: { title: '', category: 'NOPE', extra: 1 } });
    expect(response.body.errors.map((e: any) => e.field).sort()).toEqual(['category', 'extra', 'title']);
  });

  it('answers malformed JSON, empty JSON, wrong content types and oversized bodies without a 500', async () => {
    const malformed = await http('POST', '/cases', { token: ice, rawBody: '{"title": ', headers: { 'content-type': 'application/json' } });
    expect(malformed.status).toBe(400);
    expect(malformed.body.detail).toBe('The body is not valid JSON.');
    const text = await http('POST', '/cases', { token: ice, rawBody: 'title=x', headers: { 'content-type': 'text/plain' } });
    expect(text.status).toBe(415);
    const form = await http('POST', '/cases', { token: ice, rawBody: 'title=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(form.status).toBe(415);
    const huge = await postOversized('/cases', ice, 2_000_000);
    expect(huge.status).toBe(413);
    expect(huge.body.detail).toBe('The body exceeds 1048576 bytes.');
    const array = await http('POST', '/cases', { token: ice, rawBody: '[1,2]', headers: { 'content-type': 'application/json' } });
    expect(array.status).toBe(400);
    const nullBody = await http('POST', '/cases', { token: ice, rawBody: 'null', headers: { 'content-type': 'application/json' } });
    expect(nullBody.status).toBe(400);
    const badId = await http('GET', '/cases/not-a-uuid', { token: ice });
    expect(badId.status).toBe(400);
    expect(badId.body.errors[0].field).toBe('id');
    const unknownRoute = await http('GET', '/nowhere', { token: ice });
    expect(unknownRoute.status).toBe(404);
    expect(unknownRoute.headers.get('content-type')).toContain('application/problem+json');
    for (const r of [malformed, text, form, huge, array, nullBody, badId]) {
      expect(JSON.stringify(r.body)).not.toMatch(/at \w+ \(|node_modules/);
    }
  });

  it('speaks Spanish to partner agencies that ask for it', async () => {
    const response = await http('POST', '/cases', { token: ice, body: { category: 'OTHER' }, headers: { 'accept-language': 'es-MX,es;q=0.9' } });
    expect(response.status).toBe(400);
    expect(response.body.title).toBe('Solicitud no válida');
    expect(response.body.detail).toBe('La solicitud tiene 1 campo(s) no válido(s).');
    expect(response.body.errors).toEqual([{ field: 'title', message: 'es obligatorio' }]);
    const missing = await http('GET', '/cases/3f0c2d8e-0000-4000-8000-000000000001', { token: ice, headers: { 'accept-language': 'es' } });
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ title: 'No encontrado', detail: expect.stringContaining('no existe') });
    const english = await http('GET', '/cases/3f0c2d8e-0000-4000-8000-000000000001', { token: ice });
    expect(english.body.title).toBe('Not found');
  });
});
