/**
 * A change to an incident (assign, escalate, status, note) becomes the events that say
 * so, or a refusal: an unknown incident, an illegal transition, a field time out of
 * order or past the author's bound, or nothing to change. Pure.
 */
import type { CityPack } from '../city/types.ts';
import { agencyByCode } from '../city/lookup.ts';
import { canTransition } from './transitions.ts';
import { masterOf } from './duplicates.ts';
import type { Result } from '../contract.ts';
import type { UpdateIncidentInput } from './schemas.ts';
import type { Actor, Incident, NewEvent } from './types.ts';
import { changeFieldTime, lastFieldTime } from './field-time.ts';
import { invalid, type BackdateContext, type CommandError } from './commands.ts';
import { extrasOf } from './field-claim.ts';
import { proofOfClosure, type ProofPolicy } from './field-proof.ts';

export function decideUpdate(
  incident: Incident | undefined,
  input: UpdateIncidentInput,
  ctx: {
    pack: CityPack;
    now: Date;
    actor: Actor;
    id: string;
    backdate: BackdateContext;
    /** Given when this author resolves only with a photo proof (field-proof.ts). */
    proof?: ProofPolicy | undefined;
  },
): Result<NewEvent[], CommandError> {
  const { pack, now, actor } = ctx;
  if (!incident) {
    return {
      ok: false,
      error: { status: 404, code: 'not_found', message: `no incident '${ctx.id}'` },
    };
  }
  const at = now.toISOString();
  const when = changeFieldTime(input.occurredAt, {
    now,
    source: incident.source,
    notBefore: lastFieldTime(incident),
    ...ctx.backdate,
  });
  if (!when.ok) return invalid('occurredAt', when.why);
  const { occurredAt } = when;
  const base = { incidentId: incident.id, at, actor };
  const events: NewEvent[] = [];
  let note: string | null = input.note ? input.note : null;
  const takeNote = () => {
    const n = note;
    note = null;
    return n;
  };

  if (input.agency !== undefined && input.agency !== incident.agency) {
    if (!agencyByCode(pack, input.agency))
      return invalid('agency', `unknown agency '${input.agency}'`);
    events.push({
      ...base,
      type: 'incident.assigned',
      data: { from: incident.agency, to: input.agency, occurredAt, note: takeNote() },
    });
  }
  if (input.severity !== undefined && input.severity !== incident.severity) {
    events.push({
      ...base,
      type: 'incident.escalated',
      data: { from: incident.severity, to: input.severity, occurredAt, note: takeNote() },
    });
  }
  if (input.status !== undefined) {
    const master = masterOf(incident);
    if (master !== null && input.status !== 'duplicate') {
      return {
        ok: false,
        error: {
          status: 409,
          code: 'linked',
          message: `status: the report is linked to '${master}': confirm it as a duplicate, or split it first`,
          fields: { status: `linked to '${master}'` },
        },
      };
    }
    if (!canTransition(incident.status, input.status)) {
      return {
        ok: false,
        error: {
          status: 409,
          code: 'illegal_transition',
          message: `status: cannot go from '${incident.status}' to '${input.status}'`,
          fields: { status: `cannot go from '${incident.status}' to '${input.status}'` },
        },
      };
    }
    if (input.status === 'resolved' && ctx.proof) {
      const verdict = proofOfClosure(incident, ctx.proof);
      if (!verdict.ok) {
        return {
          ok: false,
          error: {
            status: 409,
            code: 'proof_required',
            message: `status: resolving needs ${verdict.missing}`,
            fields: { status: `needs ${verdict.missing}` },
          },
        };
      }
    }
    events.push({
      ...base,
      type: 'incident.status_changed',
      data: {
        from: incident.status,
        to: input.status,
        occurredAt,
        note: takeNote(),
        ...extrasOf(input),
      },
    });
  }
  const leftover = takeNote();
  if (leftover !== null) {
    events.push({
      ...base,
      type: 'incident.noted',
      data: { note: leftover, occurredAt, ...extrasOf(input) },
    });
  }
  if (events.length === 0) {
    return {
      ok: false,
      error: { status: 409, code: 'no_change', message: 'the incident already has these values' },
    };
  }
  return { ok: true, data: events };
}
