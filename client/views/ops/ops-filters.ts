/**
 * The ops console's filters as plain data: what they are, how they read from and write to
 * the URL query string (so a view can be shared as a link), and which incidents they let
 * through. Pure, so the list, the map and the tests all agree on one definition.
 * Parsing validates against the city pack: unknown codes are dropped, never trusted.
 * A report linked to another as its duplicate is never listed, whatever the filters: it is
 * its master's reporter, listed in the master's drawer, and no pin of its own on the map.
 */
import {
  inArea,
  kecamatanByCode,
  kelurahanByCode,
  kotaByCode,
} from '../../../shared/city/lookup.ts';
import type { CityPack } from '../../../shared/city/types.ts';
import { countsAsIncident } from '../../../shared/domain/duplicates.ts';
import type { Incident, Source, Status } from '../../../shared/domain/types.ts';
import { SOURCES, STATUSES } from '../../../shared/domain/types.ts';
import { DAY_MS, HOUR_MS } from '../../../shared/domain/time.ts';

export const TIME_WINDOWS = ['1h', '6h', '24h', '7d', 'all'] as const;
export type TimeWindow = (typeof TIME_WINDOWS)[number];

const WINDOW_MS: Record<TimeWindow, number> = {
  '1h': HOUR_MS,
  '6h': 6 * HOUR_MS,
  '24h': DAY_MS,
  '7d': 7 * DAY_MS,
  all: Number.POSITIVE_INFINITY,
};

export const SORTS = ['sla', 'newest', 'severity'] as const;
export type SortKey = (typeof SORTS)[number];

/** Same bound as the API's `q`, so a shared link cannot carry an unbounded string. */
export const MAX_QUERY_LENGTH = 200;

export interface OpsFilters {
  categories: string[];
  agencies: string[];
  statuses: Status[];
  sources: Source[];
  /** Kemendagri codes; each is consistent with the one above it (kota ⊃ kecamatan ⊃ kelurahan). */
  kota: string | null;
  kecamatan: string | null;
  kelurahan: string | null;
  window: TimeWindow;
  q: string;
}

/** Everything the URL holds for the console: the filters, the sort and the open incident. */
export interface OpsView {
  filters: OpsFilters;
  sort: SortKey;
  selectedId: string | null;
}

export const EMPTY_FILTERS: OpsFilters = {
  categories: [],
  agencies: [],
  statuses: [],
  sources: [],
  kota: null,
  kecamatan: null,
  kelurahan: null,
  window: 'all',
  q: '',
};

/** The query keys this view owns; any other key in the URL (e.g. `lang`) is left alone. */
export const VIEW_KEYS = [
  'category',
  'agency',
  'status',
  'source',
  'kota',
  'kecamatan',
  'kelurahan',
  'window',
  'q',
  'sort',
  'incident',
] as const;

const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** Known values of a comma list, deduplicated, in the order the allowed list gives them. */
function pickList<T extends string>(raw: string | null, allowed: readonly T[]): T[] {
  if (!raw) return [];
  const given = new Set(raw.split(','));
  return allowed.filter((value) => given.has(value));
}

function pickOne<T extends string>(raw: string | null, allowed: readonly T[]): T | null {
  return raw !== null && (allowed as readonly string[]).includes(raw) ? (raw as T) : null;
}

function parseArea(params: URLSearchParams, pack: CityPack) {
  let kota = kotaByCode(pack, params.get('kota') ?? '')?.code ?? null;
  let kec = kecamatanByCode(pack, params.get('kecamatan') ?? '') ?? null;
  let kel = kelurahanByCode(pack, params.get('kelurahan') ?? '') ?? null;
  // A narrower unit that contradicts a wider one is dropped; one given alone implies its parents.
  if (kec && kota !== null && kec.parent !== kota) kec = null;
  if (kel && kec && kel.parent !== kec.code) kel = null;
  if (kel && !kec) {
    const parent = kel.parent ? (kecamatanByCode(pack, kel.parent) ?? null) : null;
    if (parent && (kota === null || parent.parent === kota)) kec = parent;
    else kel = null;
  }
  if (kec && kota === null) kota = kec.parent;
  return { kota, kecamatan: kec?.code ?? null, kelurahan: kel?.code ?? null };
}

