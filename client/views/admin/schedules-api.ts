/**
 * The admin page's calls to /api/v1/admin/briefing-schedules: list (with each schedule's
 * last send), create, change, delete, and "send now" for a past week or month. Refusals
 * come back as values (api-request.ts), so the form shows each field's message beside it.
 */
import type {
  NewScheduleBody,
  ScheduleChangeBody,
  ScheduleView,
  SendView,
} from '../../../shared/domain/schedule-contract.ts';
import { apiRequest, type ApiResult } from '../../auth/api-request.ts';

const BASE = '/api/v1/admin/briefing-schedules';
const path = (id: string, action?: string) =>
  `${BASE}/${encodeURIComponent(id)}${action ? `/${action}` : ''}`;

export const listSchedules = (
  signal?: AbortSignal,
): Promise<ApiResult<{ schedules: ScheduleView[] }>> => apiRequest(BASE, { signal });

/** A webhook's signing secret is in this answer only (null for email). */
export const createSchedule = (
  body: NewScheduleBody,
): Promise<ApiResult<{ schedule: ScheduleView; secret: string | null }>> =>
  apiRequest(BASE, { method: 'POST', body });

export const updateSchedule = (
  id: string,
  change: ScheduleChangeBody,
): Promise<ApiResult<{ schedule: ScheduleView }>> =>
  apiRequest(path(id), { method: 'PATCH', body: change });

export const deleteSchedule = (id: string): Promise<ApiResult<{ schedule: ScheduleView }>> =>
  apiRequest(path(id), { method: 'DELETE' });

/** Renders and sends the week or month containing `date` now; answers with the send. */
export const sendNow = (id: string, date: string): Promise<ApiResult<{ send: SendView }>> =>
  apiRequest(path(id, 'send-now'), { method: 'POST', body: { date } });
