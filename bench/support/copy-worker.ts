import { parentPort, workerData } from 'node:worker_threads';
import { copyText, CopyValue } from './copy-text';
import type { GenSpec } from './generators';
import { eventStagingRows, keyOptionsFor, matchKeyRows, personKeyRows, SourceCase, SourceTally } from './row-sources';

/**
 * A worker thread that generates one table's rows in COPY text, a chunk per request from the main thread (which
 * streams them to PostgreSQL): the rows of the three tables are generated on three threads instead of one, and at most
 * a few chunks wait in memory.
 */

export interface CopyJob {
  source: 'match_keys' | 'person_keys' | 'event_staging';
  spec: GenSpec; cases: SourceCase[]; total: number; at: string; chunkLines: number;
  serialMinReadable: number;
  /** person_keys: each vocabulary token's codes. */
  codes: [string, string[]][];
}

export type CopyWorkerMessage = { chunk: string; rows: number } | { tally: SourceTally };

function rowsFor(job: CopyJob, tally: SourceTally, counts: Map<string, number>): Iterator<CopyValue[]> {
  switch (job.source) {
    case 'match_keys': return matchKeyRows(job.spec, job.cases, keyOptionsFor(job.serialMinReadable), job.at, tally);
    case 'person_keys': return personKeyRows(job.spec, job.cases, new Map(job.codes), job.at, counts);
    case 'event_staging': return eventStagingRows(job.spec, job.cases, job.at);
  }
}

if (parentPort) {
  const port = parentPort;
  const job = workerData as CopyJob;
  const tally: SourceTally = { sources: 0, unreadable: 0, tokenCounts: [] };
  const counts = new Map<string, number>();
  const rows = rowsFor(job, tally, counts);
  let written = 0;
  port.on('message', () => {
    if (written >= job.total) {
      port.postMessage({ tally: { ...tally, tokenCounts: [...counts] } } satisfies CopyWorkerMessage);
      return;
    }
    const lines: string[] = [];
    while (lines.length < job.chunkLines && written < job.total) {
      lines.push((rows.next().value as CopyValue[]).map(copyText).join('\t'));
      written += 1;
    }
    port.postMessage({ chunk: `${lines.join('\n')}\n`, rows: lines.length } satisfies CopyWorkerMessage);
  });
}
