/**
 * `npm run bench:http [single|bulk]`: the real server on a temp SQLite file (admin
 * token, so authentication and the rate-limit paths are included), loaded by wrk from a
 * second process (64 connections, `ingest.wrk.lua`). Single posts one report a request to
 * /api/v1/incidents; bulk posts BENCH_BATCH reports a request to /api/v1/incidents/batch.
 * Each run starts a fresh server and ends by checking that every acknowledged report is
 * in the log. BENCH_GROUP_COMMIT=off commits each report alone (the baseline, same run). Prints one line a run and the median, and writes the JSON to BENCH_OUT.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../server/config.ts';
import { startNakhoda } from '../../server/nakhoda.ts';
import { acknowledged, wrk } from './wrk.ts';

const TOKEN = 'bench-admin-token-0123456789abcdef';
const mode = process.argv[2] === 'bulk' ? 'bulk' : 'single';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNS = Number(process.env.BENCH_CONNS ?? (mode === 'bulk' ? 8 : 64));
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const BATCH = mode === 'bulk' ? Number(process.env.BENCH_BATCH ?? 1000) : 0;
const GROUP_COMMIT = process.env.BENCH_GROUP_COMMIT !== 'off';

async function once(run: number) {
  const dir = mkdtempSync(join(tmpdir(), 'nakhoda-http-'));
  const nakhoda = await startNakhoda(
    loadConfig({
      PORT: '0',
      DATABASE_URL: `sqlite:${join(dir, 'bench.db')}`,
      SIMULATOR: 'off',
      NAKHODA_ADMIN_TOKEN: TOKEN,
      RATE_INGEST_PER_MIN: '100000000',
      RATE_INGEST_IP_PER_MIN: '100000000',
    }),
    { log: () => undefined, groupCommit: GROUP_COMMIT },
  );
  try {
    const path = mode === 'bulk' ? '/api/v1/incidents/batch' : '/api/v1/incidents';
    const load = loadavg()[0]!;
    const r = await wrk({
      url: `${nakhoda.url}${path}`,
      token: TOKEN,
      connections: CONNS,
      seconds: SECONDS,
      batch: BATCH,
      runId: `r${run}`,
    });
    // wrk stops mid-flight: answers it never read still committed, so the log may hold more.
    const reports = acknowledged(r, BATCH);
    const inLog = await nakhoda.store.latestSeq();
    if (inLog < reports) throw new Error(`${reports} acknowledged but ${inLog} in the log`);
    return { reportsPerSecond: reports / r.seconds, ...r, inLog, load1: load };
  } finally {
    await nakhoda.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const results = [];
for (let i = 0; i < RUNS; i++) {
  const r = await once(i);
  results.push(r);
  console.log(
    `${mode}${GROUP_COMMIT ? '' : ' (group commit off)'} run ${i + 1}: ${r.reportsPerSecond.toFixed(0)} reports/s (${r.requests} requests, ${CONNS} connections, ${SECONDS} s);` +
      ` latency p50 ${r.p50.toFixed(1)} ms, p90 ${r.p90.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms; load ${r.load1.toFixed(2)}`,
  );
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const med = {
  reportsPerSecond: median(results.map((r) => r.reportsPerSecond)),
  p50: median(results.map((r) => r.p50)),
  p99: median(results.map((r) => r.p99)),
};
console.log(
  `${mode} median of ${RUNS}: ${med.reportsPerSecond.toFixed(0)} reports/s; p50 ${med.p50.toFixed(1)} ms, p99 ${med.p99.toFixed(1)} ms`,
);
if (process.env.BENCH_OUT) {
  writeFileSync(
    process.env.BENCH_OUT,
    JSON.stringify({ mode, GROUP_COMMIT, CONNS, SECONDS, results, median: med }, null, 2),
  );
}
