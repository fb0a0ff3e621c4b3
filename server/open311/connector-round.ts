/**
 * One round of one connector: read the remote's requests in the window [since, until]
 * page by page (`page`/`page_size`, newest first on Nakhoda; a server that ignores paging
 * answers everything at once), file the new ones through the write path and make known
 * ones follow the remote's status; then, since the spec filters `start_date` on the
 * requested time, ask mySociety's `servicerequestupdates` which older requests changed,
 * and follow those too. `since` is the previous round's newest updated_datetime less an
 * overlap (re-reading is idempotent: external ids are unique, statuses compared), and the
 * state is saved after every page, so a restart continues the round where it stopped.
 */
import type { CityPack } from '../../shared/city/types.ts';
import { systemPrincipal } from '../../shared/domain/access.ts';
import { lastFieldTime } from '../../shared/domain/field-time.ts';
import type { IncidentService } from '../ingest/incident-service.ts';
import type { Store } from '../log/store.ts';
import { fetchChangedIds, fetchRequests, type RemoteOptions } from './connector-fetch.ts';
import {
  externalIdOf,
  isoOf,
  lifecyclePath,
  reportOf,
  targetStatus,
  type RemoteRequest,
} from './connector-map.ts';
import type { Connector, ConnectorRound, ConnectorState } from './connector-store.ts';

export interface RoundLimits extends RemoteOptions {
  pageSize: number;
  /** Pages read in one round at most; the rest waits for the next tick (state saved). */
  maxPages: number;
  /** How far before the cursor a round starts reading again (ms). */
  overlapMs: number;
}

export const DEFAULT_LIMITS: RoundLimits = {
  timeoutMs: 15_000,
  pageSize: 100,
  maxPages: 20,
  overlapMs: 60 * 60_000,
};

/** Ids asked for at once by `service_request_id`. */
const IDS_PER_CALL = 50;

export interface RoundDeps {
  service: IncidentService;
  store: Store;
  pack: CityPack;
  clock: () => Date;
  log: (msg: string) => void;
  limits: RoundLimits;
  saveState(state: ConnectorState): Promise<void>;
}

/** Where a round got to: kept by the caller so a failure saves what was done before it. */
export interface Progress {
  state: ConnectorState;
  /** True when pages remain after this call (the page cap was reached). */
  more: boolean;
}

const after = (a: [string, string], b: [string | null, string | null]) =>
  b[0] === null || a[0] > b[0] || (a[0] === b[0] && a[1] > (b[1] ?? ''));

