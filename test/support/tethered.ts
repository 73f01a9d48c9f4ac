import { spawn } from 'node:child_process';

/**
 * A small Node process between us and the child. Its stdin is a pipe from us: when we close it, or
 * when we die in any way (SIGKILL included: the kernel closes our end of the pipe), it reads end of
 * file and sends the child `signal`. Linux's PR_SET_PDEATHSIG would do this without a middleman, but
 * Node cannot call prctl. It prints the child's pid, and exits when the child does, deleting
 * TETHER_REMOVE first when given (unless TETHER_KEEP_AFTER_STOP and we said "stop" before closing).
 */
const TETHER = `
const { spawn } = require('node:child_process');
const { rmSync } = require('node:fs');
const [signal, command, ...args] = process.argv.slice(1);
const { TETHER_REMOVE, TETHER_KEEP_AFTER_STOP } = process.env;
const child = spawn(command, args, { stdio: 'ignore' });
let asked = false;
const stop = () => child.kill(signal);
process.stdin.on('data', () => (asked = true));
process.stdin.on('end', stop).on('close', stop).on('error', stop);
for (const s of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.on(s, stop);
const finish = (code) => {
  if (TETHER_REMOVE && !(asked && TETHER_KEEP_AFTER_STOP)) rmSync(TETHER_REMOVE, { recursive: true, force: true });
  process.exit(code);
};
child.on('spawn', () => process.stdout.write(child.pid + '\\n'));
child.on('error', (err) => { process.stderr.write(err.message + '\\n'); finish(127); });
child.on('exit', (code) => finish(code ?? 128));
`;

export interface Tethered {
  /** The child's own pid, once it has started. */
  pid: Promise<number>;
  /** Resolves when the child (and its tether) have exited, for whatever reason. */
  exited: Promise<void>;
  readonly running: boolean;
  /** Sends the child its stop signal and resolves once it has exited. */
  stop(): Promise<void>;
}

/**
 * Runs `command` so that it cannot outlive this process: it is stopped with `stopSignal` when we ask,
 * and also when this process exits or is killed.
 */
export function spawnTethered(
  command: string,
  args: string[],
  {
    stopSignal = 'SIGTERM',
    removeAfterExit,
    keepAfterStop = false,
  }: {
    stopSignal?: NodeJS.Signals;
    /**
     * A directory of the child's to delete once it has exited, so that it goes with the child even
     * when this process is killed and nobody is left to clean up.
     */
    removeAfterExit?: string;
    /** Keep that directory when we stop the child ourselves (to start it again on the same files). */
    keepAfterStop?: boolean;
  } = {},
): Tethered {
  const tether = spawn(process.execPath, ['-e', TETHER, '--', stopSignal, command, ...args], {
    // Only PATH: NODE_OPTIONS of a test worker (loaders, inspectors) must not slow the tether down.
    env: {
      PATH: process.env.PATH ?? '',
      ...(removeAfterExit ? { TETHER_REMOVE: removeAfterExit } : {}),
      ...(keepAfterStop ? { TETHER_KEEP_AFTER_STOP: '1' } : {}),
    },
    stdio: ['pipe', 'pipe', 'pipe'],
    // Its own session: Ctrl-C in the terminal goes to vitest, whose death then stops the child in order.
    detached: true,
  });
  let running = true;
  let stderr = '';
  let stdout = '';
  tether.stderr.on('data', (d) => (stderr += d));
  tether.stdin.on('error', () => {}); // EPIPE when the tether has already gone: nothing left to stop
  const exited = new Promise<void>((resolve) =>
    tether.once('exit', () => {
      running = false;
      resolve();
    }),
  );
  const pid = new Promise<number>((resolve, reject) => {
    tether.stdout.on('data', (d) => {
      stdout += d;
      if (stdout.includes('\n')) resolve(Number(stdout.trim()));
    });
    void exited.then(() =>
      reject(new Error(`${command} did not start: ${stderr.trim() || 'no reason given'}`)),
    );
  });
  pid.catch(() => {}); // a caller that never asks for the pid must not see an unhandled rejection
  return {
    pid,
    exited,
    get running() {
      return running;
    },
    async stop() {
      // "stop", then end of file: the tether can tell this from our death, which closes the pipe silently.
      if (!tether.stdin.writableEnded) tether.stdin.end('stop\n');
      await exited;
    },
  };
}
