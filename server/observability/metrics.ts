/**
 * What the people on call watch, in Prometheus terms (prom-client). Each app gets its own
 * Registry: tests run several apps in one process, and a node's numbers are its own.
 * Counters and histograms are fed by the write path and the HTTP layer; the gauges are
 * read at scrape time from sources the app hands over once it has them (`watch`).
 */
import type { Counter, Histogram } from 'prom-client';
import * as prom from 'prom-client';
import type { DomainEvent } from '../../shared/domain/types.ts';
import { withTimeout } from './timeout.ts';

export interface PoolStats {
  total: number;
  idle: number;
  waiting: number;
}

/** Read at each scrape; a gauge whose source is absent reports nothing (pool) or 0. */
export interface MetricSources {
  /** Engine.IO connections on this node. */
  sockets?: () => number;
  /** Log head seq minus the seq this node's projection has applied. */
  lag?: () => number | Promise<number>;
  poolStats?: () => PoolStats;
  /** Open311 connectors (enabled ones): lag behind their remote, failed rounds in a row. */
  connectors?: () => Promise<ConnectorHealth[]>;
}

export interface ConnectorHealth {
  name: string;
  /** Seconds since the end of its last complete round; null before its first. */
  lagSeconds: number | null;
  failures: number;
}

export interface Metrics {
  readonly registry: prom.Registry;
  readonly reportsIngested: Counter<'source'>;
  readonly appendSeconds: Histogram<'op'>;
  readonly appendGroupSize: Histogram;
  readonly rateLimited: Counter<'route'>;
  readonly httpRequests: Counter<'method' | 'route' | 'status'>;
  /** Counts the reports among events this node appended (instrument-store.ts calls it). */
  countReports(events: readonly DomainEvent[]): void;
  /** Sets (or replaces) where the gauges read from. */
  watch(sources: MetricSources): void;
}

/** A scrape must not hang on a source that does not answer (the store, when it is gone). */
const SOURCE_TIMEOUT_MS = 1000;

export function createMetrics(): Metrics {
  const registry = new prom.Registry();
  // Process CPU, memory, GC, handles and event-loop delay (nodejs_eventloop_lag_*).
  prom.collectDefaultMetrics({ register: registry });
  const registers = [registry];
  let sources: MetricSources = {};

  const reportsIngested = new prom.Counter({
    name: 'nakhoda_reports_ingested_total',
    help: 'Incident reports appended to the log, by source channel',
    labelNames: ['source'] as const,
    registers,
  });
  const appendSeconds = new prom.Histogram({
    name: 'nakhoda_append_seconds',
    help: 'Time of one append to the log (op: append = one command, batch = a group commit)',
    labelNames: ['op'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers,
  });
  const appendGroupSize = new prom.Histogram({
    name: 'nakhoda_append_group_size',
    help: 'Commands committed together in one group commit',
    buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000],
    registers,
  });
  const rateLimited = new prom.Counter({
    name: 'nakhoda_rate_limited_total',
    help: 'Requests refused with 429, by route',
    labelNames: ['route'] as const,
    registers,
  });
  const httpRequests = new prom.Counter({
    name: 'nakhoda_http_requests_total',
    help: 'HTTP requests answered, by method, matched route (or other) and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers,
  });
  new prom.Gauge({
    name: 'nakhoda_sockets',
    help: 'Live Socket.IO connections on this node',
    registers,
    collect() {
      this.set(sources.sockets?.() ?? 0);
    },
  });
  new prom.Gauge({
    name: 'nakhoda_seq_lag',
    help: "Events in the log this node's projection has not applied yet (NaN: the log did not answer)",
    registers,
    async collect() {
      if (!sources.lag) return this.set(0);
      try {
        this.set(await withTimeout(Promise.resolve(sources.lag()), SOURCE_TIMEOUT_MS));
      } catch {
        this.set(Number.NaN);
      }
    },
  });
  new prom.Gauge({
    name: 'nakhoda_db_pool_connections',
    help: 'Database pool connections: total, idle, and callers waiting for one',
    labelNames: ['state'] as const,
    registers,
    collect() {
      const stats = sources.poolStats?.();
      if (!stats) return;
      this.set({ state: 'total' }, stats.total);
      this.set({ state: 'idle' }, stats.idle);
      this.set({ state: 'waiting' }, stats.waiting);
    },
  });

  /** Sets one value per connector, from a fresh reading, dropping connectors gone since. */
  const perConnector = (value: (h: ConnectorHealth) => number) =>
    async function (this: prom.Gauge<'connector'>) {
      this.reset();
      if (!sources.connectors) return;
      const health = await withTimeout(sources.connectors(), SOURCE_TIMEOUT_MS).catch(() => []);
      for (const h of health) this.set({ connector: h.name }, value(h));
    };
  new prom.Gauge({
    name: 'nakhoda_connector_lag_seconds',
    help: 'Open311 connectors: seconds since the end of the last complete round (NaN: none yet)',
    labelNames: ['connector'] as const,
    registers,
    collect: perConnector((h) => h.lagSeconds ?? Number.NaN),
  });
  new prom.Gauge({
    name: 'nakhoda_connector_failures',
    help: 'Open311 connectors: rounds failed in a row (0: the last one succeeded)',
    labelNames: ['connector'] as const,
    registers,
    collect: perConnector((h) => h.failures),
  });

  return {
    registry,
    reportsIngested,
    appendSeconds,
    appendGroupSize,
    rateLimited,
    httpRequests,
    countReports(events) {
      for (const e of events) {
        if (e.type === 'incident.reported') reportsIngested.inc({ source: e.data.incident.source });
      }
    },
    watch(next) {
      sources = { ...sources, ...next };
    },
  };
}
