import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** A free TCP port on loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

export interface ServerProcessOptions {
  /** Where to run (default: this checkout). */
  cwd?: string;
  /** Node's arguments (default: `server/index.ts` through tsx, as `npm start`). */
  args?: string[];
}

/**
 * Runs the product as a separate process (`server/index.ts` through tsx, as `npm start` does, or what
 * `args` says, such as the production bundle), so a test can SIGKILL it like a crash. Resolves once
 * /healthz answers.
 */
export async function startServerProcess(
  env: Record<string, string>,
  port: number,
  options: ServerProcessOptions = {},
) {
  const child: ChildProcess = spawn(
    process.execPath,
    options.args ?? ['--import', 'tsx', 'server/index.ts'],
    {
      cwd: options.cwd ?? root,
      // A simulator plays no past unless a test asks for it (SIM_PAST_DAYS): 35 days take seconds to send.
      env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), SIM_PAST_DAYS: '0', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  let stdout = '';
  child.stdout?.on('data', (d) => ((output += d), (stdout += d)));
  child.stderr?.on('data', (d) => (output += d));
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${output}`);
    try {
      const r = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (r.ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not answer /healthz within 20 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    child,
    output: () => output,
    /** Standard output alone: the JSON log lines. */
    stdout: () => stdout,
    kill(signal: NodeJS.Signals = 'SIGKILL') {
      return new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill(signal);
      });
    },
  };
}
