import { eventually, http, login, uniqueWord } from '../support/http';
import { notificationsSince } from '../support/notifications';
import { capitalised, caseWithSubjects, reviewsFor } from '../support/review-fixtures';

/** Aliases and monikers (issue 21): every name a subject is known by is deconflicted, and the hit says which one met. */
describe('subject aliases and monikers over HTTP', () => {
  let ice: string; let atf: string; let coordinator: string;
  beforeAll(async () => {
    [ice, atf, coordinator] = await Promise.all(['ice.agent', 'atf.agent', 'coordinator'].map((u) => login(u)));
  });

  const freshName = () => `${capitalised(uniqueWord())} ${capitalised(uniqueWord())} ${capitalised(uniqueWord())}`;
  const hitsOf = async (token: string, caseId: string) => {
    const response = await http('GET', `/cases/${caseId}/hits`, { token });
    expect(response.status).toBe(200);
    return response.body.items as any[];
  };
  const deskReason = async (hitId: string, lang: 'en' | 'es') =>
    (await http('GET', `/deconfliction/hits/${hitId}`, { token: coordinator, headers: { 'accept-language': lang } })).body.reason as string;

  it("meets an alias of the stored subject with a query's legal name, and says so in English and Spanish", async () => {
    const [legal, alias] = [freshName(), freshName()];
    const stored = await caseWithSubjects(ice, [{ kind: 'PERSON', fullName: legal, dateOfBirth: '1981-04-02', aliases: [alias] }]);
    const query = await caseWithSubjects(atf, [{ kind: 'PERSON', fullName: alias, dateOfBirth: '1981-04-02' }]);
    const [hit] = await hitsOf(atf, query.id);
    expect(hit).toMatchObject({ matchType: 'PERSON', tier: 'CONFIRMED', matchedValue: alias, counterpart: { caseNumber: stored.caseNumber } });
    expect([hit.matchedForm, hit.counterpartForm]).toEqual(['LEGAL', 'ALIAS']);
    expect((await hitsOf(ice, stored.id)).map((h) => [h.id, h.matchedValue, h.matchedForm, h.counterpartForm])).toEqual([[hit.id, alias, 'ALIAS', 'LEGAL']]);
    expect(await deskReason(hit.id, 'en')).toMatch(/^alias of the stored subject; same DOB/);
    expect(await deskReason(hit.id, 'es')).toMatch(/^alias del sujeto registrado; misma fecha de nacimiento/);
    const detail = await http('GET', `/cases/${stored.id}`, { token: ice });
    expect(detail.body.subjects[0]).toMatchObject({ fullName: legal, aliases: [alias], monikers: [] });
  });

  it("meets a stored legal name with an alias of the query's subject", async () => {
    const [legal, alias] = [freshName(), freshName()];
    const stored = await caseWithSubjects(ice, [{ kind: 'PERSON', fullName: alias, dateOfBirth: '1975-11-20' }]);
    const query = await caseWithSubjects(atf, [{ kind: 'PERSON', fullName: legal, dateOfBirth: '1975-11-20', aliases: [alias] }]);
    const [hit] = await hitsOf(atf, query.id);
    expect(hit).toMatchObject({ tier: 'CONFIRMED', matchedValue: alias, counterpart: { caseNumber: stored.caseNumber } });
    expect([hit.matchedForm, hit.counterpartForm]).toEqual(['ALIAS', 'LEGAL']);
    expect(await deskReason(hit.id, 'en')).toMatch(/^alias of the entered subject; same DOB/);
    expect(await deskReason(hit.id, 'es')).toMatch(/^alias del sujeto ingresado/);
  });

  it("meets a stored alias from a check's alias, and finds the case by its alias in search", async () => {
    const [legal, alias] = [freshName(), freshName()];
    const stored = await caseWithSubjects(ice, [{ kind: 'PERSON', fullName: legal, dateOfBirth: '1983-08-19', aliases: [alias] }]);
    const check = await http('POST', '/deconfliction/checks', {
      token: atf, body: { subjects: [{ kind: 'PERSON', fullName: freshName(), dateOfBirth: '1983-08-19', aliases: [alias] }] },
    });
    expect(check.status).toBe(200);
    expect(check.body.matches).toEqual([expect.objectContaining({ matchType: 'PERSON', matchedValue: alias, counterpart: expect.objectContaining({ caseNumber: stored.caseNumber }) })]);
    const search = await http('GET', `/cases/search?q=${encodeURIComponent(alias)}`, { token: ice });
    expect(search.body.items.map((c: any) => c.id)).toEqual([stored.id]);
  });

  it('makes a moniker-only match a review item, not a hit, and pages no agent', async () => {
    const since = new Date(Date.now() - 1000).toISOString();
    // Day and month swapped make a legal-name match PROBABLE (a hit); a moniker is capped at POSSIBLE.
    const moniker = `${capitalised(uniqueWord())} ${capitalised(uniqueWord())}`;
    const stored = await caseWithSubjects(ice, [{ kind: 'PERSON', fullName: freshName(), dateOfBirth: '1984-03-12', monikers: [moniker] }]);
    const query = await caseWithSubjects(atf, [{ kind: 'PERSON', fullName: freshName(), dateOfBirth: '1984-12-03', monikers: [moniker] }]);
    const [item] = await eventually(() => reviewsFor(coordinator, moniker), (found) => found.length > 0);
    expect(item).toMatchObject({ kind: 'POSSIBLE_MATCH', status: 'OPEN', agencies: ['ICE'], query: { agency: 'ATF' } });
    expect(item.reason).toMatch(/^moniker of the entered subject meets moniker of the stored subject; DOB day and month swapped; .*; a moniker alone is at most possible without the same DOB or a shared identifier$/);
    expect(await hitsOf(atf, query.id)).toEqual([]);
    expect(await hitsOf(ice, stored.id)).toEqual([]);
    const notices = [...await notificationsSince(ice, since), ...await notificationsSince(atf, since)];
    expect(notices.filter((n) => [stored.id, query.id].includes(n.payload?.caseId))).toEqual([]);
    // Promoted by a coordinator, the hit still says which names met.
    const promoted = await http('POST', `/deconfliction/reviews/${item.id}/promote`, { token: coordinator, body: { note: 'same crew' } });
    expect(promoted.status).toBe(200);
    const [hit] = await hitsOf(atf, query.id);
    expect(hit).toMatchObject({ tier: 'POSSIBLE', matchedValue: moniker, matchedForm: 'MONIKER', counterpartForm: 'MONIKER' });
  });

  it('raises a hit on a moniker when the dates of birth agree', async () => {
    const moniker = `El ${capitalised(uniqueWord())}`;
    const stored = await caseWithSubjects(ice, [{ kind: 'PERSON', fullName: freshName(), dateOfBirth: '1990-07-07', monikers: [moniker] }]);
    const query = await caseWithSubjects(atf, [{ kind: 'PERSON', fullName: freshName(), dateOfBirth: '1990-07-07', monikers: [moniker] }]);
    const [hit] = await hitsOf(atf, query.id);
    expect(hit).toMatchObject({ tier: 'CONFIRMED', matchedValue: moniker, counterpart: { caseNumber: stored.caseNumber } });
    expect([hit.matchedForm, hit.counterpartForm]).toEqual(['MONIKER', 'MONIKER']);
    expect(await deskReason(hit.id, 'en')).toContain('moniker of the stored subject');
    expect(await deskReason(hit.id, 'es')).toContain('apodo del sujeto registrado');
  });

  it('meets a one-word moniker without a DOB as a review item only, from a case or a check naming it', async () => {
    const since = new Date(Date.now() - 1000).toISOString();
    // One word has no pair of tokens to be blocked on: before the one-word index it was met only through a DOB.
    const moniker = capitalised(uniqueWord());
    const stored = await caseWithSubjects(ice, [{ kind: 'PERSON', fullName: freshName(), dateOfBirth: '1979-05-14', monikers: [moniker] }]);
    const query = await caseWithSubjects(atf, [{ kind: 'PERSON', fullName: freshName(), monikers: [moniker] }]);
    const [item] = await eventually(() => reviewsFor(coordinator, moniker), (found) => found.length > 0);
    expect(item).toMatchObject({ kind: 'POSSIBLE_MATCH', status: 'OPEN', agencies: ['ICE'], query: { agency: 'ATF' } });
    expect(item.reason).toMatch(/^moniker of the entered subject meets moniker of the stored subject; DOB unknown on one side; /);
    expect(await hitsOf(atf, query.id)).toEqual([]);
    expect(await hitsOf(ice, stored.id)).toEqual([]);
    const notices = [...await notificationsSince(ice, since), ...await notificationsSince(atf, since)];
    expect(notices.filter((n) => [stored.id, query.id].includes(n.payload?.caseId))).toEqual([]);
    // The moniker as the only name of a checked person: the stored subject, POSSIBLE, and another word is no one.
    const check = await http('POST', '/deconfliction/checks', { token: atf, body: { subjects: [{ kind: 'PERSON', fullName: moniker }] } });
    expect(check.status).toBe(200);
    expect(check.body.matches.filter((m: any) => m.counterpart.caseNumber === stored.caseNumber))
      .toEqual([expect.objectContaining({ matchType: 'PERSON', tier: 'POSSIBLE', matchedValue: moniker })]);
    const other = await http('POST', '/deconfliction/checks', { token: atf, body: { subjects: [{ kind: 'PERSON', fullName: capitalised(uniqueWord()) }] } });
    expect(other.body.matches.filter((m: any) => m.counterpart.caseNumber === stored.caseNumber)).toEqual([]);
  });

  it('raises a one-word moniker to a hit when the dates of birth agree', async () => {
    const moniker = capitalised(uniqueWord());
    const stored = await caseWithSubjects(ice, [{ kind: 'PERSON', fullName: freshName(), dateOfBirth: '1988-02-17', monikers: [moniker] }]);
    const query = await caseWithSubjects(atf, [{ kind: 'PERSON', fullName: freshName(), dateOfBirth: '1988-02-17', monikers: [moniker] }]);
    const [hit] = await hitsOf(atf, query.id);
    expect(hit).toMatchObject({ tier: 'CONFIRMED', matchedValue: moniker, counterpart: { caseNumber: stored.caseNumber } });
  });

  it("meets an organization's other name", async () => {
    const [name, other] = [`${freshName()} Holdings`, `Los ${capitalised(uniqueWord())} ${capitalised(uniqueWord())}`];
    const stored = await caseWithSubjects(ice, [{ kind: 'ORGANIZATION', name, orgType: 'DTO', aliases: [other] }]);
    const query = await caseWithSubjects(atf, [{ kind: 'ORGANIZATION', name: other, orgType: 'DTO' }]);
    const [hit] = await hitsOf(atf, query.id);
    expect(hit).toMatchObject({ matchType: 'ORGANIZATION', matchedValue: other, counterpart: { caseNumber: stored.caseNumber } });
    expect([hit.matchedForm, hit.counterpartForm]).toEqual(['LEGAL', 'ALIAS']);
    expect(await deskReason(hit.id, 'en')).toMatch(/^alias of the stored subject; organization name trigram 1\.00/);
    expect(await deskReason(hit.id, 'es')).toMatch(/^alias del sujeto registrado; similitud de trigramas/);
  });

  it('raises a hit against an older case when an alias is appended later', async () => {
    const [legal, alias] = [freshName(), freshName()];
    const older = await caseWithSubjects(ice, [{ kind: 'PERSON', fullName: alias, dateOfBirth: '1968-02-14' }]);
    const query = await caseWithSubjects(atf, [{ kind: 'PERSON', fullName: legal, dateOfBirth: '1968-02-14' }]);
    expect(await hitsOf(atf, query.id)).toEqual([]);
    const subjectId = (await http('GET', `/cases/${query.id}`, { token: atf })).body.subjects[0].id;
    const added = await http('POST', `/cases/${query.id}/subjects/${subjectId}/aliases`, {
      token: atf, body: { aliases: [alias], monikers: ['Chato'] }, headers: { 'idempotency-key': `alias-${uniqueWord()}` },
    });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ caseId: query.id, kind: 'aliases', added: 2 });
    const hits = await eventually(() => hitsOf(atf, query.id), (h) => h.length > 0);
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ tier: 'CONFIRMED', matchedValue: alias, counterpart: { caseNumber: older.caseNumber } });
    expect(hits[0].matchedForm).toBe('ALIAS');
    expect(await deskReason(hits[0].id, 'en')).toMatch(/^alias of the entered subject/);
    const detail = await http('GET', `/cases/${query.id}`, { token: atf });
    expect(detail.body.subjects[0]).toMatchObject({ aliases: [alias], monikers: ['Chato'] });
    const audit = await http('GET', `/audit?entityId=${query.id}`, { token: await login('leadership') });
    expect(audit.body.items.map((e: any) => e.action)).toContain('case.aliases_added');
  });

  it.each([
    ['an empty alias', { kind: 'PERSON', fullName: 'Ana Ruiz', aliases: [''] }, 'subjects[0].aliases', 'no debe estar vacío'],
    ['an alias too long', { kind: 'PERSON', fullName: 'Ana Ruiz', aliases: ['x'.repeat(201)] }, 'subjects[0].aliases', 'es demasiado largo'],
    ['too many aliases', { kind: 'PERSON', fullName: 'Ana Ruiz', aliases: Array.from({ length: 21 }, (_, i) => `Alias ${i}`) }, 'subjects[0].aliases', 'tiene demasiados elementos'],
    ['an alias repeating the name', { kind: 'PERSON', fullName: 'Ana Ruiz', aliases: ['ANA RUÍZ'] }, 'subjects[0].aliases', 'repite otro nombre del sujeto o no tiene letras'],
    ['a moniker repeating an alias', { kind: 'PERSON', fullName: 'Ana Ruiz', aliases: ['La Guera'], monikers: ['la güera'] }, 'subjects[0].monikers', 'repite otro nombre del sujeto o no tiene letras'],
    ['a moniker on an organization', { kind: 'ORGANIZATION', name: 'Acme', orgType: 'BUSINESS', monikers: ['Acmes'] }, 'subjects[0].monikers', null],
  ])('refuses %s at intake, 400 in English and Spanish', async (_label, subject, field, spanish) => {
    const body = { title: `Aliases ${uniqueWord()}`, category: 'OTHER', subjects: [subject] };
    const en = await http('POST', '/cases', { token: ice, body });
    expect(en.status).toBe(400);
    expect(en.body.errors.map((e: any) => e.field)).toContain(field);
    const es = await http('POST', '/cases', { token: ice, body, headers: { 'accept-language': 'es' } });
    expect(es.status).toBe(400);
    if (spanish) expect(es.body.errors.find((e: any) => e.field === field).message).toBe(spanish);
  });

  it('refuses appends that add nothing, repeat a name, or name no subject of the case', async () => {
    const created = await caseWithSubjects(ice, [
      { kind: 'PERSON', fullName: freshName(), aliases: ['Pepe Toro'] }, { kind: 'ORGANIZATION', name: freshName(), orgType: 'GANG' },
    ]);
    const subjects = (await http('GET', `/cases/${created.id}`, { token: ice })).body.subjects;
    const person = subjects.find((s: any) => s.kind === 'PERSON').id;
    const org = subjects.find((s: any) => s.kind === 'ORGANIZATION').id;
    const post = (subjectId: string, body: unknown, lang = 'en') =>
      http('POST', `/cases/${created.id}/subjects/${subjectId}/aliases`, { token: ice, body, headers: { 'accept-language': lang } });

    const empty = await post(person, {}, 'es');
    expect([empty.status, empty.body.detail]).toEqual([400, 'Nada que agregar: envíe al menos un nombre en aliases o monikers.']);
    const repeated = await post(person, { aliases: ['pepe toro'] }, 'es');
    expect(repeated.status).toBe(400);
    expect(repeated.body.errors).toEqual([{ field: 'aliases', message: '[0] ya es un nombre del sujeto' }]);
    const moniker = await post(org, { monikers: ['Los Tigres'] });
    expect([moniker.status, moniker.body.errors?.[0]?.field]).toEqual([400, 'monikers']);
    const unknown = await post('00000000-0000-4000-8000-0000000a11a5', { aliases: ['Someone Else'] });
    expect(unknown.status).toBe(404);
    const foreign = await http('POST', `/cases/${created.id}/subjects/${person}/aliases`, { token: atf, body: { aliases: ['Other Name'] } });
    expect(foreign.status).toBe(404);
    const detail = await http('GET', `/cases/${created.id}`, { token: ice });
    expect(detail.body.subjects.find((s: any) => s.id === person).aliases).toEqual(['Pepe Toro']);
  });
});
