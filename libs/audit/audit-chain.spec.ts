import { createHash } from 'node:crypto';
import { AuditFields, canonicalJson, checkLink, entryHash, GENESIS_HASH, payloadBeforePrevHash, StoredAuditEntry } from './audit-chain';

const base = {
  at: new Date('2026-11-23T10:00:00.123Z'),
  actor: 'ice.agent',
  agency: 'ICE',
  action: 'case.created',
  entityType: 'case',
  entityId: '3f0c2d8e-0000-4000-8000-000000000001',
  details: { caseNumber: 'ICE-2026-000001', counts: { subjects: 2 } },
};

function stored(prevHash: string, fields = base, seq = '1'): StoredAuditEntry {
  return { ...fields, seq, prevHash, hash: entryHash(prevHash, fields) };
}

describe('canonicalJson', () => {
  it.each([
    [{ b: 1, a: 2 }, '{"a":2,"b":1}'],
    [{ a: { d: [3, { z: 1, y: 2 }], c: null } }, '{"a":{"c":null,"d":[3,{"y":2,"z":1}]}}'],
    [{ a: undefined, b: 'x' }, '{"b":"x"}'],
    ['é', '"é"'],
    [null, 'null'],
  ])('%j -> %s', (value, expected) => expect(canonicalJson(value)).toBe(expected));
});

describe('audit chain links', () => {
  it('accepts an untouched entry', () => {
    expect(checkLink(stored(GENESIS_HASH), GENESIS_HASH)).toEqual({ ok: true });
  });

  it.each([
    ['actor', { ...base, actor: 'someone.else' }],
    ['details', { ...base, details: { caseNumber: 'ICE-2026-000002', counts: { subjects: 2 } } }],
    ['time', { ...base, at: new Date('2026-11-23T10:00:00.124Z') }],
    ['agency', { ...base, agency: 'ATF' }],
  ])('detects a changed %s', (_field, tampered) => {
    const entry = { ...stored(GENESIS_HASH), ...tampered };
    expect(checkLink(entry, GENESIS_HASH)).toEqual({ ok: false, reason: 'content does not match its hash' });
  });

  it('detects a removed predecessor', () => {
    const first = stored(GENESIS_HASH);
    const second = stored(first.hash, { ...base, action: 'case.read' }, '2');
    expect(checkLink(second, first.hash)).toEqual({ ok: true });
    expect(checkLink(second, GENESIS_HASH)).toEqual({ ok: false, reason: 'prevHash does not match the previous entry' });
  });

  it('hashes the same content the same way whatever the key order', () => {
    const reordered = { ...base, details: { counts: { subjects: 2 }, caseNumber: 'ICE-2026-000001' } };
    expect(entryHash(GENESIS_HASH, reordered)).toBe(entryHash(GENESIS_HASH, base));
  });
});

describe('the payload audit_append completes in SQL', () => {
  // What the SQL function does: the payload before the previous hash, the head's hash, then '"}', hashed as UTF-8.
  const asSqlHashes = (prevHash: string, fields: AuditFields) =>
    createHash('sha256').update(`${payloadBeforePrevHash(fields)}${prevHash}"}`, 'utf8').digest('hex');
  const head = 'ab'.repeat(32);

  it.each([
    ['an entry as written', base],
    ['no agency, no entity', { ...base, agency: null, entityId: null }],
    ['text outside ASCII and JSON escapes', { ...base, details: { name: 'José Ñúñez "el Güero" \\ \n', script: 'Хосе 李', emoji: '🚨' } }],
    ['details with a key sorting after prevHash', { ...base, details: { zeta: 1, prevHash: 'not the chain' } }],
    ['empty details', { ...base, details: {} }],
  ] as [string, AuditFields][])('hashes %s exactly as entryHash does', (_, fields) => {
    expect(asSqlHashes(head, fields)).toBe(entryHash(head, fields));
    expect(asSqlHashes(GENESIS_HASH, fields)).toBe(entryHash(GENESIS_HASH, fields));
  });

  it('ends where the previous hash begins', () => {
    expect(payloadBeforePrevHash(base).endsWith('"prevHash":"')).toBe(true);
  });
});
