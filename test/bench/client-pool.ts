import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Command, Reply, Request, ResultOf } from './protocol';

const script = fileURLToPath(new URL('./clients.ts', import.meta.url));
const root = fileURLToPath(new URL('../..', import.meta.url));

/** The driver's handle on the clients process: typed request/reply over IPC, each with a deadline. */
export class ClientPool {
  readonly #child: ChildProcess;
  readonly #waiting = new Map<number, { resolve: (r: unknown) => void; reject: (e: Error) => void }>();
  #next = 0;
  #exited: Promise<void>;

  private constructor(child: ChildProcess) {
    this.#child = child;
    child.on('message', (msg: Reply) => {
      const w = this.#waiting.get(msg.id);
      if (!w) return;
      this.#waiting.delete(msg.id);
      if (msg.ok) w.resolve(msg.result);
      else w.reject(new Error(`clients: ${msg.error}`));
    });
    this.#exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => {
        for (const w of this.#waiting.values())
          w.reject(new Error(`clients process exited (${code ?? signal})`));
        this.#waiting.clear();
        resolve();
      }),
    );
  }

  static start(): ClientPool {
    const child = fork(script, [], {
      cwd: root,
      execArgv: ['--import', 'tsx'],
      // Structured clone: the send times go over as a Float64Array, not as 50,000 JSON numbers.
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    return new ClientPool(child);
  }

  get pid(): number | undefined {
    return this.#child.pid;
  }

  call<C extends Command>(command: C, timeoutMs: number): Promise<ResultOf<C['kind']>> {
    const id = ++this.#next;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiting.delete(id);
        reject(new Error(`clients: '${command.kind}' took more than ${timeoutMs} ms`));
      }, timeoutMs);
      this.#waiting.set(id, {
        resolve: (r) => {
          clearTimeout(timer);
          resolve(r as ResultOf<C['kind']>);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      this.#child.send({ id, command } satisfies Request);
    });
  }

  /** Asks the process to close its sockets and leave; kills it if it does not within 5 s. */
  async stop(): Promise<void> {
    if (this.#child.exitCode !== null || this.#child.signalCode !== null) return;
    this.call({ kind: 'exit' }, 5_000).catch(() => {});
    const timer = setTimeout(() => this.#child.kill('SIGKILL'), 5_000);
    await this.#exited;
    clearTimeout(timer);
  }
}
