import { hkdfSync } from 'node:crypto';
import { readOrCreateSecret } from './data-secrets';
import { loadSecretsKeys, SecretsKeys } from './secrets-keys';
import { parseDuration } from './duration';
import { ROLES } from '../auth/roles';
import { DATABASE_POOL_SIZE, DatabasePoolConfig } from '../db/pool';

export interface AppConfig {
  nodeEnv: string;
  production: boolean;
  port: number;
  databaseUrl: string;
  /** The API's and the worker's connection pools (DATABASE_POOL_WARM, DATABASE_POOL_IDLE_TIMEOUT; libs/db/pool.ts). */
  databasePool: DatabasePoolConfig;
  temporalAddress: string;
  temporalNamespace: string;
  taskQueue: string;
  jwtSecret: string;
  /** Keys of the secrets stored in the database (SECRETS_KEYS); production refuses to start without them. */
  secretsKeys: SecretsKeys;
  /** Keys the pseudonyms of unknown usernames (failed logins) in the audit and the lockout table. */
  auditUsernameKey: Buffer;
  tokenTtlSeconds: number;
  demoPassword: string;
  createDemoUsers: boolean;
  bodyLimitBytes: number;
  /** How long the API waits for a workflow update before answering 503 (the update still completes). */
  updateWaitMs: number;
  /** A case whose workflow start did not go through is started by the worker's relay after this delay. */
  workflowStartRelayAfterMs: number;
  logLevel: string;
  deconfliction: DeconflictionConfig & PersonTierConfig;
  /** A referral not acknowledged within this escalates to the receiving agency's officers and the sender. */
  referralAckDueAfterMs: number;
  meetings: MeetingsConfig;
  /** Trace requests fall due after this: urgent ones in hours, routine ones in days. */
  traceDueAfterMs: { URGENT: number; ROUTINE: number };
  accounts: AccountsConfig;
  /** Audit entries are kept at least this long; `purge-audit` removes only older ones (and the database refuses less than its floor). */
  auditRetentionMs: number;
}

export interface AccountsConfig {
  /** This many failed logins in a row (each within `loginLockoutMs` of the last) lock the username. */
  loginMaxFailures: number;
  loginLockoutMs: number;
  /** A token not used for this long is refused (401) even before it expires. */
  sessionIdleTimeoutMs: number;
  /** Writes (POST, PUT, PATCH, DELETE) per user: a burst of this many, refilled at this many per window; 0 turns it off. */
  writeRateLimit: number;
  writeRateWindowMs: number;
  /** POST /auth/token per source address: a burst of this many, refilled at this many per window; 0 turns it off. */
  loginRateLimit: number;
  loginRateWindowMs: number;
  /** Requests without a valid token per source address, likewise. */
  anonRateLimit: number;
  anonRateWindowMs: number;
  /** Refusals without a valid token are counted per source address and window, and audited as one entry each. */
  anonAuditWindowMs: number;
  /** Users holding any of these roles must have a second factor (TOTP) before they get a full session. */
  mfaRequiredRoles: string[];
  /** How long the challenge between the password and the second factor lives. */
  mfaChallengeTtlSeconds: number;
}

export interface MeetingsConfig {
  /** M1: how long before an executive meeting the meeting-coordination team must have been notified. */
  noticeLeadTimeMs: number;
  /** M3: a requested (or returned) follow-up report is due this long after the request. */
  reportDueAfterMs: number;
}

export interface DeconflictionConfig {
  /** An unresolved subject hit escalates to the watch desk after this long. */
  hitEscalationAfterMs: number;
  /** Conflicting planned operations are urgent: minutes, not days. */
  eventHitEscalationAfterMs: number;
  personMatchThreshold: number;
  organizationMatchThreshold: number;
  /**
   * ORGANIZATION_DISTINCTIVE_THRESHOLD: how alike the words that tell two organizations apart must be, once their whole
   * names met (libs/deconfliction/organization-rules.ts).
   */
  organizationDistinctiveThreshold?: number;
  /** Shortest readable run of an obliterated serial that is matched on. */
  serialMinReadable: number;
  /**
   * SERIAL_PARTIAL_MAX: more stored serials than this met by one readable part are one review item (a case) or one
   * ambiguous entry (a check), not a hit each (libs/deconfliction/serial-collapse.ts).
   */
  serialPartialMax?: number;
  /** PERSON_CANDIDATE_CAP: most stored persons one person probe scores (libs/deconfliction/person-matching.ts). */
  personCandidateCap?: number;
  /** PERSON_CHECK_COUNT_CAP: where a check stops counting a common name's namesakes ("at least N"). */
  personCheckCountCap?: number;
  /**
   * PERSON_RARE_SPELLINGS_INDEXED_MAX: past this many persons carrying a check's rare spellings, its read finds them
   * among the persons blocked by name instead of through the tokens index (libs/deconfliction/person-candidates.ts).
   */
  personRareSpellingsIndexedMax?: number;
}

