/**
 * The long soak's socket clients, in a process of their own (forked by long-run.soak.ts)
 * so their work and memory are not the server's: SOAK_CLIENTS real socket.io clients, each
 * with one of SOAK_TOKENS (comma-separated API tokens of different roles), each checking
 * that the log reaches it without a hole (seq-checker.ts) and closing gaps with
 * `stream:resume` as a screen does. Answers the parent's IPC messages: `sample` (counts
 * now), `drain` (wait until every client holds a given seq) and `stop`.
 */
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../../shared/contract.ts';
import { SeqChecker, type SeqCounts } from './seq-checker.ts';

const URL = process.env.SOAK_URL ?? '';
const TOKENS = (process.env.SOAK_TOKENS ?? '').split(',').filter(Boolean);
const COUNT = Number(process.env.SOAK_CLIENTS ?? 50);
const RESUME_TIMEOUT_MS = 10_000;
const RESUME_RETRY_MS = 1_000;

if (!URL || TOKENS.length === 0 || !process.send) {
  console.error('clients.ts is forked by long-run.soak.ts (needs SOAK_URL, SOAK_TOKENS, IPC)');
  process.exit(2);
}

interface Client {
  socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  checker: SeqChecker;
  connected: boolean;
  disconnects: number;
  connectErrors: number;
  /** `incident.reported` events in its live batches: the report rate the soak ran at. */
  reports: number;
}

function connect(token: string): Client {
  const socket: Client['socket'] = io(URL, { transports: ['websocket'], auth: { token } });
  const client: Client = {
    socket,
    checker: new SeqChecker(),
    connected: false,
    disconnects: 0,
    connectErrors: 0,
    reports: 0,
  };
  const resume = (after: number | null) => {
    if (after === null) return;
    socket.timeout(RESUME_TIMEOUT_MS).emit('stream:resume', { after }, (err, res) => {
      if (err || !res.ok) {
        const again = client.checker.onResumeFailed();
        setTimeout(() => resume(again), RESUME_RETRY_MS);
        return;
      }
      resume(client.checker.onResumed(res.data));
    });
  };
  socket.on('connect', () => (client.connected = true));
  socket.on('disconnect', () => {
    client.connected = false;
    client.disconnects++;
  });
  socket.on('connect_error', () => client.connectErrors++);
  socket.on('snapshot', (s) => resume(client.checker.onSnapshot(s.seq)));
  socket.on('events:batch', (b) => {
    for (const e of b.events) if (e.type === 'incident.reported') client.reports++;
    resume(client.checker.onBatch(b));
  });
  socket.on('heartbeat', (h) => resume(client.checker.onHeartbeat(h.seq)));
  return client;
}

const clients = Array.from({ length: COUNT }, (_, i) => connect(TOKENS[i % TOKENS.length]!));

export interface ClientsSample {
  clients: number;
  connected: number;
  /** Connected, nothing lost, every batch well-formed. */
  ok: number;
  totals: Omit<SeqCounts, 'seq'> & { disconnects: number; connectErrors: number };
  minSeq: number;
  maxSeq: number;
  /** Reports the first client saw in live batches, in all. */
  reportsSeen: number;
  rssMB: number;
}

function sample(): ClientsSample {
  const totals = {
    batches: 0,
    events: 0,
    repeated: 0,
    gaps: 0,
    resumedEvents: 0,
    bySnapshot: 0,
    lost: 0,
    resumeFailures: 0,
    malformed: 0,
    disconnects: 0,
    connectErrors: 0,
  };
  let ok = 0;
  let connected = 0;
  for (const c of clients) {
    const { seq: _seq, ...counts } = c.checker.counts;
    for (const [k, v] of Object.entries(counts)) totals[k as keyof typeof counts] += v;
    totals.disconnects += c.disconnects;
    totals.connectErrors += c.connectErrors;
    if (c.connected) connected++;
    if (c.connected && counts.lost === 0 && counts.malformed === 0) ok++;
  }
  const seqs = clients.map((c) => c.checker.counts.seq);
  return {
    clients: clients.length,
    connected,
    ok,
    totals,
    minSeq: Math.min(...seqs),
    maxSeq: Math.max(...seqs),
    reportsSeen: clients[0]?.reports ?? 0,
    rssMB: process.memoryUsage().rss / 1048576,
  };
}

/** Waits (up to `timeoutMs`) until every client holds `seq`; answers how many do not. */
async function drain(seq: number, timeoutMs: number): Promise<number> {
  const behind = () => clients.filter((c) => c.checker.counts.seq < seq).length;
  const until = Date.now() + timeoutMs;
  while (behind() > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 200));
  return behind();
}

type Request =
  { type: 'sample' } | { type: 'drain'; seq: number; timeoutMs: number } | { type: 'stop' };

process.on('message', (msg: Request) => {
  if (msg.type === 'sample') process.send!({ type: 'sample', sample: sample() });
  if (msg.type === 'drain')
    void drain(msg.seq, msg.timeoutMs).then((behind) =>
      process.send!({ type: 'drained', behind, sample: sample() }),
    );
  if (msg.type === 'stop') {
    for (const c of clients) c.socket.disconnect();
    process.exit(0);
  }
});
// A soak that dies takes its clients along.
process.on('disconnect', () => process.exit(0));
process.send({ type: 'started', clients: clients.length });
