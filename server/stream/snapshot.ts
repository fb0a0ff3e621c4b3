/**
 * Builds what a screen needs to start: the live window of incidents and the KPIs over
 * exactly that set, stamped with the seq they reflect.
 */
import type { CityPack } from '../../shared/city/types.ts';
import type { Snapshot } from '../../shared/contract.ts';
import { PROTOCOL_VERSION } from '../../shared/contract.ts';
import { isOpen } from '../../shared/domain/sla.ts';
import type { Stats } from '../../shared/domain/stats.ts';
import { computeStats } from '../../shared/domain/stats.ts';
import type { Incident } from '../../shared/domain/types.ts';
import type { LiveProjection } from '../incident-service.ts';

export function liveIncidents(
  projection: Readonly<LiveProjection>,
  now: Date,
  windowHours: number,
): Incident[] {
  const cutoff = new Date(now.getTime() - windowHours * 3_600_000).toISOString();
  const out: Incident[] = [];
  for (const inc of projection.incidents.values()) {
    if (isOpen(inc) || (inc.endedAt !== null && inc.endedAt >= cutoff)) out.push(inc);
  }
  return out;
}

export function statsFor(incidents: Iterable<Incident>, pack: CityPack, now: Date): Stats {
  return computeStats(incidents, now, pack.timeZone, {
    agencies: pack.agencies.map((a) => a.code),
    categories: pack.categories.map((c) => c.code),
  });
}

export function buildSnapshot(
  projection: Readonly<LiveProjection>,
  pack: CityPack,
  now: Date,
  windowHours: number,
): Snapshot {
  const incidents = liveIncidents(projection, now, windowHours);
  return {
    protocol: PROTOCOL_VERSION,
    seq: projection.seq,
    serverTime: now.toISOString(),
    incidents,
    windowHours,
    stats: statsFor(incidents, pack, now),
  };
}
