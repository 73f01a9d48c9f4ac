import { log } from './logger';

/** The most a shutdown may take, Redis up or down: systemd's TimeoutStopSec and orchestrators wait 10 s. */
export const SHUTDOWN_LIMIT_MS = 9_000;

/**
 * On SIGTERM or SIGINT: runs `close` (drain and release) once, and exits 0 when it is done, or 1 at
 * the limit whatever is still hanging (a Redis that is down never answers a QUIT).
 */
export function exitOnSignals(
  close: (signal: NodeJS.Signals) => Promise<void>,
  { limitMs = SHUTDOWN_LIMIT_MS, exit = (code: number) => process.exit(code) } = {},
): void {
  let closing = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    const started = Date.now();
    log.info({ signal }, 'closing');
    const limit = setTimeout(() => {
      log.error({ signal, limitMs }, 'not closed in time; exiting anyway');
      exit(1);
    }, limitMs);
    close(signal).then(
      () => {
        clearTimeout(limit);
        log.info({ signal, ms: Date.now() - started }, 'closed');
        exit(0);
      },
      (err: unknown) => {
        clearTimeout(limit);
        log.error({ signal, err }, 'closing failed');
        exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
