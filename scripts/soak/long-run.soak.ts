/**
 * `npm run soak:long -- MINUTES` (default 60): the long run of issue 10. The real server in
 * its own process (simulator at LONG_SOAK_RATE reports a minute, workflows at
 * LONG_SOAK_SPEED), LONG_SOAK_CLIENTS socket.io clients in another process each checking
 * that the log reaches it without a hole, and a paired wall plus a supervisor console in
 * Debian's Chromium. Every minute: the server's RSS (/proc) and V8 heap, the clients'
 * counts, both pages' JS heaps and live state, the log's head. Prints a table, writes JSON
 * (LONG_SOAK_OUT, default test-output/soak/long-run.json) and exits 1 when a client lost an
 * event or the server's RSS grew more than 10 % after minute 10.
 *
 * Builds the client from the current sources into a temporary folder (production build, as
 * `npm run build` makes it) unless LONG_SOAK_DIST names a built one.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { launchBrowser } from '../../tests/support/browser/browser.ts';
import { openSoakViews, sampleView, soakApi } from './soak-views.ts';
import { startClientsProcess } from './long-run/clients-process.ts';
import { type MinuteRow, baselineMinute, table, verdict } from './long-run/report.ts';
import { startServerProcess } from './long-run/server-process.ts';

const MINUTES = Number(process.argv[2] ?? 60);
const RATE = process.env.LONG_SOAK_RATE ?? '30';
const SPEED = process.env.LONG_SOAK_SPEED ?? '60';
const CLIENTS = Number(process.env.LONG_SOAK_CLIENTS ?? 50);
// Two days at the test rate: incidents that ended a day ago leave the live window as fast as
// new ones enter it, so the server holds as much at the end as at the start.
const BACKFILL_DAYS = process.env.LONG_SOAK_BACKFILL_DAYS ?? '2';
const OUT = process.env.LONG_SOAK_OUT ?? join('test-output', 'soak', 'long-run.json');
const TOKEN = 'soak-admin-token-0123456789abcdef';
const MINUTE_MS = 60_000;

const git = (...args: string[]) => spawnSync('git', args, { encoding: 'utf8' }).stdout.trim();
const code = {
  head: git('rev-parse', 'HEAD'),
  uncommittedFiles: git('status', '--short').split('\n').filter(Boolean).length,
};
const machine = {
  cpu: cpus()[0]?.model ?? '?',
  cores: cpus().length,
  memoryGB: Math.round(totalmem() / 2 ** 30),
  node: process.version,
};
console.log(
  `soak:long: ${MINUTES} min, ${RATE} reports/min, workflows ×${SPEED}, ${CLIENTS} clients; code ${code.head} + ${code.uncommittedFiles} uncommitted files; ${machine.cores} × ${machine.cpu}`,
);

const dir = mkdtempSync(join(tmpdir(), 'nakhoda-soak-long-'));
let dist = process.env.LONG_SOAK_DIST;
if (!dist) {
  dist = join(dir, 'dist');
  console.log(`building the client into ${dist}…`);
  const built = spawnSync(
    process.execPath,
    ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn', '--outDir', dist],
    { stdio: 'inherit' },
  );
  if (built.status !== 0) process.exit(built.status ?? 1);
}

const server = await startServerProcess(
  {
    PORT: '0',
    DATABASE_URL: `sqlite:${join(dir, 'soak.db')}`,
    SIMULATOR: 'on',
    SIM_SPEED: SPEED,
    SIM_RATE: RATE,
    SIM_BACKFILL_DAYS: BACKFILL_DAYS,
    NAKHODA_ADMIN_TOKEN: TOKEN,
    STATIC_DIR: dist,
  },
  (line) => console.log(line),
);
const cleanups: (() => Promise<void>)[] = [() => server.stop()];
const cleanUp = async () => {
  for (const c of cleanups.reverse()) await c().catch((e: unknown) => console.error(e));
  rmSync(dir, { recursive: true, force: true });
};
// A crash still removes the temporary folder; the children leave when their IPC channel closes.
process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => void cleanUp().then(() => process.exit(130)));

const api = soakApi(server.url, TOKEN);
/** One API token per role that reads the log: the full, the agency and the redacted audience. */
const roles = [{ role: 'supervisor' }, { role: 'agency', agency: 'dsda' }, { role: 'viewer' }];
const tokens: string[] = [];
for (const r of roles) {
  const res = (await api('/api/v1/admin/tokens', {
    method: 'POST',
    body: JSON.stringify({ kind: 'api', label: `soak ${r.role}`, ...r }),
  })) as { secret?: string };
  if (!res.secret) throw new Error(`could not create a ${r.role} token: ${JSON.stringify(res)}`);
  tokens.push(res.secret);
}
const clients = await startClientsProcess({ url: server.url, tokens, clients: CLIENTS });
cleanups.push(() => clients.stop());

