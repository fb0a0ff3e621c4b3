/**
 * Where a new report looks for the open incident it may be a duplicate of: the live
 * projection's possible masters (duplicates.ts `mayBeMaster`, of a category with a rule),
 * by category and small H3 cell, with the time of each one's latest report. Kept current
 * from every event the projection applies (this node's and other nodes'), so a lookup reads
 * the few masters of its own category within reach instead of every open incident — on the
 * write path of every report, at ten times the city's rate (BENCHMARKS.md). The rule itself
 * is `findMaster`; this only narrows who it reads.
 */
import { getHexagonEdgeLengthAvg, gridDisk, latLngToCell } from 'h3-js';
import type { CityPack } from '../../shared/city/types.ts';
import {
  duplicateRuleFor,
  masterOf,
  mayBeMaster,
  type MasterCandidate,
} from '../../shared/domain/duplicates.ts';
import type { ProjectionState } from '../../shared/domain/reducer.ts';
import type { DomainEvent, Incident, LonLat } from '../../shared/domain/types.ts';

/**
 * Cells of about 66 m a side (0.015 km²): a 60 m rule reads 19 of them, a 300 m one 91,
 * each holding a handful of masters of one category even at ten times the city's rate.
 */
const INDEX_RESOLUTION = 10;

export interface DuplicateIndex {
  /** Possible masters of `category` whose cell is near enough for a point within `radiusM` of `at`. */
  near(category: string, at: LonLat, radiusM: number): MasterCandidate[];
  /** Follows events the projection has just applied. */
  applied(events: readonly DomainEvent[]): void;
  /** How many possible masters it holds (for tests and metrics). */
  readonly size: number;
}

interface Entry {
  key: string;
  /** Its own report's time (ms), or its latest linked report's when later. */
  latestMs: number;
}

export function createDuplicateIndex(
  pack: Pick<CityPack, 'analyst'>,
  projection: Readonly<ProjectionState>,
): DuplicateIndex {
  const edgeM = getHexagonEdgeLengthAvg(INDEX_RESOLUTION, 'm');
  /** `category cell` → ids of the possible masters there. */
  const byKey = new Map<string, Set<string>>();
  const entries = new Map<string, Entry>();
  const keyOf = (category: string, cell: string) => `${category} ${cell}`;

  const remove = (id: string) => {
    const entry = entries.get(id);
    if (entry === undefined) return;
    entries.delete(id);
    const ids = byKey.get(entry.key)!;
    ids.delete(id);
    if (ids.size === 0) byKey.delete(entry.key);
  };
  const refresh = (incident: Incident | undefined, id: string) => {
    if (!incident || !mayBeMaster(incident) || !duplicateRuleFor(pack, incident.category)) {
      remove(id);
      return;
    }
    if (entries.has(id)) return;
    const { lat, lon } = incident.location;
    const key = keyOf(incident.category, latLngToCell(lat, lon, INDEX_RESOLUTION));
    entries.set(id, { key, latestMs: Date.parse(incident.reportedAt) });
    let ids = byKey.get(key);
    if (!ids) byKey.set(key, (ids = new Set()));
    ids.add(id);
  };
  const noteReport = (report: Incident) => {
    const master = masterOf(report);
    const entry = master === null ? undefined : entries.get(master);
    if (!entry) return;
    entry.latestMs = Math.max(entry.latestMs, Date.parse(report.reportedAt));
  };

  for (const [id, incident] of projection.incidents) refresh(incident, id);
  for (const incident of projection.incidents.values()) noteReport(incident);

  return {
    near(category, at, radiusM) {
      // Cells k apart have centres at least 1.5·k·edge apart; a point lies within one edge
      // of its cell's centre, so k covers every point within radiusM of `at`.
      const k = Math.ceil((2 * edgeM + radiusM) / (1.5 * edgeM));
      const out: MasterCandidate[] = [];
      for (const cell of gridDisk(latLngToCell(at.lat, at.lon, INDEX_RESOLUTION), k)) {
        const ids = byKey.get(keyOf(category, cell));
        if (!ids) continue;
        for (const id of ids) {
          const incident = projection.incidents.get(id);
          if (incident) out.push({ incident, latestReportMs: entries.get(id)!.latestMs });
        }
      }
      return out;
    },
    applied(events) {
      for (const event of events) {
        if (!event.type.startsWith('incident.')) continue;
        const incident = projection.incidents.get(event.incidentId);
        refresh(incident, event.incidentId);
        if (event.type === 'incident.linked' && incident) noteReport(incident);
      }
    },
    get size() {
      return entries.size;
    },
  };
}
