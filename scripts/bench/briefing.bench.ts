/**
 * `npm run bench:briefing`: how long a briefing takes on a store holding N days of M
 * reports a day, split into the store query and the shared computation (the endpoint
 * does both, then serialises).
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JAKARTA } from '../../shared/city/jakarta/index.ts';
import { computeBriefing } from '../../shared/domain/briefing.ts';
import { DAY_MS } from '../../shared/domain/time.ts';
import { openSqliteStore } from '../../server/log/sqlite.store.ts';
import { seedHistory, summary, timeAsync, timeIt } from './synthetic.ts';

const HISTORIES = [
  { days: 30, perDay: 500, periods: [30, 7] },
  { days: 90, perDay: 5000, periods: [90, 30, 7] },
];
const RUNS = 5;

for (const h of HISTORIES) {
  // BENCH_DB_DIR keeps seeded histories between runs (seeding 450,000 incidents takes minutes).
  const keep = process.env.BENCH_DB_DIR;
  const dir = keep ?? mkdtempSync(join(tmpdir(), 'nakhoda-bench-'));
  if (keep) mkdirSync(keep, { recursive: true });
  const file = join(dir, `history-${h.days}x${h.perDay}.db`);
  const fresh = !existsSync(file);
  const store = openSqliteStore(file);
  const seeded = fresh
    ? await timeAsync(() => seedHistory(store, h.days, h.perDay))
    : { ms: 0, result: await store.latestSeq() };
  console.log(
    `history: ${h.days} d × ${h.perDay}/d = ${(h.days * h.perDay).toLocaleString('en')} incidents, ` +
      `${seeded.result.toLocaleString('en')} events (seeded in ${(seeded.ms / 1000).toFixed(1)} s)`,
  );
  for (const days of h.periods) {
    const to = new Date();
    const from = new Date(to.getTime() - days * DAY_MS);
    const since = new Date(from.getTime() - (to.getTime() - from.getTime())).toISOString();
    const query: number[] = [];
    const compute: number[] = [];
    const total: number[] = [];
    let facts = 0;
    for (let i = 0; i < RUNS; i++) {
      const q = await timeAsync(() => store.briefingFacts(since, to.toISOString()));
      const c = timeIt(() =>
        JSON.stringify(
          computeBriefing(q.result, {
            from,
            to,
            categories: JAKARTA.categories.map((x) => x.code),
          }),
        ),
      );
      facts = q.result.length;
      query.push(q.ms);
      compute.push(c.ms);
      total.push(q.ms + c.ms);
    }
    const f = (v: number[]) => `${summary(v).median.toFixed(0)} ms`;
    console.log(
      `  briefing of the last ${days} d (${facts.toLocaleString('en')} incidents read): median total ${f(total)}` +
        ` (query ${f(query)}, compute+JSON ${f(compute)}), worst of ${RUNS} ${Math.max(...total).toFixed(0)} ms`,
    );
  }
  await store.close();
  if (!keep) rmSync(dir, { recursive: true, force: true });
}
