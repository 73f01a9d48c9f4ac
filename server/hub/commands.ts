import { z } from 'zod';
import { allows, type Need } from '../../shared/access';
import type { AuditAction } from '../../shared/admin';
import { COMMANDS, type Ack, type ClientToServerEvents } from '../../shared/socket';
import type { AuditLog } from '../audit/audit-log';
import { problemOf } from '../validation';
import type { IoServer, IoSocket } from './io';
import { logFor } from '../observe/logger';

const logger = logFor('commands');

/** A command a screen sends (shared/socket.ts ClientToServerEvents). */
export type CommandName = keyof ClientToServerEvents;
type Args<C extends CommandName> = Parameters<ClientToServerEvents[C]>;
/** What a command answers in its ack (`Ack<T>`); null for a command sent without one. */
export type ReplyOf<C extends CommandName> =
  Args<C> extends [...unknown[], (r: Ack<infer T>) => void] ? T : null;
/** What a command carries before its ack; undefined for one that carries nothing (`clock:ping`). */
export type RequestOf<C extends CommandName> =
  Args<C> extends [infer R, ...unknown[]]
    ? R extends (...a: never[]) => unknown
      ? undefined
      : R
    : undefined;

/** A handler's answer: sync where it must be (see `feed:subscribe`), or a promise. */
export type Answer<C extends CommandName> = Ack<ReplyOf<C>> | Promise<Ack<ReplyOf<C>>>;

/** One command: its name, the schema its request must pass, and what it does. */
export interface Command<C extends CommandName = CommandName> {
  readonly name: C;
  readonly request: z.ZodType<RequestOf<C>>;
  readonly handle: (req: never, socket: IoSocket) => Answer<C>;
  /** The words before the error's own when the handler fails ("cannot list the screens now"). */
  readonly failure: string;
}

/** The request of a command that carries none. */
export const NO_REQUEST = z.undefined();

/**
 * Defines a command of the contract: `handle` gets the request as `request` parsed it, and the socket
 * (its principal already allowed by COMMANDS). It answers `{ data }` or `{ error }`, or throws.
 */
export function defineCommand<C extends CommandName, S extends z.ZodType<RequestOf<C>>>(
  name: C,
  request: S,
  handle: (req: z.output<S>, socket: IoSocket) => Answer<C>,
  failure = `${name} failed`,
): Command<C> {
  return { name, request, handle, failure };
}

type Reply = (r: Ack<unknown>) => void;
/** The ack a client sent with an event: always its last argument, when it sent one. */
const replyOf = (args: unknown[]): Reply | null =>
  typeof args.at(-1) === 'function' ? (args.at(-1) as Reply) : null;

/**
 * The one door of every command: the role COMMANDS asks for (a refusal is audited), the audit line of a
 * steering command, the request checked by its schema, then the handler, whose every failure, thrown or
 * rejected, is answered `{ error }`: a store that is away must never end the process.
 */
export function installCommands(io: IoServer, commands: readonly Command[], audit: AuditLog): void {
  const byName = new Map<string, Command>();
  for (const c of commands) {
    if (byName.has(c.name)) throw new Error(`command "${c.name}" is defined twice`);
    byName.set(c.name, c);
  }
  io.on('connection', (socket) => {
    // Every event a screen sends goes through this one function, and no further: one listener per socket
    // rather than one per command (a wall fleet holds thousands of sockets; each listener is a closure
    // and an array on every one of them). An event no command answers is refused, not dropped in silence.
    socket.use(([event, ...args]) => {
      const c = typeof event === 'string' ? byName.get(event) : undefined;
      // Whatever a client sends arrives here unchecked: the door's parsing is what types it.
      if (c) door(c, socket, args, audit);
      else refuse(socket, audit, String(event), null, replyOf(args));
    });
  });
}

function door(c: Command, socket: IoSocket, args: unknown[], audit: AuditLog): void {
  const reply = replyOf(args);
  if (reply) args.pop();
  const answer = (r: Ack<unknown>) => reply?.(r);
  const rule: { need: Need; audit?: AuditAction } = COMMANDS[c.name];
  if (!allows(socket.data.principal, rule.need)) return refuse(socket, audit, c.name, rule.need, reply);
  // Written before the handler runs, as the guard always did: the attempt is what the log keeps.
  if (rule.audit) void audit.bySocket(socket, { action: rule.audit, target: targetOf(args[0]) });
  const parsed = c.request.safeParse(args[0]);
  if (!parsed.success) return answer({ error: problemOf(parsed.error) });
  const failed = (err: unknown) => answer({ error: `${c.failure}: ${messageOf(err)}` });
  let out: Answer<CommandName>;
  try {
    out = c.handle(parsed.data as never, socket);
  } catch (err) {
    return failed(err);
  }
  // A sync answer goes in the same tick: `feed:subscribe` joins its room and answers with no frame between.
  if (!(out instanceof Promise)) return answer(out);
  out.then(answer, failed).catch((err: unknown) => logger.error({ err, command: c.name }, 'command failed'));
}

function refuse(
  socket: IoSocket,
  audit: AuditLog,
  event: string,
  need: Need | null,
  reply: Reply | null,
): void {
  void audit.bySocket(socket, {
    action: 'access.refused',
    target: event.slice(0, 64),
    detail: need ? `needs ${need}` : 'unknown command',
  });
  reply?.({ error: need ? `forbidden: "${event}" needs the ${need} role` : `unknown command "${event}"` });
}

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** The thing a command acts on, for the audit line (an alert id, a screen). */
function targetOf(arg: unknown): string | null {
  if (!arg || typeof arg !== 'object') return null;
  const a = arg as { id?: unknown; target?: unknown };
  const target = a.target ?? a.id;
  return target === undefined ? null : String(target).slice(0, 128);
}
