/**
 * The metrics an app exposes: its own registry, reports counted by source from the
 * events appended, append timings and group sizes from a real store, gauges read from
 * the sources the app hands over at scrape time.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../../../server/log/sqlite.store.ts';
import type { Store } from '../../../../server/log/store.ts';
import { instrumentStore } from '../../../../server/observability/instrument-store.ts';
import { createMetrics, type Metrics } from '../../../../server/observability/metrics.ts';
import { tempDbFile } from '../../../support/harness.ts';
import { makeHistory } from '../../../support/store-history.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

function openStore(): Store {
  const temp = tempDbFile();
  const store = openSqliteStore(temp.file);
  cleanups.push(async () => {
    await store.close();
    temp.cleanup();
  });
  return store;
}

/** Samples of one metric: `{labels, value}` each, histogram series by `metricName`. */
async function samples(metrics: Metrics, name: string) {
  const metric = metrics.registry.getSingleMetric(name);
  if (!metric) throw new Error(`no metric ${name}`);
  return (await metric.get()).values as {
    metricName?: string;
    labels: Record<string, string | number>;
    value: number;
  }[];
}

const valueOf = async (metrics: Metrics, name: string, labels: Record<string, string> = {}) =>
  (await samples(metrics, name)).find(
    (s) =>
      (s.metricName ?? name) === name &&
      Object.entries(labels).every(([k, v]) => s.labels[k] === v),
  )?.value;

/** One series of a histogram: `count` or `sum`. */
const seriesOf = async (
  metrics: Metrics,
  histogram: string,
  series: 'count' | 'sum',
  labels: Record<string, string> = {},
) =>
  (await samples(metrics, histogram)).find(
    (s) =>
      s.metricName === `${histogram}_${series}` &&
      Object.entries(labels).every(([k, v]) => s.labels[k] === v),
  )?.value ?? 0;
const countOf = (metrics: Metrics, histogram: string, labels: Record<string, string> = {}) =>
  seriesOf(metrics, histogram, 'count', labels);

describe('createMetrics', () => {
  it('gives each app its own registry, with the process metrics and event-loop delay', async () => {
    const a = createMetrics();
    const b = createMetrics();
    a.reportsIngested.inc({ source: 'jaki' });
    expect(await valueOf(a, 'nakhoda_reports_ingested_total', { source: 'jaki' })).toBe(1);
    expect(await valueOf(b, 'nakhoda_reports_ingested_total', { source: 'jaki' })).toBeUndefined();
    const text = await a.registry.metrics();
    expect(text).toContain('nodejs_eventloop_lag_seconds');
    expect(text).toContain('process_cpu_seconds_total');
  });

  it('counts only reports among appended events, by their source', async () => {
    const metrics = createMetrics();
    const store = instrumentStore(openStore(), metrics);
    const history = makeHistory();
    for (const events of [
      history.report('a', 1, { source: 'qlue' }),
      history.report('b', 2, { source: 'qlue' }),
      history.report('c', 3, { source: 'call112' }),
      history.update('a', 4, { status: 'verified' }),
    ]) {
      await store.append(events);
    }
    // A source re-sending what it sent appends nothing, and counts nothing.
    const again = history.report('d', 5, { source: 'call112', externalId: 'x-1' });
    await store.appendBatch([
      { events: again, unique: { source: 'call112', externalId: 'x-1' } },
      { events: again, unique: { source: 'call112', externalId: 'x-1' } },
    ]);
    expect(await valueOf(metrics, 'nakhoda_reports_ingested_total', { source: 'qlue' })).toBe(2);
    expect(await valueOf(metrics, 'nakhoda_reports_ingested_total', { source: 'call112' })).toBe(2);
    expect(await samples(metrics, 'nakhoda_reports_ingested_total')).toHaveLength(2);
  });

  it('reads the gauges from the sources at scrape time', async () => {
    const metrics = createMetrics();
    let sockets = 3;
    metrics.watch({
      sockets: () => sockets,
      lag: async () => 7,
      poolStats: () => ({ total: 10, idle: 4, waiting: 2 }),
    });
    expect(await valueOf(metrics, 'nakhoda_sockets')).toBe(3);
    sockets = 5;
    expect(await valueOf(metrics, 'nakhoda_sockets')).toBe(5);
    expect(await valueOf(metrics, 'nakhoda_seq_lag')).toBe(7);
    expect(await valueOf(metrics, 'nakhoda_db_pool_connections', { state: 'total' })).toBe(10);
    expect(await valueOf(metrics, 'nakhoda_db_pool_connections', { state: 'idle' })).toBe(4);
    expect(await valueOf(metrics, 'nakhoda_db_pool_connections', { state: 'waiting' })).toBe(2);
  });

  it('reports no pool without a pool, and an unknown lag when the log does not answer', async () => {
    const metrics = createMetrics();
    metrics.watch({ lag: () => Promise.reject(new Error('connection refused')) });
    expect(await samples(metrics, 'nakhoda_db_pool_connections')).toHaveLength(0);
    expect(await valueOf(metrics, 'nakhoda_seq_lag')).toBeNaN();
  });
});

describe('instrumentStore', () => {
  it('times appends and group commits and observes group sizes', async () => {
    const metrics = createMetrics();
    const store = instrumentStore(openStore(), metrics);
    const history = makeHistory();
    await store.append(history.report('a', 1));
    await store.appendBatch([
      { events: history.report('b', 2) },
      { events: history.report('c', 3) },
      { events: history.report('d', 4) },
    ]);
    await store.appendBatch([]);
    expect(await countOf(metrics, 'nakhoda_append_seconds', { op: 'append' })).toBe(1);
    expect(await countOf(metrics, 'nakhoda_append_seconds', { op: 'batch' })).toBe(2);
    expect(await countOf(metrics, 'nakhoda_append_group_size')).toBe(1);
    expect(await seriesOf(metrics, 'nakhoda_append_group_size', 'sum')).toBe(3);
    expect(await valueOf(metrics, 'nakhoda_reports_ingested_total', { source: 'jaki' })).toBe(4);
  });

  it('passes every other call through to the store, and wraps only once', async () => {
    const metrics = createMetrics();
    const inner = openStore();
    const store = instrumentStore(inner, metrics);
    expect(instrumentStore(store, metrics)).toBe(store);
    await store.append(makeHistory().report('a', 1));
    expect(store.kind).toBe('sqlite');
    expect(await store.latestSeq()).toBe(await inner.latestSeq());
    expect((await store.queryIncidents({ limit: 10 } as never)).items).toHaveLength(1);
    await instrumentStore(store, metrics).append(makeHistory('x').report('b', 2));
    expect(await countOf(metrics, 'nakhoda_append_seconds', { op: 'append' })).toBe(2);
  });

  it('times a failed append too, and lets its error through', async () => {
    const metrics = createMetrics();
    const store = instrumentStore(openStore(), metrics);
    // An update of an incident this store never saw.
    const elsewhere = makeHistory();
    elsewhere.report('a', 1);
    const orphan = elsewhere.update('a', 2, { status: 'verified' });
    await expect(store.append(orphan)).rejects.toThrow();
    expect(await countOf(metrics, 'nakhoda_append_seconds', { op: 'append' })).toBe(1);
  });
});
