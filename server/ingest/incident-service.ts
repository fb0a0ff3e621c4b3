/**
 * The write path, where an incident is born: parse → authorize → decide (shared rules:
 * shared/domain/report-incident.ts, update-incident.ts) → append (the log) → apply to
 * the live projection, which tells the stream. HTTP and Socket.IO handlers both call this, so a
 * command means the same thing whichever way it arrives. Commands run one at a time,
 * so each decision sees the state the previous one left.
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
import {
  ReportIncidentSchema,
  UpdateIncidentSchema,
  zodError,
} from '../../shared/domain/schemas.ts';
import type { Principal } from '../../shared/domain/access.ts';
import { authorize, SYSTEM_PRINCIPAL } from '../../shared/domain/access.ts';
import type { Actor, DomainEvent, Incident } from '../../shared/domain/types.ts';
import type { Store } from '../log/store.ts';
import { loadLiveProjection } from '../projection/live-projection.ts';

/** What the log records as the author of a write. */
export function actorOf(p: Principal): Actor {
  if (p.role === 'ingest') return { kind: 'source', id: `${p.source}:${p.name}` };
  return { kind: p.kind === 'user' ? 'user' : 'system', id: p.name };
}

const forbidden = (message: string): CommandError => ({ status: 403, code: 'forbidden', message });

export interface IncidentService {
  /** The live projection: open incidents and those ended within the window, at its seq. */
  readonly projection: Readonly<ProjectionState>;
  report(
    raw: unknown,
    principal: Principal,
  ): Promise<Result<{ incident: Incident; seq: number; created: boolean }, CommandError>>;
  update(
    id: string,
    raw: unknown,
    principal: Principal,
  ): Promise<Result<{ incident: Incident; seq: number }, CommandError>>;
  /** Drops incidents that ended before the live window from memory; the store keeps them. */
  prune(): void;
  onAppended(listener: (events: DomainEvent[]) => void): () => void;
}

export async function createIncidentService(deps: {
  store: Store;
  pack: CityPack;
  clock: () => Date;
  windowHours: number;
  /** Places a point in a unit of the configured boundaries (pack code), when there are any. */
  locate?: (lon: number, lat: number) => string | null;
  backdate?: BackdatePolicy;
}): Promise<IncidentService> {
  const { store, pack, clock } = deps;
  const policy = deps.backdate ?? DEFAULT_BACKDATE_POLICY;
  const backdateOf = (p: Principal): BackdateContext => ({
    author: p === SYSTEM_PRINCIPAL ? 'system' : p,
    policy,
  });
  const live = await loadLiveProjection({ store, clock, windowHours: deps.windowHours });
  const projection = live.state;
  let queue: Promise<unknown> = Promise.resolve();
  const serially = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = queue.then(fn, fn);
    queue = run.catch(() => undefined);
    return run;
  };

  const duplicateOf = async (incidentId: string) => {
    const existing = projection.incidents.get(incidentId) ?? (await store.getIncident(incidentId));
    if (!existing) throw new Error(`duplicate of missing incident ${incidentId}`);
    return {
      ok: true as const,
      data: { incident: existing, seq: existing.lastSeq, created: false },
    };
  };

  const publish = (events: DomainEvent[]) => live.apply(events);

  return {
    projection,
    report: (raw, principal) =>
      serially(async () => {
        const parsed = ReportIncidentSchema.safeParse(raw);
        if (!parsed.success) return { ok: false, error: zodError(parsed.error) };
        const located =
          parsed.data.kelurahanCode === undefined && deps.locate
            ? deps.locate(parsed.data.location.lon, parsed.data.location.lat)
            : null;
        const input = located ? { ...parsed.data, kelurahanCode: located } : parsed.data;
        const may = authorize(principal, { type: 'incident:report', source: input.source });
        if (!may.allowed) return { ok: false, error: forbidden(may.reason) };
        // A source re-sending what it already sent learns so, whatever its time says now:
        // idempotency comes before the backdating bound.
        const known = input.externalId
          ? await store.incidentIdFor(input.source, input.externalId)
          : undefined;
        if (known) return duplicateOf(known);
        const actor = actorOf(principal);
        const decision = decideReport(input, {
          pack,
          now: clock(),
          id: randomUUID(),
          actor,
          backdate: backdateOf(principal),
        });
        if (!decision.ok) return decision;
        const unique = input.externalId
          ? { source: input.source, externalId: input.externalId }
          : undefined;
        const result = await store.append(decision.data, { unique });
        if (result.status === 'duplicate') return duplicateOf(result.incidentId);
        publish(result.events);
        const incident = result.incidents[0]!;
        return { ok: true, data: { incident, seq: incident.lastSeq, created: true } };
      }),
    update: (id, raw, principal) =>
      serially(async () => {
        const parsed = UpdateIncidentSchema.safeParse(raw);
        if (!parsed.success) return { ok: false, error: zodError(parsed.error) };
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
        const decision = decideUpdate(current, parsed.data, {
          pack,
          now: clock(),
          actor,
          id,
          backdate: backdateOf(principal),
        });
        if (!decision.ok) return decision;
        if (current) live.recall(current);
        const result = await store.append(decision.data);
        if (result.status !== 'appended') throw new Error('update cannot be a duplicate');
        publish(result.events);
        const incident = result.incidents.find((i) => i.id === id)!;
        return { ok: true, data: { incident, seq: incident.lastSeq } };
      }),
    prune: () => live.prune(),
    onAppended: (listener) => live.onApplied(listener),
  };
}
