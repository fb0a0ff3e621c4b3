/**
 * Fan-out bench, baseline process: the least a server can do for the same job. A bare
 * Node HTTP server parses the poster's JSON arrays; a bare Socket.IO server (same options
 * as Nakhoda's) sends everything received on the same 100-ms tick to every client as one
 * `events:batch` with consecutive seqs. No authentication, no validation, no log, no
 * audiences. Each event has the fields Nakhoda's `incident.reported` carries (constant
 * values where Nakhoda computes them), so both send payloads of about the same size.
 */
import { createServer } from 'node:http';
import { Server } from 'socket.io';
import { tell, type ToServer } from './ipc.ts';

const FLUSH_MS = 100;
const clients = Number(process.env.FANOUT_CLIENTS ?? 200);

/** What Nakhoda adds to a report when it becomes an incident, with constant values. */
const INCIDENT_FIELDS = {
  severity: 'medium',
  address: null,
  kelurahanCode: null,
  h3: '88658c1a4dfffff',
  status: 'received',
  agency: 'dsda',
  responseDueAt: '2026-12-01T00:30:00.000Z',
  resolveDueAt: '2026-12-01T12:00:00.000Z',
  firstResponseAt: null,
  resolvedAt: null,
  endedAt: null,
  notes: 0,
};

let seq = 0;
let pending: object[] = [];

const http = createServer((req, res) => {
  if (req.method !== 'POST' || req.url !== '/batch') {
    res.writeHead(404).end();
    return;
  }
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const items = JSON.parse(Buffer.concat(chunks).toString()) as Record<string, unknown>[];
    const at = new Date().toISOString();
    for (const item of items) {
      seq++;
      const id = `inc-${seq}`;
      pending.push({
        seq,
        type: 'incident.reported',
        incidentId: id,
        at,
        actor: { kind: 'token', id: 'bench-admin' },
        data: {
          incident: {
            id,
            ...INCIDENT_FIELDS,
            ...item,
            reportedAt: at,
            loggedAt: at,
            updatedAt: at,
            lastFieldAt: at,
            lastSeq: seq,
          },
        },
      });
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ results: items.map(() => ({ status: 'created' })) }));
  });
});
const io = new Server(http, { serveClient: false, maxHttpBufferSize: 64 * 1024 });
io.on('connection', (socket) => socket.emit('snapshot', { protocol: 1, seq }));
const timer = setInterval(() => {
  if (pending.length === 0) return;
  const events = pending;
  pending = [];
  const to = seq;
  io.emit('events:batch', { protocol: 1, from: to - events.length + 1, to, events });
}, FLUSH_MS);

// Ends with the coordinator, whatever happened to it (a clean exit writes the profile).
process.once('disconnect', () => process.exit(0));
let cpu = process.cpuUsage();
process.on('message', (m: ToServer) => {
  if (m.type === 'cpu') {
    const d = process.cpuUsage(cpu);
    cpu = process.cpuUsage();
    tell({
      type: 'cpu',
      cpuMs: (d.user + d.system) / 1000,
      rssMb: process.memoryUsage().rss / 2 ** 20,
    });
  } else if (m.type === 'stop') {
    clearInterval(timer);
    io.close(() => process.exit(0));
  }
});

http.listen(0, '127.0.0.1', () => {
  const addr = http.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  tell({
    type: 'ready',
    url: `http://127.0.0.1:${port}`,
    postPath: '/batch',
    postToken: null,
    clientTokens: Array.from({ length: clients }, () => null),
  });
});
