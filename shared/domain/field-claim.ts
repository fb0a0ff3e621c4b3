/**
 * A field crew's hand on its agency's work: claim an open incident for oneself, let it go,
 * and a supervisor's waiver of the photo proof (field-proof.ts). Each becomes its event or
 * a refusal. Pure; who may ask is access.ts's (`incident:claim`, `incident:waive`).
 * - Only an open incident of one's own (not linked as a duplicate) may be claimed; one
 *   somebody else holds must be let go first (by them, or taken back by a supervisor).
 * - Starting work is the status change to `in_progress`; notes are notes (update-incident.ts).
 */
import type { Result } from '../contract.ts';
import type { CommandError } from './commands.ts';
import { invalid } from './commands.ts';
import { masterOf } from './duplicates.ts';
import { changeFieldTime, lastFieldTime } from './field-time.ts';
import type { BackdateContext } from './commands.ts';
import type { Actor, FieldPosition, Incident, NewEvent } from './types.ts';
import { TERMINAL_STATUSES } from './types.ts';

export interface FieldCommandInput {
  note?: string | undefined;
  occurredAt?: string | undefined;
  position?: FieldPosition | undefined;
  clientId?: string | undefined;
}

export interface FieldContext {
  now: Date;
  actor: Actor;
  id: string;
  backdate: BackdateContext;
}

type Decision = Result<NewEvent[], CommandError>;

const refuse = (status: 404 | 409, code: string, message: string, field?: string): Decision => ({
  ok: false,
  error: { status, code, message, ...(field ? { fields: { [field]: message } } : {}) },
});

/** The shared start of a field command: the incident exists and the field time is acceptable. */
function fieldTimeOf(
  incident: Incident | undefined,
  input: FieldCommandInput,
  ctx: FieldContext,
): { occurredAt: string } | Decision {
  if (!incident) return refuse(404, 'not_found', `no incident '${ctx.id}'`);
  const when = changeFieldTime(input.occurredAt, {
    now: ctx.now,
    source: incident.source,
    notBefore: lastFieldTime(incident),
    ...ctx.backdate,
  });
  return when.ok ? { occurredAt: when.occurredAt } : invalid('occurredAt', when.why);
}

/** The optional field extras, present only when given: old event shapes stay as they were. */
export function extrasOf(input: Pick<FieldCommandInput, 'position' | 'clientId'>) {
  return {
    ...(input.position ? { position: input.position } : {}),
    ...(input.clientId ? { clientId: input.clientId } : {}),
  };
}

export function decideClaim(
  incident: Incident | undefined,
  input: FieldCommandInput,
  ctx: FieldContext,
): Decision {
  const t = fieldTimeOf(incident, input, ctx);
  if ('ok' in t) return t;
  const inc = incident!;
  if (TERMINAL_STATUSES.includes(inc.status) || masterOf(inc) !== null) {
    return refuse(409, 'not_open', `incident '${inc.id}' is not open work (${inc.status})`);
  }
  const holder = inc.assignee ?? null;
  if (holder === ctx.actor.id) return refuse(409, 'no_change', 'you have already claimed it');
  if (holder !== null) {
    return refuse(409, 'claimed', `claimed by '${holder}': they or a supervisor let it go first`);
  }
  return {
    ok: true,
    data: [
      {
        type: 'incident.claimed',
        incidentId: inc.id,
        at: ctx.now.toISOString(),
        actor: ctx.actor,
        data: {
          assignee: ctx.actor.id,
          occurredAt: t.occurredAt,
          note: input.note || null,
          ...extrasOf(input),
        },
      },
    ],
  };
}

/** Lets a claim go: the assignee's own, or anyone's when `mayTakeBack` (a supervisor). */
export function decideUnclaim(
  incident: Incident | undefined,
  input: FieldCommandInput,
  ctx: FieldContext & { mayTakeBack: boolean },
): Decision {
  const t = fieldTimeOf(incident, input, ctx);
  if ('ok' in t) return t;
  const inc = incident!;
  const holder = inc.assignee ?? null;
  if (holder === null) return refuse(409, 'no_change', 'nobody has claimed it');
  if (holder !== ctx.actor.id && !ctx.mayTakeBack) {
    return refuse(409, 'claimed', `claimed by '${holder}': only they or a supervisor let it go`);
  }
  return {
    ok: true,
    data: [
      {
        type: 'incident.unclaimed',
        incidentId: inc.id,
        at: ctx.now.toISOString(),
        actor: ctx.actor,
        data: {
          assignee: holder,
          occurredAt: t.occurredAt,
          note: input.note || null,
          ...extrasOf(input),
        },
      },
    ],
  };
}

/** A supervisor waives the photo proof of an incident not yet ended; the note says why. */
export function decideWaiver(
  incident: Incident | undefined,
  input: { note: string },
  ctx: FieldContext,
): Decision {
  const t = fieldTimeOf(incident, {}, ctx);
  if ('ok' in t) return t;
  const inc = incident!;
  if (TERMINAL_STATUSES.includes(inc.status)) {
    return refuse(409, 'not_open', `incident '${inc.id}' has already ended (${inc.status})`);
  }
  if (inc.proofWaived) return refuse(409, 'no_change', 'the proof is already waived');
  return {
    ok: true,
    data: [
      {
        type: 'incident.proof_waived',
        incidentId: inc.id,
        at: ctx.now.toISOString(),
        actor: ctx.actor,
        data: { by: ctx.actor.id, note: input.note, occurredAt: t.occurredAt },
      },
    ],
  };
}
