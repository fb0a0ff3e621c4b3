/**
 * Where a new report looks for the open incident it may be a duplicate of: the live
 * projection's possible masters (duplicates.ts `mayBeMaster`, of a category with a rule),
 * by H3 cell, with the time of each one's latest report. Kept current from every event the
 * projection applies (this node's and other nodes'), so a lookup reads a few cells instead
 * of every open incident. The rule itself is `findMaster`; this only narrows who it reads.
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

export interface DuplicateIndex {
  /** Possible masters whose cell is near enough for a point within `radiusM` of `at`. */
  near(at: LonLat, radiusM: number): MasterCandidate[];
  /** Follows events the projection has just applied. */
  applied(events: readonly DomainEvent[]): void;
  /** How many possible masters it holds (for tests and metrics). */
  readonly size: number;
}

export function createDuplicateIndex(
  pack: Pick<CityPack, 'analyst' | 'h3Resolution'>,
  projection: Readonly<ProjectionState>,
): DuplicateIndex {
  const res = pack.h3Resolution;
  const edgeM = getHexagonEdgeLengthAvg(res, 'm');
  const byCell = new Map<string, Set<string>>();
  const cellOf = new Map<string, string>();
  /** A master's latest linked report (ms), when later than its own. */
  const latest = new Map<string, number>();

  const remove = (id: string) => {
    const cell = cellOf.get(id);
    if (cell === undefined) return;
    cellOf.delete(id);
    latest.delete(id);
    const ids = byCell.get(cell)!;
    ids.delete(id);
    if (ids.size === 0) byCell.delete(cell);
  };
  const refresh = (incident: Incident | undefined, id: string) => {
    if (!incident || !mayBeMaster(incident) || !duplicateRuleFor(pack, incident.category)) {
      remove(id);
      return;
    }
    if (cellOf.has(id)) return;
    const cell = latLngToCell(incident.location.lat, incident.location.lon, res);
    cellOf.set(id, cell);
    let ids = byCell.get(cell);
    if (!ids) byCell.set(cell, (ids = new Set()));
    ids.add(id);
  };
  const noteReport = (report: Incident) => {
    const master = masterOf(report);
    if (master === null || !cellOf.has(master)) return;
    const t = Date.parse(report.reportedAt);
    if (t > (latest.get(master) ?? -Infinity)) latest.set(master, t);
  };

  for (const [id, incident] of projection.incidents) refresh(incident, id);
  for (const incident of projection.incidents.values()) noteReport(incident);

  return {
    near(at, radiusM) {
      // Cells k apart have centres at least 1.5·k·edge apart; a point lies within one edge
      // of its cell's centre, so k covers every point within radiusM of `at`.
      const k = Math.ceil((2 * edgeM + radiusM) / (1.5 * edgeM));
      const out: MasterCandidate[] = [];
      for (const cell of gridDisk(latLngToCell(at.lat, at.lon, res), k)) {
        const ids = byCell.get(cell);
        if (!ids) continue;
        for (const id of ids) {
          const incident = projection.incidents.get(id);
          if (!incident) continue;
          const own = Date.parse(incident.reportedAt);
          out.push({ incident, latestReportMs: Math.max(own, latest.get(id) ?? own) });
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
      return cellOf.size;
    },
  };
}
