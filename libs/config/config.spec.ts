import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from './config';

describe('loadConfig secrets', () => {
  const saved = { ...process.env };
  const folders: string[] = [];
  const freshFolder = () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'casecoord-config-'));
    folders.push(folder);
    return folder;
  };
  const loadWith = (vars: Record<string, string | undefined>) => {
    process.env = { ...saved };
    const cleared = [
      'JWT_SECRET', 'AUDIT_USERNAME_KEY', 'NODE_ENV', 'DATA_DIR', 'PERSON_RARE_NAME_MIN_WEIGHT', 'PERSON_POSSIBLE_MAX', 'PERSON_CHECK_COUNT_CAP',
      'MFA_REQUIRED_ROLES', 'SERIAL_PARTIAL_MAX', 'PERSON_RARE_SPELLINGS_INDEXED_MAX', 'DATABASE_POOL_WARM', 'DATABASE_POOL_IDLE_TIMEOUT',
    ];
    for (const name of cleared) delete process.env[name];
    for (const [name, value] of Object.entries(vars)) if (value !== undefined) process.env[name] = value;
    return loadConfig();
  };

  afterAll(() => {
    process.env = saved;
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  });

  it('generates a signing secret per installation (data folder), mode 0600, and reads the same one back', () => {
    const [first, second] = [freshFolder(), freshFolder()];
    const a = loadWith({ DATA_DIR: first });
    const b = loadWith({ DATA_DIR: second });
    expect(a.jwtSecret).toMatch(/^[0-9a-f]{64}$/);
    expect(b.jwtSecret).toMatch(/^[0-9a-f]{64}$/);
    expect(a.jwtSecret).not.toBe(b.jwtSecret);
    expect(statSync(path.join(first, 'jwt-secret')).mode & 0o777).toBe(0o600);
    expect(readFileSync(path.join(first, 'jwt-secret'), 'utf8').trim()).toBe(a.jwtSecret);
    expect(loadWith({ DATA_DIR: first }).jwtSecret).toBe(a.jwtSecret);
    // The username pseudonym key follows the installation too.
    expect(a.auditUsernameKey.equals(b.auditUsernameKey)).toBe(false);
    expect(loadWith({ DATA_DIR: first }).auditUsernameKey.equals(a.auditUsernameKey)).toBe(true);
  });

  it('uses JWT_SECRET when given, and writes nothing then', () => {
    const folder = freshFolder();
    expect(loadWith({ DATA_DIR: folder, JWT_SECRET: 'x'.repeat(40) }).jwtSecret).toBe('x'.repeat(40));
    expect(() => statSync(path.join(folder, 'jwt-secret'))).toThrow();
  });

  it.each([
    ['unset', undefined],
    ['too short', 'short-secret'],
  ])('refuses production with JWT_SECRET %s', (_name, secret) => {
    const folder = freshFolder();
    expect(() => loadWith({ NODE_ENV: 'production', DATA_DIR: folder, JWT_SECRET: secret })).toThrow(/JWT_SECRET/);
    expect(() => statSync(path.join(folder, 'jwt-secret'))).toThrow();
  });

  it('takes AUDIT_USERNAME_KEY when given, and refuses a short one', () => {
    const secret = 'y'.repeat(40);
    const derived = loadWith({ JWT_SECRET: secret }).auditUsernameKey;
    const given = loadWith({ JWT_SECRET: secret, AUDIT_USERNAME_KEY: 'k'.repeat(32) }).auditUsernameKey;
    expect(given.toString()).toBe('k'.repeat(32));
    expect(derived.equals(given)).toBe(false);
    expect(() => loadWith({ JWT_SECRET: secret, AUDIT_USERNAME_KEY: 'short' })).toThrow(/AUDIT_USERNAME_KEY/);
  });

  it('reads the person tier settings with their documented defaults, and refuses nonsense', () => {
    const secret = 'z'.repeat(40);
    const defaults = loadWith({ JWT_SECRET: secret }).deconfliction;
    expect([defaults.personRareNameMinWeight, defaults.personPossibleMax]).toEqual([24, 5]);
    const given = loadWith({ JWT_SECRET: secret, PERSON_RARE_NAME_MIN_WEIGHT: '18.5', PERSON_POSSIBLE_MAX: '9' }).deconfliction;
    expect([given.personRareNameMinWeight, given.personPossibleMax]).toEqual([18.5, 9]);
    expect(() => loadWith({ JWT_SECRET: secret, PERSON_RARE_NAME_MIN_WEIGHT: '0' })).toThrow(/PERSON_RARE_NAME_MIN_WEIGHT/);
    expect(() => loadWith({ JWT_SECRET: secret, PERSON_POSSIBLE_MAX: '2.5' })).toThrow(/PERSON_POSSIBLE_MAX/);
  });

  it('reads PERSON_CHECK_COUNT_CAP (200 by default) and refuses one a check could never call a name common with', () => {
    const secret = 'z'.repeat(40);
    expect(loadWith({ JWT_SECRET: secret }).deconfliction.personCheckCountCap).toBe(200);
    expect(loadWith({ JWT_SECRET: secret, PERSON_CHECK_COUNT_CAP: '8' }).deconfliction.personCheckCountCap).toBe(8);
    expect(() => loadWith({ JWT_SECRET: secret, PERSON_CHECK_COUNT_CAP: '5' })).toThrow('PERSON_CHECK_COUNT_CAP (5) must be above PERSON_POSSIBLE_MAX (5)');
    expect(() => loadWith({ JWT_SECRET: secret, PERSON_CHECK_COUNT_CAP: '20', PERSON_POSSIBLE_MAX: '20' })).toThrow(/PERSON_CHECK_COUNT_CAP/);
  });

  it('reads PERSON_RARE_SPELLINGS_INDEXED_MAX (5,000 by default; 0 reads every rare spelling with the blocked persons)', () => {
    const secret = 'z'.repeat(40);
    expect(loadWith({ JWT_SECRET: secret }).deconfliction.personRareSpellingsIndexedMax).toBe(5000);
    expect(loadWith({ JWT_SECRET: secret, PERSON_RARE_SPELLINGS_INDEXED_MAX: '0' }).deconfliction.personRareSpellingsIndexedMax).toBe(0);
    expect(() => loadWith({ JWT_SECRET: secret, PERSON_RARE_SPELLINGS_INDEXED_MAX: '-1' })).toThrow(/PERSON_RARE_SPELLINGS_INDEXED_MAX must be a non-negative integer/);
  });

  it('reads DATABASE_POOL_WARM (4 by default, at most the pool of 20) and DATABASE_POOL_IDLE_TIMEOUT (10s)', () => {
    const secret = 'z'.repeat(40);
    expect(loadWith({ JWT_SECRET: secret }).databasePool).toEqual({ warm: 4, idleTimeoutMs: 10_000 });
    expect(loadWith({ JWT_SECRET: secret, DATABASE_POOL_WARM: '0', DATABASE_POOL_IDLE_TIMEOUT: '5m' }).databasePool)
      .toEqual({ warm: 0, idleTimeoutMs: 300_000 });
    expect(loadWith({ JWT_SECRET: secret, DATABASE_POOL_WARM: '20' }).databasePool.warm).toBe(20);
    expect(() => loadWith({ JWT_SECRET: secret, DATABASE_POOL_WARM: '21' })).toThrow('DATABASE_POOL_WARM must be at most 20, got "21"');
    expect(() => loadWith({ JWT_SECRET: secret, DATABASE_POOL_WARM: '-1' })).toThrow(/DATABASE_POOL_WARM must be a non-negative integer/);
    expect(() => loadWith({ JWT_SECRET: secret, DATABASE_POOL_IDLE_TIMEOUT: 'soon' })).toThrow(/DATABASE_POOL_IDLE_TIMEOUT|duration/);
  });

  it('reads SERIAL_PARTIAL_MAX (5 by default) and refuses 0 or a fraction', () => {
    const secret = 'z'.repeat(40);
    expect(loadWith({ JWT_SECRET: secret }).deconfliction.serialPartialMax).toBe(5);
    expect(loadWith({ JWT_SECRET: secret, SERIAL_PARTIAL_MAX: '12' }).deconfliction.serialPartialMax).toBe(12);
    expect(() => loadWith({ JWT_SECRET: secret, SERIAL_PARTIAL_MAX: '0' })).toThrow('SERIAL_PARTIAL_MAX must be at least 1, got "0"');
    expect(() => loadWith({ JWT_SECRET: secret, SERIAL_PARTIAL_MAX: '2.5' })).toThrow(/SERIAL_PARTIAL_MAX/);
  });

  it('reads ORGANIZATION_DISTINCTIVE_THRESHOLD (0.5 by default) and refuses one outside (0, 1]', () => {
    const secret = 'z'.repeat(40);
    expect(loadWith({ JWT_SECRET: secret }).deconfliction.organizationDistinctiveThreshold).toBe(0.5);
    expect(loadWith({ JWT_SECRET: secret, ORGANIZATION_DISTINCTIVE_THRESHOLD: '0.7' }).deconfliction.organizationDistinctiveThreshold).toBe(0.7);
    expect(() => loadWith({ JWT_SECRET: secret, ORGANIZATION_DISTINCTIVE_THRESHOLD: '0' })).toThrow(/ORGANIZATION_DISTINCTIVE_THRESHOLD/);
  });

  it.each<[string, string | undefined, string[] | RegExp]>([
    ['ADMIN and LEADERSHIP by default', undefined, ['ADMIN', 'LEADERSHIP']],
    ['a list of its own', 'ADMIN, DECONFLICTION_COORDINATOR', ['ADMIN', 'DECONFLICTION_COORDINATOR']],
    ['none for nobody', 'none', []],
    ['an unknown role refuses to start', 'ADMIN,ROOT', /MFA_REQUIRED_ROLES names unknown role\(s\): ROOT/],
  ])('roles that must have a second factor: %s', (_name, given, expected) => {
    const load = () => loadWith({ JWT_SECRET: 'z'.repeat(40), MFA_REQUIRED_ROLES: given }).accounts.mfaRequiredRoles;
    if (expected instanceof RegExp) expect(load).toThrow(expected);
    else expect(load()).toEqual(expected);
  });
});
