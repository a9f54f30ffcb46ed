import type { Client } from 'pg';
import type { DataSource, EntityManager } from 'typeorm';
import type { DeconflictionConfig } from '../../libs/config/config';
import { keysForItems, KeyOptions } from '../../libs/deconfliction/match-keys';
import { MatchingRepository } from '../../libs/deconfliction/matching.repository';
import { DEFAULT_OPERATION_RADIUS_METERS } from '../../libs/cases/case-rules';
import { explainStatement } from './diagnostics';
import type { Statement } from './measure';

/**
 * Deterministic cost of a person probe (issue 16): how many stored persons its candidates statement hands to Node for
 * scoring. Unlike latency it does not move with the load on the machine, so it can be compared run to run.
 */
const isCandidates = (sql: string) => sql.includes('FROM person_keys p') && sql.includes('skeleton_trigram');

export class CandidateCounter {
  private readonly store: MatchingRepository;
  private readonly options: KeyOptions = { country: 'US', serialMinReadable: 4, defaultRadiusMeters: DEFAULT_OPERATION_RADIUS_METERS };
  readonly perQuery: number[] = [];

  constructor(private readonly dataSource: DataSource, config: DeconflictionConfig) {
    this.store = new MatchingRepository(config);
  }

  /** Probes one person name (and DOB) and returns its candidates statement, recording how many rows it read. */
  async probe(fullName: string, dateOfBirth: string | null): Promise<Statement | null> {
    const keys = keysForItems({ kind: 'subjects', items: [{ id: 'b7d3c2a0-0000-4000-8000-000000000001', kind: 'PERSON', fullName, ...(dateOfBirth ? { dateOfBirth } : {}) }] }, this.options);
    let statement: Statement | null = null;
    let rows = 0;
    await this.dataSource.transaction(async (tx) => {
      const query = async (sql: string, params: unknown[] = []) => {
        const result: unknown = await tx.query(sql, params);
        if (isCandidates(sql)) {
          rows += Array.isArray(result) ? result.length : 0;
          statement = { sql, params, ms: 0, settings: [] };
        }
        return result;
      };
      const manager = { query } as unknown as EntityManager;
      await this.store.probe(manager, keys, await this.store.personCodes(manager, keys.persons), null);
    });
    this.perQuery.push(rows);
    return statement;
  }

  summary(): string {
    const sorted = [...this.perQuery].sort((a, b) => a - b);
    const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? 0;
    return `candidates read per person query: n ${sorted.length} p50 ${at(0.5)} p95 ${at(0.95)} max ${sorted[sorted.length - 1] ?? 0}`;
  }
}

/** Common names without a DOB that used to read thousands of candidates (a particle in the pair keys, or just common). */
export const WORST_NAMES = ['Mohammed al Haddad', 'Jose Garcia'];

/** EXPLAIN (ANALYZE, BUFFERS) of the candidates statement of each worst name, with the rows Node then read. */
export async function explainWorstNames(client: Client, counter: CandidateCounter): Promise<void> {
  for (const name of WORST_NAMES) {
    const statement = await counter.probe(name, null);
    console.log(`"${name}" without DOB: ${counter.perQuery[counter.perQuery.length - 1]} candidate rows read`);
    if (statement) await explainStatement(client, `person "${name}" candidates`, statement);
  }
}