/**
 * A common name without a DOB blocks on thousands of namesakes; the best-spelled this many are scored, far more than
 * PERSON_POSSIBLE_MAX needs to call the name ambiguous ("more than N"). Not lower: a source among more namesakes than
 * the cap is dropped at random (its twins are indistinguishable), which the bench counts as a recall loss. At
 * 1,000,000 persons a cap of 1000 lost script, nickname and spelling queries (recall 0.96/0.99/0.92 -> 0.94/0.97/0.91);
 * 4000 keeps every kind's recall for about 7 ms more at the person check's p95 (npm run bench:deconfliction).
 */
export const PERSON_CANDIDATE_CAP_DEFAULT = 4000;

/**
 * A check answers a common name's namesakes as one count (issue 16): it stops reading those whose DOB is unknown on one
 * side past this many and answers "at least N". At 1,000,000 persons "José García" without a DOB has about 4,000, each
 * read and graded before this (about 270 ms); "at least 200" tells an agent as much, that a DOB or an identifier is
 * needed.
 */
export const PERSON_CHECK_COUNT_CAP_DEFAULT = 200;

/**
 * A name with one very rare token makes common tokens "rare spellings" too (the rare one carries the weight: "Giovanni
 * Alejandra Pérez Jiménez"), and the planner, whose GIN costs are far too low for long posting lists, still ANDed the
 * tokens index's 32,000 entries (13 ms) with the 366 pair-key candidates. At 5,000, 88 of 1,000 bench checks took the
 * other path, their crowd read 4.9 ms faster at the median (at most 8 ms slower); 1,000 and 2,000 measured the same.
 */
export const PERSON_RARE_SPELLINGS_INDEXED_MAX_DEFAULT = 5_000;

/**
 * Two organizations' distinctive words (organization-rules.ts) agree at this pg_trgm similarity: one letter dropped or
 * changed in a surname still agrees ("Calderón"/"Caldeon" 0.55, "González"/"Gonzales" 0.64), another surname does not
 * ("García"/"Garza" 0.30, "Pineda"/"Ponce" 0.10).
 */
export const ORGANIZATION_DISTINCTIVE_THRESHOLD_DEFAULT = 0.5;

/**
 * At the bench's 1,000,000 rows a readable part of an obliterated serial met 134 stored serials at the median (1,281 at
 * 10,000,000): raised one by one, they would page some 270 agents about one gun. As many as a common name's POSSIBLE candidates
 * (PERSON_POSSIBLE_MAX) are still a short list a desk reads; more are one item.
 */
export const SERIAL_PARTIAL_MAX_DEFAULT = 5;

/**
 * Person-match confidence tiers (issue 16). Kept apart from DeconflictionConfig, and optional where the matching
 * takes them (PERSON_TIER_DEFAULTS fill in), so the specs and bench built on DeconflictionConfig need not change.
 */
export interface PersonTierConfig {
  /**
   * Name weight (bits, libs/deconfliction/person-name-weights.ts) above which a name is rare enough that a match with
   * one DOB unknown is PROBABLE rather than POSSIBLE, stated for 1,000,000 stored persons and moved by log2 of the
   * actual population (person-tier-rules.ts rareWeightFor). 24 bits: about 0.06 namesakes expected.
   */
  personRareNameMinWeight: number;
  /** More POSSIBLE candidates than this for one query collapse into one coordinator review item (issue 16). */
  personPossibleMax: number;
}

export const PERSON_TIER_DEFAULTS: PersonTierConfig = { personRareNameMinWeight: 24, personPossibleMax: 5 };

/**
 * PERSON_CHECK_COUNT_CAP, refused at or below PERSON_POSSIBLE_MAX: a check that stops reading before it has seen more
 * namesakes than it would list could never call a name common, and would read every common name twice (counted, then
 * graded in full).
 */
