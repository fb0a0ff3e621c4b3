/**
 * `npm run bench:wall`: how the wall keeps up with a fast simulator in Debian's Chromium
 * with software WebGL (what the browser CI has). It starts the real server with the
 * simulator at WALL_BENCH_SPEED (default ×1,500), opens a paired /wall at 1080p, records a
 * main-thread CPU profile over CDP for WALL_BENCH_SECONDS (default 20) and samples the
 * seq lag (the live indicator's data-seq against GET /api/v1/stats) every two seconds.
 * It prints the share of busy main-thread time in `getBufferSubData` (synchronous GPU
 * read-backs), in Intl formatter construction, the top self-time functions and the lag,
 * and writes them as JSON to test-output/bench/wall-update.json. Serves the client built
 * in WALL_BENCH_DIST (default dist: `npm run build` first).
 */
import { launchBrowser } from '../../tests/support/browser/browser.ts';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../server/config.ts';
import { startNakhoda } from '../../server/nakhoda.ts';

const SPEED = process.env.WALL_BENCH_SPEED ?? '1500';
const SECONDS = Number(process.env.WALL_BENCH_SECONDS ?? 20);
const DIST = process.env.WALL_BENCH_DIST ?? 'dist';
const TOKEN = 'bench-admin-token-0123456789abcdef';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Self time per function name, in ms, from the sampled stacks. */
function selfTimes(profile: Profile): Map<string, number> {
  const names = new Map(profile.nodes.map((n) => [n.id, n.callFrame.functionName || '(anon)']));
  const times = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    // A sample's duration is the gap to the next one.
    const us = profile.timeDeltas[i + 1] ?? 0;
    const name = names.get(id) ?? '?';
    times.set(name, (times.get(name) ?? 0) + us / 1000);
  });
  return times;
}

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
const page = await (
  await browser.newContext({ viewport: { width: 1920, height: 1080 } })
).newPage();
page.on('pageerror', (e) => console.error(`wall pageerror: ${e.message}`));
const opened = Date.now();
await page.goto(`${nakhoda.url}${display.pairing.wallPath}`);
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
await cdp.send('Profiler.start');
const load = loadavg();
const headAtStart = (await lag()).head;
const lags: { behind: number; state: string }[] = [];
const end = Date.now() + SECONDS * 1000;
while (Date.now() < end) {
  await new Promise((r) => setTimeout(r, 2000));
  lags.push(await lag());
}
const { profile } = (await cdp.send('Profiler.stop')) as { profile: Profile };
const headAtEnd = (await lag()).head;
await browser.close();
await nakhoda.close();
rmSync(dir, { recursive: true, force: true });

const times = selfTimes(profile);
const total = [...times.values()].reduce((a, b) => a + b, 0);
const idle = times.get('(idle)') ?? 0;
const busy = total - idle;
const share = (name: string) => (100 * (times.get(name) ?? 0)) / busy;
const behind = lags.map((l) => l.behind).sort((a, b) => a - b);
const result = {
  speed: Number(SPEED),
  seconds: SECONDS,
  eventsPerS: (headAtEnd - headAtStart) / SECONDS,
  loadavg: load.map((l) => Number(l.toFixed(2))),
  firstNumbersS,
  idlePct: (100 * idle) / total,
  getBufferSubDataPct: share('getBufferSubData'),
  intlDateTimeFormatPct: share('DateTimeFormat'),
  lagMedian: behind[Math.floor(behind.length / 2)] ?? null,
  lagMax: behind[behind.length - 1] ?? null,
  states: [...new Set(lags.map((l) => l.state))],
  topSelf: [...times.entries()]
    .filter(([name]) => name !== '(idle)')
    .sort((a, b) => b[1] - a[1])
    .slice(0, 8)
    .map(([name, ms]) => ({ name, pctOfBusy: Number(((100 * ms) / busy).toFixed(1)) })),
};
mkdirSync('test-output/bench', { recursive: true });
writeFileSync('test-output/bench/wall-update.json', JSON.stringify(result, null, 2));
console.log(`wall under ×${SPEED} for ${SECONDS} s (load average ${result.loadavg.join(' ')})`);
console.log(
  '| events/s | first numbers s | idle % | getBufferSubData % of busy | Intl.DateTimeFormat % | lag median | lag max | states |',
);
console.log(
  `| ${result.eventsPerS.toFixed(0)} | ${firstNumbersS.toFixed(1)} | ${result.idlePct.toFixed(0)} | ${result.getBufferSubDataPct.toFixed(1)} | ${result.intlDateTimeFormatPct.toFixed(1)} | ${result.lagMedian} | ${result.lagMax} | ${result.states.join(',')} |`,
);
console.log(
  'top self time (% of busy):',
  result.topSelf.map((t) => `${t.name} ${t.pctOfBusy}`).join(', '),
);
