/**
 * `npm run bench:briefing`: how long a briefing takes on a store holding N days of M
 * reports a day, both ways the endpoint can take in the same run, runs interleaved:
 * - store: `Store.briefingFacts` (the SQLite query), then the shared computation and JSON;
 * - memory: rows selected from the in-memory columnar facts (server/briefing/), then the
 *   same computation on columns and JSON. Both answers are checked equal.
 * Also the facts' load time at start and the bytes they hold. Prints a table, writes JSON
 * (BRIEFING_OUT, default test-output/bench/briefing.json). BENCH_DB_DIR keeps the seeded
 * histories between runs (seeding 450,000 incidents takes minutes); BRIEFING_HISTORIES
 * picks some, e.g. `90x5000`.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { JAKARTA } from '../../shared/city/jakarta/index.ts';
import { computeBriefing, computeBriefingColumns } from '../../shared/domain/briefing.ts';
import { DAY_MS } from '../../shared/domain/time.ts';
import { loadBriefingFacts } from '../../server/briefing/briefing-facts.ts';
import { openSqliteStore } from '../../server/log/sqlite.store.ts';
import { seedHistory, summary, timeAsync, timeIt } from './synthetic.ts';

const HISTORIES = [
  { days: 30, perDay: 500, periods: [30, 7] },
  { days: 90, perDay: 5000, periods: [90, 30, 7] },
].filter(
  (h) =>
    !process.env.BRIEFING_HISTORIES ||
    process.env.BRIEFING_HISTORIES.split(',').includes(`${h.days}x${h.perDay}`),
);
const RUNS = 5;
const OUT = process.env.BRIEFING_OUT ?? 'test-output/bench/briefing.json';
const categories = JAKARTA.categories.map((x) => x.code);
const load1 = () => Number(loadavg()[0]!.toFixed(2));
const ms = (v: number[]) => Math.round(summary(v).median * 10) / 10;

const results: unknown[] = [];
for (const h of HISTORIES) {
  const keep = process.env.BENCH_DB_DIR;
  const dir = keep ?? mkdtempSync(join(tmpdir(), 'nakhoda-bench-'));
  if (keep) mkdirSync(keep, { recursive: true });
  const file = join(dir, `history-${h.days}x${h.perDay}.db`);
  const fresh = !existsSync(file);
  const store = openSqliteStore(file);
  const seeded = fresh
    ? await timeAsync(() => seedHistory(store, h.days, h.perDay))
    : { ms: 0, result: await store.latestSeq() };
  const loaded = await timeAsync(() => loadBriefingFacts(store));
  const facts = loaded.result;
  console.log(
    `history: ${h.days} d × ${h.perDay}/d = ${facts.size.toLocaleString('en')} incidents, ` +
      `${seeded.result.toLocaleString('en')} events (seeded in ${(seeded.ms / 1000).toFixed(1)} s); ` +
      `facts loaded in ${(loaded.ms / 1000).toFixed(1)} s, ${(facts.bytes() / 2 ** 20).toFixed(1)} MiB ` +
      `(load average ${load1()})`,
  );
  // The seeded history ends when it was seeded: periods end at its last report.
  let end = 0;
  for (let r = 0; r < facts.size; r++) end = Math.max(end, facts.columns.reportedAt[r]! + 1);
  for (const days of h.periods) {
    const to = new Date(end);
    const from = new Date(end - days * DAY_MS);
    const since = from.getTime() - (to.getTime() - from.getTime());
    const opts = { from, to, categories };
    const t = { query: [] as number[], storeCompute: [] as number[], storeTotal: [] as number[] };
    const m = { select: [] as number[], compute: [] as number[], total: [] as number[] };
    const loadBefore = load1();
    let rows = 0;
    // The memory runs first: the store path's 100,000s of objects would otherwise leave
    // garbage for them to collect.
    let memory = '';
    for (let i = 0; i < RUNS; i++) {
      const s = timeIt(() => facts.select(since, to.getTime()));
      const mc = timeIt(() =>
        JSON.stringify(computeBriefingColumns(facts.columns, s.result, opts)),
      );
      m.select.push(s.ms);
      m.compute.push(mc.ms);
      m.total.push(s.ms + mc.ms);
      rows = s.result.length;
      memory = mc.result;
    }
    for (let i = 0; i < RUNS; i++) {
      const q = await timeAsync(() =>
        store.briefingFacts(new Date(since).toISOString(), to.toISOString()),
      );
      const c = timeIt(() => JSON.stringify(computeBriefing(q.result, opts)));
      t.query.push(q.ms);
      t.storeCompute.push(c.ms);
      t.storeTotal.push(q.ms + c.ms);
      if (c.result !== memory) throw new Error(`the two paths disagree for the last ${days} d`);
    }
    const row = {
      history: `${h.days}x${h.perDay}`,
      periodDays: days,
      incidentsRead: rows,
      store: { totalMs: ms(t.storeTotal), queryMs: ms(t.query), computeJsonMs: ms(t.storeCompute) },
      memory: { totalMs: ms(m.total), selectMs: ms(m.select), computeJsonMs: ms(m.compute) },
      load1: [loadBefore, load1()],
    };
    results.push({ ...row, factsLoadMs: Math.round(loaded.ms), factsMiB: facts.bytes() / 2 ** 20 });
    console.log(
      `  last ${days} d (${rows.toLocaleString('en')} incidents): ` +
        `store ${row.store.totalMs} ms (query ${row.store.queryMs}, compute+JSON ${row.store.computeJsonMs}); ` +
        `memory ${row.memory.totalMs} ms (select ${row.memory.selectMs}, compute+JSON ${row.memory.computeJsonMs}); ` +
        `medians of ${RUNS}, load average ${row.load1.join(' → ')}`,
    );
  }
  await store.close();
  if (!keep) rmSync(dir, { recursive: true, force: true });
}
mkdirSync(dirname(OUT), { recursive: true });
writeFileSync(OUT, JSON.stringify(results, null, 2));
