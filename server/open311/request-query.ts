/**
 * `GET requests`' parameters → a store query: `service_request_id` (a comma list, which
 * overrides every other filter), `service_code`, `start_date`/`end_date` on the requested
 * time (W3C datetimes; the last 90 days by default), `status` open|closed, and the common
 * `page`/`page_size` extension (at most 1,000 a page). Forgiving where clients differ:
 * empty parameters are absent, a `+` of a zone that arrived as a space is read as `+`,
 * and a bare date is midnight UTC.
 */
import { categoryByCode } from '../../shared/city/lookup.ts';
import type { CityPack } from '../../shared/city/types.ts';
import type { IncidentQuery } from '../../shared/domain/schemas.ts';
import { DAY_MS } from '../../shared/domain/time.ts';
import { STATUSES, TERMINAL_STATUSES, type Status } from '../../shared/domain/types.ts';
import type { IncidentPage, Store } from '../log/store.ts';
import type { Open311Error } from './format.ts';
import { one, type FormFields } from './form-fields.ts';

export const MAX_PAGE_SIZE = 1000;
const DEFAULT_DAYS = 90;
const MAX_IDS = 1000;

export type RequestsQuery =
  | { kind: 'ids'; ids: string[]; extensions: boolean }
  | {
      kind: 'filter';
      query: IncidentQuery;
      page: number;
      pageSize: number;
      extensions: boolean;
    };

const W3C_DATETIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/;

export function instant(fields: FormFields, name: string): Open311Error | Date | undefined {
  const raw = one(fields, name)
    ?.trim()
    .replace(/ (\d{2}:\d{2})$/, '+$1');
  if (raw === undefined) return undefined;
  const t = Date.parse(raw.length === 10 ? `${raw}T00:00:00Z` : raw);
  if (!W3C_DATETIME.test(raw) || Number.isNaN(t)) {
    return {
      status: 400,
      description: `${name}: expected a W3C datetime with a zone, e.g. 2026-11-01T00:00:00+07:00`,
    };
  }
  return new Date(t);
}

function positive(fields: FormFields, name: string, max: number, dflt: number) {
  const raw = one(fields, name);
  if (raw === undefined) return dflt;
  const n = Number(raw);
  return Number.isInteger(n) && n >= 1 && n <= max ? n : null;
}

const csv = (s: string | undefined) =>
  (s ?? '')
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

export function parseRequestsQuery(
  fields: FormFields,
  pack: CityPack,
  now: Date,
): RequestsQuery | Open311Error {
  const bad = (description: string): Open311Error => ({ status: 400, description });
  const extensions = one(fields, 'extensions') === 'true';
  const ids = csv(one(fields, 'service_request_id'));
  if (ids.length > MAX_IDS) return bad(`service_request_id: at most ${MAX_IDS} ids`);
  if (ids.some((id) => id.length > 64)) return bad('service_request_id: an id is too long');
  if (ids.length > 0) return { kind: 'ids', ids: [...new Set(ids)], extensions };

  const codes = csv(one(fields, 'service_code'));
  const unknown = codes.find((c) => !categoryByCode(pack, c));
  if (unknown !== undefined) return bad(`service_code: no service '${unknown}'`);
  const start = instant(fields, 'start_date');
  const end = instant(fields, 'end_date');
  if (start && !(start instanceof Date)) return start;
  if (end && !(end instanceof Date)) return end;
  const until = end ?? now;
  const since = start ?? new Date(until.getTime() - DEFAULT_DAYS * DAY_MS);
  if (since > until) return bad('start_date: after end_date');

  const wanted = csv(one(fields, 'status'));
  if (wanted.some((s) => s !== 'open' && s !== 'closed'))
    return bad('status: expected open or closed (or both, comma-separated)');
  const closed = TERMINAL_STATUSES;
  const open = STATUSES.filter((s) => !closed.includes(s));
  const status: Status[] = [
    ...(wanted.includes('open') ? open : []),
    ...(wanted.includes('closed') ? closed : []),
  ];

  const page = positive(fields, 'page', 1_000_000, 1);
  if (page === null) return bad('page: expected a whole number from 1');
  const pageSize = positive(fields, 'page_size', MAX_PAGE_SIZE, MAX_PAGE_SIZE);
  if (pageSize === null)
    return bad(`page_size: expected a whole number from 1 to ${MAX_PAGE_SIZE}`);
  return {
    kind: 'filter',
    query: {
      ...(status.length > 0 ? { status } : {}),
      ...(codes.length > 0 ? { category: codes } : {}),
      since: since.toISOString(),
      // end_date includes its own instant; the store's `until` does not.
      until: new Date(until.getTime() + 1).toISOString(),
      limit: pageSize,
    },
    page,
    pageSize,
    extensions,
  };
}

/** Page `page` of the query, newest first, by walking the store's cursors. */
export async function pageOf(
  store: Store,
  query: IncidentQuery,
  page: number,
): Promise<IncidentPage> {
  let result = await store.queryIncidents(query);
  for (let p = 1; p < page; p++) {
    if (!result.nextCursor) return { items: [], nextCursor: null };
    result = await store.queryIncidents({ ...query, cursor: result.nextCursor });
  }
  return result;
}
