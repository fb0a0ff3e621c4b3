/**
 * `npm run bench:fanout`: reports at a fixed rate to 200 websocket clients, Nakhoda
 * against a bare batched Socket.IO broadcast of the same payloads (the baseline), each
 * in its own process with the clients and the poster in others (see fanout/). For each
 * rate, FANOUT_RUNS runs of each server, alternating; the table shows medians. Then a
 * step-up (one run a rate) until Nakhoda's p99 passes 1 s, the ceiling, and a CPU
 * profile of the server at that rate (`node --cpu-prof`, a run of its own since the
 * profiler costs time). Prints one line a run and a table; writes the JSON to FANOUT_OUT.
 *
 * FANOUT_CLIENTS (200), FANOUT_RATES (250,500,1000), FANOUT_STEP (1250,1500,2000,2500,
 * 3000,4000; empty: none), FANOUT_SECONDS (10), FANOUT_RUNS (3), FANOUT_MIX (mixed|admin),
 * FANOUT_DECODE (scan|full: how clients read batches, see fanout/batch-decoder.ts),
 * FANOUT_PROFILE (on|off), FANOUT_OUT (test-output/bench/fanout.json).
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { summarizeProfile, type ProfileSummary } from './fanout/profile-summary.ts';
import { runFanoutCase, type CaseResult, type Target } from './fanout/run-case.ts';

const list = (v: string | undefined, d: string) =>
  (v ?? d)
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map(Number);
const CLIENTS = Number(process.env.FANOUT_CLIENTS ?? 200);
const RATES = list(process.env.FANOUT_RATES, '250,500,1000');
const STEP = list(process.env.FANOUT_STEP, '1250,1500,2000,2500,3000,4000');
const SECONDS = Number(process.env.FANOUT_SECONDS ?? 10);
const RUNS = Number(process.env.FANOUT_RUNS ?? 3);
const MIX = process.env.FANOUT_MIX === 'admin' ? 'admin' : 'mixed';
const DECODE = process.env.FANOUT_DECODE === 'full' ? 'full' : 'scan';
const PROFILE = process.env.FANOUT_PROFILE !== 'off';
const OUT = process.env.FANOUT_OUT ?? 'test-output/bench/fanout.json';
const CEILING_MS = 1000;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (v: number) => (v >= 10_000 ? `${(v / 1000).toFixed(1)} s` : `${Math.round(v)} ms`);

async function once(target: Target, rate: number, profileDir?: string): Promise<CaseResult> {
  const r = await runFanoutCase({
    target,
    clients: CLIENTS,
    rate,
    seconds: SECONDS,
    mix: MIX,
    decode: DECODE,
    profileDir,
  });
  console.log(
    `${target.padEnd(8)} ${rate}/s × ${CLIENTS} clients: p50 ${ms(r.p50Ms)}, p99 ${ms(r.p99Ms)}, max ${ms(r.maxMs)};` +
      ` delivered ${r.deliveredPct.toFixed(2)} % (${r.clientsComplete}/${CLIENTS} complete, ${r.gaps} gaps, ${r.disconnects} disconnects);` +
      ` server CPU ${r.serverCpuPct.toFixed(0)} %, clients ${r.clientCpuPct.map((c) => c.toFixed(0)).join('+')} %,` +
      ` ${r.bytesPerEvent.toFixed(0)} B/event;` +
      ` load ${r.load1.start.toFixed(2)}→${r.load1.end.toFixed(2)}`,
  );
  return r;
}

interface Row {
  rate: number;
  runs: number;
  nakhoda: CaseResult[];
  baseline: CaseResult[];
}

async function row(rate: number, runs: number): Promise<Row> {
  const r: Row = { rate, runs, nakhoda: [], baseline: [] };
  for (let i = 0; i < runs; i++) {
    // Alternating which goes first, so a drift in the machine's load favours neither.
    const order: Target[] = i % 2 ? ['nakhoda', 'baseline'] : ['baseline', 'nakhoda'];
    for (const t of order) r[t].push(await once(t, rate));
  }
  return r;
}

const summaryOf = (rs: CaseResult[]) => ({
  p50Ms: median(rs.map((r) => r.p50Ms)),
  p99Ms: median(rs.map((r) => r.p99Ms)),
  maxMs: median(rs.map((r) => r.maxMs)),
  deliveredPct: Math.min(...rs.map((r) => r.deliveredPct)),
  gaps: rs.reduce((n, r) => n + r.gaps, 0),
  serverCpuPct: median(rs.map((r) => r.serverCpuPct)),
  load1: rs.flatMap((r) => [r.load1.start, r.load1.end]),
});

const rows: Row[] = [];
for (const rate of RATES) rows.push(await row(rate, RUNS));
const over = (r: Row) => median(r.nakhoda.map((c) => c.p99Ms)) > CEILING_MS;
let ceiling: number | null = rows.find(over)?.rate ?? null;
for (const rate of STEP) {
  if (ceiling !== null) break;
  const r = await row(rate, 1);
  rows.push(r);
  if (over(r)) ceiling = rate;
}
// One bisection step: the ceiling lies between the last rate under the line and the first
// over it; the midpoint (one run) narrows it.
const below = ceiling === null ? null : rows.filter((r) => !over(r) && r.rate < ceiling!).at(-1);
if (ceiling !== null && below) {
  const mid = Math.round((below.rate + ceiling) / 2 / 50) * 50;
  if (mid > below.rate && mid < ceiling) {
    const r = await row(mid, 1);
    rows.push(r);
    if (over(r)) ceiling = mid;
  }
}
rows.sort((a, b) => a.rate - b.rate);

let profile: (ProfileSummary & { rate: number; run: CaseResult; file: string }) | null = null;
if (PROFILE && ceiling !== null) {
  const dir = mkdtempSync(join(tmpdir(), 'nakhoda-fanout-prof-'));
  const run = await once('nakhoda', ceiling, dir);
  // CPU.<date>.<time>.<pid>.<thread>.<n>.cpuprofile: thread 0 is the main thread (Node
  // also profiles the loader-hooks thread tsx starts).
  const file = readdirSync(dir).find((f) => /\.\d+\.0\.\d+\.cpuprofile$/.test(f));
  if (file) {
    // Kept beside the JSON, to open in Chrome DevTools' Performance panel.
    const kept = OUT.replace(/\.json$/, '') + `-${ceiling}.cpuprofile`;
    mkdirSync(dirname(kept), { recursive: true });
    copyFileSync(join(dir, file), kept);
    profile = { rate: ceiling, run, file: kept, ...summarizeProfile(kept) };
  }
  rmSync(dir, { recursive: true, force: true });
}

const table = rows.map((r) => {
  const n = summaryOf(r.nakhoda);
  const b = summaryOf(r.baseline);
  return { rate: r.rate, runs: r.runs, nakhoda: n, baseline: b, p99Ratio: n.p99Ms / b.p99Ms };
});
const loads = (xs: number[]) => `${Math.min(...xs).toFixed(1)}–${Math.max(...xs).toFixed(1)}`;
console.log(
  `\n${CLIENTS} clients (${MIX} audiences, ${DECODE} decoding), ${SECONDS} s a run; medians of the runs shown`,
);
console.log(
  '| Reports/s | Runs | Nakhoda p50 / p99 / max | Baseline p50 / p99 / max | p99 ÷ baseline | Delivered (N / B) | Server CPU (N / B) | Load avg |',
);
console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
for (const t of table) {
  const { nakhoda: n, baseline: b } = t;
  console.log(
    `| ${t.rate} | ${t.runs} | ${ms(n.p50Ms)} / ${ms(n.p99Ms)} / ${ms(n.maxMs)} | ${ms(b.p50Ms)} / ${ms(b.p99Ms)} / ${ms(b.maxMs)}` +
      ` | ${t.p99Ratio.toFixed(2)}× | ${n.deliveredPct.toFixed(1)} % / ${b.deliveredPct.toFixed(1)} %` +
      ` | ${n.serverCpuPct.toFixed(0)} % / ${b.serverCpuPct.toFixed(0)} % | ${loads([...n.load1, ...b.load1])} |`,
  );
}
const under = ceiling === null ? null : rows.filter((r) => !over(r) && r.rate < ceiling!).at(-1);
console.log(
  `ceiling (Nakhoda p99 > ${CEILING_MS} ms): ${ceiling === null ? 'not reached' : `${ceiling}/s${under ? ` (${under.rate}/s stays under)` : ''}`}`,
);
if (profile) {
  console.log(
    `\nprofile at ${profile.rate}/s (${profile.file}): ${profile.idlePct.toFixed(0)} % idle; busy time by part:`,
  );
  for (const p of profile.parts) console.log(`  ${p.pct.toFixed(1).padStart(5)} %  ${p.part}`);
  console.log('self time, top functions:');
  for (const f of profile.functions) console.log(`  ${f.pct.toFixed(1).padStart(5)} %  ${f.fn}`);
  console.log('inclusive time (our code and the socket stack):');
  for (const f of profile.inclusive) console.log(`  ${f.pct.toFixed(1).padStart(5)} %  ${f.fn}`);
}
mkdirSync(dirname(OUT), { recursive: true });
writeFileSync(
  OUT,
  JSON.stringify(
    { clients: CLIENTS, mix: MIX, decode: DECODE, seconds: SECONDS, table, ceiling, profile, rows },
    null,
    2,
  ),
);
console.log(`\nwrote ${OUT}`);
