/**
 * The briefing's reads from the server: the period's briefing, the period's incidents for
 * the map, open incidents for the overdue lists, and a replay window. Requests carry the
 * stored token when there is one; otherwise the session cookie goes by itself.
 */
import type { Briefing } from '../../../shared/domain/briefing.ts';
import type { Incident } from '../../../shared/domain/types.ts';
import { authHeaders } from '../../auth/credentials.ts';
import type { ReplayData } from './replay-cursor.ts';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export async function getJson<T>(
  path: string,
  token: string | null,
  signal?: AbortSignal,
): Promise<T> {
  const res = await fetch(path, {
    signal,
    headers: { accept: 'application/json', ...authHeaders(token) },
  });
  if (!res.ok) {
    let message = `HTTP ${res.status}`;
    try {
      const body = (await res.json()) as { error?: { message?: string } };
      if (body.error?.message) message = `${message}: ${body.error.message}`;
    } catch {
      // The body was not JSON; the status says enough.
    }
    throw new ApiError(res.status, message);
  }
  return (await res.json()) as T;
}

export function apiPath(path: string, query: Record<string, string | number | undefined>): string {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined) s.set(k, String(v));
  return `${path}?${s.toString()}`;
}

export function fetchBriefing(
  query: {
    from: string;
    to: string;
    minCount: number;
    area?: string;
    category?: string;
    agency?: string;
  },
  token: string | null,
  signal?: AbortSignal,
): Promise<Briefing> {
  return getJson<Briefing>(apiPath('/api/v1/briefing', query), token, signal);
}

/** A page is at most 5,000 incidents; the map takes at most this many pages. */
const PAGE = 5000;
const MAX_PAGES = 4;

export interface IncidentSet {
  items: Incident[];
  /** True when there were more than the map takes. */
  truncated: boolean;
}

/** All incidents matching `query`, following cursors, up to 20,000. */
export async function fetchIncidentPages(
  query: Record<string, string>,
  token: string | null,
  signal?: AbortSignal,
): Promise<IncidentSet> {
  const items: Incident[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const body = await getJson<{ items: Incident[]; nextCursor: string | null }>(
      apiPath('/api/v1/incidents', { ...query, limit: PAGE, cursor }),
      token,
      signal,
    );
    items.push(...body.items);
    if (!body.nextCursor) return { items, truncated: false };
    cursor = body.nextCursor;
  }
  return { items, truncated: true };
}

export const OPEN_STATUSES = 'received,verified,dispatched,in_progress';

export function fetchReplay(
  from: string,
  to: string,
  token: string | null,
  signal?: AbortSignal,
): Promise<ReplayData> {
  return getJson<ReplayData>(apiPath('/api/v1/replay', { from, to }), token, signal);
}

/** Keeps incidents placed in a kota or kecamatan (by the kelurahan code's prefix). */
export function inArea(area: string | null): (i: Incident) => boolean {
  if (!area) return () => true;
  const prefix = `${area}.`;
  return (i) => i.kelurahanCode?.startsWith(prefix) ?? false;
}
