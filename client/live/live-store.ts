/**
 * The browser's live copy of the projection, fed by the Socket.IO stream and read by the
 * views (never the socket). It applies the shared reducer to a snapshot and then to
 * ordered batches (incidents and the analyst's alerts alike); a gap in `seq`, or a
 * reconnect, is closed with `stream:resume`, and a
 * snapshot or resume result is accepted only if it does not take `seq` backwards.
 * It also says whether the data is live: stale after `staleAfterMs` without a message, or
 * after as long behind a gap that no resume has closed (heartbeats alone are not enough).
 *
 * The caller creates the socket (tests pass a real client or a fake); the store only
 * listens, and `dispose()` removes every listener and timer it added.
 */
import type { Socket } from 'socket.io-client';
import type {
  ClientToServerEvents,
  EventsBatch,
  Heartbeat,
  ServerToClientEvents,
  Snapshot,
} from '../../shared/contract.ts';
import { isAlertEvent, type Alert } from '../../shared/domain/alerts.ts';
import { alertInLiveWindow, inLiveWindow } from '../../shared/domain/live-window.ts';
import { ownedProjection } from '../../shared/domain/reducer.ts';
import { MINUTE_MS } from '../../shared/domain/time.ts';
import type { DomainEvent, Incident } from '../../shared/domain/types.ts';
import { applyToWindow, loadSnapshot } from '../../shared/snapshot-load.ts';
import { IncidentList } from './incident-list.ts';
import { activeAlertsByUrgency } from './live-alerts.ts';

export type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
export type ConnectionState = 'connecting' | 'live' | 'stale' | 'offline';

export interface LiveState {
  /** Bumped on every change, heartbeats included. */
  version: number;
  /** Bumped only when incidents change: the key for deck.gl `updateTriggers`. */
  dataVersion: number;
  seq: number;
  /** One Map instance for the life of the store, changed in place. */
  incidents: ReadonlyMap<string, Incident>;
  /** The same incidents as one stable array (see IncidentList), for deck.gl `data`. */
  incidentList: readonly Incident[];
  /** Active alerts and those cleared within the window, by id; one Map changed in place. */
  alerts: ReadonlyMap<string, Alert>;
  /**
   * The active alerts, critical first, then oldest first: a new array only when an alert
   * changed (see `useLiveAlerts`).
   */
  activeAlerts: readonly Alert[];
  /** Bumped only when alerts change. */
  alertsVersion: number;
  /** Ids of the newest reports, newest first, for a ticker. */
  recentIds: readonly string[];
  hasSnapshot: boolean;
  /** How long the server keeps ended incidents in a snapshot; the store prunes alike. */
  windowHours: number | null;
  connection: ConnectionState;
  /** Local clock (ms) at the last snapshot, batch or heartbeat. */
  lastMessageAt: number | null;
  /** Local clock (ms) since when the data on screen may be out of date; null while live. */
  staleSince: number | null;
  /** Server clock minus local clock, from the last snapshot or heartbeat. */
  serverTimeOffsetMs: number;
}

export interface LiveStoreOptions {
  socket: LiveSocket;
  staleAfterMs?: number;
  checkEveryMs?: number;
  resumeTimeoutMs?: number;
  /** Wait after a failed resume before asking again, so a sick server is not flooded. */
  resumeRetryMs?: number;
  recentLimit?: number;
  now?: () => number;
}

export interface LiveStore {
  getState(): LiveState;
  subscribe(listener: () => void): () => void;
  dispose(): void;
}

/** Beyond this many buffered events a resume replaces them anyway; drop, do not grow. */
const MAX_PENDING_EVENTS = 100_000;
const PRUNE_EVERY_MS = MINUTE_MS;

/** Ids of the `limit` most recently reported incidents, newest first. */
function newestIds(incidents: Iterable<Incident>, limit: number): string[] {
  const byTime: [number, string][] = [];
  for (const incident of incidents) byTime.push([Date.parse(incident.reportedAt), incident.id]);
  byTime.sort((a, b) => b[0] - a[0]);
  return byTime.slice(0, limit).map(([, id]) => id);
}

