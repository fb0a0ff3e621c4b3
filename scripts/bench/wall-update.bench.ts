/**
 * `npm run bench:wall`: how the wall (or, with WALL_BENCH_PAGE=ops, the supervisor console)
 * keeps up with a fast simulator in Debian's Chromium
 * with software WebGL (what the browser CI has). It starts the real server with the
 * simulator at WALL_BENCH_SPEED (default ×1,500), opens a paired /wall at 1080p, records a
 * main-thread CPU profile over CDP and samples the seq lag (the live indicator's data-seq
 * against GET /api/v1/stats) every two seconds for WALL_BENCH_SECONDS (default 20). The
 * profile covers the last WALL_BENCH_PROFILE_SECONDS of the run (default: all of it, at
 * most 60 s), when the live window is fullest. It prints the share of busy main-thread
 * time in `getBufferSubData` (synchronous GPU read-backs), in Intl formatter
 * construction, the top self-time functions and the lag, and writes them as JSON to
 * WALL_BENCH_OUT (default test-output/bench/wall-update.json). Serves the client built in WALL_BENCH_DIST
 * (default dist: `npm run build` first); when that build has source maps (the browser
 * bench's build-bench-client.ts makes them) the functions are named by their sources.
 */
import { launchBrowser } from '../../tests/support/browser/browser.ts';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../server/config.ts';
import { startNakhoda } from '../../server/nakhoda.ts';
import {
  mappedSelfTimes,
  mappedTotalTimes,
  sourceMapsOf,
  type CpuProfile,
} from './browser/profile-source-map.ts';

const SPEED = process.env.WALL_BENCH_SPEED ?? '1500';
const SECONDS = Number(process.env.WALL_BENCH_SECONDS ?? 20);
const PROFILE_SECONDS = Math.min(
  SECONDS,
  Number(process.env.WALL_BENCH_PROFILE_SECONDS ?? Math.min(SECONDS, 60)),
);
const DIST = process.env.WALL_BENCH_DIST ?? 'dist';
/** `ops`: the supervisor console (admin token, as a signed-in browser holds one) instead of the wall. */
const VIEW = process.env.WALL_BENCH_PAGE === 'ops' ? 'ops' : 'wall';
const TOKEN = 'bench-admin-token-0123456789abcdef';

const dir = mkdtempSync(join(tmpdir(), 'nakhoda-wall-bench-'));
const nakhoda = await startNakhoda(
  loadConfig({
    PORT: '0',
    DATABASE_URL: `sqlite:${join(dir, 'bench.db')}`,
    SIMULATOR: 'on',
    SIM_SPEED: SPEED,
    SIM_BACKFILL_DAYS: '1',
    NAKHODA_ADMIN_TOKEN: TOKEN,
    STATIC_DIR: DIST,
  }),
  { log: () => undefined },
);
const api = async (path: string, init: RequestInit = {}) =>
  (
    await fetch(`${nakhoda.url}${path}`, {
      ...init,
      headers: {
        authorization: `Bearer ${TOKEN}`,
        'content-type': 'application/json',
        ...init.headers,
      },
    })
  ).json();
const display = (await api('/api/v1/admin/tokens', {
  method: 'POST',
  body: JSON.stringify({ kind: 'display', label: 'bench wall' }),
})) as { pairing: { wallPath: string } };

// The same Chromium, flags and software WebGL as the browser tests.
const browser = await launchBrowser();
const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
if (VIEW === 'ops')
  await context.addInitScript((t) => window.localStorage.setItem('nakhoda.token', t), TOKEN);
const page = await context.newPage();
page.on('pageerror', (e) => console.error(`${VIEW} pageerror: ${e.message}`));
const opened = Date.now();
await page.goto(
  VIEW === 'ops' ? `${nakhoda.url}/ops` : `${nakhoda.url}${display.pairing.wallPath}`,
);
await page.waitForSelector('[data-map-state="idle"]', { timeout: 180_000 });
await page.waitForSelector('[data-testid="live-indicator"][data-seq]:not([data-seq=""])', {
  timeout: 180_000,
});
const firstNumbersS = (Date.now() - opened) / 1000;

async function lag() {
  const shown = await page.evaluate(() => {
    const el = document.querySelector('[data-testid="live-indicator"]');
    return { seq: Number(el?.getAttribute('data-seq')), state: el?.getAttribute('data-state') };
  });
  // Read after the page, so the page can only be behind.
  const { seq } = (await api('/api/v1/stats')) as { seq: number };
  return { behind: seq - shown.seq, state: shown.state ?? '', head: seq };
}

