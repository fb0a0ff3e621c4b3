/**
 * `npm run bench:browser`: what one batch costs a screen's main thread, and how long a
 * 1080p screen takes to its first map idle, in Debian's Chromium with software WebGL (as
 * the browser CI has). Everything real: the server on a temporary SQLite file, filled
 * through `POST /api/v1/incidents/batch`; the client built with the test hooks and source
 * maps (build-bench-client.ts); each page joins through the real snapshot and live store.
 *
 * 1. First idle: with BROWSER_BENCH_IDLE_INCIDENTS (10,000) in the store, each page in
 *    BROWSER_BENCH_PAGES (home, wall, ops) is opened three times at 1920×1080, timed from navigation to the
 *    map's first idle with data.
 * 2. One batch: with BROWSER_BENCH_INCIDENTS (100,000), each page takes
 *    BROWSER_BENCH_BATCHES batches of 1,000 reports (one bulk post each, dated an hour back
 *    so no alert card flies the wall's camera meanwhile). A CDP trace gives the main
 *    thread's CPU time (and busy wall time) from the task in which the batch arrived
 *    until two frames after the store applied it (main-thread-trace.ts); then two more
 *    batches run under the CPU profiler, whose frames are named through the source maps.
 *
 * BROWSER_BENCH_DISTS=label=dir,label=dir compares builds made beforehand in the same run
 * (each served by its own server on the same database, in turn); without it the current
 * sources are built into test-output/bench/client-dist. Prints tables and writes
 * test-output/bench/browser-batch.json.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../../tests/support/browser/browser.ts';
import { loadConfig } from '../../server/config.ts';
import { startNakhoda } from '../../server/nakhoda.ts';
import { armBatch, batchDone, openView } from './browser/bench-page.ts';
import { buildBenchClient } from './browser/build-bench-client.ts';
import { busyBetween, marks, parseTrace, TRACE_CATEGORIES } from './browser/main-thread-trace.ts';
import {
  mappedSelfTimes,
  mappedTotalTimes,
  sourceMapsOf,
  type CpuProfile,
} from './browser/profile-source-map.ts';
import { createIngestKey, postReports, seedReports } from './browser/seed-reports.ts';

const TOKEN = 'bench-admin-token-0123456789abcdef';
const INCIDENTS = Number(process.env.BROWSER_BENCH_INCIDENTS ?? 100_000);
const IDLE_INCIDENTS = Number(process.env.BROWSER_BENCH_IDLE_INCIDENTS ?? 10_000);
const BATCHES = Number(process.env.BROWSER_BENCH_BATCHES ?? 5);
const BATCH = 1000;
const IDLE_RUNS = Number(process.env.BROWSER_BENCH_IDLE_RUNS ?? 3);
const PROFILE_BATCHES = 2;
const PAGES = (process.env.BROWSER_BENCH_PAGES ?? '/;/wall?scenes=feed&every=600;/ops')
  .split(';')
  .filter(Boolean);
const RUN_ID = `bb${Date.now().toString(36)}`;
/** External ids of the batches follow the seeded ones, so none is a duplicate. */
let nextExternalId = INCIDENTS;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const load1 = () => Number(loadavg()[0]!.toFixed(2));

async function dists(): Promise<{ label: string; dir: string }[]> {
  const given = process.env.BROWSER_BENCH_DISTS;
  if (given) {
    return given.split(',').map((pair) => {
      const [label, dir] = pair.split('=');
      if (!label || !dir) throw new Error(`BROWSER_BENCH_DISTS: expected label=dir, got ${pair}`);
      return { label, dir };
    });
  }
  console.log('building the client (test hooks, source maps)…');
  return [{ label: 'current', dir: await buildBenchClient('test-output/bench/client-dist') }];
}

const dir = mkdtempSync(join(tmpdir(), 'nakhoda-browser-bench-'));
const db = `sqlite:${join(dir, 'bench.db')}`;
/** The ingest key that posts every report (made on the first start, kept in the database). */
let ingestKey = '';
const seedOpts = (url: string) => ({ url, token: ingestKey, runId: RUN_ID, spreadHours: 20 });

/** One server on the shared database, serving one build. */
async function serve(dist: string) {
  return startNakhoda(
    loadConfig({
      PORT: '0',
      DATABASE_URL: db,
      SIMULATOR: 'off',
      NAKHODA_ADMIN_TOKEN: TOKEN,
      STATIC_DIR: dist,
      RATE_INGEST_PER_MIN: '100000000',
      RATE_INGEST_IP_PER_MIN: '100000000',
    }),
    { log: () => undefined },
  );
}

async function headOf(url: string): Promise<number> {
  const res = await fetch(`${url}/api/v1/stats`, { headers: { authorization: `Bearer ${TOKEN}` } });
  return ((await res.json()) as { seq: number }).seq;
}

