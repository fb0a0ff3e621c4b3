/**
 * The briefing's facts in memory: every incident's row in a columnar table
 * (shared/domain/briefing-columns.ts), loaded once from the store at start and kept
 * current as this node's appended events reach the live projection. A briefing then
 * selects its rows here instead of asking the store for 100,000s of rows: reading them out
 * of SQLite was most of its time (BENCHMARKS.md, "Briefings").
 *
 * Boundary: this node's own appends. A node that did not append an event learns of it
 * only when something feeds its projection from the log (see the report of issue 10).
 */
import { inArea } from '../../shared/city/lookup.ts';
import {
  FactTable,
  factsOfIncident,
  type FactColumns,
} from '../../shared/domain/briefing-columns.ts';
import { IncidentQuerySchema } from '../../shared/domain/schemas.ts';
import type { Incident } from '../../shared/domain/types.ts';
import type { IncidentService } from '../ingest/incident-service.ts';
import type { Store } from '../log/store.ts';
import { IdIndex } from './id-index.ts';

/** The briefing query's filters (all optional); an area is a kota or kecamatan code. */
export interface FactFilter {
  category?: string | undefined;
  agency?: string | undefined;
  area?: string | undefined;
}

export interface BriefingFacts {
  /** The table as it stands; read it synchronously, an append may grow it later. */
  readonly columns: FactColumns;
  readonly size: number;
  /**
   * The rows a briefing of [from, to) and its previous period can touch (reported before
   * `to` and not ended before `since`), as `Store.briefingFacts(since, to)` selects them,
   * narrowed by the filters.
   */
  select(since: number, to: number, filter?: FactFilter): Int32Array;
  /** Takes an incident's current state: its row is added, or overwritten in place. */
  upsert(incident: Incident): void;
  /** Bytes held by the table and the id index. */
  bytes(): number;
  /** Drops spare capacity (after a bulk load). */
  trim(): void;
}

export function createBriefingFacts(): BriefingFacts {
  const table = new FactTable();
  const ids = new IdIndex();
  return {
    get columns() {
      return table;
    },
    get size() {
      return table.length;
    },
    select(since, to, filter = {}) {
      const { reportedAt, endedAt } = table;
      const category =
        filter.category === undefined ? -1 : table.codeOf('category', filter.category);
      const agency = filter.agency === undefined ? -1 : table.codeOf('agency', filter.agency);
      // A value no incident ever had selects nothing.
      if (category === undefined || agency === undefined) return new Int32Array(0);
      const area = filter.area;
      const inAreaByCode =
        area === undefined
          ? null
          : Uint8Array.from(table.kelurahanCodes, (code) => Number(inArea(code, area)));
      const out = new Int32Array(table.length);
      let n = 0;
      for (let r = 0; r < table.length; r++) {
        const rep = reportedAt[r]!;
        // Ended is NaN while open: `!(ended < since)` keeps open incidents.
        if (!(rep < to && (rep >= since || !(endedAt[r]! < since)))) continue;
        if (category >= 0 && table.category[r] !== category) continue;
        if (agency >= 0 && table.agency[r] !== agency) continue;
        if (inAreaByCode !== null && inAreaByCode[table.kelurahan[r]!] === 0) continue;
        out[n++] = r;
      }
      return out.subarray(0, n);
    },
    upsert(incident) {
      const row = ids.get(incident.id);
      if (row >= 0) table.set(row, factsOfIncident(incident));
      else {
        ids.add(incident.id);
        table.push(factsOfIncident(incident));
      }
    },
    bytes: () => table.bytes() + ids.byteLength(),
    trim() {
      table.reserve(table.length + (table.length >> 4));
      ids.trim();
    },
  };
}

/**
 * Every incident in the store, read in the store's pages (so start-up holds one page of
 * documents at a time, not the whole history), then spare capacity trimmed.
 */
export async function loadBriefingFacts(store: Store): Promise<BriefingFacts> {
  const facts = createBriefingFacts();
  for await (const incident of store.iterateIncidents(IncidentQuerySchema.parse({}))) {
    facts.upsert(incident);
  }
  facts.trim();
  return facts;
}

/**
 * Keeps `facts` current: after each batch the projection applies, the incidents it
 * touched are taken in their new state. The projection holds every incident an event
 * touches (it recalls one that had left the live window before changing it), so this
 * reads it there rather than running the reducer a second time. A link or a split of a
 * duplicate report touches the report (its row's `linked` fact and end) and its master
 * (`incident.reporters_changed`): both rows are overwritten in place.
 */
export function feedBriefingFacts(
  facts: BriefingFacts,
  service: Pick<IncidentService, 'projection' | 'onAppended'>,
): () => void {
  return service.onAppended((events) => {
    for (const e of events) {
      const incident = service.projection.incidents.get(e.incidentId);
      if (incident) facts.upsert(incident);
    }
  });
}
