import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** v1.5.1 is the newest CLI tag whose go.mod has no `replace` directive, so `go install` can build it. */
export const TEMPORAL_CLI_MODULE = 'github.com/temporalio/cli/cmd/temporal@v1.5.1';

export const temporalCacheDir = (): string =>
  process.env.TEMPORAL_CLI_CACHE ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'case-coord', 'bin');

function onPath(binary: string): string | null {
  const found = spawnSync('sh', ['-c', `command -v ${binary}`], { encoding: 'utf8' });
  const location = found.stdout.trim();
  return found.status === 0 && location ? location : null;
}

function findGo(): string | null {
  return onPath('go') ?? (existsSync('/usr/local/go/bin/go') ? '/usr/local/go/bin/go' : null);
}

/**
 * Finds the Temporal CLI: $TEMPORAL_CLI, then `temporal` on PATH, then the cached build; otherwise builds it with
 * `go install` into the cache (minutes, once), printing progress while it builds.
 */
export async function ensureTemporalCli(log: (line: string) => void): Promise<string> {
  if (process.env.TEMPORAL_CLI && existsSync(process.env.TEMPORAL_CLI)) return process.env.TEMPORAL_CLI;
  const fromPath = onPath('temporal');
  if (fromPath) return fromPath;
  const cacheDir = temporalCacheDir();
  const cached = path.join(cacheDir, 'temporal');
  if (existsSync(cached)) return cached;

  const go = findGo();
  if (!go) {
    throw new Error('No Temporal CLI found and no Go toolchain to build it: install `temporal` (https://docs.temporal.io/cli) or Go >= 1.23, or set TEMPORAL_ADDRESS to a running server.');
  }
  await mkdir(cacheDir, { recursive: true });
  log(`building the Temporal CLI (${TEMPORAL_CLI_MODULE}) into ${cacheDir}; this takes a few minutes, once ...`);
  const started = Date.now();
  await new Promise<void>((resolve, reject) => {
    const child = spawn(go, ['install', '-v', TEMPORAL_CLI_MODULE], {
      env: { ...process.env, GOBIN: cacheDir, GOFLAGS: '-mod=mod' }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let packages = 0;
    let lastLine = '';
    const onData = (chunk: Buffer): void => {
      for (const line of chunk.toString().split('\n').filter(Boolean)) {
        lastLine = line;
        if (!line.startsWith('go: downloading')) packages += 1;
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    const ticker = setInterval(() => {
      log(`  ... still building Temporal CLI: ${Math.round((Date.now() - started) / 1000)} s, ${packages} packages compiled (last: ${lastLine.slice(0, 80)})`);
    }, 10_000);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearInterval(ticker);
      if (code === 0) resolve();
      else reject(new Error(`go install ${TEMPORAL_CLI_MODULE} failed with exit code ${code}; last output: ${lastLine}`));
    });
  });
  log(`Temporal CLI built in ${Math.round((Date.now() - started) / 1000)} s: ${cached}`);
  return cached;
}