// The same Chromium, flags and software WebGL as the browser tests.
const browser = await launchBrowser();
cleanups.push(() => browser.close());
const views = await openSoakViews(browser, server.url, api, TOKEN);
const headSeq = async () => ((await api('/healthz')) as { seq: number }).seq;

mkdirSync(dirname(OUT), { recursive: true });
const rows: MinuteRow[] = [];
const startedAt = new Date();
const t0 = Date.now();
const writeJson = (extra: object = {}) =>
  writeFileSync(
    OUT,
    JSON.stringify(
      {
        command: `npm run soak:long -- ${MINUTES}`,
        config: {
          minutes: MINUTES,
          reportsPerMin: Number(RATE),
          speed: Number(SPEED),
          clients: CLIENTS,
          backfillDays: Number(BACKFILL_DAYS),
        },
        code,
        machine,
        startedAt: startedAt.toISOString(),
        baselineMinute: baselineMinute(MINUTES),
        pageErrors: views.errors,
        rows,
        ...extra,
      },
      null,
      2,
    ),
  );

let last = { seq: await headSeq(), at: Date.now(), reports: 0 };
for (let minute = 0; minute <= MINUTES; minute++) {
  const due = t0 + minute * MINUTE_MS;
  if (Date.now() < due) await new Promise((r) => setTimeout(r, due - Date.now()));
  const load1 = loadavg()[0]!;
  const mem = await server.memory();
  const c = await clients.sample();
  const wall = await sampleView('wall', views.wall);
  const ops = await sampleView('ops', views.ops);
  // Read after the pages, so a page can only be behind (the stream never runs ahead).
  const seq = await headSeq();
  const now = Date.now();
  rows.push({
    minute,
    at: new Date(now).toISOString(),
    load1,
    seqHead: seq,
    eventsPerSec: minute === 0 ? 0 : (seq - last.seq) / ((now - last.at) / 1000),
    reportsPerMin: minute === 0 ? 0 : c.reportsSeen - last.reports,
    server: mem,
    clients: c,
    wall: { ...wall, behind: seq - wall.seq },
    ops: { ...ops, behind: seq - ops.seq },
  });
  last = { seq, at: now, reports: c.reportsSeen };
  const lines = table(rows).split('\n');
  console.log(minute === 0 ? lines.join('\n') : lines.at(-1));
  writeJson();
}

// Every client must reach the head the log had when the run ended.
const endSeq = await headSeq();
const end = await clients.drain(endSeq, 30_000);
const v = verdict(rows, MINUTES, { behind: end.behind, clients: end.sample });
const loads = rows.map((r) => r.load1);
const summary = {
  endedAt: new Date().toISOString(),
  wallMinutes: (Date.now() - t0) / MINUTE_MS,
  load1: { mean: loads.reduce((a, b) => a + b, 0) / loads.length, max: Math.max(...loads) },
  eventsPerSec: (endSeq - rows[0]!.seqHead) / ((Date.now() - t0) / 1000),
  reportsPerMin:
    (end.sample.reportsSeen - rows[0]!.clients.reportsSeen) / ((Date.now() - t0) / MINUTE_MS),
  endSeq,
  clientsAtEnd: end.sample,
  verdict: v,
};
writeJson(summary);
console.log(`\n${table(rows)}\n`);
console.log(
  `events/s ${summary.eventsPerSec.toFixed(2)} (reports/min ${summary.reportsPerMin.toFixed(1)}), load 1m mean ${summary.load1.mean.toFixed(2)} max ${summary.load1.max.toFixed(2)}`,
);
console.log(
  `server RSS growth after minute ${v.baselineMinute}: max ${(v.serverRssGrowth * 100).toFixed(1)} %, final ${(v.serverRssFinalGrowth * 100).toFixed(1)} %; V8 heap max ${(v.serverHeapGrowth * 100).toFixed(1)} %, after GC max ${(v.serverHeapAfterGcGrowth * 100).toFixed(1)} %`,
);
console.log(
  `clients: ${end.sample.ok}/${end.sample.clients} ok, gaps ${end.sample.totals.gaps}, resumed events ${end.sample.totals.resumedEvents}, by snapshot ${end.sample.totals.bySnapshot}, lost ${v.lost}, behind at end ${v.behindAtEnd}, disconnects ${end.sample.totals.disconnects}`,
);
console.log(
  `wall heap ${v.wallHeap.atBaseline.toFixed(1)} → ${v.wallHeap.atEnd.toFixed(1)} MB, console heap ${v.opsHeap.atBaseline.toFixed(1)} → ${v.opsHeap.atEnd.toFixed(1)} MB (medians); page errors ${JSON.stringify(views.errors)}`,
);
console.log(v.ok ? 'verdict: PASS' : `verdict: FAIL\n  ${v.failures.join('\n  ')}`);
console.log(`JSON: ${OUT}`);
await cleanUp();
process.exit(v.ok ? 0 : 1);
