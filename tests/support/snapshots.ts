/**
 * Snapshots in tests: made the way the server makes them (columns, gzip), and read the
 * way a screen reads them (picture, then tail), through the shared code both use.
 */
import { gzipSync } from 'fflate';
import { PROTOCOL_VERSION, type Snapshot } from '../../shared/contract.ts';
import { ownedProjection } from '../../shared/domain/reducer.ts';
import type { Alert } from '../../shared/domain/alerts.ts';
import type { DomainEvent, Incident } from '../../shared/domain/types.ts';
import { packIncidents } from '../../shared/incident-codec.ts';
import { loadSnapshot } from '../../shared/snapshot-load.ts';

export function encodedSnapshot(opts: {
  seq: number;
  incidents: readonly Incident[];
  serverTime: string;
  windowHours?: number;
  /** Events after the picture; the picture is then at `seq - tail.length`. */
  tail?: DomainEvent[];
  alerts?: Alert[];
}): Snapshot {
  const tail = opts.tail ?? [];
  return {
    protocol: PROTOCOL_VERSION,
    seq: opts.seq,
    pictureSeq: opts.seq - tail.length,
    serverTime: opts.serverTime,
    incidents: gzipSync(packIncidents(opts.incidents)),
    count: opts.incidents.length,
    alerts: opts.alerts ?? [],
    tail,
    windowHours: opts.windowHours ?? 24,
  };
}

/** The incidents a screen holds after taking this snapshot (picture plus tail). */
export function incidentsOf(snapshot: Snapshot): Incident[] {
  const state = ownedProjection();
  loadSnapshot(state, snapshot);
  return [...state.incidents.values()];
}