export function parseView(search: string, pack: CityPack): OpsView {
  const params = new URLSearchParams(search);
  const q = (params.get('q') ?? '').trim().slice(0, MAX_QUERY_LENGTH);
  const incident = params.get('incident');
  return {
    filters: {
      categories: pickList(
        params.get('category'),
        pack.categories.map((c) => c.code),
      ),
      agencies: pickList(
        params.get('agency'),
        pack.agencies.map((a) => a.code),
      ),
      statuses: pickList(params.get('status'), STATUSES),
      sources: pickList(params.get('source'), SOURCES),
      ...parseArea(params, pack),
      window: pickOne(params.get('window'), TIME_WINDOWS) ?? 'all',
      q,
    },
    sort: pickOne(params.get('sort'), SORTS) ?? 'sla',
    selectedId: incident !== null && ID_PATTERN.test(incident) ? incident : null,
  };
}

/**
 * Writes the view into `search`, replacing only the keys it owns and leaving defaults out,
 * so the plain console is a plain `/ops` link. Returns the query string with its `?`, or ''.
 */
export function serializeView(view: OpsView, search = ''): string {
  const params = new URLSearchParams(search);
  for (const key of VIEW_KEYS) params.delete(key);
  const { filters: f } = view;
  const setList = (key: string, values: readonly string[]) => {
    if (values.length > 0) params.set(key, values.join(','));
  };
  setList('category', f.categories);
  setList('agency', f.agencies);
  setList('status', f.statuses);
  setList('source', f.sources);
  if (f.kota) params.set('kota', f.kota);
  if (f.kecamatan) params.set('kecamatan', f.kecamatan);
  if (f.kelurahan) params.set('kelurahan', f.kelurahan);
  if (f.window !== 'all') params.set('window', f.window);
  if (f.q.trim()) params.set('q', f.q.trim());
  if (view.sort !== 'sla') params.set('sort', view.sort);
  if (view.selectedId) params.set('incident', view.selectedId);
  const out = params.toString();
  return out ? `?${out}` : '';
}

export function activeFilterCount(f: OpsFilters): number {
  return (
    (f.categories.length > 0 ? 1 : 0) +
    (f.agencies.length > 0 ? 1 : 0) +
    (f.statuses.length > 0 ? 1 : 0) +
    (f.sources.length > 0 ? 1 : 0) +
    (f.kota ? 1 : 0) +
    (f.window !== 'all' ? 1 : 0) +
    (f.q.trim() ? 1 : 0)
  );
}

/** The most specific area chosen. */
function chosenArea(f: OpsFilters): string | null {
  return f.kelurahan || f.kecamatan || f.kota || null;
}

/** Builds the test once per filter change, not once per incident. */
export function incidentMatcher(f: OpsFilters, now: number): (incident: Incident) => boolean {
  const categories = f.categories.length > 0 ? new Set(f.categories) : null;
  const agencies = f.agencies.length > 0 ? new Set(f.agencies) : null;
  const statuses = f.statuses.length > 0 ? new Set<string>(f.statuses) : null;
  const sources = f.sources.length > 0 ? new Set<string>(f.sources) : null;
  const area = chosenArea(f);
  const since = now - WINDOW_MS[f.window];
  const needle = f.q.trim().toLowerCase();
  return (incident) => {
    if (!countsAsIncident(incident)) return false;
    if (categories && !categories.has(incident.category)) return false;
    if (agencies && !agencies.has(incident.agency)) return false;
    if (statuses && !statuses.has(incident.status)) return false;
    if (sources && !sources.has(incident.source)) return false;
    if (area !== null && !inArea(incident.kelurahanCode, area)) return false;
    if (Date.parse(incident.reportedAt) < since) return false;
    if (needle) {
      const inDescription = incident.description.toLowerCase().includes(needle);
      if (!inDescription && !(incident.address ?? '').toLowerCase().includes(needle)) return false;
    }
    return true;
  };
}

export function filterIncidents(
  incidents: readonly Incident[],
  f: OpsFilters,
  now: number,
): Incident[] {
  return incidents.filter(incidentMatcher(f, now));
}
