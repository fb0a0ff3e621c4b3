/**
 * `npm run bench:ingest`: the real server on a temp SQLite file; N reports posted over
 * HTTP with C in flight; measures throughput, request latency, and how long each report
 * takes to reach a connected Socket.IO client (post sent → event received).
 */
import { io } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/contract.ts';
import type { Socket } from 'socket.io-client';
import { loadConfig } from '../../server/config.ts';
import { startNakhoda } from '../../server/nakhoda.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { summary } from './synthetic.ts';

const TOKEN = 'bench-admin-token-0123456789abcdef';
const N = Number(process.env.BENCH_N ?? 5000);

const dir = mkdtempSync(join(tmpdir(), 'nakhoda-ingest-'));
const nakhoda = await startNakhoda(
  loadConfig({
    PORT: '0',
    DATABASE_URL: `sqlite:${join(dir, 'bench.db')}`,
    SIMULATOR: 'off',
    NAKHODA_ADMIN_TOKEN: TOKEN,
    RATE_INGEST_PER_MIN: '10000000',
    RATE_INGEST_IP_PER_MIN: '10000000',
  }),
  { log: () => undefined },
);
const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(nakhoda.url, {
  transports: ['websocket'],
  auth: { token: TOKEN },
});
await new Promise<void>((r) => socket.once('snapshot', () => r()));
const sentAt = new Map<string, number>();
const delivery: number[] = [];
let batches = 0;
socket.on('events:batch', (b) => {
  batches++;
  const t = performance.now();
  for (const e of b.events) {
    if (e.type !== 'incident.reported') continue;
    const ext = e.data.incident.externalId;
    const s = ext ? sentAt.get(ext) : undefined;
    if (s !== undefined) delivery.push(t - s);
  }
});

for (const concurrency of [1, 16]) {
  delivery.length = 0;
  batches = 0;
  const latency: number[] = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < N) {
        const i = next++;
        const externalId = `c${concurrency}-${i}`;
        const body = JSON.stringify({
          source: 'jaki',
          externalId,
          category: 'road_damage',
          description: 'Jalan berlubang',
          location: { lon: 106.72 + (i % 100) * 0.0025, lat: -6.3 + (i % 97) * 0.002 },
        });
        const s = performance.now();
        sentAt.set(externalId, s);
        const res = await fetch(`${nakhoda.url}/api/v1/incidents`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
          body,
        });
        await res.arrayBuffer();
        if (res.status !== 201) throw new Error(`status ${res.status}`);
        latency.push(performance.now() - s);
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  while (delivery.length < N) await new Promise((r) => setTimeout(r, 20));
  const l = summary(latency);
  const d = summary(delivery);
  console.log(
    `${N} reports, ${concurrency} in flight: ${(N / seconds).toFixed(0)} reports/s; request p50 ${l.median.toFixed(1)} ms, p90 ${l.p90.toFixed(1)} ms;` +
      ` post→socket p50 ${d.median.toFixed(0)} ms, p90 ${d.p90.toFixed(0)} ms; ${batches} batches`,
  );
}
socket.disconnect();
await nakhoda.close();
rmSync(dir, { recursive: true, force: true });
