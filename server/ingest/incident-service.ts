/**
 * The write path, where an incident is born: parse → authorize → decide (shared rules:
 * shared/domain/report-incident.ts, update-incident.ts) → append (the log) → apply to the
 * live projection through the log follower (which brings other nodes' writes too), which
 * tells the stream. HTTP and Socket.IO handlers both call this, so a command means the
 * same thing whichever way it arrives. Commands are decided one at a time, so each
 * decision sees the state the previous one left; reports that arrive while one is being
 * written are decided in order and committed together (group commit, ingest-queue.ts),
 * each answered only after that commit. An update is decided after the follower has read
 * the log to its head, so a change made on another node a moment ago is seen. Other events
 * of the log (the analyst's alerts) take the same path through `exclusive`.
 */
import { randomUUID } from 'node:crypto';
import type { CityPack } from '../../shared/city/types.ts';
import type { Result } from '../../shared/contract.ts';
import type { BackdateContext, CommandError } from '../../shared/domain/commands.ts';
import { decideReport } from '../../shared/domain/report-incident.ts';
import { decideUpdate } from '../../shared/domain/update-incident.ts';
import type { BackdatePolicy } from '../../shared/domain/field-time.ts';
import { DEFAULT_BACKDATE_POLICY } from '../../shared/domain/field-time.ts';
import type { ProjectionState } from '../../shared/domain/reducer.ts';
import type { ReportIncidentInput } from '../../shared/domain/schemas.ts';
import {
  ReportIncidentSchema,
  UpdateIncidentSchema,
  zodError,
} from '../../shared/domain/schemas.ts';
import type { Principal } from '../../shared/domain/access.ts';
import { actorOf, authorize, isSystemPrincipal } from '../../shared/domain/access.ts';
import type { Alert } from '../../shared/domain/alerts.ts';
import type { DomainEvent, Incident, NewEvent } from '../../shared/domain/types.ts';
import type { AppendItem, Store } from '../log/store.ts';
import { externalKey } from '../log/store.ts';
import { loadLiveProjection } from '../projection/live-projection.ts';
import type { FollowerStatus } from '../projection/log-follower.ts';
import { followLog } from '../projection/log-follower.ts';
import { createDuplicateIndex } from './duplicate-index.ts';
import { createIngestQueue, type Settled } from './ingest-queue.ts';
import { linkIfDuplicate, type GroupMasters } from './link-duplicates.ts';
import { replayOf } from './field-commands.ts';
import {
  DEFAULT_PROOF_RADIUS_M,
  proofRequiredFor,
  type ProofPolicy,
} from '../../shared/domain/field-proof.ts';

/** What the log records as the author of a write. */
/** Who the log records for a principal (its rule lives in shared/domain/access.ts). */
export { actorOf };

const forbidden = (message: string): CommandError => ({ status: 403, code: 'forbidden', message });

/** Reports committed in one transaction at most; a bulk request is 1,000. */
const MAX_GROUP = 2000;

interface Admitted {
  input: ReportIncidentInput;
  principal: Principal;
}

export type ReportResult = Result<
  { incident: Incident; seq: number; created: boolean },
  CommandError
>;

/** What a command run through `exclusive` writes with. */
export interface LogWriter {
  /** The live projection, caught up to the log's head when the command started. */
  readonly projection: Readonly<ProjectionState>;
  /** Takes back an alert that had left the live window, before an event changes it again. */
  recallAlert(alert: Alert): void;
  /** Takes back an incident that had left the live window, before an event changes it again. */
  recall(incident: Incident): void;
  /** Appends the events in one transaction, applies them to the projection and publishes them. */
  append(events: NewEvent[]): Promise<DomainEvent[]>;
}

export interface IncidentService {
  /** The live projection: open incidents and those ended within the window, at its seq. */
  readonly projection: Readonly<ProjectionState>;
  report(raw: unknown, principal: Principal): Promise<ReportResult>;
  update(
    id: string,
    raw: unknown,
    principal: Principal,
  ): Promise<Result<{ incident: Incident; seq: number; duplicate?: true }, CommandError>>;
  /**
   * Runs a command of another kind (an alert's) alone among this node's commands, once the
   * projection has read the log to its head, as an update runs.
   */
  exclusive<T>(command: (writer: LogWriter) => Promise<T>): Promise<T>;
  /** Drops incidents and alerts that left the live window from memory; the store keeps them. */
  prune(): void;
  /** Resolves once every command taken so far is committed and answered (shutdown waits). */
  idle(): Promise<void>;
  /** Hears every event applied to the projection, this node's and other nodes', in seq order. */
  onAppended(listener: (events: DomainEvent[]) => void): () => void;
  /** How far this node's projection has followed the log. */
  following(): FollowerStatus;
  /** Resolves once the projection has applied the log up to its head as it is now. */
  catchUp(): Promise<void>;
  /** Stops following the log (after `idle`, at shutdown). */
  stop(): Promise<void>;
  /** Who dates a principal's field times, and how far back they may. */
  backdateOf(p: Principal): BackdateContext;
}

