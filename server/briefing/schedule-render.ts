/**
 * A scheduled briefing's PDF, made on the server: the period's briefing for the city or
 * one agency (the same computation GET /api/v1/briefing runs, over the in-memory facts or
 * the store), each hotspot's main kelurahan, the incidents still open and past due at the
 * period's end, and the pack (shared/briefing-pdf/pdf-pack.ts, the browser's own code
 * path) with its map and charts drawn as vectors: kelurahan outlines when boundaries are
 * configured, else the city's bounding box. Its photo proof pages read thumbnails from the
 * node's media store (server/media), the same copies GET /api/v1/media/:id/thumb serves.
 */
import { cellToParent, getResolution } from 'h3-js';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { buildBriefingPdf, packCharts, type Ring } from '../../shared/briefing-pdf/pdf-pack.ts';
import { overdueItems } from '../../shared/briefing-pdf/overdue.ts';
import type { CityPack } from '../../shared/city/types.ts';
import {
  computeBriefing,
  computeBriefingColumns,
  type Briefing,
} from '../../shared/domain/briefing.ts';
import { columnsOf, type FactColumns } from '../../shared/domain/briefing-columns.ts';
import { mainKelurahan } from '../../shared/domain/cell-kelurahan.ts';
import { IncidentQuerySchema } from '../../shared/domain/schemas.ts';
import type { Incident } from '../../shared/domain/types.ts';
import type { Locale } from '../../shared/i18n/format.ts';
import type { Store } from '../log/store.ts';
import type { MediaStore } from '../media/media-store.ts';
import type { BriefingFacts } from './briefing-facts.ts';

const OPEN_STATUSES = 'received,verified,dispatched,in_progress';
const CLOSED_STATUSES = 'resolved,closed';
const MIN_COUNT = 5;

export interface RenderDeps {
  store: Store;
  pack: CityPack;
  /** The node's in-memory facts; the store is asked without them. */
  facts?: BriefingFacts | undefined;
  /** Boundary polygons (BOUNDARIES), drawn as the map's outlines. */
  boundaries?: FeatureCollection<Polygon | MultiPolygon> | undefined;
  /** Where photos' thumbnails are read for the photo proof pages; without it, placeholders. */
  media?: Pick<MediaStore, 'get'> | undefined;
  clock: () => Date;
}

export interface RenderRequest {
  from: Date;
  to: Date;
  agency: string | null;
  locale: Locale;
}

/** The outer ring of every polygon, as the PDF map draws them. */
export function outlinesOf(fc: FeatureCollection<Polygon | MultiPolygon> | undefined): Ring[] {
  if (!fc) return [];
  return fc.features.flatMap((f) => {
    const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
    return polys.map((rings) => (rings[0] ?? []).map(([lon, lat]) => [lon!, lat!] as const));
  });
}

/** Each hotspot cell's main kelurahan over the period's reports (as the browser counts them). */
function placesOf(
  c: FactColumns,
  rows: Iterable<number>,
  from: number,
  to: number,
  cells: string[],
) {
  const res = cells[0] ? getResolution(cells[0]) : 8;
  const wanted = new Set(cells);
  const tallies = new Map<string, Map<string, number>>();
  for (const r of rows) {
    const at = c.reportedAt[r]!;
    const kel = c.kelurahanCodes[c.kelurahan[r]!];
    if (!(at >= from && at < to) || !kel) continue;
    const own = c.h3Cells[c.h3[r]!]!;
    const cell = getResolution(own) > res ? cellToParent(own, res) : own;
    if (!wanted.has(cell)) continue;
    const tally = tallies.get(cell) ?? new Map<string, number>();
    tally.set(kel, (tally.get(kel) ?? 0) + 1);
    tallies.set(cell, tally);
  }
  const places = new Map<string, string>();
  for (const [cell, tally] of tallies) {
    const main = mainKelurahan(tally);
    if (main) places.set(cell, main);
  }
  return places;
}

async function incidents(
  store: Store,
  filter: { status: string; agency: string | null; since?: Date; until?: Date },
): Promise<Incident[]> {
  const query = IncidentQuerySchema.parse({
    status: filter.status,
    ...(filter.agency ? { agency: filter.agency } : {}),
    ...(filter.since ? { since: filter.since.toISOString() } : {}),
    ...(filter.until ? { until: filter.until.toISOString() } : {}),
  });
  const out: Incident[] = [];
  for await (const i of store.iterateIncidents(query)) out.push(i);
  return out;
}

/** The briefing of [from, to) for the city or one agency, and its hotspots' places. */
export async function briefingFor(
  deps: RenderDeps,
  req: Pick<RenderRequest, 'from' | 'to' | 'agency'>,
): Promise<{ briefing: Briefing; places: Map<string, string> }> {
  const { from, to } = req;
  const since = from.getTime() - (to.getTime() - from.getTime());
  const opts = {
    from,
    to,
    minCount: MIN_COUNT,
    categories: deps.pack.categories.map((c) => c.code),
  };
  const filter = req.agency ? { agency: req.agency } : {};
  let columns: FactColumns;
  let rows: Iterable<number>;
  let briefing: Briefing;
  if (deps.facts) {
    columns = deps.facts.columns;
    const selected = deps.facts.select(since, to.getTime(), filter);
    briefing = computeBriefingColumns(columns, selected, opts);
    rows = selected;
  } else {
    const listed = (
      await deps.store.briefingFacts(new Date(since).toISOString(), to.toISOString())
    ).filter((f) => !req.agency || f.agency === req.agency);
    briefing = computeBriefing(listed, opts);
    columns = columnsOf(listed);
    rows = listed.keys();
  }
  const cells = briefing.hotspots.map((h) => h.h3);
  return { briefing, places: placesOf(columns, rows, from.getTime(), to.getTime(), cells) };
}

/** The pack's bytes, and the briefing they show. */
export async function renderScheduledBriefing(
  deps: RenderDeps,
  req: RenderRequest,
): Promise<{ pdf: Buffer; briefing: Briefing }> {
  const { briefing, places } = await briefingFor(deps, req);
  const now = deps.clock();
  const overdueAt = new Date(Math.min(req.to.getTime(), now.getTime()));
  const open = await incidents(deps.store, { status: OPEN_STATUSES, agency: req.agency });
  // The period's reports that are resolved or closed: the browser's pack picks its "closed
  // with proof" from the period's reports too.
  const resolved = await incidents(deps.store, {
    status: CLOSED_STATUSES,
    agency: req.agency,
    since: req.from,
    until: req.to,
  });
  const media = deps.media;
  const bytes = await buildBriefingPdf({
    pack: deps.pack,
    locale: req.locale,
    briefing,
    filters: { area: null, category: null, agency: req.agency },
    period: { from: req.from, to: req.to },
    map: { image: null, caption: '', outlines: outlinesOf(deps.boundaries) },
    charts: packCharts(briefing, deps.pack, req.locale),
    places,
    overdue: overdueItems(open, overdueAt, null),
    overdueAt,
    resolved,
    loadPhoto: media ? (id) => media.get(id, 'thumb') : undefined,
    generatedAt: now,
  });
  return { pdf: Buffer.from(bytes), briefing };
}
