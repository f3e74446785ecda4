import { readdirSync, readFileSync } from "node:fs";

export interface MemoryReading {
  /** Resident set now, in bytes. */
  rss: number;
  /** Peak resident set since the process started (VmHWM), in bytes. */
  peak: number;
}

/** Linux only: /proc/<pid>/status. Null once the process is gone. */
export function readProcessMemory(pid: number): MemoryReading | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    return { rss: kilobytes(status, "VmRSS") * 1024, peak: kilobytes(status, "VmHWM") * 1024 };
  } catch {
    return null;
  }
}

/** The process and all its descendants. */
export function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The command name is in parentheses and may contain spaces; the parent pid follows it.
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
    } catch {
      // Gone between listing and reading.
    }
  }
  const tree = [root];
  for (let index = 0; index < tree.length; index++) tree.push(...(children.get(tree[index]!) ?? []));
  return tree;
}

/**
 * Polls the resident memory of a process tree. A tree's peak is the highest sum seen at one poll;
 * the processes' own VmHWM peaks may have happened at different moments, so their sum is only a bound.
 */
export class TreeMemorySampler {
  private peakTree = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly root: number,
    everyMs = 250,
  ) {
    this.sample();
    this.timer = setInterval(() => this.sample(), everyMs);
  }

  /** Stops polling; call before the processes exit, so their VmHWM can still be read. */
  stop(): { peakTree: number; rootPeak: number } {
    clearInterval(this.timer);
    this.sample();
    return { peakTree: this.peakTree, rootPeak: readProcessMemory(this.root)?.peak ?? Number.NaN };
  }

  private sample(): void {
    const total = processTree(this.root).reduce((sum, pid) => sum + (readProcessMemory(pid)?.rss ?? 0), 0);
    this.peakTree = Math.max(this.peakTree, total);
  }
}

function kilobytes(status: string, field: string): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status);
  if (!match) throw new Error(`${field} missing from /proc status`);
  return Number(match[1]);
}
