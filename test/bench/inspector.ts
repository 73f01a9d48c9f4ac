// `ws` is what Socket.IO itself runs on (socket.io → engine.io → ws), so it is always installed; Node 20
// has no WebSocket client without a flag.
import WebSocket from 'ws';

/**
 * A full garbage collection in the server process, through its inspector (started with
 * --inspect=127.0.0.1:0, loopback only). Without it, RSS before and after connecting 1,000 clients
 * differs as much by when V8 last shrank its heap as by the clients, and the per-client figure is noise.
 * Returns the JS heap in use afterwards.
 */
export async function collectGarbage(
  inspectorUrl: string,
  timeoutMs = 10_000,
): Promise<{ usedBytes: number }> {
  const ws = new WebSocket(inspectorUrl);
  const timer = setTimeout(() => ws.terminate(), timeoutMs);
  try {
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
      ws.once('close', () => reject(new Error('inspector closed the connection')));
    });
    let id = 0;
    const call = (method: string) =>
      new Promise<Record<string, unknown>>((resolve, reject) => {
        const mine = ++id;
        const onMessage = (data: WebSocket.RawData) => {
          const msg = JSON.parse(data.toString()) as {
            id?: number;
            result?: Record<string, unknown>;
            error?: { message: string };
          };
          if (msg.id !== mine) return;
          ws.off('message', onMessage);
          if (msg.error) reject(new Error(`${method}: ${msg.error.message}`));
          else resolve(msg.result ?? {});
        };
        ws.on('message', onMessage);
        ws.send(JSON.stringify({ id: mine, method }));
      });
    // Twice: the first pass may only make more garbage collectable (weak refs, finalizers).
    await call('HeapProfiler.collectGarbage');
    await call('HeapProfiler.collectGarbage');
    const usage = await call('Runtime.getHeapUsage');
    return { usedBytes: Number(usage.usedSize) };
  } finally {
    clearTimeout(timer);
    ws.close();
  }
}
