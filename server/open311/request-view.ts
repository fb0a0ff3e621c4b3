/**
 * An incident as an Open311 service request (`service_requests/request`): open or closed
 * from the lifecycle, the SLA's resolution deadline as `expected_datetime`, and with
 * `extensions=true` an `extended_attributes` object (channel, agency, severity, kelurahan,
 * the attributes' answers) and the history of notes. The incident given is already
 * redacted for the caller; reporters' details are never part of an Open311 request.
 * `media_url` is the citizen's own (description extras), else a field crew's photo: the
 * served copy under `mediaBase` (media.routes.ts), which carries no EXIF.
 */
import {
  agencyByCode,
  categoryByCode,
  kelurahanByCode,
  statusByCode,
} from '../../shared/city/lookup.ts';
import type { Request } from 'express';
import type { CityPack } from '../../shared/city/types.ts';
import { isOpen } from '../../shared/domain/sla.ts';
import type { Incident, IncidentEvent } from '../../shared/domain/types.ts';
import { splitExtras } from './description-extras.ts';
import { list, type NodeObject } from './format.ts';

/** A W3C datetime in UTC to the second, as the spec's examples write them. */
export const w3c = (iso: string) => new Date(iso).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** The served, EXIF-stripped copy of a photo (media.routes.ts), under `mediaBase`. */
export const photoUrl = (mediaBase: string, photoId: string) => `${mediaBase}/${photoId}.jpg`;

/** Where this server serves photos (media.routes.ts), as the caller reached it. */
export const mediaBaseOf = (req: Request) =>
  `${req.protocol}://${req.get('host') ?? 'localhost'}/api/v1/media`;

function noteOf(e: IncidentEvent, mediaBase?: string): NodeObject {
  const base = { datetime: w3c(e.at), type: e.type.replace(/^incident\./, '') };
  switch (e.type) {
    case 'incident.reported':
      return {
        ...base,
        datetime: w3c(e.data.incident.reportedAt),
        status: 'received',
        description: '',
      };
    case 'incident.status_changed':
      return {
        ...base,
        datetime: w3c(e.data.occurredAt),
        status: e.data.to,
        description: e.data.note ?? '',
      };
    case 'incident.assigned':
      return {
        ...base,
        datetime: w3c(e.data.occurredAt),
        agency: e.data.to,
        description: e.data.note ?? '',
      };
    case 'incident.escalated':
      return {
        ...base,
        datetime: w3c(e.data.occurredAt),
        severity: e.data.to,
        description: e.data.note ?? '',
      };
    case 'incident.noted':
      return { ...base, datetime: w3c(e.data.occurredAt), description: e.data.note };
    case 'incident.linked':
    case 'incident.unlinked':
      // The request is one of several about one thing (or no longer): closed while linked.
      return {
        ...base,
        datetime: w3c(e.data.occurredAt),
        duplicate_of: e.data.masterId,
        description: e.data.note ?? '',
      };
    case 'incident.reporters_changed':
      return {
        ...base,
        datetime: w3c(e.data.occurredAt),
        linked_request: e.data.reportId,
        description: '',
      };
    case 'incident.claimed':
    case 'incident.unclaimed':
    case 'incident.proof_waived':
      return { ...base, datetime: w3c(e.data.occurredAt), description: e.data.note ?? '' };
    case 'incident.photo_added':
      return {
        ...base,
        datetime: w3c(e.data.occurredAt),
        description: '',
        media_url: mediaBase ? photoUrl(mediaBase, e.data.photoId) : '',
      };
  }
}

export function requestOf(
  pack: CityPack,
  incident: Incident,
  extended?: { history: IncidentEvent[] },
  /** Absolute URL of the media route (`https://host/api/v1/media`); no photo URLs without. */
  mediaBase?: string,
): NodeObject {
  const category = categoryByCode(pack, incident.category);
  const agency = agencyByCode(pack, incident.agency);
  const status = statusByCode(pack, incident.status);
  const { text, attributes, mediaUrls: given } = splitExtras(incident.description, category);
  const photos = mediaBase
    ? (incident.photos ?? []).map((p) => photoUrl(mediaBase, p.photoId))
    : [];
  const mediaUrls = [...given, ...photos];
  const request: NodeObject = {
    service_request_id: incident.id,
    status: isOpen(incident) ? 'open' : 'closed',
    status_notes: status ? `${status.name.id} / ${status.name.en}` : incident.status,
    service_name: category?.name.id ?? incident.category,
    service_code: incident.category,
    description: text,
    agency_responsible: agency?.name.id ?? incident.agency,
    service_notice: '',
    requested_datetime: w3c(incident.reportedAt),
    updated_datetime: w3c(incident.updatedAt),
    expected_datetime: w3c(incident.resolveDueAt),
    address: incident.address ?? '',
    address_id: '',
    zipcode: '',
    lat: incident.location.lat,
    long: incident.location.lon,
    media_url: mediaUrls[0] ?? '',
  };
  if (!extended) return request;
  const multiValued = new Set(
    (category?.attributes ?? []).filter((a) => a.datatype === 'multivaluelist').map((a) => a.code),
  );
  const kelurahan = incident.kelurahanCode
    ? kelurahanByCode(pack, incident.kelurahanCode)
    : undefined;
  request.extended_attributes = {
    channel: incident.source,
    agency: incident.agency,
    severity: incident.severity,
    kelurahan: incident.kelurahanCode ?? '',
    kelurahan_name: kelurahan?.name ?? '',
    attributes: Object.fromEntries(
      Object.entries(attributes).map(([code, values]) => [
        code,
        multiValued.has(code) ? list('value', values) : values[0]!,
      ]),
    ),
    media_urls: list('media_url', mediaUrls),
    notes: list(
      'note',
      extended.history.map((e) => noteOf(e, mediaBase)),
    ),
  };
  return request;
}
