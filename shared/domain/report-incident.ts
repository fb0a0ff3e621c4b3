/**
 * Where an incident is born: a validated report becomes one `incident.reported` event,
 * with its category's agency and SLA deadlines, its H3 cell and its field time checked
 * against the author's backdating bound — or a refusal naming the field. Pure.
 */
import type { CityPack } from '../city/types.ts';
import { categoryByCode, kelurahanByCode } from '../city/lookup.ts';
import type { Result } from '../contract.ts';
import type { ReportIncidentInput } from './schemas.ts';
import type { Actor, NewEvent } from './types.ts';
import { checkFieldTime } from './field-time.ts';
import { cellFor } from './h3-bins.ts';
import { slaDeadlines } from './sla.ts';
import { invalid, type BackdateContext, type CommandError } from './commands.ts';

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
