/**
 * Fan-out bench, client process: real socket.io-client sockets (websocket transport, as
 * the screens use), each checking that events follow one another with no gap in seq
 * and counting this run's reports; the latency of each report is the receive instant
 * minus the send instant stamped in its external id. Several of these processes may
 * share the clients, so their parsing does not all sit on one event loop.
 */
import { io, type Socket } from 'socket.io-client';
import { benchParser, type LightEvent } from './batch-decoder.ts';
import { tell, type ToClients } from './ipc.ts';
import { LatencyHistogram, sharedNow, stampOf } from './load.ts';

/** What the clients read of a batch: a full one in `full` mode, seqs and ids in `scan`. */
interface Batch {
  events: LightEvent[];
}

interface Client {
  socket: Socket;
  /** The last seq this client holds; null until its snapshot has come. */
  seq: number | null;
  received: number;
}

const histogram = new LatencyHistogram();
const clients: Client[] = [];
let gaps = 0;
let disconnects = 0;
const disconnectReasons: Record<string, number> = {};
let batches = 0;
let bytes = 0;
let bytesEvents = 0;
let run = '';
/** CPU and wall time from the moment every client had joined, to tell a busy generator. */
let cpuFrom = process.cpuUsage();
let wallFrom = performance.now();

function connect(
  url: string,
  token: string | null,
  decode: 'scan' | 'full',
  first: boolean,
): Promise<Client> {
  const socket = io(url, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    auth: token === null ? {} : { token },
    // Payload size is noted on one client only, the same for every client.
    parser: benchParser(decode, (chars) => {
      if (first) bytes += chars;
    }),
  });
  const c: Client = { socket, seq: null, received: 0 };
  // Batches that come before the snapshot wait for it, as in the browser's store.
  const early: { b: Batch; t: number }[] = [];
  const apply = (b: Batch, t: number) => {
    for (const e of b.events) {
      // What the snapshot already reflects is skipped.
      if (e.seq <= c.seq!) continue;
      // Any seq but the next is a gap; with no gap and the expected count, each event
      // arrived exactly once.
      if (e.seq !== c.seq! + 1) gaps++;
      c.seq = e.seq;
      if (e.type !== 'incident.reported') continue;
      const sentAt = stampOf(e.data.incident?.externalId, run);
      if (sentAt === null) continue;
      c.received++;
      histogram.add(t - sentAt);
    }
  };
  socket.on('events:batch', (b: Batch) => {
    const t = sharedNow();
    batches++;
    if (first) bytesEvents += b.events.length;
    if (c.seq === null) early.push({ b, t });
    else apply(b, t);
  });
  socket.on('disconnect', (reason) => {
    disconnects++;
    disconnectReasons[reason] = (disconnectReasons[reason] ?? 0) + 1;
  });
  return new Promise((resolve, reject) => {
    socket.once('connect_error', reject);
    // The snapshot says the seq it reflects (a bare baseline sends just that).
    socket.once('snapshot', (s: { seq: number }) => {
      c.seq = s.seq;
      for (const { b, t } of early.splice(0)) apply(b, t);
      resolve(c);
    });
  });
}

/**
 * Waits until every client has `count` events, or nothing more has arrived for
 * `stallMs` (a lost event never comes; a slow server still makes progress).
 */
async function expectAll(count: number, stallMs: number) {
  const total = () => clients.reduce((n, c) => n + c.received, 0);
  let last = total();
  let lastChange = Date.now();
  while (clients.some((c) => c.received < count) && Date.now() - lastChange < stallMs) {
    await new Promise((r) => setTimeout(r, 50));
    if (total() !== last) {
      last = total();
      lastChange = Date.now();
    }
  }
  const cpu = process.cpuUsage(cpuFrom);
  tell({
    type: 'stats',
    cpuPct: (100 * (cpu.user + cpu.system)) / 1000 / (performance.now() - wallFrom),
    clients: clients.length,
    received: clients.reduce((n, c) => n + c.received, 0),
    complete: clients.filter((c) => c.received === count).length,
    gaps,
    disconnects,
    disconnectReasons,
    latency: histogram.sparse(),
    maxMs: histogram.max,
    batches,
    bytesPerEvent: bytesEvents ? bytes / bytesEvents : 0,
  });
  for (const c of clients) c.socket.disconnect();
  process.exit(0);
}

// Ends with the coordinator, whatever happened to it.
process.once('disconnect', () => process.exit(0));
process.on('message', (m: ToClients) => {
  if (m.type === 'connect') {
    run = m.run;
    // A few at a time: a whole command centre connecting at once is another benchmark.
    void (async () => {
      for (let i = 0; i < m.tokens.length; i += 10) {
        const group = m.tokens.slice(i, i + 10);
        clients.push(
          ...(await Promise.all(group.map((t, k) => connect(m.url, t, m.decode, i + k === 0)))),
        );
      }
      cpuFrom = process.cpuUsage();
      wallFrom = performance.now();
      tell({ type: 'connected', clients: clients.length });
    })();
  } else if (m.type === 'expect') {
    void expectAll(m.count, m.stallMs);
  }
});
