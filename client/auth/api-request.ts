/**
 * One JSON call to the Nakhoda API from the browser: same origin with the session cookie,
 * plus the stored bearer token when this browser has one. A refusal comes back as a value
 * carrying the server's code, message and per-field messages, so forms can show each one
 * beside the field it names; a server that cannot be reached is status 0.
 */
import type { ApiErrorBody } from '../../shared/contract.ts';
import { authHeaders, storedToken } from './credentials.ts';

export interface ApiFailure {
  ok: false;
  /** HTTP status; 0 when the server could not be reached. */
  status: number;
  code: string;
  message: string;
  fields: Record<string, string>;
  /** Seconds to wait, from Retry-After on a 429. */
  retryAfterS: number | null;
}

export type ApiResult<T> = { ok: true; status: number; data: T } | ApiFailure;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** JSON, or a FormData sent as multipart. */
  body?: unknown;
  signal?: AbortSignal;
  /** Defaults to the token stored in this browser. */
  token?: string | null;
}

function browserToken(): string | null {
  return typeof window === 'undefined' ? null : storedToken(window.localStorage);
}

function retryAfter(res: Response): number | null {
  const raw = res.headers.get('retry-after');
  const n = raw === null ? NaN : Number(raw);
  return Number.isFinite(n) && n >= 0 ? Math.ceil(n) : null;
}

export async function apiRequest<T>(
  path: string,
  opts: RequestOptions = {},
): Promise<ApiResult<T>> {
  const token = opts.token === undefined ? browserToken() : opts.token;
  const headers: Record<string, string> = { accept: 'application/json', ...authHeaders(token) };
  // A form (a photo) goes as multipart, with the boundary the browser picks.
  const isForm = typeof FormData !== 'undefined' && opts.body instanceof FormData;
  if (opts.body !== undefined && !isForm) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(path, {
      method: opts.method ?? 'GET',
      credentials: 'same-origin',
      headers,
      body:
        opts.body === undefined
          ? undefined
          : isForm
            ? (opts.body as FormData)
            : JSON.stringify(opts.body),
      signal: opts.signal,
    });
  } catch (error) {
    if (opts.signal?.aborted) throw error;
    return {
      ok: false,
      status: 0,
      code: 'network',
      message: error instanceof Error ? error.message : String(error),
      fields: {},
      retryAfterS: null,
    };
  }
  const body: unknown =
    res.status === 204
      ? null
      : await res.json().catch((error: unknown) => {
          // An abort while the body streams in is the caller's cancel, not an empty answer.
          if (opts.signal?.aborted) throw error;
          return null;
        });
  if (res.ok) return { ok: true, status: res.status, data: body as T };
  const err = (body as { error?: Partial<ApiErrorBody> } | null)?.error;
  return {
    ok: false,
    status: res.status,
    code: err?.code ?? 'http_error',
    message: err?.message ?? `HTTP ${res.status}`,
    fields: err?.fields ?? {},
    retryAfterS: retryAfter(res),
  };
}
