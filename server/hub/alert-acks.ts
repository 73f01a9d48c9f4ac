import type { Alert } from '../../shared/alerts';
import type { Store } from '../store/types';

/** Who acknowledged an alert, and when (server time). */
export interface AlertAck {
  at: number;
  by: string;
}

/**
 * Where acknowledgements are kept, so every process's alert book (and every wall) agrees: in the store
 * (Redis: shared by every process, and kept across restarts).
 */
export interface AlertAcks {
  /** Records an acknowledgement; the first one stands. Resolves to the one that stands. */
  put(key: string, ack: AlertAck): Promise<AlertAck>;
  /** The acknowledgements stored for these keys (absent: none). */
  get(keys: readonly string[]): Promise<Map<string, AlertAck>>;
  /** Forgets acknowledgements of alerts that have cleared: the next one raised is news again. */
  forget(keys: readonly string[]): Promise<void>;
}

/**
 * What an acknowledgement is of: the alert at its severity. A warning acknowledged that becomes critical
 * flashes again (shared/alerts.ts), so its critical self has a key of its own. Not `since`: each process
 * dates an alert from when it saw it raised, and they must agree.
 */
export const ackKey = (a: Pick<Alert, 'id' | 'severity'>): string => `${a.id}|${a.severity}`;

/** An acknowledgement outlives any alert that lasts: a week. */
const ACK_TTL_MS = 7 * 86_400_000;
const valueKey = (key: string) => `alert-ack:${key}`;

/** Acknowledgements as write-once values in the store (putOnce: the first one stands, on any process). */
export function storeAcks(store: Store): AlertAcks {
  return {
    put: async (key, ack) =>
      JSON.parse(await store.putOnce(valueKey(key), JSON.stringify(ack), { ttlMs: ACK_TTL_MS })) as AlertAck,
    get: async (keys) => {
      const values = await Promise.all(keys.map((key) => store.getValue(valueKey(key))));
      const found = new Map<string, AlertAck>();
      keys.forEach((key, i) => {
        const v = values[i];
        if (v) found.set(key, JSON.parse(v) as AlertAck);
      });
      return found;
    },
    forget: (keys) => store.deleteKeys(keys.map(valueKey)),
  };
}
