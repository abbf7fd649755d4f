// CPU time each process spent, read from /proc/<pid>/stat (utime + stime), so a benchmark can say
// what a request cost each process over a measured window rather than how loaded the machine was.
import { execFileSync } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';

/** Clock ticks per second of /proc's times (getconf CLK_TCK), 100 on every Linux this runs on. */
const TICKS_PER_SECOND = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** Fields of /proc/<pid>/stat after the command name, which may itself hold spaces and parentheses. */
async function statFields(pid: number): Promise<string[] | null> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => null);
  return stat === null ? null : stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

/** User plus system CPU seconds the process has spent so far, or null when it is gone. */
export async function cpuSecondsOf(pid: number): Promise<number | null> {
  const fields = await statFields(pid);
  // After the name: state, ppid, ..., utime is the 12th field and stime the 13th (proc(5) numbers them 14 and 15).
  return fields === null ? null : (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

async function processIds(): Promise<number[]> {
  return (await readdir('/proc').catch(() => [])).filter((name) => /^\d+$/.test(name)).map(Number);
}

/**
 * The pids of this process's children running `entry`. The stack does not expose its processes, but
 * each service is a direct child (`node --import tsx <entry>`), so /proc finds them.
 */
export async function childProcessesRunning(entry: string): Promise<number[]> {
  const found: number[] = [];
  for (const pid of await processIds()) {
    const fields = await statFields(pid);
    if (fields === null || Number(fields[1]) !== process.pid) continue;
    const commandLine = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
    if (commandLine.split('\0').includes(entry)) found.push(pid);
  }
  return found;
}

/** The pid of this process's child running `entry`, when there is one. */
export const childProcessRunning = async (entry: string): Promise<number | null> => (await childProcessesRunning(entry))[0] ?? null;

/** The PostgreSQL server's backends serving `database` now (their process titles name it), on this machine. */
export async function postgresBackendsOf(database: string): Promise<number[]> {
  const backends: number[] = [];
  for (const pid of await processIds()) {
    const title = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
    if (title.startsWith('postgres: ') && title.includes(` ${database} `)) backends.push(pid);
  }
  return backends;
}

/** Processes whose CPU time is summed under one name: a service, or all of a database's backends. */
export type ProcessGroups = Record<string, () => Promise<number[]>>;

export type CpuSnapshot = Record<string, Map<number, number>>;

export async function cpuSnapshot(groups: ProcessGroups): Promise<CpuSnapshot> {
  const snapshot: CpuSnapshot = {};
  for (const [name, pidsOf] of Object.entries(groups)) {
    const seconds = new Map<number, number>();
    for (const pid of await pidsOf()) {
      const spent = await cpuSecondsOf(pid);
      if (spent !== null) seconds.set(pid, spent);
    }
    snapshot[name] = seconds;
  }
  return snapshot;
}

/** CPU seconds each group spent between two snapshots; a process that started in between counts from zero. */
export function cpuSecondsBetween(before: CpuSnapshot, after: CpuSnapshot): Record<string, number> {
  const spent: Record<string, number> = {};
  for (const [name, seconds] of Object.entries(after)) {
    let sum = 0;
    for (const [pid, now] of seconds) sum += now - (before[name]?.get(pid) ?? 0);
    spent[name] = sum;
  }
  return spent;
}