function checkCountCap(possibleMax: number): number {
  const cap = int('PERSON_CHECK_COUNT_CAP', PERSON_CHECK_COUNT_CAP_DEFAULT);
  if (cap <= possibleMax) throw new Error(`PERSON_CHECK_COUNT_CAP (${cap}) must be above PERSON_POSSIBLE_MAX (${possibleMax})`);
  return cap;
}

function env(name: string, fallback?: string): string {
  const value = process.env[name];
  if (value !== undefined && value !== '') return value;
  if (fallback !== undefined) return fallback;
  throw new Error(`${name} is required`);
}

/** A count of which zero would mean "never": refused rather than silently raised to one. */
function atLeastOne(name: string, fallback: number): number {
  const value = int(name, fallback);
  if (value < 1) throw new Error(`${name} must be at least 1, got "${process.env[name]}"`);
  return value;
}

function atMost(name: string, fallback: number, max: number): number {
  const value = int(name, fallback);
  if (value > max) throw new Error(`${name} must be at most ${max}, got "${process.env[name]}"`);
  return value;
}

function int(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return value;
}

function fraction(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0 || value > 1) throw new Error(`${name} must be a number in (0, 1], got "${raw}"`);
  return value;
}

function positiveNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, got "${raw}"`);
  return value;
}

function positiveDuration(name: string, fallback: string): number {
  const value = parseDuration(env(name, fallback));
  if (value <= 0) throw new Error(`${name} must be a positive duration, got "${process.env[name]}"`);
  return value;
}

/**
 * No secret is built in: production must be given JWT_SECRET; elsewhere an unset one is generated once per
 * installation into the data folder (mode 0600), so no two installations can forge each other's tokens.
 */
function signingSecret(production: boolean): string {
  const given = process.env.JWT_SECRET ?? '';
  if (production && given.length < 32) {
    throw new Error('NODE_ENV=production needs JWT_SECRET set to a real secret of at least 32 characters');
  }
  return given !== '' ? given : readOrCreateSecret('jwt-secret');
}

/**
 * AUDIT_USERNAME_KEY, else derived from the signing secret (HKDF), so every API process of an installation computes
 * the same pseudonyms, as the lockout table needs, with no second secret to deploy.
 */
function usernameKey(jwtSecret: string): Buffer {
  const given = process.env.AUDIT_USERNAME_KEY ?? '';
  if (given !== '' && given.length < 32) throw new Error('AUDIT_USERNAME_KEY must be at least 32 characters');
  if (given !== '') return Buffer.from(given);
  return Buffer.from(hkdfSync('sha256', jwtSecret, 'casecoord', 'audit username pseudonyms', 32));
}

/**
 * Roles that must have a second factor: ADMIN and LEADERSHIP unless MFA_REQUIRED_ROLES lists others; `none` requires
 * it of nobody (a factor a user enrolled is still asked for). An unknown role name refuses to start.
 */
function mfaRequiredRoles(): string[] {
  const given = (process.env.MFA_REQUIRED_ROLES ?? 'ADMIN,LEADERSHIP').trim();
  if (given.toLowerCase() === 'none') return [];
  const roles = given.split(',').map((r) => r.trim()).filter(Boolean);
  const unknown = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
  if (unknown.length > 0) throw new Error(`MFA_REQUIRED_ROLES names unknown role(s): ${unknown.join(', ')}`);
  return roles;
}

/** Reads and checks the environment once; refuses to run production without its own secrets. */
export function loadConfig(): AppConfig {
  const nodeEnv = env('NODE_ENV', 'development');
  const production = nodeEnv === 'production';
  const jwtSecret = signingSecret(production);
  const personPossibleMax = int('PERSON_POSSIBLE_MAX', PERSON_TIER_DEFAULTS.personPossibleMax);
  return {
    nodeEnv,
    production,
    port: int('PORT', 3000),
    databaseUrl: env('DATABASE_URL', 'postgres://postgres:postgres@127.0.0.1:54329/casecoord'),
    databasePool: { warm: atMost('DATABASE_POOL_WARM', 4, DATABASE_POOL_SIZE), idleTimeoutMs: positiveDuration('DATABASE_POOL_IDLE_TIMEOUT', '10s') },
    temporalAddress: env('TEMPORAL_ADDRESS', '127.0.0.1:7233'),
    temporalNamespace: env('TEMPORAL_NAMESPACE', 'default'),
    taskQueue: env('TEMPORAL_TASK_QUEUE', 'case-coordination'),
    jwtSecret,
    secretsKeys: loadSecretsKeys(),
    auditUsernameKey: usernameKey(jwtSecret),
    tokenTtlSeconds: Math.round(parseDuration(env('TOKEN_TTL', '1h')) / 1000),
    demoPassword: env('DEMO_PASSWORD', 'demo-password'),
    createDemoUsers: !production,
    bodyLimitBytes: int('BODY_LIMIT_BYTES', 1_048_576),
    updateWaitMs: parseDuration(env('UPDATE_WAIT', '20s')),
    workflowStartRelayAfterMs: parseDuration(env('WORKFLOW_START_RELAY_AFTER', '5s')),
    logLevel: env('LOG_LEVEL', 'info'),
    referralAckDueAfterMs: parseDuration(env('REFERRAL_ACK_DUE_AFTER', '24h')),
    meetings: {
      noticeLeadTimeMs: parseDuration(env('MEETING_NOTICE_LEAD_TIME', '72h')),
      reportDueAfterMs: parseDuration(env('MEETING_REPORT_DUE_AFTER', '14d')),
    },
    traceDueAfterMs: {
      URGENT: parseDuration(env('TRACE_URGENT_DUE_AFTER', '24h')),
      ROUTINE: parseDuration(env('TRACE_ROUTINE_DUE_AFTER', '10d')),
    },
    accounts: {
      loginMaxFailures: Math.max(1, int('LOGIN_MAX_FAILURES', 5)),
      loginLockoutMs: positiveDuration('LOGIN_LOCKOUT', '15m'),
      sessionIdleTimeoutMs: positiveDuration('SESSION_IDLE_TIMEOUT', '30m'),
      writeRateLimit: int('WRITE_RATE_LIMIT', 120),
      writeRateWindowMs: positiveDuration('WRITE_RATE_WINDOW', '1m'),
      loginRateLimit: int('LOGIN_RATE_LIMIT', 30),
      loginRateWindowMs: positiveDuration('LOGIN_RATE_WINDOW', '1m'),
      anonRateLimit: int('ANON_RATE_LIMIT', 60),
      anonRateWindowMs: positiveDuration('ANON_RATE_WINDOW', '1m'),
      anonAuditWindowMs: Math.max(1000, positiveDuration('ANON_AUDIT_WINDOW', '1m')),
      mfaRequiredRoles: mfaRequiredRoles(),
      mfaChallengeTtlSeconds: Math.round(positiveDuration('MFA_CHALLENGE_TTL', '5m') / 1000),
    },
    auditRetentionMs: positiveDuration('AUDIT_RETENTION', '365d'),
    deconfliction: {
      hitEscalationAfterMs: parseDuration(env('HIT_ESCALATION_AFTER', '4h')),
      eventHitEscalationAfterMs: parseDuration(env('EVENT_HIT_ESCALATION_AFTER', '15m')),
      personMatchThreshold: fraction('PERSON_MATCH_THRESHOLD', 0.7),
      organizationMatchThreshold: fraction('ORGANIZATION_MATCH_THRESHOLD', 0.6),
      organizationDistinctiveThreshold: fraction('ORGANIZATION_DISTINCTIVE_THRESHOLD', ORGANIZATION_DISTINCTIVE_THRESHOLD_DEFAULT),
      serialMinReadable: Math.max(3, int('SERIAL_MIN_READABLE', 4)),
      serialPartialMax: atLeastOne('SERIAL_PARTIAL_MAX', SERIAL_PARTIAL_MAX_DEFAULT),
      personRareNameMinWeight: positiveNumber('PERSON_RARE_NAME_MIN_WEIGHT', PERSON_TIER_DEFAULTS.personRareNameMinWeight),
      personPossibleMax,
      personCandidateCap: Math.max(1, int('PERSON_CANDIDATE_CAP', PERSON_CANDIDATE_CAP_DEFAULT)),
      personCheckCountCap: checkCountCap(personPossibleMax),
      personRareSpellingsIndexedMax: int('PERSON_RARE_SPELLINGS_INDEXED_MAX', PERSON_RARE_SPELLINGS_INDEXED_MAX_DEFAULT),
    },
  };
}
