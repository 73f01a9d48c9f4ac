import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { procCpuMs } from './cpu';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** What one `npm run import` printed and cost. */
export interface ImporterRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** From spawn to exit, Node's start included. */
  wallMs: number;
  /** CPU the importer process used (user + system), ms; sampled, so it may miss its last 250 ms. */
  cpuMs: number;
  /** The importer's own summary line, when it printed one. */
  summary: { read: number; loaded: number; rejected: number; seconds: number; perSec: number } | null;
  /** How many times it held back for the aggregator, and for how long in all, s. */
  pauses: number;
  pausedSeconds: number;
}

const number = (s: string | undefined) => Number((s ?? '').replaceAll(',', ''));

/** "imported x.ndjson: 1,000,000 lines read, 1,000,000 loaded, 0 rejected; 17.5 s, 57,179 events/s" */
export function parseSummary(stdout: string): ImporterRun['summary'] {
  const m = /([\d,]+) lines read, ([\d,]+) loaded, ([\d,]+) rejected.*?; ([\d.]+) s, ([\d,]+) events\/s/.exec(
    stdout,
  );
  if (!m) return null;
  return {
    read: number(m[1]),
    loaded: number(m[2]),
    rejected: number(m[3]),
    seconds: Number(m[4]),
    perSec: number(m[5]),
  };
}

/**
 * Runs the importer as `npm run import` does (tsx, its own process), configured only through the
 * environment, the way an operator runs it beside a server. Bounded by `timeoutMs`.
 */
export function runImporterProcess(
  args: string[],
  env: Record<string, string>,
  timeoutMs: number,
): Promise<ImporterRun> {
  const t0 = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli/import.ts', ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let cpuMs = 0;
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const sample = () => {
    try {
      if (child.pid) cpuMs = procCpuMs(child.pid);
    } catch {
      /* exited */
    }
  };
  const sampler = setInterval(sample, 250);
  const killer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', () => sample());
    child.on('close', (code) => {
      const holds = [...stderr.matchAll(/held back ([\d.]+) s/g)];
      clearInterval(sampler);
      clearTimeout(killer);
      resolve({
        code,
        stdout,
        stderr,
        wallMs: performance.now() - t0,
        cpuMs,
        summary: parseSummary(stdout),
        pauses: holds.length,
        pausedSeconds: holds.reduce((sum, m) => sum + Number(m[1]), 0),
      });
    });
  });
}
