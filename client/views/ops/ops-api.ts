/**
 * The console's HTTP calls: one incident with its history, and the update command, through
 * the app's one JSON client (auth/api-request.ts). Failures come back as values carrying
 * the server's own message, so the drawer can show why a change was refused.
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
