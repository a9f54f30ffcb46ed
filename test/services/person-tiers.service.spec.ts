import { randomUUID } from 'node:crypto';
import { CaseRepository } from '../../libs/cases/case.repository';
import { DeconflictionService } from '../../libs/deconfliction/deconfliction.service';
import { HitRepository } from '../../libs/deconfliction/hit.repository';
import { MatchingRepository } from '../../libs/deconfliction/matching.repository';
import { uniqueWord } from '../support/http';
import { distinctDobs } from '../support/review-fixtures';
import { count, insertCase, notified, serviceDataSource, stores, userId } from './support';

const config = {
  hitEscalationAfterMs: 3_600_000, eventHitEscalationAfterMs: 1_800_000, personMatchThreshold: 0.7,
  organizationMatchThreshold: 0.6, serialMinReadable: 4, personRareNameMinWeight: 24, personPossibleMax: 5,
};

/** Person tiers on real PostgreSQL (issue 16): shared identifiers confirm, retried passes write review items once. */
describe('DeconflictionService person tiers', () => {
  const dataSource = serviceDataSource('person-tiers');
  let service: DeconflictionService;

  beforeAll(async () => {
    await dataSource.initialize();
    const { audit, notifications } = stores(dataSource);
    service = new DeconflictionService(dataSource, new CaseRepository(dataSource), new MatchingRepository(config), new HitRepository(dataSource),
      notifications, audit, config);
  });
  afterAll(() => dataSource.destroy());

  const addPersons = (caseId: string, persons: { name: string; dob?: string }[]) => Promise.all(persons.map((p) => dataSource.query(
    `INSERT INTO case_subjects (id, case_id, kind, full_name, date_of_birth, created_at) VALUES ($1, $2, 'PERSON', $3, $4, now())`,
    [randomUUID(), caseId, p.name, p.dob ?? null])));
  const totalPersons = () => count(dataSource, 'SELECT sum(persons) AS n FROM person_totals', []);

  it('confirms a name match without DOBs when the two cases share a phone', async () => {
    const name = `${uniqueWord()} ${uniqueWord()}`;
    const phone = `+1520${Math.floor(1_000_000 + Math.random() * 8_999_999)}`;
    const stored = await insertCase(dataSource, { agency: 'ICE', lead: 'ice.agent', identifiers: [{ type: 'PHONE', value: phone }] });
    await addPersons(stored.caseId, [{ name }]);
    await service.deconflictCase(stored.caseId, null);
    const query = await insertCase(dataSource, { agency: 'ATF', lead: 'atf.agent', identifiers: [{ type: 'PHONE', value: phone }] });
    await addPersons(query.caseId, [{ name }]);
    await service.deconflictCase(query.caseId, null);
    const tiers = await dataSource.query(`SELECT match_type, tier FROM deconfliction_hits WHERE a_case_id = $1 ORDER BY match_type`, [query.caseId]);
    expect(tiers).toEqual([{ match_type: 'PERSON', tier: 'CONFIRMED' }, { match_type: 'PHONE', tier: null }]);
  });

  it('writes a common name\'s review item, its notice and the person count once, however often the pass is retried', async () => {
    const name = `${uniqueWord()} ${uniqueWord()}`;
    const stored = await insertCase(dataSource, { agency: 'ICE', lead: 'ice.agent' });
    await addPersons(stored.caseId, distinctDobs(20).map((dob) => ({ name, dob })));
    const before = await totalPersons();
    await service.deconflictCase(stored.caseId, null);
    await service.deconflictCase(stored.caseId, null);
    expect(await totalPersons()).toBe(before + 20);

    const query = await insertCase(dataSource, { agency: 'ATF', lead: 'atf.agent' });
    await addPersons(query.caseId, [{ name }]);
    expect(await service.deconflictCase(query.caseId, null)).toEqual([]);
    expect(await service.deconflictCase(query.caseId, null)).toEqual([]);
    const reviews = await dataSource.query(`SELECT id, kind, jsonb_array_length(candidates) AS n FROM deconfliction_reviews WHERE query_case_id = $1`, [query.caseId]);
    expect(reviews).toEqual([{ id: expect.any(String), kind: 'COMMON_NAME', n: 20 }]);
    expect(await notified(dataSource, query.caseId, 'person.ambiguous')).toEqual([await userId(dataSource, 'atf.agent')]);
    expect(await count(dataSource, `SELECT count(*) AS n FROM deconfliction_hits WHERE a_case_id = $1 OR b_case_id = $1`, [query.caseId])).toBe(0);
    expect(await totalPersons()).toBe(before + 21);
  });
});
