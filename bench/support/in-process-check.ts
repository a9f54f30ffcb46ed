import type { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { loadConfig } from '../../libs/config/config';
import { buildServices } from '../../libs/composition/build-services';
import { createDataSource } from '../../libs/db/data-source';
import { loadCheckConfig } from '../../libs/deconfliction/check-config';
import { CheckActor, CheckService } from '../../libs/deconfliction/check.service';
import { UNLIMITED_CHECKS } from './bench-stack';
import { agentNames } from './measure';
import { batchesOf, CheckBody } from './queries';

/**
 * A check as the API's use case runs it (CheckService.run: the probe, then the record, its notices, pattern alerts and
 * audit entry in one call), called in the bench's own process over a pool of its own as the app role, by the agents an
 * AgentPool signed in, in turn. Timed beside the API and the bare probe, it splits the API's gap in two: the API minus
 * this is HTTP, the guard, validation and serialisation; this minus the probe is the check's record (less the probe's BEGIN
 * and COMMIT, which a check does without).
 */
export class InProcessChecks {
  private sent = 0;

  private constructor(private readonly dataSource: DataSource, private readonly checks: CheckService, private readonly actors: CheckActor[]) {}

  /** `agency` and `size` as the AgentPool was created with (its agents must exist). */
  static async create(pgUrl: string, db: Client, agency: string, size: number): Promise<InProcessChecks> {
    const names = agentNames(agency, size);
    const rows = (await db.query<{ id: string; username: string }>(
      `SELECT id, username FROM users WHERE username = ANY($1::text[]) ORDER BY username`, [names])).rows;
    if (rows.length !== size) throw new Error(`in-process checks: ${rows.length} of ${size} agents of ${agency} exist`);
    const config = loadConfig();
    const dataSource = createDataSource({ url: pgUrl, asAppRole: true, poolSize: 2, applicationName: 'bench-in-process' });
    await dataSource.initialize();
    const services = buildServices(dataSource, config);
    // The budget the stack gives its API: a refused check would time the refusal, not the check.
    const checks = new CheckService(dataSource, services.deconfliction, services.audit,
      loadCheckConfig({ ...process.env, ...UNLIMITED_CHECKS }), config.deconfliction.personPossibleMax,
      config.deconfliction.serialPartialMax);
    return new InProcessChecks(dataSource, checks, rows.map((r) => ({ userId: r.id, username: r.username, agency })));
  }

  async check(body: CheckBody): Promise<void> {
    const outcome = await this.checks.run(this.actors[this.sent++ % this.actors.length], batchesOf(body));
    if (outcome.refused) throw new Error(`in-process check refused: ${JSON.stringify(outcome.refused)}`);
  }

  close(): Promise<void> {
    return this.dataSource.destroy();
  }
}
