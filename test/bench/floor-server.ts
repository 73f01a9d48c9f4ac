/**
 * The machine's floor for a frame to reach every screen: a bare Socket.IO server speaking just enough of
 * the wall's protocol for the bench's clients (client-pool.ts) and latencyScenario (latency.ts), with
 * nothing of the product in between. A POST of events adds them to a count and emits one `kpi:frame` to
 * the room at once: no validation, no Redis, no aggregation, no pacing. What a lone event takes here is
 * what the 2 cores spend writing 1,000 websocket frames and the clients' processes spend reading them;
 * the product's lone-event row is read against it (run.ts, row "2  Floor …").
 *
 * Run by run.ts as `node --import tsx test/bench/floor-server.ts` with PORT in the environment.
 */
import express from 'express';
import { createServer } from 'node:http';
import { Server } from 'socket.io';
import type { Frame, KpiKey, Snapshot } from '../../shared/socket';

const RECEIVED: KpiKey = 'province|received';
const ROOM = 'feed:province';
const epoch = 'floor';
const day = new Date().toISOString().slice(0, 10) as Frame['day'];
let count = 0;
let seq = 0;

const app = express();
const http = createServer(app);
const io = new Server(http, { transports: ['websocket'] });

io.on('connection', (socket) => {
  socket.on(
    'feed:subscribe',
    (_req: unknown, ack: (r: { data: { kind: 'snapshot'; snapshot: Snapshot } }) => void) => {
      void socket.join(ROOM);
      const snapshot: Snapshot = {
        feed: 'province',
        epoch,
        seq,
        serverTime: Date.now(),
        day,
        kpis: { [RECEIVED]: [count, count, null] } as Snapshot['kpis'],
        sources: { one_stop: null, payments: null, tasks: null },
      };
      ack({ data: { kind: 'snapshot', snapshot } });
    },
  );
});

app.post('/api/v1/events', express.json({ limit: '1mb' }), (req, res) => {
  count += Array.isArray(req.body) ? req.body.length : 1;
  const frame: Frame = {
    feed: 'province',
    epoch,
    seq: ++seq,
    serverTime: Date.now(),
    day,
    kpis: { [RECEIVED]: [count, count, null] } as Frame['kpis'],
  };
  io.to(ROOM).emit('kpi:frame', frame);
  res.status(202).json({ accepted: 1 });
});
// What ServerProcess and latencyScenario ask of a server: health with the applied count, and the KPI.
app.get('/healthz', (_req, res) => res.json({ aggregator: { applied: count, batches: seq } }));
app.get('/api/v1/kpis', (_req, res) => res.json({ kpis: [{ id: 'received', value: count }] }));

http.listen(Number(process.env.PORT), '127.0.0.1');
