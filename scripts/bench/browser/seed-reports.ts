/**
 * Fills a running Nakhoda with reports through its public bulk route
 * (`POST /api/v1/incidents/batch`, 1,000 a request), as a connector would: whatever the
 * server does with them (the log, the projection, how a snapshot is encoded) is the real
 * path. Reports are spread over the city and, unless told otherwise, over the last
 * `spreadHours`, so only the last few minutes' reports pulse on the wall, as on a real day.
 */
import { JAKARTA } from '../../../shared/city/jakarta/index.ts';
import { HOUR_MS } from '../../../shared/domain/time.ts';
import { mulberry32 } from '../../../server/ingest/simulator/prng.ts';

export const BATCH_MAX = 1000;

export interface SeedOptions {
  url: string;
  token: string;
  /** Prefix of the external ids: a run's own, so no report is taken for a duplicate. */
  runId: string;
  /** Reports are spread over this many hours back from now; 0 reports them all now. */
  spreadHours?: number;
  /** Dates every report this much further back (ms). */
  ageMs?: number;
  seed?: number;
}

/** One request of `count` (≤ 1,000) reports; resolves to the highest seq it created. */
export async function postReports(opts: SeedOptions, from: number, count: number) {
  const rnd = mulberry32((opts.seed ?? 7) + from);
  const now = Date.now();
  const spreadMs = (opts.spreadHours ?? 0) * HOUR_MS;
  const ageMs = opts.ageMs ?? 0;
  const items = Array.from({ length: count }, (_, k) => {
    const category = JAKARTA.categories[Math.floor(rnd() * JAKARTA.categories.length)]!;
    const item: Record<string, unknown> = {
      source: 'jaki',
      externalId: `${opts.runId}-${from + k}`,
      category: category.code,
      description: 'Laporan sintetis untuk pengukuran',
      location: { lon: 106.72 + rnd() * 0.24, lat: -6.35 + rnd() * 0.22 },
    };
    if (spreadMs > 0 || ageMs > 0)
      item.reportedAt = new Date(now - ageMs - rnd() * spreadMs).toISOString();
    return item;
  });
  // A loaded machine may drop a kept-alive connection: post again. External ids make that
  // safe, since a report already taken comes back as a duplicate.
  let results: { status: string; seq?: number; error?: unknown }[] = [];
  for (let attempt = 1; ; attempt++) {
    try {
      const res = await fetch(`${opts.url}/api/v1/incidents/batch`, {
        method: 'POST',
        headers: { authorization: `Bearer ${opts.token}`, 'content-type': 'application/json' },
        body: JSON.stringify(items),
      });
      if (!res.ok) throw new Error(`batch post answered ${res.status}: ${await res.text()}`);
      results = ((await res.json()) as { results: typeof results }).results;
      break;
    } catch (err) {
      if (attempt >= 3) throw err;
    }
  }
  const refused = results.find((r) => r.status !== 'created' && r.status !== 'duplicate');
  if (refused) throw new Error(`a seeded report was not created: ${JSON.stringify(refused)}`);
  return Math.max(...results.map((r) => r.seq ?? 0));
}

/** Posts `total` reports, 1,000 a request, two requests in flight; returns the last seq. */
export async function seedReports(opts: SeedOptions, total: number, offset = 0): Promise<number> {
  let next = offset;
  let last = 0;
  const worker = async () => {
    while (next < offset + total) {
      const from = next;
      const count = Math.min(BATCH_MAX, offset + total - from);
      next += count;
      last = Math.max(last, await postReports(opts, from, count));
    }
  };
  await Promise.all([worker(), worker()]);
  return last;
}

/**
 * A per-source ingest key for `jaki`, made with the admin token: only a source's own key
 * may date reports hours back (users and API tokens only minutes), as a connector does.
 */
export async function createIngestKey(url: string, adminToken: string): Promise<string> {
  const res = await fetch(`${url}/api/v1/admin/tokens`, {
    method: 'POST',
    headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ kind: 'ingest', label: 'browser bench', source: 'jaki' }),
  });
  if (res.status !== 201) throw new Error(`ingest key: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { secret: string }).secret;
}
