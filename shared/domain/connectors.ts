/**
 * Open311 connectors as the admin API shows them and the admin page edits them: what an
 * admin configures (another city's GeoReport v2 server to pull from) and the puller's
 * health. The server keeps more (the key itself, the cursor: server/open311/connector-store.ts);
 * the remote key is write-only, so a view says only whether one is set and a hint of it.
 */

export interface ConnectorConfig {
  id: string;
  name: string;
  /** Base URL of the remote `/open311/v2` (no trailing slash). */
  endpoint: string;
  jurisdictionId: string | null;
  /** Remote service_code → local category code. */
  serviceMap: Record<string, string>;
  /** Where an unmapped service goes; null skips its requests. */
  defaultCategory: string | null;
  enabled: boolean;
  pollSeconds: number;
  createdAt: string;
  updatedAt: string;
}

/** What became of the remote requests read for the first time (a re-read counts nothing). */
export interface ConnectorCounts {
  seen: number;
  created: number;
  /** Status changes applied to known requests (one per remote change followed). */
  updated: number;
  skippedNoId: number;
  skippedNoLocation: number;
  skippedUnmapped: number;
  /** Refused by the write path (outside the city, a lifecycle that cannot follow, …). */
  refused: number;
}

export type NewConnector = Omit<ConnectorConfig, 'id' | 'createdAt' | 'updatedAt'> & {
  apiKey: string | null;
};

/** Only what is given changes; `apiKey: null` removes the key. */
export type ConnectorChanges = Partial<NewConnector>;

/** `waiting`: enabled, and no round has succeeded or failed yet. */
export type ConnectorStatus = 'ok' | 'failing' | 'waiting' | 'disabled';

export interface ConnectorHealth {
  status: ConnectorStatus;
  lastSuccessAt: string | null;
  /** Everything the remote changed up to this instant has been read. */
  syncedUntil: string | null;
  lagSeconds: number | null;
  lastError: string | null;
  lastErrorAt: string | null;
  consecutiveFailures: number;
  nextAttemptAt: string | null;
  cursor: { updatedAt: string | null; remoteId: string | null };
  counts: ConnectorCounts;
}

/** A connector as GET /api/v1/admin/connectors answers it. */
export interface ConnectorView extends ConnectorConfig {
  apiKey: { set: boolean; hint: string | null };
  health: ConnectorHealth;
}