const cdp = await page.context().newCDPSession(page);
await cdp.send('Profiler.enable');
const load = loadavg();
const headAtStart = (await lag()).head;
const lags: { behind: number; state: string; load1: number }[] = [];
const startedAt = Date.now();
const end = startedAt + SECONDS * 1000;
const profileFrom = end - PROFILE_SECONDS * 1000;
let profiling = false;
let loadAtProfile = load;
while (Date.now() < end) {
  if (!profiling && Date.now() >= profileFrom) {
    await cdp.send('Profiler.start');
    loadAtProfile = loadavg();
    profiling = true;
  }
  await new Promise((r) => setTimeout(r, Math.min(2000, Math.max(0, end - Date.now()))));
  lags.push({ ...(await lag()), load1: Number(loadavg()[0]!.toFixed(2)) });
}
if (!profiling) await cdp.send('Profiler.start');
const { profile } = (await cdp.send('Profiler.stop')) as { profile: CpuProfile };
const headAtEnd = (await lag()).head;
const pins = await page.evaluate(
  (testId) =>
    Number(document.querySelector(`[data-testid="${testId}"]`)?.getAttribute('data-value')),
  VIEW === 'ops' ? 'ops-visible-count' : 'wall-pin-count',
);
await browser.close();
await nakhoda.close();
rmSync(dir, { recursive: true, force: true });

const mapOf = sourceMapsOf(DIST);
const self = mappedSelfTimes(profile, mapOf);
const times = new Map(self.map((t) => [t.name, t.ms]));
const total = self.reduce((a, t) => a + t.ms, 0);
const idle = times.get('(idle)') ?? 0;
const busy = total - idle;
// A native frame keeps its own name; a minified one is named by its source.
const shareOf = (pattern: RegExp) =>
  (100 * self.filter((t) => pattern.test(t.name)).reduce((a, t) => a + t.ms, 0)) / busy;
const behind = lags.map((l) => l.behind).sort((a, b) => a - b);
const eventsPerS = (headAtEnd - headAtStart) / SECONDS;
const pct = (ms: number) => Number(((100 * ms) / busy).toFixed(1));
const result = {
  view: VIEW,
  speed: Number(SPEED),
  seconds: SECONDS,
  profileSeconds: PROFILE_SECONDS,
  eventsPerS,
  loadavg: load.map((l) => Number(l.toFixed(2))),
  loadavgAtProfile: loadAtProfile.map((l) => Number(l.toFixed(2))),
  loadavgSamples: lags.map((l) => l.load1),
  firstNumbersS,
  pinsAtEnd: pins,
  idlePct: (100 * idle) / total,
  getBufferSubDataPct: shareOf(/^getBufferSubData$/),
  intlDateTimeFormatPct: shareOf(/^DateTimeFormat$/),
  lagMedian: behind[Math.floor(behind.length / 2)] ?? null,
  lagMax: behind[behind.length - 1] ?? null,
  // Seqs behind, as seconds at the run's mean rate.
  lagMedianS: (behind[Math.floor(behind.length / 2)] ?? 0) / eventsPerS,
  lagMaxS: (behind[behind.length - 1] ?? 0) / eventsPerS,
  lagSamples: lags.map((l) => l.behind),
  states: [...new Set(lags.map((l) => l.state))],
  topSelf: self
    .filter((t) => t.name !== '(idle)')
    .slice(0, 12)
    .map((t) => ({ name: t.name, pctOfBusy: pct(t.ms) })),
  topTotal: mappedTotalTimes(profile, mapOf)
    .filter((t) => !/^\((idle|root|program|garbage collector)\)$/.test(t.name))
    .slice(0, 25)
    .map((t) => ({ name: t.name, pctOfBusy: pct(t.ms) })),
};
mkdirSync('test-output/bench', { recursive: true });
writeFileSync(
  process.env.WALL_BENCH_OUT ?? 'test-output/bench/wall-update.json',
  JSON.stringify(result, null, 2),
);
console.log(
  `${VIEW} under ×${SPEED} for ${SECONDS} s, profiled the last ${PROFILE_SECONDS} s (load average ${result.loadavg.join(' ')} at start, ${result.loadavgAtProfile.join(' ')} when profiling began)`,
);
console.log(
  '| events/s | first numbers s | pins at end | idle % | getBufferSubData % of busy | Intl.DateTimeFormat % | lag median | lag max | states |',
);
console.log(
  `| ${eventsPerS.toFixed(0)} | ${firstNumbersS.toFixed(1)} | ${pins} | ${result.idlePct.toFixed(0)} | ${result.getBufferSubDataPct.toFixed(1)} | ${result.intlDateTimeFormatPct.toFixed(1)} | ${result.lagMedian} (${result.lagMedianS.toFixed(1)} s) | ${result.lagMax} (${result.lagMaxS.toFixed(1)} s) | ${result.states.join(',')} |`,
);
console.log('top self time (% of busy):');
for (const t of result.topSelf) console.log(`  ${t.pctOfBusy.toFixed(1).padStart(5)}  ${t.name}`);
console.log('top total (inclusive) time (% of busy):');
for (const t of result.topTotal) console.log(`  ${t.pctOfBusy.toFixed(1).padStart(5)}  ${t.name}`);
