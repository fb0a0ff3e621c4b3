/**
 * `npm run bench:join`: a new screen joining a city with JOIN_INCIDENTS (100,000) live
 * incidents. Seeds a SQLite file through the shared command rules, then for each server —
 * this checkout, and the code before the compact snapshot when JOIN_BASELINE_DIR names a
 * checkout of it (same database copied, same run) — starts it as its own process and
 * measures: one client joining (five times, one after another: time from asking to
 * connect to a decoded copy, and bytes on the wire), then JOIN_STORM (50) clients joining
 * at once (time until all are served, and the server's RSS growth, sampled every 50 ms).
 * The clients run in another process (join/joiners.ts). Prints a table, writes BENCH_OUT.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openSqliteStore } from '../../server/log/sqlite.store.ts';
import { seedHistory } from './synthetic.ts';

const TOKEN = 'bench-admin-token-0123456789abcdef';
const INCIDENTS = Number(process.env.JOIN_INCIDENTS ?? 100_000);
const STORM = Number(process.env.JOIN_STORM ?? 50);
const HERE = fileURLToPath(new URL('.', import.meta.url));
const ROOT = resolve(HERE, '../..');

function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

async function startServer(dir: string, db: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
    cwd: dir,
    env: {
      ...process.env,
      PORT: '0',
      DATABASE_URL: `sqlite:${db}`,
      SIMULATOR: 'off',
      NAKHODA_ADMIN_TOKEN: TOKEN,
      STATIC_DIR: join(dir, 'no-client-build'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await new Promise<string>((ok, fail) => {
    let out = '';
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /running on (http:\/\/\S+)/.exec(out);
      if (m) ok(m[1] as string);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => fail(new Error(`server exited ${code}:\n${out}`)));
  });
  return { child, url };
}

interface Joined {
  /** Until the last client served. */
  allMs: number;
  results: { receivedMs: number; ms: number; bytes: number; incidents: number }[];
  failed: string[];
}

const DEADLINE_MS = Number(process.env.JOIN_DEADLINE_MS ?? 120_000);

function joiners(url: string, n: number, mode: 'decode' | 'receive-only'): Promise<Joined> {
  return new Promise((ok, fail) => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        join(HERE, 'join/joiners.ts'),
        url,
        TOKEN,
        String(n),
        String(DEADLINE_MS),
        mode,
      ],
      {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let out = '';
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', () => {
      const line = out.split('\n').find((l) => l.startsWith('JOIN '));
      if (line) ok(JSON.parse(line.slice(5)) as Joined);
      else fail(new Error(`joiners printed no result:\n${out}`));
    });
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

async function measure(label: string, dir: string, seeded: string, work: string) {
  const db = join(work, `${label}.db`);
  copyFileSync(seeded, db);
  const { child, url } = await startServer(dir, db);
  try {
    await new Promise((r) => setTimeout(r, 2000)); // settle after loading the live window
    const singles: Joined['results'] = [];
    for (let i = 0; i < 5; i++) singles.push(...(await joiners(url, 1, 'decode')).results);
    global.gc?.();
    await new Promise((r) => setTimeout(r, 2000));
    const before = rssMb(child.pid!);
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, rssMb(child.pid!))), 50);
    const load = loadavg()[0]!;
    const storm = await joiners(url, STORM, 'receive-only');
    clearInterval(sampler);
    const row = {
      label,
      load1: load,
      incidents: singles[0]?.incidents ?? 0,
      joinMsMedian: median(singles.map((s) => s.ms)),
      receivedMsMedian: median(singles.map((s) => s.receivedMs)),
      wireMb: median(singles.map((s) => s.bytes)) / 1e6,
      stormClients: STORM,
      stormServed: storm.results.length,
      stormFailed: storm.failed.slice(0, 3),
      stormAllServedMs: storm.allMs,
      stormRssBeforeMb: before,
      stormRssGrowthMb: peak - before,
    };
    console.log(
      `${label.padEnd(9)} ${row.incidents} incidents | join ${row.receivedMsMedian.toFixed(0)} ms received, ${row.joinMsMedian.toFixed(0)} ms decoded, ${row.wireMb.toFixed(1)} MB | ` +
        `${row.stormClients} at once: ${row.stormServed} served, the last received in ${(row.stormAllServedMs / 1000).toFixed(1)} s, server RSS +${row.stormRssGrowthMb.toFixed(0)} MB (from ${before.toFixed(0)}) | load ${load.toFixed(1)}`,
    );
    return row;
  } finally {
    child.kill('SIGKILL');
  }
}

const work = mkdtempSync(join(tmpdir(), 'nakhoda-join-'));
try {
  const seeded = join(work, 'seed.db');
  const store = openSqliteStore(seeded);
  const t0 = performance.now();
  const events = await seedHistory(store, 1, INCIDENTS);
  await store.close();
  console.log(
    `seeded ${INCIDENTS} incidents (${events} events) in ${((performance.now() - t0) / 1000).toFixed(0)} s`,
  );
  const rows = [];
  const baseline = process.env.JOIN_BASELINE_DIR;
  if (baseline && existsSync(join(baseline, 'server/index.ts')))
    rows.push(await measure('baseline', resolve(baseline), seeded, work));
  rows.push(await measure('this', ROOT, seeded, work));
  if (process.env.BENCH_OUT) writeFileSync(process.env.BENCH_OUT, JSON.stringify(rows, null, 2));
} finally {
  rmSync(work, { recursive: true, force: true });
}
