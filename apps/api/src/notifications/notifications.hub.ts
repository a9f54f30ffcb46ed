import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { Client } from 'pg';
import type { AppConfig } from '../../../../libs/config/config';
import { SESSION_CHANGE_CHANNEL, SessionStore } from '../../../../libs/auth/session-store';
import { NOTIFICATION_CHANNEL } from '../../../../libs/notifications/notification-store';
import { APP_CONFIG } from '../infra/tokens';

/**
 * One LISTEN connection per API process fans PostgreSQL's commit-time notifications out to the open streams of the
 * user concerned. If the connection drops, it reconnects and wakes every stream so none misses what came meanwhile
 * (streams also re-read on a slow timer, as a second net). The same connection hears sessions ended and users changed
 * by any process (SESSION_CHANGE_CHANNEL), so this process stops accepting them at once; while it is disconnected it
 * cannot hear them, so it forgets every session it had confirmed when it connects again.
 */
@Injectable()
export class NotificationsHub implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('notifications');
  private readonly listeners = new Map<string, Set<() => void>>();
  private client: Client | null = null;
  private stopped = false;
  private retry: NodeJS.Timeout | undefined;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig, private readonly sessions: SessionStore) {}

  onModuleInit(): void {
    void this.connect();
  }

  subscribe(userId: string, wake: () => void): () => void {
    const set = this.listeners.get(userId) ?? new Set();
    set.add(wake);
    this.listeners.set(userId, set);
    return () => {
      set.delete(wake);
      if (set.size === 0) this.listeners.delete(userId);
    };
  }

  private wakeAll(): void {
    for (const set of this.listeners.values()) for (const wake of set) wake();
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const client = new Client({ connectionString: this.config.databaseUrl, application_name: 'casecoord-api-listen' });
    client.on('notification', (message) => {
      if (message.channel === SESSION_CHANGE_CHANNEL) return this.sessions.forgetAnnounced(message.payload ?? '');
      for (const wake of this.listeners.get(message.payload ?? '') ?? []) wake();
    });
    client.on('error', (error) => {
      this.logger.warn(`notification listener lost: ${error.message}`);
      this.reconnect(client);
    });
    client.on('end', () => this.reconnect(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${NOTIFICATION_CHANNEL}; LISTEN ${SESSION_CHANGE_CHANNEL}`);
      this.client = client;
      this.sessions.forgetAll();
      this.wakeAll();
    } catch (error) {
      this.logger.warn(`notification listener could not connect: ${(error as Error).message}`);
      this.reconnect(client);
    }
  }

  private reconnect(client: Client): void {
    if (this.stopped || (this.client !== null && this.client !== client)) return;
    this.client = null;
    client.removeAllListeners();
    client.on('error', () => undefined);
    void client.end().catch(() => undefined);
    clearTimeout(this.retry);
    this.retry = setTimeout(() => void this.connect(), 1000);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    const client = this.client;
    this.client = null;
    if (client) {
      client.removeAllListeners();
      client.on('error', () => undefined);
      await client.end().catch(() => undefined);
    }
  }
}
