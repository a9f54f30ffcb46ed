import { readdirSync, readFileSync } from 'node:fs';

/**
 * Names a group of processes by a test on its command line or process id; each group also counts its processes'
 * children.
 */
export type CpuGroups = Record<string, (cmdline: string, pid: number) => boolean>;

const TICKS_PER_SECOND = 100;

interface ProcessStat { pid: string; ppid: string; cmdline: string; seconds: number }

function readProcesses(): ProcessStat[] {
  let pids: string[];
  try { pids = readdirSync('/proc').filter((entry) => /^\d+$/.test(entry)); } catch { return []; }
  const processes: ProcessStat[] = [];
  for (const pid of pids) {
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
      // Fields after the command name (which may hold spaces) start after its closing parenthesis.
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      // utime + stime, plus cutime + cstime: the time of children it has reaped. PostgreSQL's backends end with their
      // connections and the postmaster reaps them; without their time a reading could go down between two readings.
      const ticks = Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
      processes.push({ pid, ppid: fields[1], cmdline, seconds: ticks / TICKS_PER_SECOND });
    } catch { /* the process ended meanwhile */ }
  }
  return processes;
}

/** CPU seconds (user + system) each group has used so far, from /proc (Linux; zeros elsewhere). */
export function cpuSeconds(groups: CpuGroups): Record<string, number> {
  const totals: Record<string, number> = Object.fromEntries(Object.keys(groups).map((name) => [name, 0]));
  const processes = readProcesses();
  const groupOf = new Map<string, string>();
  for (const p of processes) {
    const group = Object.keys(groups).find((name) => groups[name](p.cmdline, Number(p.pid)));
    if (group) groupOf.set(p.pid, group);
  }
  // PostgreSQL's backends are children of the postmaster and do not repeat its data directory on their command line.
  for (const p of processes) if (!groupOf.has(p.pid) && groupOf.has(p.ppid)) groupOf.set(p.pid, groupOf.get(p.ppid) as string);
  for (const p of processes) {
    const group = groupOf.get(p.pid);
    if (group) totals[group] += p.seconds;
  }
  return totals;
}

/** "api 12.3 ms, worker 30.1 ms, ... of CPU per case" for the CPU used between two readings. */
export function cpuReport(before: Record<string, number>, after: Record<string, number>, per: number, unit: string): string {
  return Object.keys(after)
    .map((name) => `${name} ${(((after[name] - (before[name] ?? 0)) * 1000) / per).toFixed(1)} ms`)
    .join(', ') + ` of CPU per ${unit}`;
}

/** CPU seconds each group used between two readings. */
export function cpuUsed(before: Record<string, number>, after: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.keys(after).map((name) => [name, after[name] - (before[name] ?? 0)]));
}