export async function pullRound(c: Connector, deps: RoundDeps, progress: Progress): Promise<void> {
  const { service, store, pack, clock, log, limits } = deps;
  const now = clock();
  // The log records the connector as the author of what it brings: system actor open311:<name>.
  const principal = systemPrincipal(`open311:${c.name}`);
  let state = progress.state;
  const counts = { ...state.counts };
  const cursor: [string | null, string | null] = [state.cursorUpdatedAt, state.cursorRemoteId];
  let round: ConnectorRound = state.round ?? {
    since: state.cursorUpdatedAt
      ? new Date(Date.parse(state.cursorUpdatedAt) - limits.overlapMs).toISOString()
      : null,
    until: now.toISOString(),
    page: 1,
    maxUpdatedAt: null,
    maxRemoteId: null,
  };
  const save = async (next: Partial<ConnectorState>) => {
    state = { ...state, ...next, counts: { ...counts } };
    progress.state = state;
    await deps.saveState(state);
  };

  /** Makes the local incident follow the remote's status, through the lifecycle's steps. */
  const follow = async (incidentId: string, remote: RemoteRequest, fresh: boolean) => {
    const incident = await store.getIncident(incidentId);
    if (!incident) return;
    const target = targetStatus(remote, incident.status);
    if (target === null) return;
    const path = lifecyclePath(incident.status, target);
    const rid = remote.service_request_id;
    if (!path) {
      if (fresh) counts.refused++;
      log(`connector ${c.name}: request ${rid} cannot go from ${incident.status} to ${target}`);
      return;
    }
    const changed = isoOf(remote.updated_datetime) ?? now.toISOString();
    const notBefore = lastFieldTime(incident);
    const occurredAt =
      changed < notBefore ? notBefore : changed > now.toISOString() ? now.toISOString() : changed;
    const note = `Open311 ${c.name}${remote.status_notes ? `: ${remote.status_notes}` : ''}`;
    for (const [i, status] of path.entries()) {
      const last = i === path.length - 1;
      const r = await service.update(
        incidentId,
        { status, occurredAt, ...(last ? { note: note.slice(0, 2000) } : {}) },
        principal,
      );
      if (!r.ok) {
        if (fresh) counts.refused++;
        log(`connector ${c.name}: request ${rid} to ${status} refused: ${r.error.message}`);
        return;
      }
    }
    counts.updated++;
  };

  const apply = async (remote: RemoteRequest) => {
    const updated = isoOf(remote.updated_datetime) ?? '';
    const rid = remote.service_request_id;
    const fresh = after([updated, rid], cursor);
    if (fresh) counts.seen++;
    if (updated !== '' && after([updated, rid], [round.maxUpdatedAt, round.maxRemoteId])) {
      round = { ...round, maxUpdatedAt: updated, maxRemoteId: rid };
    }
    const mapped = reportOf(remote, c, pack, now);
    if (!mapped.ok) {
      if (fresh) counts[mapped.skip]++;
      return;
    }
    let id = await store.incidentIdFor('open311', mapped.report.externalId);
    if (!id) {
      const r = await service.report(mapped.report, principal);
      if (!r.ok) {
        if (fresh) counts.refused++;
        log(`connector ${c.name}: request ${rid} refused: ${r.error.message}`);
        return;
      }
      if (r.data.created) counts.created++;
      id = r.data.incident.id;
    }
    await follow(id, remote, fresh);
  };

  const handled = new Set<string>();
  const window = {
    ...(round.since ? { start_date: round.since } : {}),
    end_date: round.until,
    page_size: String(limits.pageSize),
  };
  for (let pages = 0; ; pages++) {
    if (pages === limits.maxPages) {
      progress.more = true;
      return save({ round });
    }
    const items = await fetchRequests(c, { ...window, page: String(round.page) }, limits);
    // A server that ignores `page` answers the same requests again: nothing more to read.
    const repeated = items.length > 0 && items.every((r) => handled.has(r.service_request_id));
    if (!repeated) for (const item of items) await apply(item);
    for (const item of items) handled.add(item.service_request_id);
    if (repeated || items.length < limits.pageSize) break;
    round = { ...round, page: round.page + 1 };
    await save({ round });
  }

  if (round.since) {
    const changed = (await fetchChangedIds(c, round.since, round.until, limits)) ?? [];
    const known: string[] = [];
    for (const rid of changed) {
      if (handled.has(rid)) continue;
      if (await store.incidentIdFor('open311', externalIdOf(c.id, rid))) known.push(rid);
    }
    for (let i = 0; i < known.length; i += IDS_PER_CALL) {
      const ids = known.slice(i, i + IDS_PER_CALL).join(',');
      for (const item of await fetchRequests(c, { service_request_id: ids }, limits))
        await apply(item);
    }
  }

  const advanced =
    round.maxUpdatedAt !== null && after([round.maxUpdatedAt, round.maxRemoteId ?? ''], cursor);
  progress.more = false;
  await save({
    cursorUpdatedAt: advanced ? round.maxUpdatedAt : state.cursorUpdatedAt,
    cursorRemoteId: advanced ? round.maxRemoteId : state.cursorRemoteId,
    round: null,
    syncedUntil: round.until,
    lastSuccessAt: now.toISOString(),
    consecutiveFailures: 0,
  });
}
