/**
 * Command decisions: given a validated input and the current picture, which events to
 * append, or why not. Pure, so the server's HTTP and socket handlers and the tests
 * all share one set of rules.
 */
import type { CityPack } from '../city/types.ts';
import { agencyByCode, categoryByCode, kelurahanByCode } from '../city/lookup.ts';
import { canTransition } from './transitions.ts';
import type { ApiErrorBody, Result } from '../contract.ts';
import type { ReportIncidentInput, UpdateIncidentInput } from './schemas.ts';
import type { Actor, Incident, NewEvent } from './types.ts';
import type { BackdatePolicy, FieldTimeAuthor } from './field-time.ts';
import { checkFieldTime, lastFieldTime } from './field-time.ts';
import { cellFor } from './h3-bins.ts';
import { slaDeadlines } from './sla.ts';

/**
 * Why a command was refused, with the HTTP status that says which kind of refusal; the
 * socket sends the same error without it. The rules here refuse with 404, 409 and 422;
 * the write path adds 400 (unparsable) and 403 (not allowed).
 */
export interface CommandError extends ApiErrorBody {
  status: 400 | 403 | 404 | 409 | 422;
}

/** Who dates the command's field time, and how far back each kind of author may. */
export interface BackdateContext {
  author: FieldTimeAuthor;
  policy: BackdatePolicy;
}

const invalid = (field: string, message: string): Result<NewEvent[], CommandError> => ({
  ok: false,
  error: {
    status: 422,
    code: 'invalid_field',
    message: `${field}: ${message}`,
    fields: { [field]: message },
  },
});

export function decideReport(
  input: ReportIncidentInput,
  ctx: { pack: CityPack; now: Date; id: string; actor: Actor; backdate: BackdateContext },
): Result<NewEvent[], CommandError> {
  const { pack, now, id, actor } = ctx;
  const category = categoryByCode(pack, input.category);
  if (!category) return invalid('category', `unknown category '${input.category}'`);
  const [w, s, e, n] = pack.bbox;
  const { lon, lat } = input.location;
  if (lon < w || lon > e || lat < s || lat > n) {
    return invalid(
      'location',
      `(${lon}, ${lat}) is outside ${pack.name.en} [${pack.bbox.join(', ')}]`,
    );
  }
  if (input.kelurahanCode !== undefined && !kelurahanByCode(pack, input.kelurahanCode)) {
    return invalid('kelurahanCode', `unknown kelurahan code '${input.kelurahanCode}'`);
  }
  const nowIso = now.toISOString();
  const reportedAt = input.reportedAt ? new Date(input.reportedAt).toISOString() : nowIso;
  const late = checkFieldTime(reportedAt, { now, source: input.source, ...ctx.backdate });
  if (late !== null) return invalid('reportedAt', late);
  const { responseDueAt, resolveDueAt } = slaDeadlines(category, reportedAt);
  return {
    ok: true,
    data: [
      {
        type: 'incident.reported',
        incidentId: id,
        at: nowIso,
        actor,
        data: {
          incident: {
            id,
            source: input.source,
            externalId: input.externalId ?? null,
            category: category.code,
            severity: input.severity ?? category.defaultSeverity,
            description: input.description ?? '',
            reporter: input.reporter
              ? {
                  name: input.reporter.name || null,
                  phone: input.reporter.phone ?? null,
                  email: input.reporter.email ?? null,
                }
              : null,
            location: { lon, lat },
            address: input.address || null,
            kelurahanCode: input.kelurahanCode ?? null,
            h3: cellFor(lon, lat, pack.h3Resolution),
            reportedAt,
            status: 'received',
            agency: category.agency,
            responseDueAt,
            resolveDueAt,
            firstResponseAt: null,
            resolvedAt: null,
            endedAt: null,
            notes: 0,
          },
        },
      },
    ],
  };
}

export function decideUpdate(
  incident: Incident | undefined,
  input: UpdateIncidentInput,
  ctx: { pack: CityPack; now: Date; actor: Actor; id: string; backdate: BackdateContext },
): Result<NewEvent[], CommandError> {
  const { pack, now, actor } = ctx;
  if (!incident) {
    return {
      ok: false,
      error: { status: 404, code: 'not_found', message: `no incident '${ctx.id}'` },
    };
  }
  const at = now.toISOString();
  const occurredAt = input.occurredAt ? new Date(input.occurredAt).toISOString() : at;
  const late = checkFieldTime(occurredAt, {
    now,
    source: incident.source,
    notBefore: lastFieldTime(incident),
    ...ctx.backdate,
  });
  if (late !== null) return invalid('occurredAt', late);
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
    events.push({
      ...base,
      type: 'incident.status_changed',
      data: { from: incident.status, to: input.status, occurredAt, note: takeNote() },
    });
  }
  const leftover = takeNote();
  if (leftover !== null) {
    events.push({ ...base, type: 'incident.noted', data: { note: leftover, occurredAt } });
  }
  if (events.length === 0) {
    return {
      ok: false,
      error: { status: 409, code: 'no_change', message: 'the incident already has these values' },
    };
  }
  return { ok: true, data: events };
}
