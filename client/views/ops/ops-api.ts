/**
 * The console's HTTP calls: one incident with its history, the update command, the
 * duplicate commands (link, split) with a master's linked reports, and the waiver of the
 * photo proof, through the app's one JSON client (auth/api-request.ts). Failures come back
 * as values carrying the server's own message, so the drawer can show why a change was
 * refused.
 */
import type { UpdateIncidentInput } from '../../../shared/domain/schemas.ts';
import type { Incident, IncidentEvent } from '../../../shared/domain/types.ts';
import { apiRequest, type ApiResult } from '../../auth/api-request.ts';

export interface IncidentDetail {
  incident: Incident;
  history: IncidentEvent[];
}

export function fetchIncidentDetail(
  id: string,
  token: string | null,
  signal?: AbortSignal,
): Promise<ApiResult<IncidentDetail>> {
  return apiRequest(`/api/v1/incidents/${encodeURIComponent(id)}`, { token, signal });
}

export function updateIncident(
  id: string,
  changes: UpdateIncidentInput,
  token: string | null,
): Promise<ApiResult<{ incident: Incident; seq: number }>> {
  return apiRequest(`/api/v1/incidents/${encodeURIComponent(id)}`, {
    token,
    method: 'PATCH',
    body: changes,
  });
}

/** Both incidents of a link or a split, as they now are. */
export interface LinkAnswer {
  incident: Incident;
  master: Incident;
  seq: number;
}

/** The reports linked to a master, oldest first. */
export function fetchLinkedReports(
  masterId: string,
  token: string | null,
  signal?: AbortSignal,
): Promise<ApiResult<{ masterId: string; items: Incident[] }>> {
  return apiRequest(`/api/v1/incidents/${encodeURIComponent(masterId)}/reports`, {
    token,
    signal,
  });
}

export function linkIncident(
  id: string,
  masterId: string,
  token: string | null,
): Promise<ApiResult<LinkAnswer>> {
  return apiRequest(`/api/v1/incidents/${encodeURIComponent(id)}/link`, {
    token,
    method: 'POST',
    body: { masterId },
  });
}

export function splitIncident(id: string, token: string | null): Promise<ApiResult<LinkAnswer>> {
  return apiRequest(`/api/v1/incidents/${encodeURIComponent(id)}/split`, {
    token,
    method: 'POST',
    body: {},
  });
}

/** A supervisor's waiver of the incident's photo proof of closure, with why. */
export function waiveProof(
  id: string,
  note: string,
  token: string | null,
): Promise<ApiResult<{ incident: Incident; seq: number }>> {
  return apiRequest(`/api/v1/incidents/${encodeURIComponent(id)}/proof-waiver`, {
    token,
    method: 'POST',
    body: { note },
  });
}
