/**
 * The Store owns the event log and the queries the views need. Every implementation
 * (SQLite embedded, PostgreSQL for clusters) passes the same contract test suite.
 */
import type { Alert, AlertKind, AlertStatus } from '../../shared/domain/alerts.ts';
import type { IncidentFacts } from '../../shared/domain/briefing.ts';
import type { IncidentQuery } from '../../shared/domain/schemas.ts';
import type { DomainEvent, Incident, NewEvent, Source } from '../../shared/domain/types.ts';

export type AppendResult =
  /** The incidents and alerts its events touched, as the shared reducers left them. */
  | { status: 'appended'; events: DomainEvent[]; incidents: Incident[]; alerts: Alert[] }
  /** The (source, externalId) pair was already reported: nothing was appended. */
  | { status: 'duplicate'; incidentId: string };

/** One command's events in a batch, with the idempotency key `append` takes. */
export interface AppendItem {
  events: NewEvent[];
  unique?: { source: Source; externalId: string } | undefined;
}

/** What became of one item of `appendBatch`: as `append`, or failed alone (nothing of it kept). */
export type AppendItemResult = AppendResult | { status: 'failed'; error: unknown };

export interface IncidentPage {
  items: Incident[];
  /** Opaque; pass back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

/** Which alerts `queryAlerts` lists: every filter given must hold; newest raised first. */
export interface AlertQuery {
  status?: AlertStatus[];
  kind?: AlertKind[];
  /** The agency that must act (exactly: an alert for several agencies has none). */
  agency?: string;
  limit: number;
}

/** What a node starts its live projection from: the incidents and alerts a screen can show. */
export interface LiveState {
  /** The seq of the log both lists reflect. */
  seq: number;
  /** Incidents still open or that ended at or after `endedSince`. */
  incidents: Incident[];
  /** Alerts still active (open or acknowledged) or cleared at or after `endedSince`. */
  alerts: Alert[];
}

/** An open subscription to a wake-up channel. */
export interface Watch {
  /** True while the channel is up and wake-ups arrive. */
  connected(): boolean;
  close(): Promise<void>;
}

export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  /**
   * Appends events in one transaction with consecutive seqs after the current last
   * one, and updates the incidents and alerts they touch with the shared reducers
   * (`reduceIncident`, `reduceAlert`). With `unique`, appends nothing when that source
   * already reported that external id. Throws, appending nothing, when a reducer refuses
   * an event (an unknown incident or alert, raising an active alert) or an event's
   * subject is of the wrong kind (an alert event must name an `alert-` id, an incident
   * event must not).
   */
  append(
    events: NewEvent[],
    opts?: { unique?: { source: Source; externalId: string } },
  ): Promise<AppendResult>;
  /**
   * Group commit: appends many commands in ONE transaction, each as `append` would in
   * this order (consecutive seqs across the batch, the incidents updated), and answers
   * one result per item in order. Idempotency holds inside the batch too: a later item
   * with an external id an earlier item just appended is a duplicate of it. An item that
   * throws (an event `append` would refuse) is rolled back alone and reported
   * `failed`; its neighbours are kept. When the transaction itself fails, the promise
   * rejects and nothing of the batch is kept.
   */
  appendBatch(items: AppendItem[]): Promise<AppendItemResult[]>;
  eventsAfter(after: number, limit: number): Promise<DomainEvent[]>;
  /** The incident a source already reported under this external id, if any. */
  incidentIdFor(source: Source, externalId: string): Promise<string | undefined>;
  /**
   * `incidentIdFor` for many keys at once: the incidents already reported, keyed by
   * `externalKey(source, externalId)`; keys never reported are absent.
   */
  incidentIdsFor(keys: { source: Source; externalId: string }[]): Promise<Map<string, string>>;
  /** The events of one subject in seq order: an incident's, or an alert's by its id. */
  eventsForIncident(id: string): Promise<DomainEvent[]>;
  latestSeq(): Promise<number>;
  getIncident(id: string): Promise<Incident | undefined>;
  getAlert(id: string): Promise<Alert | undefined>;
  /**
   * The reports linked to master `masterId` as duplicates (their `duplicateOf`), confirmed
   * ones included, oldest report first (ties by id); empty for an incident with none.
   */
  linkedReports(masterId: string): Promise<Incident[]>;
  /** Alerts matching the filters, newest `raisedAt` first (ties by id, descending), at most `limit`. */
  queryAlerts(q: AlertQuery): Promise<Alert[]>;
  /** The live incidents and alerts (see `LiveState`), read in one snapshot. */
  loadLive(endedSince: string): Promise<LiveState>;
  queryIncidents(q: IncidentQuery): Promise<IncidentPage>;
  /**
   * Every incident matching the filters (limit and cursor ignored), newest first. Read in
   * pages, letting other work run between them, so a consumer that waits (a slow download)
   * holds no statement open and writes go on; an incident added meanwhile may or may not
   * be included.
   */
  iterateIncidents(q: IncidentQuery): AsyncIterable<Incident>;
  /**
   * Facts of the incidents a briefing of [from, to) and its previous period can touch:
   * reported before `to` and not ended before `since`.
   */
  briefingFacts(since: string, to: string): Promise<IncidentFacts[]>;
  /**
   * Events whose field time is in (after, until] (from the start when `after` is null), in
   * field-time order, then seq. Read in pages like `iterateIncidents`.
   */
  iterateByOccurrence(after: string | null, until: string): AsyncIterable<DomainEvent>;
  /** How many events have a field time in (after, until], counting no further than `cap`. */
  countByOccurrence(after: string, until: string, cap: number): Promise<number>;
  /**
   * The events a replay of the city at `at` needs, instead of the whole log before it: those
   * with field time at or before `at` of every incident that can be on screen then, that is
   * reported by `at` and not ended before `endedSince`. The projection's ended time decides,
   * except for incidents whose status changes were logged out of field-time order: those
   * always come. Each incident's events come together in field-time order (then seq);
   * incidents in no set order. Replaying them gives every incident visible at `at` the
   * state a replay of the whole log gives. Read in pages like `iterateIncidents`.
   */
  iterateAliveAt(at: string, endedSince: string): AsyncIterable<DomainEvent>;
  /**
   * Calls `onHead` soon after any writer (another node included) moves the log's head, for as
   * long as the returned watch is open; `onState` hears the wake-up channel go up and down.
   * Only a wake-up: the caller reads the log by seq, and polls, since one can be missed.
   * Absent where this process is the only writer (SQLite).
   */
  watchHead?(onHead: (seq: number) => void, onState?: (up: boolean) => void): Watch;
  /** Connections to the database, for the people on call (PostgreSQL's pool). */
  poolStats?(): { total: number; idle: number; waiting: number };
  close(): Promise<void>;
}

/** One string per (source, external id) pair, for maps: no source name holds a NUL. */
export function externalKey(source: Source, externalId: string): string {
  return `${source}\u0000${externalId}`;
}

export function encodeCursor(reportedAt: string, id: string): string {
  return Buffer.from(`${reportedAt}|${id}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): { reportedAt: string; id: string } | null {
  const raw = Buffer.from(cursor, 'base64url').toString('utf8');
  const bar = raw.indexOf('|');
  if (bar < 0) return null;
  const reportedAt = raw.slice(0, bar);
  if (Number.isNaN(Date.parse(reportedAt))) return null;
  return { reportedAt, id: raw.slice(bar + 1) };
}
