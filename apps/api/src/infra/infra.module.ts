import { Global, Injectable, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditStore } from '../../../../libs/audit/audit-store';
import { CaseStore } from '../../../../libs/cases/case-store';
import { AppConfig, loadConfig } from '../../../../libs/config/config';
import { createDataSource } from '../../../../libs/db/data-source';
import { TemporalService } from './temporal.service';
import { APP_CONFIG } from './tokens';


@Injectable()
class DataSourceCloser implements OnApplicationShutdown {
  constructor(private readonly dataSource: DataSource) {}
  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

/** Shared infrastructure: configuration, PostgreSQL (as the restricted app role), the audit chain, Temporal. */
@Global()
@Module({
  providers: [
    { provide: APP_CONFIG, useFactory: loadConfig },
    {
      provide: DataSource,
      inject: [APP_CONFIG],
      useFactory: async (config: AppConfig) => {
        const dataSource = createDataSource({ url: config.databaseUrl, asAppRole: true, applicationName: 'casecoord-api' });
        // The first connection must succeed; after that the pool reconnects by itself and requests made while
        // PostgreSQL is away answer 503.
        await dataSource.initialize().catch((error: Error) => {
          new Logger('db').error(`initial connection failed: ${error.message}`);
          throw error;
        });
        return dataSource;
      },
    },
    { provide: AuditStore, inject: [DataSource], useFactory: (ds: DataSource) => new AuditStore(ds) },
    { provide: CaseStore, inject: [DataSource], useFactory: (ds: DataSource) => new CaseStore(ds) },
    TemporalService,
    DataSourceCloser,
  ],
  exports: [APP_CONFIG, DataSource, AuditStore, CaseStore, TemporalService],
})
export class InfraModule {}
