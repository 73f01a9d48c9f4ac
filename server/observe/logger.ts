import { hostname } from 'node:os';
import { pino, type Logger } from 'pino';
import { VERSION } from './version';

/**
 * The server's log: one JSON object per line on stdout, each with the same base fields (`service`,
 * `version`, `pid`, `host`), `level` as a word and `time` as an ISO instant, so journald, Loki or
 * Elasticsearch take it as it is. No pretty printer in production: `| jq` reads it.
 * LOG_LEVEL (default info) sets the threshold; tests set it to `warn` or `silent` to keep their output short.
 */
export const log: Logger = pino({
  level: process.env.LOG_LEVEL || 'info',
  base: { service: 'ioc-wall', version: VERSION, pid: process.pid, host: hostname() },
  timestamp: pino.stdTimeFunctions.isoTime,
  formatters: { level: (label) => ({ level: label }) },
  // Never a credential in a log line, whatever a caller passes.
  redact: {
    paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
    censor: '[redacted]',
  },
});

/** A part of the server's log: every line says which part wrote it (`component`). */
export const logFor = (component: string): Logger => log.child({ component });
