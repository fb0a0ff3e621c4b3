/**
 * One fan-out case: a server process (Nakhoda or the bare baseline), the clients in
 * their own processes, and a poster process at a fixed rate; returns what the clients
 * measured. The benchmark and the CI smoke test both run cases through here.
 */
import { loadavg } from 'node:os';
import type { ChildProcess } from 'node:child_process';
import {
  exited,
  nextMessage,
  startProcess,
  type ClientsConnected,
  type ClientsStats,
  type PostDone,
  type PostPlan,
  type ServerCpu,
  type ServerReady,
  type ToClients,
  type ToServer,
} from './ipc.ts';
import { LatencyHistogram } from './load.ts';

export type Target = 'nakhoda' | 'baseline';

export interface CaseOptions {
  target: Target;
  clients: number;
  /** Reports a second. */
  rate: number;
  seconds: number;
  /** Posted before the measured seconds at the same rate (default 2 s). */
  warmupSeconds?: number;
  /** Processes the clients are spread over. */
  clientProcesses?: number;
  sliceMs?: number;
  /** After the last post, the clients wait for the rest until nothing arrives for this long. */
  stallMs?: number;
  /** Folder where the server process writes a `--cpu-prof` profile; none when absent. */
  profileDir?: string;
  /** Nakhoda's audiences: 'mixed' (seven audiences) or 'admin' (one). */
  mix?: 'mixed' | 'admin';
  /** How clients read batches: 'scan' (seqs and ids, the default) or 'full' (JSON.parse). */
  decode?: 'scan' | 'full';
  /** Extra environment for the server process (its configuration). */
  serverEnv?: Record<string, string>;
}

export interface CaseResult {
  target: Target;
  clients: number;
  rate: number;
  seconds: number;
  mix: string;
  decode: string;
  load1: { start: number; end: number };
  sent: number;
  created: number;
  failedRequests: number;
  /** Events every client should have received (created × clients) and did receive. */
  expectedDeliveries: number;
  deliveries: number;
  deliveredPct: number;
  clientsComplete: number;
  gaps: number;
  disconnects: number;
  disconnectReasons: Record<string, number>;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  batchesPerClient: number;
  bytesPerEvent: number;
  serverCpuPct: number;
  serverRssMb: number;
  /** Each client process's CPU while the reports flowed, % of one core. */
  clientCpuPct: number[];
  requestP50Ms: number;
  requestP99Ms: number;
  posterLateMs: number;
}

let runs = 0;

export async function runFanoutCase(o: CaseOptions): Promise<CaseResult> {
  const procs = Math.max(1, Math.min(o.clientProcesses ?? 2, o.clients));
  const mix = o.mix ?? 'mixed';
  const run = `f${process.pid}r${++runs}`;
  const started: ChildProcess[] = [];
  const load1Start = loadavg()[0]!;
  try {
    const server = startProcess(`./${o.target}-server.ts`, {
      execArgv: o.profileDir ? ['--cpu-prof', '--cpu-prof-dir', o.profileDir] : [],
      env: { FANOUT_CLIENTS: String(o.clients), FANOUT_MIX: mix, ...o.serverEnv },
    });
    started.push(server);
    const ready = await nextMessage<ServerReady>(server, 'ready');

    const clientProcs = Array.from({ length: procs }, () => startProcess('./clients.ts'));
    started.push(...clientProcs);
    await Promise.all(
      clientProcs.map((p, i) => {
        const tokens = ready.clientTokens.filter((_, k) => k % procs === i);
        p.send({
          type: 'connect',
          url: ready.url,
          tokens,
          run,
          decode: o.decode ?? 'scan',
        } satisfies ToClients);
        return nextMessage<ClientsConnected>(p, 'connected', 120_000);
      }),
    );

    const poster = startProcess('./poster.ts');
    started.push(poster);
    const measuring = nextMessage<{ type: 'measuring' }>(poster, 'measuring', 120_000);
    const done = nextMessage<PostDone>(
      poster,
      'done',
      ((o.warmupSeconds ?? 2) + o.seconds + 120) * 1000,
    );
    poster.send({
      type: 'post',
      url: ready.url,
      path: ready.postPath,
      token: ready.postToken,
      run,
      rate: o.rate,
      seconds: o.seconds,
      warmupSeconds: o.warmupSeconds ?? 2,
      sliceMs: o.sliceMs ?? 20,
    } satisfies PostPlan);
    // Server CPU while the measured reports are posted (warm-up and draining left out).
    await measuring;
    server.send({ type: 'cpu' } satisfies ToServer);
    await nextMessage<ServerCpu>(server, 'cpu');
    const t0 = performance.now();
    const posted = await done;
    server.send({ type: 'cpu' } satisfies ToServer);
    const cpu = await nextMessage<ServerCpu>(server, 'cpu');
    const wallMs = performance.now() - t0;
    const stallMs = o.stallMs ?? 15_000;
    const stats = await Promise.all(
      clientProcs.map((p) => {
        p.send({ type: 'expect', count: posted.created, stallMs } satisfies ToClients);
        return nextMessage<ClientsStats>(p, 'stats', 30 * 60_000);
      }),
    );
    server.send({ type: 'stop' } satisfies ToServer);
    await Promise.all(started.map(exited));

    const histogram = new LatencyHistogram();
    for (const s of stats) histogram.merge(s.latency, s.maxMs);
    const deliveries = stats.reduce((n, s) => n + s.received, 0);
    const expectedDeliveries = posted.created * o.clients;
    return {
      target: o.target,
      clients: o.clients,
      rate: o.rate,
      seconds: o.seconds,
      mix: o.target === 'baseline' ? 'one room' : mix,
      decode: o.decode ?? 'scan',
      load1: { start: load1Start, end: loadavg()[0]! },
      sent: posted.sent,
      created: posted.created,
      failedRequests: posted.failedRequests,
      expectedDeliveries,
      deliveries,
      deliveredPct: expectedDeliveries ? (100 * deliveries) / expectedDeliveries : 0,
      clientsComplete: stats.reduce((n, s) => n + s.complete, 0),
      gaps: stats.reduce((n, s) => n + s.gaps, 0),
      disconnects: stats.reduce((n, s) => n + s.disconnects, 0),
      disconnectReasons: stats.reduce<Record<string, number>>((all, s) => {
        for (const [k, v] of Object.entries(s.disconnectReasons)) all[k] = (all[k] ?? 0) + v;
        return all;
      }, {}),
      p50Ms: histogram.quantile(0.5),
      p99Ms: histogram.quantile(0.99),
      maxMs: histogram.max,
      batchesPerClient: stats.reduce((n, s) => n + s.batches, 0) / o.clients,
      bytesPerEvent: stats[0]!.bytesPerEvent,
      serverCpuPct: (100 * cpu.cpuMs) / wallMs,
      serverRssMb: cpu.rssMb,
      clientCpuPct: stats.map((s) => s.cpuPct),
      requestP50Ms: posted.requestP50,
      requestP99Ms: posted.requestP99,
      posterLateMs: posted.lateMs,
    };
  } finally {
    for (const p of started) if (p.exitCode === null && p.signalCode === null) p.kill();
  }
}