interface IdleRow {
  build: string;
  page: string;
  firstIdleMs: number[];
  load1: number;
}
interface BatchRow {
  build: string;
  page: string;
  cpuMs: number[];
  busyMs: number[];
  firstTaskMs: number[];
  spanMs: number[];
  messages: number[];
  load1: number[];
  topSelf: { name: string; pct: number }[];
  topTotal: { name: string; pct: number }[];
  /** Inclusive CPU ms per profiled batch in each stage (STAGES). */
  stagesMs: Record<string, number>;
}

/**
 * Stages of a batch, by the function that contains each (inclusive time): the socket's
 * JSON parse, the live store applying the events, React rendering the view, deck.gl
 * updating its layers (attributes) and drawing. They overlap where one calls another
 * (React's effect hands deck.gl its layers), so they do not add up to the total.
 */
const STAGES: Record<string, RegExp> = {
  'socket JSON parse': /socket\.io-parser\/.*:\d+ tryParse$/,
  'store apply': /client\/live\/live-store\.ts:\d+ ingest$/,
  'React render': /react-dom-client\.production\.js:\d+ performWorkOnRoot$/,
  'deck.gl layer update': /@deck\.gl\/core\/dist\/lib\/layer-manager\.js:\d+ _updateLayers$/,
  'deck.gl draw': /@deck\.gl\/core\/dist\/lib\/deck\.js:\d+ _drawLayers$/,
};

async function firstIdle(browser: Browser, build: string, page: string): Promise<IdleRow> {
  const nakhoda = await serve(builds.find((b) => b.label === build)!.dir);
  try {
    const head = await headOf(nakhoda.url);
    const loadAtStart = load1();
    const times: number[] = [];
    for (let i = 0; i < IDLE_RUNS; i++) {
      const view = await openView(browser, `${nakhoda.url}${page}`, TOKEN, head);
      times.push(view.firstIdleMs);
      await view.page.context().close();
    }
    return { build, page, firstIdleMs: times, load1: loadAtStart };
  } finally {
    await nakhoda.close();
  }
}

