/**
 * The connector's side of GeoReport v2: GET `requests.json` (a window, a page, or a list of
 * ids) and mySociety's `servicerequestupdates.json`, with Node's fetch and a timeout. The
 * `api_key` goes in the query, as the spec has it; no message made here carries the URL,
 * and any text the remote echoes has the key masked, so an error may be logged and shown.
 */
import { z } from 'zod';
import { RemoteRequestSchema, type RemoteRequest } from './connector-map.ts';
import type { Connector } from './connector-store.ts';

/** A remote that failed: unreachable, slow, or answering what is not GeoReport v2. */
export class RemoteError extends Error {
  constructor(
    message: string,
    /** The HTTP status, when there was one. */
    readonly status?: number,
  ) {
    super(message);
  }
}

export interface RemoteOptions {
  timeoutMs: number;
}

/** Masks the key wherever a text might echo it. */
export function masked(text: string, apiKey: string | null): string {
  return apiKey ? text.split(apiKey).join('***') : text;
}

const Errors = z.array(z.looseObject({ code: z.unknown(), description: z.string() }));

async function getJson(
  c: Connector,
  path: string,
  params: Record<string, string>,
  opts: RemoteOptions,
): Promise<unknown> {
  const url = new URL(`${c.endpoint}/${path}`);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  if (c.jurisdictionId) url.searchParams.set('jurisdiction_id', c.jurisdictionId);
  if (c.apiKey) url.searchParams.set('api_key', c.apiKey);
  const where = `GET ${path}`;
  let res: Response;
  let body: string;
  try {
    res = await fetch(url, {
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(opts.timeoutMs),
      redirect: 'error',
    });
    body = await res.text();
  } catch (error) {
    const e = error as Error & { cause?: { code?: string; message?: string } };
    const why =
      e.name === 'TimeoutError'
        ? `no answer within ${opts.timeoutMs} ms`
        : (e.cause?.code ?? e.cause?.message ?? e.message);
    throw new RemoteError(masked(`${where}: ${why}`, c.apiKey));
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new RemoteError(`${where}: answered ${res.status}, not JSON`, res.status);
  }
  if (!res.ok) {
    const errors = Errors.safeParse(parsed);
    const said = errors.success ? errors.data.map((e) => e.description).join('; ') : '';
    throw new RemoteError(
      masked(`${where}: answered ${res.status}${said ? `: ${said.slice(0, 300)}` : ''}`, c.apiKey),
      res.status,
    );
  }
  return parsed;
}

/** A list of requests, as an array or wrapped (`{service_requests: [...]}`) by some servers. */
function requestsIn(body: unknown): unknown[] {
  if (Array.isArray(body)) return body;
  const wrapped = (body as { service_requests?: unknown } | null)?.service_requests;
  if (Array.isArray(wrapped)) return wrapped;
  throw new RemoteError('GET requests.json: the answer is not a list of requests');
}

/** Each item parsed; one that is not an object at all becomes a request with no id. */
const parseRequests = (items: unknown[]): RemoteRequest[] =>
  items.map((item) => {
    const r = RemoteRequestSchema.safeParse(item);
    return r.success ? r.data : RemoteRequestSchema.parse({});
  });

export async function fetchRequests(
  c: Connector,
  params: Record<string, string>,
  opts: RemoteOptions,
): Promise<RemoteRequest[]> {
  const body = await getJson(c, 'requests.json', { ...params, extensions: 'true' }, opts);
  return parseRequests(requestsIn(body));
}

const Updates = z.array(
  z.looseObject({ service_request_id: z.union([z.string(), z.number()]).transform(String) }),
);

/**
 * The ids of requests changed in [since, until] by mySociety's extension, or null when the
 * remote does not offer it (404, or 400 for an unknown path on some servers).
 */
export async function fetchChangedIds(
  c: Connector,
  since: string,
  until: string,
  opts: RemoteOptions,
): Promise<string[] | null> {
  let body: unknown;
  try {
    body = await getJson(
      c,
      'servicerequestupdates.json',
      { start_date: since, end_date: until },
      opts,
    );
  } catch (error) {
    if (error instanceof RemoteError && (error.status === 404 || error.status === 400)) return null;
    throw error;
  }
  const list = Array.isArray(body)
    ? body
    : (body as { service_request_updates?: unknown } | null)?.service_request_updates;
  const updates = Updates.safeParse(list);
  if (!updates.success) return null;
  return [...new Set(updates.data.map((u) => u.service_request_id))];
}
