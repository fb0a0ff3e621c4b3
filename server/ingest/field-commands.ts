/**
 * The field crews' commands besides photos (server/media/photo-command.ts): claim an
 * incident, let a claim go, and a supervisor's waiver of the photo proof. Parsed,
 * authorized and decided by the shared rules (field-claim.ts) on the log as it is now
 * (`exclusive`), like duplicate-commands.ts. A command carrying a `clientId` that its
 * author already sent appends nothing and answers as the first time did, plus
 * `duplicate: true` (field-client-id.ts).
 */
import { z } from 'zod';
import type { Result } from '../../shared/contract.ts';
import { authorize, type Principal } from '../../shared/domain/access.ts';
import type { CommandError } from '../../shared/domain/commands.ts';
import { decideClaim, decideUnclaim, decideWaiver } from '../../shared/domain/field-claim.ts';
import {
  ClientIdSchema,
  eventsOfClientId,
  FieldPositionSchema,
} from '../../shared/domain/field-client-id.ts';
import { reduceIncident } from '../../shared/domain/reducer.ts';
import { cleanText, isoTime, zodError } from '../../shared/domain/schemas.ts';
import { isIncidentEvent, type Actor, type Incident } from '../../shared/domain/types.ts';
import type { Store } from '../log/store.ts';
import { actorOf, type IncidentService, type LogWriter } from './incident-service.ts';

export const ClaimSchema = z
  .object({
    note: cleanText(2000).optional(),
    occurredAt: isoTime.optional(),
    position: FieldPositionSchema.optional(),
    clientId: ClientIdSchema.optional(),
  })
  .strict();
export const WaiverSchema = z
  .object({ note: cleanText(2000).refine((s) => s.trim() !== '', 'say why the proof is waived') })
  .strict();

export type FieldResult = Result<
  { incident: Incident; seq: number; duplicate?: true },
  CommandError
>;

export interface FieldCommands {
  claim(id: string, raw: unknown, principal: Principal): Promise<FieldResult>;
  unclaim(id: string, raw: unknown, principal: Principal): Promise<FieldResult>;
  waive(id: string, raw: unknown, principal: Principal): Promise<FieldResult>;
}

const forbidden = (message: string): FieldResult => ({
  ok: false,
  error: { status: 403, code: 'forbidden', message },
});
const notFound = (id: string): FieldResult => ({
  ok: false,
  error: { status: 404, code: 'not_found', message: `no incident '${id}'` },
});

/** The incident as the log has it now; one that had left the live window comes back first. */
export async function findIncident(
  writer: LogWriter,
  store: Store,
  id: string,
): Promise<Incident | undefined> {
  const known = writer.projection.incidents.get(id) ?? (await store.getIncident(id)) ?? undefined;
  if (known) writer.recall(known);
  return known;
}

/**
 * The answer to a resend: the incident as it is now and the seq of the first time's last
 * event, or null when `clientId` is new from this author on this incident.
 */
export async function replayOf(
  store: Store,
  incident: Incident,
  clientId: string | undefined,
  actor: Actor,
): Promise<{ incident: Incident; seq: number; duplicate: true } | null> {
  if (!clientId) return null;
  const first = eventsOfClientId(await store.eventsForIncident(incident.id), clientId, actor);
  if (first.length === 0) return null;
  return { incident, seq: first[first.length - 1]!.seq, duplicate: true };
}

export function fieldCommands(deps: {
  service: IncidentService;
  store: Store;
  clock: () => Date;
}): FieldCommands {
  const { service, store, clock } = deps;

  /** Appends a decision and answers the incident as the reducer leaves it. */
  const commit = async (
    writer: LogWriter,
    before: Incident,
    decision: ReturnType<typeof decideClaim>,
  ): Promise<FieldResult> => {
    if (!decision.ok) return decision;
    const events = await writer.append(decision.data);
    const incident = events.reduce(
      (inc, e) => (e.incidentId === inc.id && isIncidentEvent(e) ? reduceIncident(inc, e) : inc),
      before,
    );
    return { ok: true, data: { incident, seq: events[events.length - 1]!.seq } };
  };

  const claimOrLetGo =
    (which: 'claim' | 'unclaim') =>
    async (id: string, raw: unknown, principal: Principal): Promise<FieldResult> => {
      const parsed = ClaimSchema.safeParse(raw ?? {});
      if (!parsed.success) return { ok: false, error: zodError(parsed.error) };
      const input = parsed.data;
      return service.exclusive(async (writer) => {
        const incident = await findIncident(writer, store, id);
        if (!incident) return notFound(id);
        const may = authorize(principal, { type: 'incident:claim', incident });
        if (!may.allowed) return forbidden(may.reason);
        const actor = actorOf(principal);
        const replay = await replayOf(store, incident, input.clientId, actor);
        if (replay) return { ok: true, data: replay };
        const ctx = { now: clock(), actor, id, backdate: service.backdateOf(principal) };
        const decision =
          which === 'claim'
            ? decideClaim(incident, input, ctx)
            : decideUnclaim(incident, input, {
                ...ctx,
                mayTakeBack: principal.role === 'admin' || principal.role === 'supervisor',
              });
        return commit(writer, incident, decision);
      });
    };

  return {
    claim: claimOrLetGo('claim'),
    unclaim: claimOrLetGo('unclaim'),
    async waive(id, raw, principal) {
      const may = authorize(principal, { type: 'incident:waive' });
      if (!may.allowed) return forbidden(may.reason);
      const parsed = WaiverSchema.safeParse(raw ?? {});
      if (!parsed.success) return { ok: false, error: zodError(parsed.error) };
      return service.exclusive(async (writer) => {
        const incident = await findIncident(writer, store, id);
        if (!incident) return notFound(id);
        const decision = decideWaiver(incident, parsed.data, {
          now: clock(),
          actor: actorOf(principal),
          id,
          backdate: service.backdateOf(principal),
        });
        return commit(writer, incident, decision);
      });
    },
  };
}
