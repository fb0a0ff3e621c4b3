/**
 * The write path of alerts: authorize → decide (shared/domain/alert-commands.ts) → append
 * through the incident service's pipeline (`exclusive`: alone among this node's commands,
 * on the projection caught up to the log's head; then applied and published), so an alert's
 * events reach every node's projection and every screen exactly as an incident's do. The
 * analyst raises, updates and clears by rule; people acknowledge, escalate and dismiss over
 * HTTP (alerts.routes.ts). Every event records its actor.
 */
import type { Result } from '../../shared/contract.ts';
import {
  decideAcknowledge,
  decideAlertUpdate,
  decideClear,
  decideEscalate,
  decideRaise,
  type AlertCommandContext,
} from '../../shared/domain/alert-commands.ts';
import {
  reduceAlert,
  type Alert,
  type AlertChanges,
  type AlertEvent,
  type ClearReason,
  type EscalationLevel,
  type RaisedAlert,
} from '../../shared/domain/alerts.ts';
import type { Action, Principal } from '../../shared/domain/access.ts';
import { authorize } from '../../shared/domain/access.ts';
import type { CommandError } from '../../shared/domain/commands.ts';
import type { NewEvent } from '../../shared/domain/types.ts';
import type { IncidentService } from '../ingest/incident-service.ts';
import { actorOf } from '../ingest/incident-service.ts';
import type { Store } from '../log/store.ts';

export type AlertResult = Result<Alert, CommandError>;

export interface AlertService {
  /** Raises a new alert (id inside `alert`); 409 if an alert with that id is active. */
  raise(
    alert: RaisedAlert,
    by: Principal,
    opts?: { note?: string | null; occurredAt?: string },
  ): Promise<AlertResult>;
  update(
    id: string,
    changes: AlertChanges,
    by: Principal,
    note?: string | null,
  ): Promise<AlertResult>;
  acknowledge(id: string, by: Principal, note?: string | null): Promise<AlertResult>;
  /** One step up the chain (desk→head→supervisor) unless `to` says which; 409 at the top or when cleared. */
  escalate(
    id: string,
    by: Principal,
    opts?: { to?: EscalationLevel; note?: string | null },
  ): Promise<AlertResult>;
  clear(id: string, reason: ClearReason, by: Principal, note?: string | null): Promise<AlertResult>;
}

type Decide = (
  current: Alert | undefined,
  ctx: AlertCommandContext,
) => Result<NewEvent[], CommandError>;

const forbidden = (message: string): AlertResult => ({
  ok: false,
  error: { status: 403, code: 'forbidden', message },
});

export function createAlertService(deps: {
  service: IncidentService;
  store: Store;
  clock: () => Date;
}): AlertService {
  const { service, store, clock } = deps;

  /**
   * One command on alert `id`: refused at once when the principal's role may never do it;
   * otherwise decided alone, on the alert as the log has it now (a cleared one that left
   * the live window is read from the store), and authorized on that alert.
   */
  const run = (
    id: string,
    by: Principal,
    action: Action & { type: 'alert:raise' | 'alert:act' },
    note: string | null | undefined,
    decide: Decide,
  ): Promise<AlertResult> => {
    const may = authorize(by, action);
    if (!may.allowed) return Promise.resolve(forbidden(may.reason));
    return service.exclusive(async (writer) => {
      const current = writer.projection.alerts.get(id) ?? (await store.getAlert(id));
      if (current && action.type === 'alert:act') {
        const onIt = authorize(by, { ...action, alert: current });
        if (!onIt.allowed) return forbidden(onIt.reason);
      }
      const decision = decide(current, { id, now: clock(), actor: actorOf(by), note });
      if (!decision.ok) return decision;
      if (current) writer.recallAlert(current);
      const appended = await writer.append(decision.data);
      // The alert as the projection now holds it, whichever node's follower applies it.
      let alert = current;
      for (const event of appended) alert = reduceAlert(alert, event as AlertEvent);
      return { ok: true, data: alert! };
    });
  };

  return {
    raise: (alert, by, opts = {}) =>
      run(alert.id, by, { type: 'alert:raise' }, opts.note, (current, ctx) =>
        decideRaise(current, alert, { ...ctx, occurredAt: opts.occurredAt }),
      ),
    update: (id, changes, by, note) =>
      run(id, by, { type: 'alert:raise' }, note, (current, ctx) =>
        decideAlertUpdate(current, changes, ctx),
      ),
    acknowledge: (id, by, note) =>
      run(id, by, { type: 'alert:act', act: 'acknowledge' }, note, decideAcknowledge),
    escalate: (id, by, opts = {}) =>
      run(id, by, { type: 'alert:act', act: 'escalate' }, opts.note, (current, ctx) =>
        decideEscalate(current, { ...ctx, to: opts.to }),
      ),
    clear: (id, reason, by, note) =>
      run(
        id,
        by,
        reason === 'dismissed' ? { type: 'alert:act', act: 'dismiss' } : { type: 'alert:raise' },
        note,
        (current, ctx) => decideClear(current, reason, ctx),
      ),
  };
}