export function createLiveStore(options: LiveStoreOptions): LiveStore {
  const {
    socket,
    staleAfterMs = 10_000,
    checkEveryMs = 1_000,
    resumeTimeoutMs = 10_000,
    resumeRetryMs = 2_000,
    recentLimit = 50,
    now = () => Date.now(),
  } = options;

  const projection = ownedProjection();
  const list = new IncidentList();
  const listeners = new Set<() => void>();
  let recentIds: string[] = [];
  let hasSnapshot = false;
  let windowHours: number | null = null;
  let connection: ConnectionState = 'connecting';
  let lastMessageAt: number | null = null;
  let staleSince: number | null = null;
  let behindSince: number | null = null;
  let serverTimeOffsetMs = 0;
  let version = 0;
  let dataVersion = 0;
  let alertsVersion = 0;
  let activeAlerts: readonly Alert[] = [];
  /** Set when an alert changed since the last commit. */
  let alertsDirty = false;
  let everDisconnected = false;
  let lastPruneAt = now();

  // Resume bookkeeping: a token invalidates answers to requests that no longer matter.
  let resumeToken = 0;
  let resuming = false;
  let resumeBlockedUntil = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let pending: EventsBatch[] = [];
  let pendingEvents = 0;

  let state = buildState();

  function buildState(): LiveState {
    return {
      version,
      dataVersion,
      seq: projection.seq,
      incidents: projection.incidents,
      incidentList: list.items,
      alerts: projection.alerts,
      activeAlerts,
      alertsVersion,
      recentIds,
      hasSnapshot,
      windowHours,
      connection,
      lastMessageAt,
      staleSince,
      serverTimeOffsetMs,
    };
  }

  /** Live means: connected, a message within `staleAfterMs`, and not stuck behind a gap. */
  function liveness(): ConnectionState {
    if (!hasSnapshot) return 'connecting';
    if (!socket.connected) return 'offline';
    const t = now();
    const heardRecently = lastMessageAt !== null && t - lastMessageAt <= staleAfterMs;
    const caughtUp = behindSince === null || t - behindSince <= staleAfterMs;
    return heardRecently && caughtUp ? 'live' : 'stale';
  }

  function updateConnection(): boolean {
    const behind = resuming || pending.length > 0;
    if (!behind) behindSince = null;
    else behindSince ??= now();
    const next = liveness();
    if (next === connection) return false;
    if (next === 'live') staleSince = null;
    else if (connection === 'live' || staleSince === null) {
      staleSince = next === 'stale' && behindSince !== null ? behindSince : lastMessageAt;
    }
    connection = next;
    return true;
  }

  function commit(dataChanged: boolean): void {
    updateConnection();
    version += 1;
    if (dataChanged) dataVersion += 1;
    if (alertsDirty) {
      alertsDirty = false;
      alertsVersion += 1;
      activeAlerts = activeAlertsByUrgency(projection.alerts.values());
    }
    state = buildState();
    for (const listener of [...listeners]) listener();
  }

  function heard(serverTime?: string): void {
    lastMessageAt = now();
    if (serverTime) serverTimeOffsetMs = Date.parse(serverTime) - lastMessageAt;
  }

  function noteReported(id: string): void {
    recentIds = [id, ...recentIds.filter((x) => x !== id)].slice(0, recentLimit);
  }

  function applySnapshot(snapshot: Snapshot): boolean {
    if (hasSnapshot && snapshot.seq < projection.seq) return false;
    // The list and the ticker are built once, after the snapshot's tail.
    loadSnapshot(projection, snapshot);
    list.reset(projection.incidents.values());
    recentIds = newestIds(projection.incidents.values(), recentLimit);
    alertsDirty = true;
    hasSnapshot = true;
    windowHours = snapshot.windowHours;
    // Buffered batches can be checked against the snapshot now. A resume still in flight
    // keeps its token: its answer is applied too, skipping whatever the snapshot holds.
    resuming = false;
    return true;
  }

  /** Applies consecutive events after the current seq; the caller has checked the order. */
  function applyConsecutive(events: readonly DomainEvent[]): void {
    for (const event of events) {
      if (!applyToWindow(projection, event)) continue;
      if (isAlertEvent(event)) {
        alertsDirty = true;
        continue;
      }
      const incident = projection.incidents.get(event.incidentId);
      if (incident) list.upsert(incident);
      if (event.type === 'incident.reported') noteReported(event.incidentId);
    }
  }

  function enqueue(batch: EventsBatch): void {
    pendingEvents += batch.events.length;
    if (pendingEvents > MAX_PENDING_EVENTS) {
      pending = [];
      pendingEvents = 0;
      return;
    }
    pending.push(batch);
  }

  /** Applies what follows on from `seq`; returns whether anything was applied. */
  function ingest(batch: EventsBatch): boolean {
    if (resuming || !hasSnapshot) {
      enqueue(batch);
      return false;
    }
    const { events } = batch;
    const seqAt = (i: number) => (events[i] as DomainEvent).seq;
    let start = 0;
    while (start < events.length && seqAt(start) <= projection.seq) start += 1;
    let end = start;
    while (end < events.length && seqAt(end) === projection.seq + 1 + (end - start)) end += 1;
    applyConsecutive(events.slice(start, end));
    if (end < events.length) {
      enqueue({ ...batch, from: seqAt(end), events: events.slice(end) });
      startResume();
    }
    return end > start;
  }

  function drain(): boolean {
    const queued = pending;
    pending = [];
    pendingEvents = 0;
    let changed = false;
    for (const batch of queued) changed = ingest(batch) || changed;
    return changed;
  }

  function cancelResume(): void {
    resumeToken += 1;
    resuming = false;
  }

  function startResume(): void {
    if (resuming || !socket.connected) return;
    if (now() < resumeBlockedUntil) {
      scheduleRetry(resumeBlockedUntil - now());
      return;
    }
    resuming = true;
    const token = ++resumeToken;
    socket.timeout(resumeTimeoutMs).emit('stream:resume', { after: projection.seq }, (err, res) => {
      if (token !== resumeToken) return;
      resuming = false;
      if (err || !res.ok) {
        resumeBlockedUntil = now() + resumeRetryMs;
        scheduleRetry(resumeRetryMs);
        return;
      }
      heard();
      let changed =
        res.data.kind === 'snapshot' ? applySnapshot(res.data.snapshot) : ingest(res.data.batch);
      changed = drain() || changed;
      commit(changed);
    });
  }

  function scheduleRetry(delayMs: number): void {
    if (retryTimer !== undefined) return;
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      if (!resuming && pending.length > 0) commit(drain());
    }, delayMs);
  }

  function prune(): boolean {
    if (windowHours === null) return false;
    const serverNow = new Date(now() + serverTimeOffsetMs);
    let removed = false;
    for (const incident of projection.incidents.values()) {
      if (!inLiveWindow(incident, serverNow, windowHours)) {
        projection.incidents.delete(incident.id);
        list.remove(incident.id);
        removed = true;
      }
    }
    if (removed) recentIds = recentIds.filter((id) => projection.incidents.has(id));
    for (const alert of projection.alerts.values()) {
      if (!alertInLiveWindow(alert, serverNow, windowHours)) {
        projection.alerts.delete(alert.id);
        alertsDirty = true;
      }
    }
    return removed;
  }

  const onSnapshot = (snapshot: Snapshot) => {
    const applied = applySnapshot(snapshot);
    heard(snapshot.serverTime);
    const drained = drain();
    commit(applied || drained);
  };

  const onBatch = (batch: EventsBatch) => {
    const changed = ingest(batch);
    heard();
    commit(changed);
  };

  const onHeartbeat = (beat: Heartbeat) => {
    heard(beat.serverTime);
    commit(false);
  };

  const onConnect = () => {
    // The server sends a fresh snapshot on every connect; asking to resume as well means
    // a client that was briefly away catches up from whichever answer comes first.
    if (everDisconnected && hasSnapshot) startResume();
    commit(false);
  };

  const onDisconnect = () => {
    everDisconnected = true;
    cancelResume();
    commit(false);
  };

  const checkTimer = setInterval(() => {
    let dataChanged = false;
    if (now() - lastPruneAt >= PRUNE_EVERY_MS) {
      lastPruneAt = now();
      dataChanged = prune();
    }
    if (dataChanged || alertsDirty || liveness() !== connection) commit(dataChanged);
  }, checkEveryMs);

  socket.on('snapshot', onSnapshot);
  socket.on('events:batch', onBatch);
  socket.on('heartbeat', onHeartbeat);
  socket.on('connect', onConnect);
  socket.on('disconnect', onDisconnect);

  return {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    dispose() {
      socket.off('snapshot', onSnapshot);
      socket.off('events:batch', onBatch);
      socket.off('heartbeat', onHeartbeat);
      socket.off('connect', onConnect);
      socket.off('disconnect', onDisconnect);
      clearInterval(checkTimer);
      if (retryTimer !== undefined) clearTimeout(retryTimer);
      cancelResume();
      listeners.clear();
    },
  };
}
