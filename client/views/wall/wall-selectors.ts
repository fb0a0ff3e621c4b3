/**
 * What the wall's scenes pick out of the live incidents: the hottest H3 cells, the
 * critical feed, the ticker, and the bounded alert queue. Pure functions, bounded
 * outputs: a wall runs for days, so nothing here keeps or grows state.
 */
import { cellToLatLng } from 'h3-js';
import type { CityPack } from '../../../shared/city/types.ts';
import { kecamatanByCode, kelurahanByCode } from '../../../shared/city/lookup.ts';
import { mainKelurahan } from '../../../shared/domain/cell-kelurahan.ts';
import { countsAsIncident } from '../../../shared/domain/duplicates.ts';
import { isOpen } from '../../../shared/domain/sla.ts';
import type { Incident, Severity } from '../../../shared/domain/types.ts';
import { heatWeight } from '../../map/heatmap.layer.ts';

export interface Hotspot {
  h3: string;
  lon: number;
  lat: number;
  open: number;
  critical: number;
  /** Heat as the heatmap weighs it (severity and recency), the ranking key. */
  heat: number;
  /** The kelurahan most of its open incidents are in, with its kecamatan. */
  kelurahan: string | null;
  kecamatan: string | null;
}

/** The cells with the most heat from open incidents, hottest first. */
export function topHotspots(
  incidents: Iterable<Incident>,
  count: number,
  nowMs: number,
  pack: CityPack,
): Hotspot[] {
  const cells = new Map<
    string,
    { heat: number; open: number; critical: number; codes: Map<string, number> }
  >();
  for (const inc of incidents) {
    if (!isOpen(inc)) continue;
    let cell = cells.get(inc.h3);
    if (!cell) cells.set(inc.h3, (cell = { heat: 0, open: 0, critical: 0, codes: new Map() }));
    cell.heat += heatWeight(inc, nowMs);
    cell.open += 1;
    if (inc.severity === 'critical') cell.critical += 1;
    if (inc.kelurahanCode)
      cell.codes.set(inc.kelurahanCode, (cell.codes.get(inc.kelurahanCode) ?? 0) + 1);
  }
  return [...cells]
    .sort(([ha, a], [hb, b]) => b.heat - a.heat || b.open - a.open || ha.localeCompare(hb))
    .slice(0, count)
    .map(([h3, cell]) => {
      const [lat, lon] = cellToLatLng(h3);
      const { kelurahan, kecamatan } = areaNames(pack, mainKelurahan(cell.codes));
      return {
        h3,
        lon,
        lat,
        open: cell.open,
        critical: cell.critical,
        heat: cell.heat,
        kelurahan,
        kecamatan,
      };
    });
}

export function areaNames(
  pack: CityPack,
  kelurahanCode: string | null,
): { kelurahan: string | null; kecamatan: string | null } {
  const kel = kelurahanCode ? kelurahanByCode(pack, kelurahanCode) : undefined;
  const kec = kel?.parent ? kecamatanByCode(pack, kel.parent) : undefined;
  return { kelurahan: kel?.name ?? null, kecamatan: kec?.name ?? null };
}

const SEVERITY_RANK: Record<Severity, number> = { critical: 0, high: 1, medium: 2, low: 3 };

/**
 * Open critical and high incidents: critical first, then newest first. It runs over every
 * incident and keeps only the best `limit` as it goes (no sort of every candidate, no
 * Date parsed per comparison: the server's canonical ISO times compare as text).
 */
export function criticalFeed(incidents: Iterable<Incident>, limit: number): Incident[] {
  const picked: Incident[] = [];
  if (limit <= 0) return picked;
  for (const inc of incidents) {
    if ((inc.severity !== 'critical' && inc.severity !== 'high') || !isOpen(inc)) continue;
    if (picked.length === limit && !feedBefore(inc, picked[limit - 1] as Incident)) continue;
    // Insert in order; the list is short.
    let i = Math.min(picked.length, limit - 1);
    if (picked.length < limit) picked.push(inc);
    while (i > 0 && feedBefore(inc, picked[i - 1] as Incident)) {
      picked[i] = picked[i - 1] as Incident;
      i -= 1;
    }
    picked[i] = inc;
  }
  return picked;
}

function feedBefore(a: Incident, b: Incident): boolean {
  const bySeverity = SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity];
  if (bySeverity !== 0) return bySeverity < 0;
  if (a.reportedAt !== b.reportedAt) return a.reportedAt > b.reportedAt;
  return a.id.localeCompare(b.id) < 0;
}

/**
 * The newest reports still in the store, newest first, at most `limit`. A report linked
 * to another as its duplicate is left out: forty reports of one flood are one line.
 */
export function tickerItems(
  recentIds: readonly string[],
  incidents: ReadonlyMap<string, Incident>,
  limit: number,
): Incident[] {
  const out: Incident[] = [];
  for (const id of recentIds) {
    const inc = incidents.get(id);
    if (inc && countsAsIncident(inc)) out.push(inc);
    if (out.length >= limit) break;
  }
  return out;
}

/** Appends to a queue that never holds more than `max`: the oldest waiting alerts give way. */
export function boundedQueue<T>(queue: readonly T[], add: readonly T[], max: number): T[] {
  const next = [...queue, ...add];
  return next.length > max ? next.slice(next.length - max) : next;
}
