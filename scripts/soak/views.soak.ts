/**
 * `npm run soak -- MINUTES`: a wall display and a supervisor console side by side on the
 * simulator's stream, without a reload, in Debian's Chromium. Every minute it records each
 * page's JS heap, its live state and whether its numbers equal the API's; at the end it
 * prints the table for BENCHMARKS.md. Serves the client built in SOAK_DIST (default dist:
 * `npm run build` first).
 */
import { launchBrowser } from '../../tests/support/browser/browser.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../server/config.ts';
import { startNakhoda } from '../../server/nakhoda.ts';
import { openSoakViews, sampleView, soakApi } from './soak-views.ts';

const MINUTES = Number(process.argv[2] ?? 60);
const TOKEN = 'soak-admin-token-0123456789abcdef';
const dir = mkdtempSync(join(tmpdir(), 'nakhoda-soak-'));
const nakhoda = await startNakhoda(
  loadConfig({
    PORT: '0',
    DATABASE_URL: `sqlite:${join(dir, 'soak.db')}`,
    SIMULATOR: 'on',
    SIM_SPEED: process.env.SOAK_SPEED ?? '600',
    SIM_BACKFILL_DAYS: '1',
    NAKHODA_ADMIN_TOKEN: TOKEN,
    STATIC_DIR: process.env.SOAK_DIST ?? 'dist',
  }),
  { log: () => undefined },
);
const api = soakApi(nakhoda.url, TOKEN);
// The same Chromium, flags and software WebGL as the browser tests.
const browser = await launchBrowser();
const views = await openSoakViews(browser, nakhoda.url, api, TOKEN);
const pages = { wall: views.wall, ops: views.ops };

const rows: string[] = [];
const start = Date.now();
for (let minute = 0; minute <= MINUTES; minute++) {
  if (minute > 0) await new Promise((r) => setTimeout(r, 60_000));
  const stats = (await api('/api/v1/stats')) as { stats: { totals: { open: number } } };
  for (const [name, page] of Object.entries(pages)) {
    const s = await sampleView(name, page);
    // Read after the page, so a page can only be behind (the stream never runs ahead).
    const health = (await api('/healthz')) as { seq: number };
    const lag = health.seq - s.seq;
    rows.push(
      `| ${minute} | ${name} | ${s.heapMB.toFixed(1)} | ${s.connection} | ${s.incidents} | ${lag} | ${stats.stats.totals.open} |`,
    );
    console.log(rows[rows.length - 1]);
  }
}
console.log(
  `\nsoak: ${MINUTES} min, server seq ${((await api('/healthz')) as { seq: number }).seq}, ${((Date.now() - start) / 60000).toFixed(1)} min wall time`,
);
console.log(
  '| minute | page | JS heap MB | connection | incidents on map | seq behind server | API open |',
);
await browser.close();
await nakhoda.close();
rmSync(dir, { recursive: true, force: true });