export async function createIncidentService(deps: {
  store: Store;
  pack: CityPack;
  clock: () => Date;
  windowHours: number;
  /** Places a point in a unit of the configured boundaries (pack code), when there are any. */
  locate?: (lon: number, lat: number) => string | null;
  backdate?: BackdatePolicy;
  /** Off: one transaction per report (the benchmark's baseline). On by default. */
  groupCommit?: boolean;
  /** Off: no automatic duplicate links (a supervisor may still link). On by default. */
  linkDuplicates?: boolean;
  /** How often the log's head is polled for other writers' events (ms; default 1,000). */
  pollMs?: number;
  /**
   * The photo proof field crews resolve with (field-proof.ts): its default radius when absent;
   * null, none required.
   */
  proof?: ProofPolicy | null;
  log?: (msg: string) => void;
}): Promise<IncidentService> {
  const { store, pack, clock } = deps;
  const policy = deps.backdate ?? DEFAULT_BACKDATE_POLICY;
  const proofPolicy = deps.proof === undefined ? { radiusM: DEFAULT_PROOF_RADIUS_M } : deps.proof;
  const backdateOf = (p: Principal): BackdateContext => ({
    author: isSystemPrincipal(p) ? 'system' : p,
    policy,
  });
  const live = await loadLiveProjection({ store, clock, windowHours: deps.windowHours });
  const projection = live.state;
  // Other nodes write to the same log: their events reach the projection through the
  // follower, and so do this node's own, so each is applied once and in seq order.
  const follower = followLog({ store, live, pollMs: deps.pollMs ?? 1_000, log: deps.log });
  const duplicates = createDuplicateIndex(pack, projection);
  live.onApplied((events) => duplicates.applied(events));
  const duplicateOf = async (incidentId: string) => {
    const existing = projection.incidents.get(incidentId) ?? (await store.getIncident(incidentId));
    if (!existing) throw new Error(`duplicate of missing incident ${incidentId}`);
    return {
      ok: true as const,
      data: { incident: existing, seq: existing.lastSeq, created: false },
    };
  };

  const publish = (events: DomainEvent[]) => follower.committed(events);

  /** Parse, place and authorize: needs no state, so it happens before the queue. */
  const admit = (raw: unknown, principal: Principal): ReportResult | Admitted => {
    const parsed = ReportIncidentSchema.safeParse(raw);
    if (!parsed.success) return { ok: false, error: zodError(parsed.error) };
    const located =
      parsed.data.kelurahanCode === undefined && deps.locate
        ? deps.locate(parsed.data.location.lon, parsed.data.location.lat)
        : null;
    const input = located ? { ...parsed.data, kelurahanCode: located } : parsed.data;
    const may = authorize(principal, { type: 'incident:report', source: input.source });
    if (!may.allowed) return { ok: false, error: forbidden(may.reason) };
    return { input, principal };
  };

  /**
   * Decides a group of admitted reports in order and commits the accepted ones in one
   * transaction. A source re-sending what it already sent learns so, whatever its time
   * says now: idempotency comes before the backdating bound, inside the group too.
   */
  const commitReports = async (group: Admitted[]): Promise<Settled<ReportResult>[]> => {
    const now = clock();
    // Each command's slot: settled now, waiting for item k of the batch, or a repeat of an
    // earlier command of this group (same source and external id).
    const slots: (Settled<ReportResult> | { item: number } | { repeats: number })[] = [];
    const items: AppendItem[] = [];
    // Reports of this group not yet in the projection, as masters later ones may join.
    const groupMasters: GroupMasters = new Map();
    const claimed = new Map<string, number>();
    // Every external id of the group looked up at once: one round trip, not one per report.
    const stored = await store.incidentIdsFor(
      group.flatMap(({ input: { source, externalId } }) =>
        externalId ? [{ source, externalId }] : [],
      ),
    );
    for (const { input, principal } of group) {
      const key = input.externalId ? externalKey(input.source, input.externalId) : undefined;
      const first = key === undefined ? undefined : claimed.get(key);
      if (first !== undefined) {
        slots.push({ repeats: first });
        continue;
      }
      const known = key === undefined ? undefined : stored.get(key);
      if (known) {
        slots.push({ value: await duplicateOf(known) });
        continue;
      }
      const decision = decideReport(input, {
        pack,
        now,
        id: randomUUID(),
        actor: actorOf(principal),
        backdate: backdateOf(principal),
      });
      if (!decision.ok) {
        slots.push({ value: decision });
        continue;
      }
      if (key !== undefined) claimed.set(key, slots.length);
      slots.push({ item: items.length });
      items.push({
        events:
          deps.linkDuplicates === false
            ? decision.data
            : linkIfDuplicate(decision.data, { pack, index: duplicates, groupMasters }),
        unique: input.externalId
          ? { source: input.source, externalId: input.externalId }
          : undefined,
      });
    }
    const results = await store.appendBatch(items);
    publish(results.flatMap((r) => (r.status === 'appended' ? r.events : [])));
    const settle = async (k: number): Promise<Settled<ReportResult>> => {
      const r = results[k]!;
      if (r.status === 'failed') return { error: r.error };
      if (r.status === 'duplicate') return { value: await duplicateOf(r.incidentId) };
      // The report, not the master a link also touched.
      const id = items[k]!.events[0]!.incidentId;
      const incident = r.incidents.find((i) => i.id === id)!;
      return { value: { ok: true, data: { incident, seq: incident.lastSeq, created: true } } };
    };
    const settled: Settled<ReportResult>[] = [];
    for (const slot of slots) {
      if ('item' in slot) settled.push(await settle(slot.item));
      else if ('repeats' in slot) {
        const first = settled[slot.repeats]!;
        settled.push(
          'error' in first || !first.value.ok
            ? first
            : { value: await duplicateOf(first.value.data.incident.id) },
        );
      } else settled.push(slot);
    }
    return settled;
  };
  const queue = createIngestQueue<Admitted, ReportResult>(commitReports, {
    maxGroup: deps.groupCommit === false ? 1 : MAX_GROUP,
  });
  const report = (raw: unknown, principal: Principal): Promise<ReportResult> => {
    const admitted = admit(raw, principal);
    return 'ok' in admitted ? Promise.resolve(admitted) : queue.submit(admitted);
  };

  return {
    projection,
    report,
    update: (id, raw, principal) =>
      queue.exclusive(async () => {
        const parsed = UpdateIncidentSchema.safeParse(raw);
        if (!parsed.success) return { ok: false, error: zodError(parsed.error) };
        // Decided on the incident as the log has it now, other nodes' changes included.
        await follower.catchUp();
        const current = projection.incidents.get(id) ?? (await store.getIncident(id));
        if (current) {
          const may = authorize(principal, {
            type: 'incident:update',
            incident: current,
            agency: parsed.data.agency,
          });
          if (!may.allowed) return { ok: false, error: forbidden(may.reason) };
        }
        const actor = actorOf(principal);
        // A field crew's resend of a change already made appends nothing (field-client-id.ts).
        const replay = current && (await replayOf(store, current, parsed.data.clientId, actor));
        if (replay) return { ok: true, data: replay };
        const decision = decideUpdate(current, parsed.data, {
          pack,
          now: clock(),
          actor,
          id,
          backdate: backdateOf(principal),
          proof: proofPolicy && proofRequiredFor(principal) ? proofPolicy : undefined,
        });
        if (!decision.ok) return decision;
        if (current) live.recall(current);
        const result = await store.append(decision.data);
        if (result.status !== 'appended') throw new Error('update cannot be a duplicate');
        publish(result.events);
        const incident = result.incidents.find((i) => i.id === id)!;
        return { ok: true, data: { incident, seq: incident.lastSeq } };
      }),
    exclusive: (command) =>
      queue.exclusive(async () => {
        await follower.catchUp();
        return command({
          projection,
          recallAlert: (alert) => live.recallAlert(alert),
          recall: (incident) => live.recall(incident),
          async append(events) {
            const result = await store.append(events);
            if (result.status !== 'appended')
              throw new Error('an unkeyed append cannot be a duplicate');
            publish(result.events);
            return result.events;
          },
        });
      }),
    prune: () => live.prune(),
    idle: () => queue.idle(),
    onAppended: (listener) => live.onApplied(listener),
    following: () => follower.status(),
    catchUp: () => follower.catchUp(),
    stop: () => follower.stop(),
    backdateOf,
  };
}
