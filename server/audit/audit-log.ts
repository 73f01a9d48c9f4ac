import type { Request } from 'express';
import { actorOf, nameOf, type Principal } from '../../shared/access';
import type { AuditAction, AuditEntry, AuditPage } from '../../shared/admin';
import { principalOf } from '../auth/guard';
import type { Clock } from '../clock';
import type { IoSocket } from '../hub/io';
import type { Store } from '../store/types';
import { logFor } from '../observe/logger';

const logger = logFor('audit');

export interface AuditRecord {
  action: AuditAction;
  who: Principal | null;
  /** For a refused or failed sign-in, the login typed (the actor is then anonymous). */
  actorName?: string;
  target?: string | null;
  ip?: string | null;
  detail?: string | null;
}

/** What someone did, for `byRequest` and `bySocket` to say who and from where (unless `who` is given). */
export type Deed = Omit<AuditRecord, 'who' | 'ip'> & { who?: Principal | null };

const PAGE = 100;
/** Details are for reading, not for storing payloads: long ones are cut. */
const MAX_DETAIL = 300;

/**
 * Who signed in, paired, revoked and steered, in a capped stream of the store (Redis in production,
 * so every process writes to one log). Writing never fails the action it records: a log the store
 * cannot take is said on the console instead, since refusing a sign-in because the log is down would
 * lock everyone out.
 */
export class AuditLog {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  async record(r: AuditRecord): Promise<void> {
    const entry: Omit<AuditEntry, 'id'> = {
      at: this.clock.now(),
      action: r.action,
      actor: actorOf(r.who),
      actorName: r.actorName ?? nameOf(r.who),
      target: r.target ?? null,
      ip: r.ip ?? null,
      detail: r.detail ? r.detail.slice(0, MAX_DETAIL) : null,
    };
    try {
      await this.store.appendLog('audit', JSON.stringify(entry));
    } catch (err) {
      logger.warn({ err, entry }, 'audit entry not stored');
    }
  }

  /**
   * Records what the caller of an HTTP request did: the actor is the principal the guard found (unless
   * the deed names another, as a sign-in does), the address the request's.
   */
  byRequest(req: Request, deed: Deed): Promise<void> {
    return this.record({ who: req.res ? principalOf(req.res) : null, ip: ipOf(req), ...deed });
  }

  /** Records what a screen did through its socket: its principal, from the address it connected from. */
  bySocket(socket: IoSocket, deed: Deed): Promise<void> {
    return this.record({ who: socket.data.principal, ip: socket.handshake.address, ...deed });
  }

  /** Newest first; `before` is the id of the oldest entry already shown. */
  async page(before?: string): Promise<AuditPage> {
    const rows = await this.store.readLog('audit', { count: PAGE, before });
    const entries = rows.map(({ id, body }) => ({ id, ...(JSON.parse(body) as Omit<AuditEntry, 'id'>) }));
    return { entries, next: rows.length === PAGE ? rows[rows.length - 1]!.id : null };
  }
}

/**
 * The address a request came from, as the audit log records it (and sign-in and pairing limit): the
 * client's behind a proxy that TRUST_PROXY trusts (Express's req.ip), else the connection's.
 */
export const ipOf = (req: Pick<Request, 'ip' | 'socket'>): string | null =>
  req.ip ?? req.socket.remoteAddress ?? null;
