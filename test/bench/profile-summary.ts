/**
 * Reads the server CPU profiles of a `BENCH_CPU_PROF=1 npm run bench` (test-results/bench-prof/*.cpuprofile)
 * and prints where the main thread's time went: by area of the code (the product's modules, zod,
 * node-redis, Socket.IO, Node internals, GC, idle), then the heaviest functions, self and inclusive.
 *
 *   npx tsx test/bench/profile-summary.ts [file.cpuprofile ...]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

const dir = fileURLToPath(new URL('../../test-results/bench-prof/', import.meta.url));
const files = process.argv.slice(2).length
  ? process.argv.slice(2)
  : readdirSync(dir)
      .filter((f) => f.endsWith('.cpuprofile'))
      .map((f) => dir + f);

/** A coarse name for where a frame's code lives. */
function area(f: CallFrame): string {
  if (f.functionName === '(idle)') return '(idle)';
  if (f.functionName === '(garbage collector)') return '(gc)';
  if (f.functionName === '(program)') return '(program: native, not JS)';
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(f.url);
  if (m) return m[1]!;
  const own = /\/(server|shared)\/(.+?)(?:\.ts)?$/.exec(f.url);
  if (own) return `${own[1]}/${own[2]!.split('/').slice(0, -1).join('/') || own[2]}`;
  if (f.url.startsWith('node:') || f.url === '') return 'node internals';
  return f.url;
}

const key = (f: CallFrame) =>
  `${f.functionName || '(anonymous)'} ${f.url.replace(/^.*\/(node_modules|server|shared)\//, '$1/')}:${f.lineNumber + 1}`;

function summarise(file: string): void {
  const p = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const areas = new Map<string, number>();
  let total = 0;
  p.samples.forEach((id, i) => {
    const dt = (p.timeDeltas[i] ?? 0) / 1000;
    total += dt;
    const node = byId.get(id)!;
    self.set(key(node.callFrame), (self.get(key(node.callFrame)) ?? 0) + dt);
    areas.set(area(node.callFrame), (areas.get(area(node.callFrame)) ?? 0) + dt);
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const k = key(byId.get(cur)!.callFrame);
      if (seen.has(k)) continue;
      seen.add(k);
      inclusive.set(k, (inclusive.get(k) ?? 0) + dt);
    }
  });
  const busy = total - (areas.get('(idle)') ?? 0);
  const top = (m: Map<string, number>, n: number, over: number) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, v]) => `  ${v.toFixed(0).padStart(7)} ms ${((v / over) * 100).toFixed(1).padStart(5)}%  ${k}`)
      .join('\n');
  console.log(
    `\n== ${file}\n${(total / 1000).toFixed(1)} s profiled, ${(busy / 1000).toFixed(1)} s busy (not idle)`,
  );
  console.log(
    `\nBy area (% of busy):\n${top(new Map([...areas].filter(([k]) => k !== '(idle)')), 25, busy)}`,
  );
  console.log(
    `\nHeaviest functions, self time (% of busy):\n${top(new Map([...self].filter(([k]) => !k.startsWith('(idle)'))), 30, busy)}`,
  );
  const skip =
    /^\((root|program|idle)\)|^processTicksAndRejections|^listOnTimeout|^processTimers|^\(anonymous\) node:/;
  console.log(
    `\nHeaviest functions, inclusive (% of busy):\n${top(new Map([...inclusive].filter(([k]) => !skip.test(k))), 40, busy)}`,
  );
}

for (const f of files) summarise(f);
