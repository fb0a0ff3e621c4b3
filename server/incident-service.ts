/**
 * The write path: parse → decide (shared rules) → append (store) → apply to the live
 * projection → tell listeners. HTTP and Socket.IO handlers both call this, so a
 * command means the same thing whichever way it arrives. Commands run one at a time,
 * so each decision sees the state the previous one left.
 */
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { CityPack } from '../shared/city/types.ts';
import type { ApiErrorBody } from '../shared/contract.ts';
import { decideReport, decideUpdate } from '../shared/domain/commands.ts';
import { applyInPlace } from '../shared/domain/reducer.ts';
import { ReportIncidentSchema, UpdateIncidentSchema } from '../shared/domain/schemas.ts';
import { isOpen } from '../shared/domain/sla.ts';
import type { Principal } from '../shared/domain/access.ts';
import { authorize } from '../shared/domain/access.ts';
import type { Actor, DomainEvent, Incident } from '../shared/domain/types.ts';
import type { Store } from './store/store.ts';

export interface ServiceError extends ApiErrorBody {
  status: 400 | 403 | 404 | 409 | 422;
}

/** The built-in simulator acts as a trusted system source. */
export const SYSTEM_PRINCIPAL: Principal = {
  kind: 'token',
  id: 'system',
  name: 'simulator',
  role: 'supervisor',
  agency: null,
  source: null,
};

/** What the log records as the author of a write. */
export function actorOf(p: Principal): Actor {
  if (p.role === 'ingest') return { kind: 'source', id: `${p.source}:${p.name}` };
  return { kind: p.kind === 'user' ? 'user' : 'system', id: p.name };
}

const forbidden = (message: string): ServiceError => ({ status: 403, code: 'forbidden', message });
export type ServiceResult<T> = { ok: true; data: T } | { ok: false; error: ServiceError };

export interface LiveProjection {
  seq: number;
  incidents: Map<string, Incident>;
}

export interface IncidentService {
  readonly projection: Readonly<LiveProjection>;
  report(
    raw: unknown,
    principal: Principal,
  ): Promise<ServiceResult<{ incident: Incident; seq: number; created: boolean }>>;
  update(
    id: string,
    raw: unknown,
    principal: Principal,
  ): Promise<ServiceResult<{ incident: Incident; seq: number }>>;
  /** Drops incidents that ended before the live window from memory; the store keeps them. */
  prune(): void;
  onAppended(listener: (events: DomainEvent[]) => void): () => void;
}

export function zodError(err: z.ZodError, prefix = ''): ServiceError {
  const fields: Record<string, string> = {};
  for (const issue of err.issues) {
    const key = [prefix, ...issue.path.map(String)].filter(Boolean).join('.') || '(body)';
    fields[key] ??= issue.message;
  }
  const summary = Object.entries(fields)
    .map(([k, v]) => `${k}: ${v}`)
    .join('; ');
  return { status: 400, code: 'invalid_request', message: summary, fields };
}

export async function createIncidentService(deps: {
  store: Store;
  pack: CityPack;
  clock: () => Date;
  windowHours: number;
  /** Places a point in a unit of the configured boundaries (pack code), when there are any. */
  locate?: (lon: number, lat: number) => string | null;
}): Promise<IncidentService> {
  const { store, pack, clock } = deps;
  const windowStart = () =>
    new Date(clock().getTime() - deps.windowHours * 3_600_000).toISOString();
  const loaded = await store.loadLive(windowStart());
  const projection: LiveProjection = {
    seq: loaded.seq,
    incidents: new Map(loaded.incidents.map((i) => [i.id, i])),
  };
  const listeners = new Set<(events: DomainEvent[]) => void>();
  let queue: Promise<unknown> = Promise.resolve();
  const serially = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = queue.then(fn, fn);
    queue = run.catch(() => undefined);
    return run;
  };

  const publish = (events: DomainEvent[]) => {
    applyInPlace(projection, events);
    for (const l of listeners) l(events);
  };

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
        const actor = actorOf(principal);
        const decision = decideReport(input, { pack, now: clock(), id: randomUUID(), actor });
        if (!decision.ok) return { ok: false, error: decision.error };
        const unique = input.externalId
          ? { source: input.source, externalId: input.externalId }
          : undefined;
        const result = await store.append(decision.events, { unique });
        if (result.status === 'duplicate') {
          const existing =
            projection.incidents.get(result.incidentId) ??
            (await store.getIncident(result.incidentId));
          if (!existing) throw new Error(`duplicate of missing incident ${result.incidentId}`);
          return { ok: true, data: { incident: existing, seq: existing.lastSeq, created: false } };
        }
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
        const decision = decideUpdate(current, parsed.data, { pack, now: clock(), actor, id });
        if (!decision.ok) return { ok: false, error: decision.error };
        if (current && !projection.incidents.has(id)) projection.incidents.set(id, current);
        const result = await store.append(decision.events);
        if (result.status !== 'appended') throw new Error('update cannot be a duplicate');
        publish(result.events);
        const incident = result.incidents.find((i) => i.id === id)!;
        return { ok: true, data: { incident, seq: incident.lastSeq } };
      }),
    prune() {
      const cutoff = windowStart();
      for (const [id, inc] of projection.incidents) {
        if (!isOpen(inc) && inc.endedAt !== null && inc.endedAt < cutoff)
          projection.incidents.delete(id);
      }
    },
    onAppended(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
