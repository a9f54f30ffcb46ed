import { AuditFields, payloadBeforePrevHash } from '../../libs/audit/audit-chain';
import { assertDefined, queryOne } from '../../libs/db/sql';
import { serviceDataSource } from './support';

const at = new Date('2026-12-01T16:52:08.123Z');
const entry = (details: Record<string, unknown>, more: Partial<AuditFields> = {}): AuditFields => ({
  at, actor: 'atf.agent', agency: 'ATF', action: 'deconfliction.check_pattern_alert', entityType: 'check_alert',
  entityId: 'f3b8e0d2-6a41-4c55-9a7e-2d1f0c9b8a71', details, ...more,
});

/**
 * keep_check writes a pattern alert's audit entry in SQL (migration PatternAlertsInKeepCheck): the payload its hash is
 * taken over must be, byte for byte, the one Node writes (audit-chain.ts), or the chain would fail verification.
 */
describe('audit_payload_before_prev_hash writes what payloadBeforePrevHash writes', () => {
  const dataSource = serviceDataSource('audit-canonical');
  beforeAll(async () => { await dataSource.initialize(); });
  afterAll(async () => { await dataSource.destroy(); });

  const cases: [string, AuditFields][] = [
    ['an alert as keep_check writes it', entry({
      matchType: 'PHONE', item: '0b6f5d0e-1c2a-4e7f-8d9a-3b4c5d6e7f80', case: '9a8b7c6d-5e4f-4a3b-2c1d-0e9f8a7b6c5d', lookout: null,
      ownerAgency: 'ICE', checkerAgency: 'ATF', checks: 3, windowSeconds: 3600,
      users: [{ username: 'atf.agent', checks: 2 }, { username: 'atf.other', checks: 1 }],
    })],
    ['keys in every order, nested, with capitals and underscores', entry({ zeta: { b: 1, a: [{ y: true, x: false }] }, Alpha: null, _u: [], a: {} })],
    ['accents, other scripts and astral characters', entry({ name: 'José Ñúñez Ordóñez', arabic: 'محمد', emoji: '😀 ok', key: { ñ: 1, n: 2 } })],
    ['quotes, backslashes and control characters', entry({ text: 'say "hi"\\ now\n\ttab\u0001\u001f\u007f end' })],
    ['integers of both signs and zero', entry({ counts: [0, -1, 42, 2147483647, 9007199254740991] })],
    ['no agency and no entity', entry({ reason: 'x' }, { agency: null, entityId: null })],
  ];

  it.each(cases)('%s', async (_name, fields) => {
    const row = assertDefined(await queryOne<{ payload: string }>(dataSource,
      'SELECT audit_payload_before_prev_hash($1, $2, $3, $4, $5, $6, $7::jsonb) AS payload',
      [fields.at, fields.actor, fields.agency, fields.action, fields.entityType, fields.entityId, JSON.stringify(fields.details)],
    ), 'payload');
    expect(row.payload).toBe(payloadBeforePrevHash(fields));
  });

  it.each([['a fraction', '1.5'], ['a trailing zero', '2.0'], ['an integer past 2^53', '9007199254740993']])(
    'refuses %s, which JavaScript would read back as another number', async (_name, number) => {
      await expect(queryOne(dataSource, `SELECT canonical_json($1::jsonb)`, [`{"checks": ${number}}`]))
        .rejects.toThrow(/is not an integer JavaScript reads exactly/);
    });
});
