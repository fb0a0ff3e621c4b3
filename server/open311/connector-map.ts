/**
 * What a connector makes of one remote GeoReport v2 request: a report for the write path
 * (or why it is skipped), and the local status that follows the remote's. Pure: the puller
 * (connector-round.ts) does the I/O. Forgiving where servers differ: ids and coordinates
 * may come as numbers or strings, empty strings mean absent, unknown fields are ignored.
 */
import { z } from 'zod';
import { categoryByCode } from '../../shared/city/lookup.ts';
import type { CityPack } from '../../shared/city/types.ts';
import type { ReportIncidentInput } from '../../shared/domain/schemas.ts';
import { TRANSITIONS } from '../../shared/domain/transitions.ts';
import {
  SEVERITIES,
  STATUSES,
  TERMINAL_STATUSES,
  type Severity,
  type Status,
} from '../../shared/domain/types.ts';
import type { ConnectorConfig } from './connector-store.ts';

const text = z
  .union([z.string(), z.number()])
  .nullish()
  .transform((v) => (v === null || v === undefined ? '' : String(v).trim()));

/** The fields of `service_requests/request` a connector reads; the rest is ignored. */
export const RemoteRequestSchema = z.looseObject({
  service_request_id: text,
  status: text,
  status_notes: text,
  service_code: text,
  description: text,
  address: text,
  requested_datetime: text,
  updated_datetime: text,
  lat: text,
  long: text,
  // Nakhoda's `extensions=true` (and servers alike): severity and the notes' statuses.
  extended_attributes: z
    .looseObject({
      severity: z.string().optional().catch(undefined),
      notes: z
        .array(z.looseObject({ status: z.string().optional().catch(undefined) }))
        .optional()
        .catch(undefined),
    })
    .nullish()
    .catch(undefined),
});
export type RemoteRequest = z.infer<typeof RemoteRequestSchema>;

/** The write path's limit on an external id (shared/domain/schemas.ts). */
const MAX_EXTERNAL_ID = 128;

export type Skip = 'skippedNoId' | 'skippedNoLocation' | 'skippedUnmapped';

/** `${connectorId}:${service_request_id}`: unique per connector, so re-reading never duplicates. */
export const externalIdOf = (connectorId: string, remoteId: string) => `${connectorId}:${remoteId}`;

const coordinate = (raw: string, max: number) => {
  const n = raw === '' ? NaN : Number(raw);
  return Number.isFinite(n) && Math.abs(n) <= max ? n : null;
};

/** A W3C datetime as UTC ISO, or null when absent or unreadable. */
export function isoOf(raw: string): string | null {
  const t = raw === '' ? NaN : Date.parse(raw);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

/** The local category: the map's, else a local category of the same code, else the default. */
export function categoryFor(
  config: Pick<ConnectorConfig, 'serviceMap' | 'defaultCategory'>,
  pack: CityPack,
  serviceCode: string,
): string | null {
  const mapped = Object.hasOwn(config.serviceMap, serviceCode)
    ? config.serviceMap[serviceCode]
    : undefined;
  if (mapped !== undefined) return mapped;
  if (serviceCode !== '' && categoryByCode(pack, serviceCode)) return serviceCode;
  return config.defaultCategory;
}

export function reportOf(
  remote: RemoteRequest,
  config: Pick<ConnectorConfig, 'id' | 'serviceMap' | 'defaultCategory'>,
  pack: CityPack,
  now: Date,
): { ok: true; report: ReportIncidentInput & { externalId: string } } | { ok: false; skip: Skip } {
  const remoteId = remote.service_request_id;
  const externalId = externalIdOf(config.id, remoteId);
  if (remoteId === '' || externalId.length > MAX_EXTERNAL_ID)
    return { ok: false, skip: 'skippedNoId' };
  const lat = coordinate(remote.lat, 90);
  const lon = coordinate(remote.long, 180);
  // 0,0 is what some servers write for "no location"; it is in the sea off Africa anyway.
  if (lat === null || lon === null || (lat === 0 && lon === 0))
    return { ok: false, skip: 'skippedNoLocation' };
  const category = categoryFor(config, pack, remote.service_code);
  if (category === null) return { ok: false, skip: 'skippedUnmapped' };
  const requested = isoOf(remote.requested_datetime);
  const severity = remote.extended_attributes?.severity;
  return {
    ok: true,
    report: {
      source: 'open311',
      externalId,
      category,
      location: { lon, lat },
      ...(remote.description ? { description: remote.description.slice(0, 4000) } : {}),
      ...(remote.address ? { address: remote.address.slice(0, 300) } : {}),
      ...(SEVERITIES.includes(severity as Severity) ? { severity: severity as Severity } : {}),
      // Never after now: a remote clock a little ahead must not get the report refused.
      ...(requested
        ? { reportedAt: requested < now.toISOString() ? requested : now.toISOString() }
        : {}),
    },
  };
}

const isTerminal = (s: Status) => TERMINAL_STATUSES.includes(s);

/** The remote's own lifecycle status when its notes tell one this city knows (Nakhoda does). */
function notedStatus(remote: RemoteRequest): Status | null {
  const notes = remote.extended_attributes?.notes ?? [];
  for (let i = notes.length - 1; i >= 0; i--) {
    const s = notes[i]?.status;
    if (s !== undefined && (STATUSES as readonly string[]).includes(s)) return s as Status;
  }
  return null;
}

/**
 * The status the local incident should have, or null for none to change. A status the
 * remote's notes name exactly is followed when it agrees with open/closed; otherwise
 * closed means closed (through resolved, as the lifecycle allows) and open reopens an
 * incident that ended.
 */
export function targetStatus(remote: RemoteRequest, current: Status): Status | null {
  const closed = remote.status.toLowerCase() === 'closed';
  const exact = notedStatus(remote);
  const target =
    exact !== null && isTerminal(exact) === closed
      ? exact
      : closed
        ? isTerminal(current) && current !== 'resolved'
          ? current
          : 'closed'
        : isTerminal(current)
          ? 'in_progress'
          : current;
  return target === current ? null : target;
}

/** The shortest walk of the lifecycle from `from` to `to` (excluding `from`); null if none. */
export function lifecyclePath(from: Status, to: Status): Status[] | null {
  const previous = new Map<Status, Status>([[from, from]]);
  const queue: Status[] = [from];
  while (queue.length > 0) {
    const s = queue.shift()!;
    if (s === to) {
      const path: Status[] = [];
      for (let at = to; at !== from; at = previous.get(at)!) path.unshift(at);
      return path;
    }
    for (const next of TRANSITIONS[s]) {
      if (!previous.has(next)) {
        previous.set(next, s);
        queue.push(next);
      }
    }
  }
  return null;
}
