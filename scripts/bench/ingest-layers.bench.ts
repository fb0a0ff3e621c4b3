/**
 * `npm run bench:layers`: where a single-report post spends its time, by layers measured in
 * the same minutes, each run alternating them so the machine's noise falls on all alike:
 *
 * - **bare**: a bare Node HTTP server that reads and parses the same JSON body and answers
 *   201 (the baseline), loaded by wrk like the real server;
 * - **http**: the real server on a temporary SQLite file over HTTP (wrk, 64 connections,
 *   admin token), as `bench:http single`;
 * - **service**: the same server's ingest service called in-process by 64 concurrent
 *   callers with the same reports (a supervisor principal): validation, group commit,
 *   the durable append and the live projection, with no HTTP at all;
 * - **unlinked**: the same service with DUPLICATE_LINKS off, so `service` − `unlinked` is what
 *   the automatic duplicate link (the H3 lookup and, for a repeat, two more events) costs.
 *
 * 1/http − 1/service is what HTTP costs a report in this server (Node's HTTP, Express,
 * middleware, authentication, the response); 1/service is what deciding and storing it
 * costs. Prints each run and the medians; BENCH_OUT writes the JSON.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemPrincipal } from '../../shared/domain/access.ts';
import { loadConfig } from '../../server/config.ts';
import { startNakhoda } from '../../server/nakhoda.ts';
import { acknowledged, wrk } from './wrk.ts';

const TOKEN = 'bench-admin-token-0123456789abcdef';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const CONNS = 64;

/** `unlinked`: the service with DUPLICATE_LINKS off, to see what the automatic link costs. */
type Layer = 'bare' | 'http' | 'service' | 'unlinked';

/**
 * BENCH_PLACES=distinct: every in-process report at a place of its own (a 70 m grid over the
 * city), so the duplicate lookup runs for each and never links; by default the places
 * ingest.wrk.lua posts to, which repeat, so nearly every report is linked (the worst case).
 */
const DISTINCT = process.env.BENCH_PLACES === 'distinct';
const GRID_M = 70 / 111_195;

/** The report ingest.wrk.lua posts, for the in-process callers. */
const report = (run: string, caller: number, i: number) => {
  const k = caller * 5_000 + i;
  return {
    source: 'jaki',
    externalId: `${run}-${caller}-${i}`,
    category: 'road_damage',
    description: 'Jalan berlubang',
    location: DISTINCT
      ? { lon: 106.7 + (k % 400) * GRID_M, lat: -6.32 + Math.floor(k / 400) * GRID_M }
      : { lon: 106.72 + (i % 100) * 0.0025, lat: -6.3 + (i % 97) * 0.002 },
  };
};

async function bare(run: string): Promise<number> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      try {
        JSON.parse(Buffer.concat(chunks).toString('utf8'));
        res.writeHead(201, { 'content-type': 'application/json' });
        res.end('{"ok":true}');
      } catch {
        res.writeHead(400).end();
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  try {
    const { port } = server.address() as AddressInfo;
    const r = await wrk({
      url: `http://127.0.0.1:${port}/`,
      token: TOKEN,
      connections: CONNS,
      seconds: SECONDS,
      batch: 0,
      runId: run,
    });
    return acknowledged(r, 0) / r.seconds;
  } finally {
    await new Promise((r) => server.close(r));
  }
}

/** Reports the service linked as duplicates in the last run (the grid's places repeat). */
let linkedLastRun = 0;

