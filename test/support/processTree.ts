// The processes a test started, read from /proc (Linux): its descendants, and which of them are still running.
import { readFileSync, readdirSync } from 'node:fs';

export interface ProcessEntry {
  pid: number;
  ppid: number;
  /** Clock ticks since boot: with the pid, it tells a process from a later one that reuses its pid. */
  startTime: string;
  /** argv joined with spaces. */
  command: string;
}

/** The process, or null once it has exited (a zombie has exited too; only its exit status is left). */
function processEntry(pid: number): ProcessEntry | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 2, the name, is in parentheses and may hold spaces; every field after it is plain.
    const [state, ppid, ...rest] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (state === 'Z') return null;
    const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').trim();
    return { pid, ppid: Number(ppid), startTime: rest[17] ?? '', command };
  } catch {
    return null;
  }
}

function allProcesses(): ProcessEntry[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map((name) => processEntry(Number(name)))
    .filter((entry) => entry !== null);
}

/** `root` and every process below it, as the tree is now. */
export function processTreeOf(root: number): ProcessEntry[] {
  const processes = allProcesses();
  const tree = processes.filter((entry) => entry.pid === root);
  for (let i = 0; i < tree.length; i++) {
    const parent = tree[i] as ProcessEntry;
    tree.push(...processes.filter((entry) => entry.ppid === parent.pid));
  }
  return tree;
}

/** Those of `processes` still running: the same pid started at the same time, not yet exited. */
export function stillRunning(processes: ProcessEntry[]): ProcessEntry[] {
  return processes.filter((entry) => processEntry(entry.pid)?.startTime === entry.startTime);
}
