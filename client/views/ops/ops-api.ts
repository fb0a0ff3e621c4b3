/**
 * The console's HTTP calls: who am I, one incident with its history, and the update
 * command. Same origin with the session cookie, plus the stored bearer token when there is
 * one. Failures come back as values carrying the server's own message, so the drawer can
 * show why a change was refused.
 */
import type { ApiErrorBody } from '../../../shared/contract.ts';
import type { Principal } from '../../../shared/domain/access.ts';
import type { UpdateIncidentInput } from '../../../shared/domain/schemas.ts';
import type { DomainEvent, Incident } from '../../../shared/domain/types.ts';
import { authHeaders } from '../../auth/credentials.ts';

export type ApiResult<T> =
  { ok: true; data: T } | { ok: false; status: number; message: string; code: string };

export interface IncidentDetail {
  incident: Incident;
  history: DomainEvent[];
}

async function call<T>(
  path: string,
  token: string | null,
  init: { method?: string; body?: unknown; signal?: AbortSignal } = {},
): Promise<ApiResult<T>> {
  const headers: Record<string, string> = { accept: 'application/json', ...authHeaders(token) };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(path, {
      method: init.method ?? 'GET',
      credentials: 'same-origin',
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: init.signal,
    });
  } catch (error) {
    if (init.signal?.aborted) throw error;
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, status: 0, code: 'network', message };
  }
  const body: unknown = await res.json().catch((error: unknown) => {
    // An abort while the body streams in is the caller's cancel, not an empty answer.
    if (init.signal?.aborted) throw error;
    return null;
  });
  if (res.ok && body !== null) return { ok: true, data: body as T };
  const err = (body as { error?: Partial<ApiErrorBody> } | null)?.error;
  return {
    ok: false,
    status: res.status,
    code: err?.code ?? 'http_error',
    message: err?.message ?? (res.ok ? 'the server sent no JSON' : `HTTP ${res.status}`),
  };
}

export function fetchPrincipal(
  token: string | null,
  signal?: AbortSignal,
): Promise<ApiResult<{ principal: Principal }>> {
  return call('/api/v1/auth/me', token, { signal });
}

export function fetchIncidentDetail(
  id: string,
  token: string | null,
  signal?: AbortSignal,
): Promise<ApiResult<IncidentDetail>> {
  return call(`/api/v1/incidents/${encodeURIComponent(id)}`, token, { signal });
}

export function updateIncident(
  id: string,
  changes: UpdateIncidentInput,
  token: string | null,
): Promise<ApiResult<{ incident: Incident; seq: number }>> {
  return call(`/api/v1/incidents/${encodeURIComponent(id)}`, token, {
    method: 'PATCH',
    body: changes,
  });
}
