/**
 * Row formats for incident exports. CSV quotes every text cell and defuses cells that
 * a spreadsheet would run as a formula (citizen text is untrusted). `loggedAt` (when the
 * server received the report) stands beside `reportedAt`, which a source may date back.
 */
import type { Incident } from '../../shared/domain/types.ts';

const COLUMNS = [
  'id',
  'source',
  'externalId',
  'category',
  'severity',
  'status',
  'agency',
  'reportedAt',
  'loggedAt',
  'firstResponseAt',
  'resolvedAt',
  'responseDueAt',
  'resolveDueAt',
  'lon',
  'lat',
  'kelurahanCode',
  'h3',
  'address',
  'description',
] as const;
const PERSONAL = ['reporterName', 'reporterPhone', 'reporterEmail'] as const;

export function csvCell(v: string | number | null): string {
  if (v === null) return '';
  if (typeof v === 'number') return String(v);
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return `"${safe.replace(/"/g, '""')}"`;
}

export function csvHeader(personal: boolean): string {
  return `${[...COLUMNS, ...(personal ? PERSONAL : [])].join(',')}\r\n`;
}

export function csvRow(i: Incident, personal: boolean): string {
  const cells: (string | number | null)[] = [
    i.id,
    i.source,
    i.externalId,
    i.category,
    i.severity,
    i.status,
    i.agency,
    i.reportedAt,
    i.loggedAt ?? null,
    i.firstResponseAt,
    i.resolvedAt,
    i.responseDueAt,
    i.resolveDueAt,
    i.location.lon,
    i.location.lat,
    i.kelurahanCode,
    i.h3,
    i.address,
    i.description,
  ];
  if (personal)
    cells.push(i.reporter?.name ?? null, i.reporter?.phone ?? null, i.reporter?.email ?? null);
  return `${cells.map(csvCell).join(',')}\r\n`;
}

export function geojsonFeature(i: Incident): string {
  // lastFieldAt is the ordering rule's bookkeeping, not a fact for the people reading exports.
  const { location, loggedAt, lastFieldAt: _bookkeeping, ...rest } = i;
  const properties: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(rest)) {
    properties[key] = value;
    // Incidents stored before the log time was kept have none: null says so.
    if (key === 'reportedAt') properties.loggedAt = loggedAt ?? null;
  }
  return JSON.stringify({
    type: 'Feature',
    id: i.id,
    geometry: { type: 'Point', coordinates: [location.lon, location.lat] },
    properties,
  });
}
