/**
 * What people and the analyst may do to an alert, as pure decisions: the events to append,
 * or why not (an unknown alert, one already cleared, the top of its chain, a dismissal
 * without a note). Also the runtime schemas of the alert API's bodies and query, so the
 * HTTP routes and any later door parse them the same way. Who may act is access.ts's
 * `authorize`; the write path (server/analyst/alert-service.ts) asks both.
 */
import { z } from 'zod';
import type { Result } from '../contract.ts';
import {
  ALERT_ID_PREFIX,
  ALERT_KINDS,
  ALERT_STATUSES,
  ESCALATION_LEVELS,
  isActiveAlert,
  type Alert,
  type AlertChanges,
  type AlertStatus,
  type ClearReason,
  type EscalationLevel,
  type RaisedAlert,
} from './alerts.ts';
import { invalid, type CommandError } from './commands.ts';
import { UpdateIncidentSchema } from './schemas.ts';
import type { Actor, NewEvent } from './types.ts';

/** A note as an incident update takes it: control characters stripped, trimmed, 2,000 at most. */
const note = UpdateIncidentSchema.shape.note;

/** POST /alerts/:id/acknowledge and /escalate: a note is optional (absent, null or text). */
export const AlertNoteBodySchema = z.object({ note: note.unwrap().nullable().optional() }).strict();

/** POST /alerts/:id/dismiss: a person dismissing an alert says why. */
export const DismissAlertBodySchema = z
  .object({ note: note.unwrap().pipe(z.string().min(1, 'say why the alert is dismissed')) })
  .strict();

const csv = <T extends string>(values: readonly [T, ...T[]]) =>
  z
    .string()
    .max(200)
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(z.array(z.enum(values)).min(1).max(values.length));

/** The alerts a GET /alerts asks for; the active ones by default. */
export const ACTIVE_ALERT_STATUSES: AlertStatus[] = ['open', 'acknowledged'];

export const AlertQuerySchema = z
  .object({
    status: csv(ALERT_STATUSES).default(ACTIVE_ALERT_STATUSES),
    kind: csv(ALERT_KINDS).optional(),
    agency: z.string().min(1).max(64).optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(200),
  })
  .strict();
export type AlertQueryInput = z.infer<typeof AlertQuerySchema>;

/** The moment and the author of a decision. */
export interface AlertCommandContext {
  id: string;
  now: Date;
  actor: Actor;
  note?: string | null;
}

type Decision = Result<NewEvent[], CommandError>;

const refuse = (status: 404 | 409, code: string, message: string): Decision => ({
  ok: false,
  error: { status, code, message },
});

/** The alert, or the refusal when there is none or it is already cleared. */
function activeOrRefusal(current: Alert | undefined, id: string, doing: string): Decision | null {
  if (!current) return refuse(404, 'not_found', `no alert '${id}'`);
  if (!isActiveAlert(current))
    return refuse(409, 'alert_cleared', `alert '${id}' is cleared: nothing to ${doing}`);
  return null;
}

function base(ctx: AlertCommandContext, occurredAt = ctx.now.toISOString()) {
  return {
    incidentId: ctx.id,
    at: ctx.now.toISOString(),
    actor: ctx.actor,
    occurredAt,
    note: ctx.note ?? null,
  };
}

export function decideRaise(
  current: Alert | undefined,
  alert: RaisedAlert,
  ctx: AlertCommandContext & { occurredAt?: string },
): Decision {
  if (!alert.id.startsWith(ALERT_ID_PREFIX) || alert.id.length === ALERT_ID_PREFIX.length)
    return invalid('id', `an alert id starts with '${ALERT_ID_PREFIX}'`);
  if (current && isActiveAlert(current))
    return refuse(409, 'alert_active', `alert '${alert.id}' is already active`);
  if (ctx.occurredAt !== undefined && Number.isNaN(Date.parse(ctx.occurredAt)))
    return invalid('occurredAt', 'expected a date and time');
  const occurredAt = ctx.occurredAt ? new Date(ctx.occurredAt).toISOString() : undefined;
  const { incidentId, at, actor, ...data } = base({ ...ctx, id: alert.id }, occurredAt);
  return {
    ok: true,
    data: [{ type: 'alert.raised', incidentId, at, actor, data: { ...data, alert } }],
  };
}

export function decideAlertUpdate(
  current: Alert | undefined,
  changes: AlertChanges,
  ctx: AlertCommandContext,
): Decision {
  const refused = activeOrRefusal(current, ctx.id, 'update');
  if (refused) return refused;
  if (Object.keys(changes).length === 0) return invalid('changes', 'nothing to change');
  const { incidentId, at, actor, ...data } = base(ctx);
  return {
    ok: true,
    data: [{ type: 'alert.updated', incidentId, at, actor, data: { ...data, changes } }],
  };
}

export function decideAcknowledge(current: Alert | undefined, ctx: AlertCommandContext): Decision {
  const refused = activeOrRefusal(current, ctx.id, 'acknowledge');
  if (refused) return refused;
  if (current!.status === 'acknowledged')
    return refuse(
      409,
      'already_acknowledged',
      `alert '${ctx.id}' is already acknowledged by ${current!.acknowledgedBy?.id ?? 'someone'}`,
    );
  const { incidentId, at, actor, ...data } = base(ctx);
  return { ok: true, data: [{ type: 'alert.acknowledged', incidentId, at, actor, data }] };
}

export function decideEscalate(
  current: Alert | undefined,
  ctx: AlertCommandContext & { to?: EscalationLevel },
): Decision {
  const refused = activeOrRefusal(current, ctx.id, 'escalate');
  if (refused) return refused;
  const from = current!.level;
  const step = ESCALATION_LEVELS.indexOf(from);
  const to = ctx.to ?? ESCALATION_LEVELS[step + 1];
  if (to === undefined)
    return refuse(409, 'escalation_top', `alert '${ctx.id}' is already at '${from}', the top`);
  if (ESCALATION_LEVELS.indexOf(to) <= step)
    return refuse(409, 'escalation_not_up', `alert '${ctx.id}' is at '${from}': '${to}' is not up`);
  const { incidentId, at, actor, ...data } = base(ctx);
  return {
    ok: true,
    data: [{ type: 'alert.escalated', incidentId, at, actor, data: { ...data, from, to } }],
  };
}

export function decideClear(
  current: Alert | undefined,
  reason: ClearReason,
  ctx: AlertCommandContext,
): Decision {
  if (reason === 'dismissed' && !ctx.note?.trim())
    return {
      ok: false,
      error: {
        status: 400,
        code: 'invalid_request',
        message: 'note: say why the alert is dismissed',
        fields: { note: 'say why the alert is dismissed' },
      },
    };
  const refused = activeOrRefusal(current, ctx.id, 'clear');
  if (refused) return refused;
  const { incidentId, at, actor, ...data } = base(ctx);
  return {
    ok: true,
    data: [{ type: 'alert.cleared', incidentId, at, actor, data: { ...data, reason } }],
  };
}
