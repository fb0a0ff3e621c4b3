/**
 * `npm run bench:cluster [single|bulk]`: the ingest benchmark of issue 10 on PostgreSQL,
 * one node against two, in the same run. Each configuration is real node processes
 * (`server/index.ts`) on a fresh database, started by the cluster tests' harness
 * (tests/support/cluster.ts: shared Redis, nginx in front). wrk loads the nodes directly,
 * its connections split evenly: nginx hashes by client address and every wrk connection
 * comes from one address, so through nginx one node would take it all. After each run the
 * bench checks that every acknowledged report is in the log and waits until every node's
 * projection has reached the log's head (each node follows the others' writes), timing
 * that catch-up. Median of BENCH_RUNS (3) runs of BENCH_SECONDS (8); JSON to BENCH_OUT.
 */
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import pg from 'pg';
import { startCluster, type Cluster } from '../../tests/support/cluster.ts';
import { ADMIN_TOKEN } from '../../tests/support/harness.ts';
import { createTestDatabase } from '../../tests/support/pg-database.ts';
import { acknowledged, wrk } from './wrk.ts';

const mode = process.argv[2] === 'bulk' ? 'bulk' : 'single';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const CONNS = Number(process.env.BENCH_CONNS ?? (mode === 'bulk' ? 8 : 64));
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const BATCH = mode === 'bulk' ? Number(process.env.BENCH_BATCH ?? 1000) : 0;
const NODES = (process.env.BENCH_NODES ?? '1,2').split(',').map(Number);
const PATH = mode === 'bulk' ? '/api/v1/incidents/batch' : '/api/v1/incidents';

async function headOf(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ seq: string }>('SELECT seq FROM log_head');
    return Number(rows[0]!.seq);
  } finally {
    await client.end();
  }
}

/** Milliseconds until every node's projection shows `head` (its /healthz seq). */
async function caughtUp(cluster: Cluster, head: number): Promise<number> {
  const start = performance.now();
  const deadline = Date.now() + 120_000;
  for (;;) {
    const seqs = await Promise.all(
      cluster.nodes.map(
        async (n) => ((await (await fetch(`${n.url}/healthz`)).json()) as { seq: number }).seq,
      ),
    );
    if (seqs.every((s) => s >= head)) return performance.now() - start;
    if (Date.now() > deadline) throw new Error(`nodes at ${seqs.join(', ')}, log at ${head}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function once(nodes: number, run: number) {
  const db = await createTestDatabase();
  const cluster = await startCluster({ nodes, databaseUrl: db.url, env: { LOG_LEVEL: 'error' } });
  try {
    const load = loadavg()[0]!;
    const per = Math.max(1, Math.round(CONNS / nodes));
    const results = await Promise.all(
      cluster.nodes.map((n, i) =>
        wrk({
          url: `${n.url}${PATH}`,
          token: ADMIN_TOKEN,
          connections: per,
          seconds: SECONDS,
          batch: BATCH,
          runId: `n${nodes}r${run}w${i}`,
        }),
      ),
    );
    const reports = results.reduce((sum, r) => sum + acknowledged(r, BATCH), 0);
    const head = await headOf(db.url);
    if (head < reports) throw new Error(`${reports} acknowledged but ${head} in the log`);
    const catchUpMs = await caughtUp(cluster, head);
    const seconds = Math.max(...results.map((r) => r.seconds));
    return {
      nodes,
      reportsPerSecond: reports / seconds,
      p50: Math.max(...results.map((r) => r.p50)),
      p99: Math.max(...results.map((r) => r.p99)),
      inLog: head,
      catchUpMs,
      load1: load,
    };
  } finally {
    await cluster.close();
    await db.drop();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const rows = [];
for (let run = 0; run < RUNS; run++) {
  // Alternating configurations, so a change in the machine's load hits both alike.
  for (const nodes of NODES) {
    const r = await once(nodes, run);
    rows.push(r);
    console.log(
      `${mode} ${nodes} node${nodes > 1 ? 's' : ''} run ${run + 1}: ${r.reportsPerSecond.toFixed(0)} reports/s;` +
        ` p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms (worst node); every node at the head` +
        ` ${r.catchUpMs.toFixed(0)} ms after the load stopped; load ${r.load1.toFixed(2)}`,
    );
  }
}
for (const nodes of NODES) {
  const mine = rows.filter((r) => r.nodes === nodes);
  console.log(
    `${mode} ${nodes} node(s), median of ${mine.length}: ${median(mine.map((r) => r.reportsPerSecond)).toFixed(0)} reports/s,` +
      ` p99 ${median(mine.map((r) => r.p99)).toFixed(1)} ms, caught up ${median(mine.map((r) => r.catchUpMs)).toFixed(0)} ms`,
  );
}
if (process.env.BENCH_OUT) {
  writeFileSync(process.env.BENCH_OUT, JSON.stringify({ mode, CONNS, SECONDS, rows }, null, 2));
}
