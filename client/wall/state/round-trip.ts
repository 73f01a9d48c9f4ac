import type { WallSocket } from '../../lib/net/connection.svelte';

const PING_TIMEOUT_MS = 3_000;

/** The round trip of one clock probe on the socket, ms; null when it went unanswered. */
export async function measureRoundTrip(socket: Pick<WallSocket, 'timeout'>): Promise<number | null> {
  const t0 = performance.now();
  try {
    const r = await socket.timeout(PING_TIMEOUT_MS).emitWithAck('clock:ping');
    return 'data' in r ? Math.round(performance.now() - t0) : null;
  } catch {
    return null;
  }
}
