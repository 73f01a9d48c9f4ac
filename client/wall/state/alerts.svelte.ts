import type { Alert } from '../../../shared/alerts';
import type { AlertList } from '../../../shared/socket';
import { connection, type WallSocket } from '../../lib/net/connection.svelte';

const ACK_TIMEOUT_MS = 5_000;
/**
 * How long one critical alert may hold the rotation unacknowledged. A control room with nobody at the
 * desk must not freeze on one scene all night: past this the alert keeps flashing on the ticker, and
 * the rotation goes on.
 */
const HOLD_MAX_MS = 10 * 60_000;

/** The alerts in force, as the server last listed them (it sends the whole list on connect and on change). */
class AlertsState {
  #socket: WallSocket;
  #list = $state.raw<AlertList>({ serverTime: 0, alerts: [], more: 0 });

  constructor(socket: WallSocket) {
    this.#socket = socket;
    socket.on('alert:list', (list) => (this.#list = list));
  }

  /** Most urgent first. */
  get alerts(): readonly Alert[] {
    return this.#list.alerts;
  }
  /** How many more are in force than listed. */
  get more(): number {
    return this.#list.more;
  }

  /** Whether a critical alert nobody has acknowledged, raised less than HOLD_MAX_MS ago, is up at `now`. */
  holdsRotation(now: number): boolean {
    return this.#list.alerts.some(
      (a) => a.severity === 'critical' && a.acknowledgedAt === undefined && now - a.since < HOLD_MAX_MS,
    );
  }

  /** Tells the server an operator has seen the alert; every wall stops flashing it. */
  async acknowledge(id: string): Promise<string | null> {
    try {
      const r = await this.#socket.timeout(ACK_TIMEOUT_MS).emitWithAck('alert:ack', { id });
      return 'error' in r ? r.error : null;
    } catch (err) {
      return (err as Error).message;
    }
  }
}

/** The page's alerts. */
export const alerts = new AlertsState(connection.socket);
