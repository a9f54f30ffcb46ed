import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AnonymousRefusals } from '../../../../libs/auth/anonymous-refusals';

const MAX_FLUSH_INTERVAL_MS = 15_000;

/**
 * Moves finished windows of anonymous refusals into the audit chain on a timer (every window, at most every 15 s),
 * and everything this process counted as it stops, before the database pool closes (onApplicationShutdown).
 */
@Injectable()
export class AnonymousRefusalsFlusher implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('anonymous-refusals');
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(private readonly refusals: AnonymousRefusals) {}

  onApplicationBootstrap(): void {
    const every = Math.min(this.refusals.windowMs, MAX_FLUSH_INTERVAL_MS);
    this.timer = setInterval(() => {
      if (!this.running) this.running = this.flush(false).finally(() => { this.running = undefined; });
    }, every);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
    await this.flush(true);
  }

  private async flush(everything: boolean): Promise<void> {
    try {
      await this.refusals.flush(everything);
    } catch (error) {
      // The counts stay in their table; the next flush (here or in another process) appends them.
      this.logger.warn(`flush failed: ${(error as Error).message}`);
    }
  }
}