async function real(layer: 'http' | 'service' | 'unlinked', run: string): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'nakhoda-layers-'));
  const nakhoda = await startNakhoda(
    loadConfig({
      PORT: '0',
      DATABASE_URL: `sqlite:${join(dir, 'bench.db')}`,
      SIMULATOR: 'off',
      DUPLICATE_LINKS: layer === 'unlinked' ? 'off' : 'on',
      NAKHODA_ADMIN_TOKEN: TOKEN,
      RATE_INGEST_PER_MIN: '100000000',
      RATE_INGEST_IP_PER_MIN: '100000000',
    }),
    { log: () => undefined },
  );
  try {
    let reports: number;
    let seconds: number;
    if (layer === 'http') {
      const r = await wrk({
        url: `${nakhoda.url}/api/v1/incidents`,
        token: TOKEN,
        connections: CONNS,
        seconds: SECONDS,
        batch: 0,
        runId: run,
      });
      reports = acknowledged(r, 0);
      seconds = r.seconds;
    } else {
      const principal = systemPrincipal('bench');
      const until = performance.now() + SECONDS * 1000;
      const t0 = performance.now();
      let created = 0;
      await Promise.all(
        Array.from({ length: CONNS }, async (_, caller) => {
          for (let i = 0; performance.now() < until; i++) {
            const res = await nakhoda.app.service.report(report(run, caller, i), principal);
            if (!res.ok) throw new Error(res.error.message);
            created++;
          }
        }),
      );
      reports = created;
      seconds = (performance.now() - t0) / 1000;
    }
    linkedLastRun = 0;
    for (const i of nakhoda.app.service.projection.incidents.values())
      if (i.duplicateOf) linkedLastRun++;
    const inLog = await nakhoda.store.latestSeq();
    if (inLog < reports) throw new Error(`${reports} acknowledged but ${inLog} in the log`);
    return reports / seconds;
  } finally {
    await nakhoda.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const layers: Layer[] = ['bare', 'http', 'service', 'unlinked'];
const results: Record<Layer, number[]> = { bare: [], http: [], service: [], unlinked: [] };
const loads: number[] = [];
for (let i = 0; i < RUNS; i++) {
  for (const layer of layers) {
    loads.push(loadavg()[0]!);
    const run = `l${i}${layer}`;
    const perSecond = layer === 'bare' ? await bare(run) : await real(layer, run);
    results[layer].push(perSecond);
    const linked = layer === 'bare' ? '' : `; ${linkedLastRun} linked as duplicates`;
    console.log(
      `run ${i + 1} ${layer}: ${perSecond.toFixed(0)} /s; load ${loads.at(-1)!.toFixed(2)}${linked}`,
    );
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const med = {
  bare: median(results.bare),
  http: median(results.http),
  service: median(results.service),
  unlinked: median(results.unlinked),
};
const us = (perSecond: number) => 1e6 / perSecond;
console.log(
  `\nmedians of ${RUNS} (${SECONDS} s each), load ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)}:`,
);
console.log('| Layer | Per second | µs each | Share of a report over HTTP |');
console.log('| --- | --- | --- | --- |');
console.log(
  `| Bare Node HTTP + JSON.parse | ${med.bare.toFixed(0)} | ${us(med.bare).toFixed(0)} | – |`,
);
console.log(
  `| Real server over HTTP | ${med.http.toFixed(0)} | ${us(med.http).toFixed(0)} | 100 % |`,
);
const httpCost = us(med.http) - us(med.service);
console.log(
  `| Ingest service in-process (decide + append) | ${med.service.toFixed(0)} | ${us(med.service).toFixed(0)} | ${((us(med.service) / us(med.http)) * 100).toFixed(0)} % |`,
);
console.log(
  `| HTTP in the server (difference) | – | ${httpCost.toFixed(0)} | ${((httpCost / us(med.http)) * 100).toFixed(0)} % |`,
);
console.log(
  `real server over HTTP = ${((med.http / med.bare) * 100).toFixed(1)} % of the bare server`,
);
console.log(
  `ingest service without the automatic duplicate link: ${med.unlinked.toFixed(0)} /s (${us(med.unlinked).toFixed(0)} µs each); the link costs ${(us(med.service) - us(med.unlinked)).toFixed(0)} µs a report`,
);
if (process.env.BENCH_OUT) {
  writeFileSync(
    process.env.BENCH_OUT,
    JSON.stringify({ SECONDS, RUNS, results, median: med, loads }, null, 2),
  );
}
