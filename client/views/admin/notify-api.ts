/**
 * The admin page's calls to /api/v1/admin/notifications: subscriptions (list with their
 * recent delivery counts, create, change, delete, rotate a webhook's secret, send a test)
 * and deliveries (list by status, replay a dead one). Each returns the server's refusal as
 * a value (see api-request.ts) so the form can show a field's message beside that field.
 */
import type {
  DeliveryStatus,
  DeliveryView,
  NewSubscriptionBody,
  SubscriptionChangeBody,
  SubscriptionView,
} from '../../../shared/domain/notify-contract.ts';
import { apiRequest, type ApiResult } from '../../auth/api-request.ts';

const BASE = '/api/v1/admin/notifications';

const subscriptionPath = (id: string, action?: string) =>
  `${BASE}/subscriptions/${encodeURIComponent(id)}${action ? `/${action}` : ''}`;

export interface DeliveryQuery {
  status?: DeliveryStatus;
  subscription?: string;
  limit?: number;
}

/** The deliveries list's URL: only the filters given, in a fixed order. */
export function deliveriesPath(q: DeliveryQuery): string {
  const params = new URLSearchParams();
  if (q.status) params.set('status', q.status);
  if (q.subscription) params.set('subscription', q.subscription);
  if (q.limit !== undefined) params.set('limit', String(q.limit));
  const query = params.toString();
  return `${BASE}/deliveries${query ? `?${query}` : ''}`;
}

export const listSubscriptions = (
  signal?: AbortSignal,
): Promise<ApiResult<{ subscriptions: SubscriptionView[] }>> =>
  apiRequest(`${BASE}/subscriptions`, { signal });

/** A webhook's signing secret is in this answer only (null for email). */
export const createSubscription = (
  body: NewSubscriptionBody,
): Promise<ApiResult<{ subscription: SubscriptionView; secret: string | null }>> =>
  apiRequest(`${BASE}/subscriptions`, { method: 'POST', body });

export const updateSubscription = (
  id: string,
  change: SubscriptionChangeBody,
): Promise<ApiResult<{ subscription: SubscriptionView }>> =>
  apiRequest(subscriptionPath(id), { method: 'PATCH', body: change });

export const deleteSubscription = (
  id: string,
): Promise<ApiResult<{ subscription: SubscriptionView }>> =>
  apiRequest(subscriptionPath(id), { method: 'DELETE' });

/** The new secret is in this answer only; the old one stops signing at once. */
export const rotateSecret = (
  id: string,
): Promise<ApiResult<{ subscription: SubscriptionView; secret: string }>> =>
  apiRequest(subscriptionPath(id, 'rotate-secret'), { method: 'POST' });

/** Sends now and answers with the delivery as its first try left it. */
export const sendTest = (id: string): Promise<ApiResult<{ delivery: DeliveryView }>> =>
  apiRequest(subscriptionPath(id, 'test'), { method: 'POST' });

export const listDeliveries = (
  q: DeliveryQuery,
  signal?: AbortSignal,
): Promise<ApiResult<{ deliveries: DeliveryView[] }>> => apiRequest(deliveriesPath(q), { signal });

export const replayDelivery = (id: string): Promise<ApiResult<{ delivery: DeliveryView }>> =>
  apiRequest(`${BASE}/deliveries/${encodeURIComponent(id)}/replay`, { method: 'POST' });
