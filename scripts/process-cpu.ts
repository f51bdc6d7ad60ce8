// CPU of every process a benchmarked command starts, by kind (Chromium, Firefox, Node, other),
// sampled from /proc (proc(5): fields utime and stime of /proc/<pid>/stat, in clock ticks).
// `cutime` alone under-counts: it holds only children that were waited for, and a browser's
// helper processes never are. A process's last sample stands for its whole life, so a process
// that lives less than one interval can be missed: the sampler says how many it saw.
import { spawn, execSync, type SpawnOptions } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';

export type ProcessKind = 'chromium' | 'firefox' | 'lab servers' | 'node' | 'other';

export interface CpuSeconds {
  byKind: Record<ProcessKind, number>;
  total: number;
  processes: number;
}

const INTERVAL_MS = 100;

function kindOf(command: string): ProcessKind {
  if (/chrom(e|ium)/i.test(command)) return 'chromium';
  if (/firefox/i.test(command)) return 'firefox';
  // The bank and the attacker site as `npm start` runs them (the tests' webServer).
  if (/bank-server\/server|attacker-site\/server|start-lab/.test(command)) return 'lab servers';
  if (/(^|\/)node(\s|$)|tsx|playwright/.test(command)) return 'node';
  return 'other';
}

interface Sample {
  ppid: number;
  kind: ProcessKind;
  ticks: number;
}

function readProcess(pid: number): Sample | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces and parentheses: the fields start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ') || stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    return { ppid: Number(fields[1]), kind: kindOf(command), ticks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return null; // gone between the listing and the read
  }
}

/**
 * Samples the process tree under `rootPid` every 100 ms. A process keeps its last sample after
 * it exits, so `total()` at any moment is the CPU the tree has used since the sampler started
 * (less whatever ran before the first sample).
 */
export class TreeSampler {
  private readonly tick = Number(execSync('getconf CLK_TCK').toString().trim());
  private readonly inTree: Set<number>;
  private readonly last = new Map<number, Sample>();
  private readonly timer: NodeJS.Timeout;

  constructor(rootPid: number) {
    this.inTree = new Set([rootPid]);
    this.sample();
    this.timer = setInterval(() => this.sample(), INTERVAL_MS);
  }

  sample(): void {
    const seen = readdirSync('/proc')
      .filter((name) => /^\d+$/.test(name))
      .map(Number);
    const samples = new Map(seen.map((pid) => [pid, readProcess(pid)] as const));
    // Parents before children is not guaranteed by pid order: repeat until the tree is closed.
    for (let grew = true; grew; ) {
      grew = false;
      for (const [pid, s] of samples)
        if (s && !this.inTree.has(pid) && this.inTree.has(s.ppid)) {
          this.inTree.add(pid);
          grew = true;
        }
    }
    for (const pid of this.inTree) {
      const s = samples.get(pid);
      // A process that has exited but not been reaped keeps its CPU figures and loses its
      // command line: it keeps the kind it was first seen with.
      if (s) this.last.set(pid, { ...s, kind: this.last.get(pid)?.kind ?? s.kind });
    }
  }

  total(): CpuSeconds {
    const byKind: Record<ProcessKind, number> = { chromium: 0, firefox: 0, 'lab servers': 0, node: 0, other: 0 };
    for (const s of this.last.values()) byKind[s.kind] += s.ticks / this.tick;
    return { byKind, total: Object.values(byKind).reduce((a, b) => a + b, 0), processes: this.last.size };
  }

  stop(): CpuSeconds {
    clearInterval(this.timer);
    this.sample();
    return this.total();
  }
}

/** Runs `command` and samples its whole process tree until it exits; `stderr` is what it wrote there when piped. */
export async function runSampled(
  command: string,
  args: readonly string[],
  options: SpawnOptions,
): Promise<{ status: number | null; cpu: CpuSeconds | null; stderr: string }> {
  const child = spawn(command, args, options);
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((done) => child.on('close', (code) => done(code)));
  if (!existsSync('/proc/self/stat') || child.pid === undefined) return { status: await exited, cpu: null, stderr };
  const sampler = new TreeSampler(child.pid);
  const status = await exited;
  return { status, stderr, cpu: sampler.stop() };
}

export function cpuLines(cpu: CpuSeconds, cores: number): string[] {
  const kinds = (Object.entries(cpu.byKind) as [ProcessKind, number][]).filter(([, s]) => s > 0);
  return [
    `CPU time:   ${cpu.total.toFixed(1)} s in ${cpu.processes} processes: ${kinds.map(([k, s]) => `${k} ${s.toFixed(1)} s`).join(', ')}`,
    // No schedule can finish faster than the CPU the run needs, spread over every core.
    `CPU floor:  ${(cpu.total / cores).toFixed(1)} s of wall time on ${cores} cores`,
  ];
}
