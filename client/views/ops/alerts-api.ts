/**
 * The alert queue's HTTP calls: acknowledge, escalate or dismiss one alert, through the
 * app's one JSON client (auth/api-request.ts). Like the incident update, a refusal comes
 * back as a value carrying the server's own message (409 already acknowledged, 403 another
 * agency's alert), so the queue can say why; success changes nothing here, the new state
 * arrives on the stream.
 */
import type { Alert } from '../../../shared/domain/alerts.ts';
import type { AlertAct } from '../../../shared/domain/access.ts';
import { apiRequest, type ApiResult } from '../../auth/api-request.ts';

/** The path of one act on one alert: POST /api/v1/alerts/:id/acknowledge | escalate | dismiss. */
export const alertActPath = (id: string, act: AlertAct): string =>
  `/api/v1/alerts/${encodeURIComponent(id)}/${act}`;

export function actOnAlert(
  id: string,
  act: AlertAct,
  note: string | null,
  token: string | null,
): Promise<ApiResult<{ alert: Alert; seq: number }>> {
  return apiRequest(alertActPath(id, act), { token, method: 'POST', body: { note } });
}
