/**
 * Open311 connectors: another city's GeoReport v2 server that this Nakhoda pulls requests
 * from (connector-runner.ts), with what an admin configures and where the puller stands.
 * Two implementations behave alike (tests/support/connector-store-contract.ts), like the
 * auth store: SQLite (sqlite-connector.store.ts) in the log's file, and PostgreSQL
 * (pg-connector.store.ts, migration 003) for several nodes.
 *
 * The remote `api_key` is kept as given (the puller must present it); the admin API shows
 * only a hint of it and nothing logs it. Both tables' rows map here, in one place.
 */

import type {
  ConnectorChanges,
  ConnectorConfig,
  ConnectorCounts,
  NewConnector,
} from '../../shared/domain/connectors.ts';

export type { ConnectorChanges, ConnectorConfig, ConnectorCounts, NewConnector };

export const ZERO_COUNTS: ConnectorCounts = {
  seen: 0,
  created: 0,
  updated: 0,
  skippedNoId: 0,
  skippedNoLocation: 0,
  skippedUnmapped: 0,
  refused: 0,
};

/**
 * A round is one pass over the remote's requests in the window [since, until]; its pages
 * are read one by one and the state saved after each, so a restart continues at `page`.
 */
export interface ConnectorRound {
  since: string | null;
  until: string;
  page: number;
  /** The newest (updated_datetime, id) read so far in this round. */
  maxUpdatedAt: string | null;
  maxRemoteId: string | null;
}

export interface ConnectorState {
  /** The newest (updated_datetime, remote id) of the last complete round: the next start. */
  cursorUpdatedAt: string | null;
  cursorRemoteId: string | null;
  round: ConnectorRound | null;
  /** The end of the last complete round: everything up to it has been read (lag = now − it). */
  syncedUntil: string | null;
  lastSuccessAt: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
  consecutiveFailures: number;
  /** Not tried before this (backoff); null: at once. */
  nextAttemptAt: string | null;
  counts: ConnectorCounts;
}

export const INITIAL_STATE: ConnectorState = {
  cursorUpdatedAt: null,
  cursorRemoteId: null,
  round: null,
  syncedUntil: null,
  lastSuccessAt: null,
  lastError: null,
  lastErrorAt: null,
  consecutiveFailures: 0,
  nextAttemptAt: null,
  counts: ZERO_COUNTS,
};

/** Seconds since everything up to `syncedUntil` was read; null before a round completed. */
export function lagSeconds(state: ConnectorState, now: Date): number | null {
  if (state.syncedUntil === null) return null;
  return Math.max(0, Math.round((now.getTime() - Date.parse(state.syncedUntil)) / 1000));
}

export interface Connector extends ConnectorConfig {
  /** The remote key, as given; never sent to a browser (connectors.routes.ts shows a hint). */
  apiKey: string | null;
  state: ConnectorState;
}

export interface ConnectorStore {
  /** By name. */
  list(): Promise<Connector[]>;
  get(id: string): Promise<Connector | undefined>;
  create(c: NewConnector, now: Date): Promise<Connector>;
  update(id: string, changes: ConnectorChanges, now: Date): Promise<Connector | undefined>;
  /** False for an unknown id. */
  remove(id: string): Promise<boolean>;
  /** Replaces the puller's state; nothing for a connector removed meanwhile. */
  saveState(id: string, state: ConnectorState): Promise<void>;
  close(): Promise<void>;
}

/** The `connectors` table's row, the same columns in SQLite and PostgreSQL. */
export interface ConnectorRow {
  id: string;
  name: string;
  endpoint: string;
  jurisdiction_id: string | null;
  api_key: string | null;
  service_map: string;
  default_category: string | null;
  /** SQLite's 0/1, PostgreSQL's boolean. */
  enabled: number | boolean;
  poll_seconds: number;
  created_at: string;
  updated_at: string;
  /** JSON of ConnectorState. */
  state: string;
}

export const CONFIG_COLUMNS = [
  'name',
  'endpoint',
  'jurisdiction_id',
  'api_key',
  'service_map',
  'default_category',
  'enabled',
  'poll_seconds',
] as const;

export function toConnector(r: ConnectorRow): Connector {
  return {
    id: r.id,
    name: r.name,
    endpoint: r.endpoint,
    jurisdictionId: r.jurisdiction_id,
    apiKey: r.api_key,
    serviceMap: JSON.parse(r.service_map) as Record<string, string>,
    defaultCategory: r.default_category,
    enabled: Boolean(r.enabled),
    pollSeconds: r.poll_seconds,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    state: { ...INITIAL_STATE, ...(JSON.parse(r.state) as Partial<ConnectorState>) },
  };
}

/** The config columns a change sets, with their values as both databases take them. */
export function changedColumns(
  c: ConnectorChanges,
  bool: (b: boolean) => unknown,
): [(typeof CONFIG_COLUMNS)[number], unknown][] {
  const set: [(typeof CONFIG_COLUMNS)[number], unknown][] = [];
  if (c.name !== undefined) set.push(['name', c.name]);
  if (c.endpoint !== undefined) set.push(['endpoint', c.endpoint]);
  if (c.jurisdictionId !== undefined) set.push(['jurisdiction_id', c.jurisdictionId]);
  if (c.apiKey !== undefined) set.push(['api_key', c.apiKey]);
  if (c.serviceMap !== undefined) set.push(['service_map', JSON.stringify(c.serviceMap)]);
  if (c.defaultCategory !== undefined) set.push(['default_category', c.defaultCategory]);
  if (c.enabled !== undefined) set.push(['enabled', bool(c.enabled)]);
  if (c.pollSeconds !== undefined) set.push(['poll_seconds', c.pollSeconds]);
  return set;
}

/** A new connector's row values, in CONFIG_COLUMNS order. */
export function newConnectorValues(c: NewConnector, bool: (b: boolean) => unknown): unknown[] {
  return changedColumns(c, bool).map(([, v]) => v);
}
