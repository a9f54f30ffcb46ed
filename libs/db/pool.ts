/** Connections each API and worker process opens at most (data-source.ts). */
export const DATABASE_POOL_SIZE = 20;

/**
 * `warm`: connections a process keeps open however long they idle (DATABASE_POOL_WARM); `idleTimeoutMs`: how long any
 * other stays open idle (DATABASE_POOL_IDLE_TIMEOUT). A person check on a new connection took about 10 ms more at p50
 * than on a kept one (a new backend: its login, catalog caches and prepared statements cold), so a desk's first check
 * after a quiet spell would pay it; `bench/support/probe-split.ts` measures it.
 */
export interface DatabasePoolConfig { warm: number; idleTimeoutMs: number }
