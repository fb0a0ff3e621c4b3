/**
 * A supervisor's hand on duplicates: link a report to a master, or split a linked report
 * off again. Parsed, authorized and decided by the shared rules (duplicates.ts) on the log
 * as it is now (`exclusive`: after the projection has read the log to its head), then both
 * events — the report's and its master's reporters — appended in one transaction.
 * Confirming a link is a status change to `duplicate` (update-incident.ts).
 */
import { z } from 'zod';
import type { Result } from '../../shared/contract.ts';
import { authorize, type Principal } from '../../shared/domain/access.ts';
import type { CommandError } from '../../shared/domain/commands.ts';
import { decideLink, decideSplit, masterOf } from '../../shared/domain/duplicates.ts';
import { zodError } from '../../shared/domain/schemas.ts';
import { reduceIncident } from '../../shared/domain/reducer.ts';
import { isIncidentEvent, type Incident } from '../../shared/domain/types.ts';
import type { Store } from '../log/store.ts';
import { actorOf, type IncidentService, type LogWriter } from './incident-service.ts';

const note = z.string().trim().max(2000).optional();
export const LinkSchema = z.object({ masterId: z.string().min(1).max(128), note }).strict();
export const SplitSchema = z.object({ note }).strict();

export type LinkResult = Result<
  { incident: Incident; master: Incident; seq: number },
  CommandError
>;

export interface DuplicateCommands {
  link(id: string, raw: unknown, principal: Principal): Promise<LinkResult>;
  split(id: string, raw: unknown, principal: Principal): Promise<LinkResult>;
}

export function duplicateCommands(deps: {
  service: IncidentService;
  store: Store;
  clock: () => Date;
}): DuplicateCommands {
  const { service, store, clock } = deps;
  const find = async (writer: LogWriter, id: string): Promise<Incident | undefined> => {
    const known = writer.projection.incidents.get(id) ?? (await store.getIncident(id)) ?? undefined;
    // One that had left the live window comes back before an event changes it.
    if (known) writer.recall(known);
    return known;
  };
  const refused = (principal: Principal): LinkResult | null => {
    const may = authorize(principal, { type: 'incident:link' });
    return may.allowed
      ? null
      : { ok: false, error: { status: 403, code: 'forbidden', message: may.reason } };
  };
  /** Appends a decision on `report` and `master` as they stood, and answers both as they are now. */
  const commit = async (
    writer: LogWriter,
    decision: ReturnType<typeof decideSplit>,
    report: Incident,
    master: Incident,
  ): Promise<LinkResult> => {
    if (!decision.ok) return decision;
    const events = await writer.append(decision.data);
    // The reducer on the states the decision read: what the store and projection hold now.
    const after = (before: Incident) =>
      events.reduce(
        (inc, e) => (e.incidentId === inc.id && isIncidentEvent(e) ? reduceIncident(inc, e) : inc),
        before,
      );
    return {
      ok: true,
      data: { incident: after(report), master: after(master), seq: events[events.length - 1]!.seq },
    };
  };

  return {
    async link(id, raw, principal) {
      const no = refused(principal);
      if (no) return no;
      const parsed = LinkSchema.safeParse(raw);
      if (!parsed.success) return { ok: false, error: zodError(parsed.error) };
      const { masterId } = parsed.data;
      return service.exclusive(async (writer) => {
        const report = await find(writer, id);
        const master = await find(writer, masterId);
        const decision = decideLink(
          report,
          master,
          { reportId: id, masterId, note: parsed.data.note || null },
          { now: clock(), actor: actorOf(principal) },
        );
        return decision.ok ? commit(writer, decision, report!, master!) : decision;
      });
    },
    async split(id, raw, principal) {
      const no = refused(principal);
      if (no) return no;
      const parsed = SplitSchema.safeParse(raw ?? {});
      if (!parsed.success) return { ok: false, error: zodError(parsed.error) };
      return service.exclusive(async (writer) => {
        const report = await find(writer, id);
        const masterId = report ? masterOf(report) : null;
        const master = masterId === null ? undefined : await find(writer, masterId);
        const decision = decideSplit(
          report,
          { reportId: id, note: parsed.data.note || null },
          { now: clock(), actor: actorOf(principal) },
        );
        if (decision.ok && !master) throw new Error(`linked to missing incident ${masterId}`);
        return decision.ok ? commit(writer, decision, report!, master!) : decision;
      });
    },
  };
}