async function batches(browser: Browser, build: string, page: string): Promise<BatchRow> {
  const dist = builds.find((b) => b.label === build)!.dir;
  const nakhoda = await serve(dist);
  const row: BatchRow = {
    ...{ build, page, cpuMs: [], busyMs: [], firstTaskMs: [], spanMs: [], messages: [], load1: [] },
    ...{ topSelf: [], topTotal: [], stagesMs: {} },
  };
  try {
    let head = await headOf(nakhoda.url);
    const view = await openView(browser, `${nakhoda.url}${page}`, TOKEN, head);
    // Dated an hour back: no alert card (and no camera flight) on the wall meanwhile.
    const batchAt = { url: nakhoda.url, token: ingestKey, runId: RUN_ID, ageMs: 60 * 60 * 1000 };
    const postOne = async () => {
      await postReports(batchAt, nextExternalId, BATCH);
      nextExternalId += BATCH;
      head += BATCH;
    };
    for (let i = 0; i < BATCHES; i++) {
      await view.page.waitForTimeout(1500);
      row.load1.push(load1());
      await browser.startTracing(view.page, { categories: TRACE_CATEGORIES });
      await armBatch(view.page, head + BATCH);
      await postOne();
      const { messages } = await batchDone(view.page);
      const events = parseTrace(await browser.stopTracing());
      const [from] = marks(events, 'nk-batch-first');
      const [to] = marks(events, 'nk-batch-drawn');
      if (!from || !to) throw new Error('the trace has no nk-batch marks');
      const busy = busyBetween(events, from, to);
      row.cpuMs.push(busy.cpuMs);
      row.busyMs.push(busy.busyMs);
      row.firstTaskMs.push(busy.firstTaskMs);
      row.spanMs.push(busy.spanMs);
      row.messages.push(messages);
    }
    // Where the time goes: the same batches under the sampling profiler.
    const cdp = await view.page.context().newCDPSession(view.page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    const self = new Map<string, number>();
    const total = new Map<string, number>();
    let busyTotal = 0;
    for (let i = 0; i < PROFILE_BATCHES; i++) {
      await view.page.waitForTimeout(1500);
      await cdp.send('Profiler.start');
      await armBatch(view.page, head + BATCH);
      await postOne();
      await batchDone(view.page);
      const { profile } = (await cdp.send('Profiler.stop')) as { profile: CpuProfile };
      const mapOf = sourceMapsOf(dist);
      for (const t of mappedSelfTimes(profile, mapOf)) {
        if (t.name === '(idle)') continue;
        self.set(t.name, (self.get(t.name) ?? 0) + t.ms);
        busyTotal += t.ms;
      }
      for (const t of mappedTotalTimes(profile, mapOf))
        total.set(t.name, (total.get(t.name) ?? 0) + t.ms);
    }
    const top = (m: Map<string, number>, skip: RegExp) =>
      [...m.entries()]
        .filter(([name]) => !skip.test(name))
        .sort((a, b) => b[1] - a[1])
        .slice(0, 12)
        .map(([name, ms]) => ({ name, pct: Number(((100 * ms) / busyTotal).toFixed(1)) }));
    for (const [stage, pattern] of Object.entries(STAGES)) {
      const ms = [...total.entries()].filter(([n]) => pattern.test(n)).map(([, v]) => v);
      row.stagesMs[stage] = Number((Math.max(0, ...ms) / PROFILE_BATCHES).toFixed(1));
    }
    row.topSelf = top(self, /^\(idle\)$/);
    row.topTotal = top(total, /^\((idle|root|program|garbage collector)\)$/);
    if (view.errors.length) console.warn(`${page}: page errors`, view.errors.slice(0, 3));
    await view.page.context().close();
    return row;
  } finally {
    await nakhoda.close();
  }
}

const builds = await dists();
const browser = await launchBrowser();
const idleRows: IdleRow[] = [];
const batchRows: BatchRow[] = [];
try {
  // 1. First idle with IDLE_INCIDENTS.
  let seeder = await serve(builds[0]!.dir);
  ingestKey = await createIngestKey(seeder.url, TOKEN);
  await seedReports(seedOpts(seeder.url), IDLE_INCIDENTS);
  await seeder.close();
  for (const page of PAGES) {
    for (const { label } of builds) {
      const row = await firstIdle(browser, label, page);
      idleRows.push(row);
      console.log(
        `first idle ${label} ${page}: ${row.firstIdleMs.join(', ')} ms, load ${row.load1}`,
      );
    }
  }

  // 2. Batches on INCIDENTS.
  seeder = await serve(builds[0]!.dir);
  console.log(`seeding ${INCIDENTS} incidents…`);
  const seededAt = Date.now();
  await seedReports(seedOpts(seeder.url), INCIDENTS - IDLE_INCIDENTS, IDLE_INCIDENTS);
  console.log(`seeded in ${((Date.now() - seededAt) / 1000).toFixed(1)} s`);
  await seeder.close();
  for (const page of PAGES) {
    for (const { label } of builds) {
      const row = await batches(browser, label, page);
      batchRows.push(row);
      const cpu = row.cpuMs.map((ms) => ms.toFixed(1)).join(', ');
      console.log(
        `batch ${label} ${page}: main-thread CPU ${cpu} ms, load ${row.load1.join(', ')}`,
      );
    }
  }
} finally {
  await browser.close();
  rmSync(dir, { recursive: true, force: true });
}

console.log(`\nfirst map idle at 1920×1080 with ${IDLE_INCIDENTS} incidents (${IDLE_RUNS} runs)`);
console.log('| build | page | median s | runs s | load avg (1 min) |');
for (const r of idleRows) {
  const runs = r.firstIdleMs.map((ms) => (ms / 1000).toFixed(1)).join(', ');
  console.log(
    `| ${r.build} | ${r.page} | ${(median(r.firstIdleMs) / 1000).toFixed(1)} | ${runs} | ${r.load1} |`,
  );
}
console.log(`\none batch of ${BATCH} reports on ${INCIDENTS} incidents (${BATCHES} batches)`);
console.log(
  '| build | page | main-thread CPU ms median | min–max | busy wall ms median | arrival task wall ms | window ms | socket messages | load avg (1 min) |',
);
const range = (xs: number[]) => `${Math.min(...xs).toFixed(1)}–${Math.max(...xs).toFixed(1)}`;
for (const r of batchRows) {
  console.log(
    `| ${r.build} | ${r.page} | ${median(r.cpuMs).toFixed(1)} | ${range(r.cpuMs)} | ${median(r.busyMs).toFixed(1)} | ${median(r.firstTaskMs).toFixed(1)} | ${median(r.spanMs).toFixed(0)} | ${r.messages.join(',')} | ${r.load1.join(', ')} |`,
  );
}
console.log(`\nstages, inclusive CPU ms per batch (${PROFILE_BATCHES} profiled batches)`);
console.log(`| build | page | ${Object.keys(STAGES).join(' | ')} |`);
for (const r of batchRows)
  console.log(`| ${r.build} | ${r.page} | ${Object.values(r.stagesMs).join(' | ')} |`);
for (const r of batchRows) {
  console.log(`\n${r.build} ${r.page}: self time, % of busy during profiled batches`);
  for (const t of r.topSelf) console.log(`  ${t.pct.toFixed(1).padStart(5)}  ${t.name}`);
  console.log(`${r.build} ${r.page}: total (inclusive) time, % of busy`);
  for (const t of r.topTotal) console.log(`  ${t.pct.toFixed(1).padStart(5)}  ${t.name}`);
}
mkdirSync('test-output/bench', { recursive: true });
writeFileSync(
  'test-output/bench/browser-batch.json',
  JSON.stringify(
    { incidents: INCIDENTS, idleIncidents: IDLE_INCIDENTS, idleRows, batchRows },
    null,
    2,
  ),
);
