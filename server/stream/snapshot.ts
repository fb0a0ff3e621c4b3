/**
 * Builds what a screen needs to start: the live window of incidents and the KPIs over
 * exactly that set, stamped with the seq they reflect.
 */
import type { CityPack } from '../../shared/city/types.ts';
import type { Snapshot } from '../../shared/contract.ts';
import { PROTOCOL_VERSION } from '../../shared/contract.ts';
import { liveWindow } from '../../shared/domain/live-window.ts';
import type { ProjectionState } from '../../shared/domain/reducer.ts';
import { statsFor } from '../../shared/domain/stats.ts';

export function buildSnapshot(
  projection: Readonly<ProjectionState>,
  pack: CityPack,
  now: Date,
  windowHours: number,
): Snapshot {
  const incidents = liveWindow(projection.incidents.values(), now, windowHours);
  return {
    protocol: PROTOCOL_VERSION,
    seq: projection.seq,
    serverTime: now.toISOString(),
    incidents,
    windowHours,
    stats: statsFor(incidents, pack, now),
  };
}
