import { readdirSync, readFileSync } from 'node:fs';

/** USER_HZ: the unit of /proc/stat and /proc/<pid>/stat times (100 on every Linux we run on). */
const CLK_TCK = 100;

/** utime + stime of a process from /proc/<pid>/stat, ms (fields 14 and 15, after the "(comm)"). */
export function procCpuMs(pid: number, tid?: number): number {
  // With `tid`: one thread of the process (the main thread's id is the process's own).
  const stat = readFileSync(
    tid === undefined ? `/proc/${pid}/stat` : `/proc/${pid}/task/${tid}/stat`,
    'utf8',
  );
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state), so utime (14) is fields[11] and stime (15) fields[12].
  return ((Number(fields[11]) + Number(fields[12])) / CLK_TCK) * 1000;
}

/** Busy time of the whole machine, all cores, ms (everything in /proc/stat's "cpu" line but idle and iowait). */
function machineBusyMs(): number {
  const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0] ?? '';
  const [, ...ticks] = line.trim().split(/\s+/).map(Number);
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = ticks;
  return ((user + nice + system + irq + softirq + steal) / CLK_TCK) * 1000;
}

/** CPU time of every process visible in /proc, ms, with a short command line to name it. */
function allProcesses(): Map<number, { ms: number; name: string }> {
  const out = new Map<number, { ms: number; name: string }>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
      const name = cmd
        .map((a) => a.replace(/^.*\/(?=[^/]+$)/, ''))
        .slice(0, 3)
        .join(' ')
        .slice(0, 60);
      out.set(pid, { ms: procCpuMs(pid), name: name || `[${pid}]` });
    } catch {
      /* gone meanwhile */
    }
  }
  return out;
}

export interface CpuShares {
  /** % of one core over the window; the machine has `cores` × 100 %. */
  server: number;
  /** The server's main thread alone (screens, aggregator; ingest too without worker threads). */
  serverMain: number;
  clients: number;
  redis: number;
  driver: number;
  machine: number;
  /** What the rest of the machine used meanwhile: anything large here means the figures are disturbed. */
  others: number;
  /** The heaviest of those other processes (live at the end of the window), % of one core. */
  topOthers: { name: string; pct: number }[];
}

/**
 * CPU of every process in the measurement over a window, and of the machine: on a 2-core box the
 * server, Redis, the clients and the driver compete, and someone else's build would skew everything.
 */
export class CpuWindow {
  readonly #pids: { server: number; clients: readonly number[]; redis: number | null };
  readonly #start: {
    server: number;
    serverMain: number;
    clients: number;
    redis: number;
    driver: number;
    machine: number;
    wall: number;
  };
  readonly #procs: Map<number, { ms: number; name: string }>;

  /** `clients`: the clients process, or the pool's several (their CPU is summed). */
  constructor(pids: { server: number; clients: number | readonly number[] | null; redis: number | null }) {
    const clients =
      pids.clients === null ? [] : typeof pids.clients === 'number' ? [pids.clients] : pids.clients;
    this.#pids = { ...pids, clients };
    this.#procs = allProcesses();
    this.#start = this.#read();
  }

  #read() {
    const driver = process.cpuUsage();
    const safe = (pid: number | null) => {
      try {
        return pid === null ? 0 : procCpuMs(pid);
      } catch {
        return 0; // not visible from here (Redis in another namespace)
      }
    };
    return {
      server: safe(this.#pids.server),
      serverMain: (() => {
        try {
          return procCpuMs(this.#pids.server, this.#pids.server);
        } catch {
          return 0;
        }
      })(),
      clients: this.#pids.clients.reduce((sum, pid) => sum + safe(pid), 0),
      redis: safe(this.#pids.redis),
      driver: (driver.user + driver.system) / 1000,
      machine: machineBusyMs(),
      wall: performance.now(),
    };
  }

  end(): CpuShares {
    const end = this.#read();
    const s = this.#start;
    const pct = (a: number, b: number) => ((a - b) / (end.wall - s.wall)) * 100;
    const shares = {
      server: pct(end.server, s.server),
      serverMain: pct(end.serverMain, s.serverMain),
      clients: pct(end.clients, s.clients),
      redis: pct(end.redis, s.redis),
      driver: pct(end.driver, s.driver),
      machine: pct(end.machine, s.machine),
    };
    const ours = shares.server + shares.clients + shares.redis + shares.driver;
    const mine = new Set([this.#pids.server, ...this.#pids.clients, this.#pids.redis, process.pid]);
    const topOthers = [...allProcesses()]
      .filter(([pid]) => !mine.has(pid))
      .map(([pid, p]) => ({ name: p.name, pct: pct(p.ms, this.#procs.get(pid)?.ms ?? 0) }))
      .filter((p) => p.pct >= 5)
      .sort((a, b) => b.pct - a.pct)
      .slice(0, 3);
    return { ...shares, others: Math.max(0, shares.machine - ours), topOthers };
  }
}

/**
 * Waits (bounded) until the machine is quiet: other people's builds and tests on this 2-core box would
 * otherwise land in our figures. Returns how busy the last second was, % of one core.
 */
export async function waitForQuiet(
  maxWaitMs = 30_000,
  belowPct = 35,
): Promise<{ waitedMs: number; busyPct: number }> {
  const start = performance.now();
  for (;;) {
    const a = machineBusyMs();
    const t = performance.now();
    await new Promise((r) => setTimeout(r, 1_000));
    const busyPct = ((machineBusyMs() - a) / (performance.now() - t)) * 100;
    const waitedMs = performance.now() - start;
    if (busyPct < belowPct || waitedMs >= maxWaitMs) return { waitedMs, busyPct };
  }
}
