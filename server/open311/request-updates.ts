/**
 * `servicerequestupdates`, mySociety's widely used extension: the status changes made
 * between `start_date` and `end_date` (their field time; the last 24 hours by default),
 * oldest first, at most 1,000 (a client asks again from the last `updated_datetime`), so
 * a FixMyStreet-style client can follow what happened to the requests it filed. Each
 * change is one `request_update` with the log's seq as `update_id`, and the lifecycle
 * status in mySociety's vocabulary.
 */
import type { Redactor } from '../../shared/domain/access.ts';
import { DAY_MS } from '../../shared/domain/time.ts';
import type { Status } from '../../shared/domain/types.ts';
import type { Store } from '../log/store.ts';
import { list, type Node, type Open311Error } from './format.ts';
import type { FormFields } from './form-fields.ts';
import { instant } from './request-query.ts';
import { w3c } from './request-view.ts';

export const MAX_UPDATES = 1000;

/** Nakhoda's lifecycle → the statuses mySociety's Open311 updates speak. */
const MYSOCIETY_STATUS: Record<Status, string> = {
  received: 'open',
  verified: 'investigating',
  dispatched: 'action_scheduled',
  in_progress: 'in_progress',
  resolved: 'fixed',
  closed: 'closed',
  rejected: 'no_further_action',
  duplicate: 'duplicate',
};

export async function requestUpdates(
  store: Store,
  fields: FormFields,
  redactor: Redactor,
  now: Date,
): Promise<Node | Open311Error> {
  const start = instant(fields, 'start_date');
  const end = instant(fields, 'end_date');
  if (start && !(start instanceof Date)) return start;
  if (end && !(end instanceof Date)) return end;
  const until = end ?? now;
  const since = start ?? new Date(until.getTime() - DAY_MS);
  if (since > until) return { status: 400, description: 'start_date: after end_date' };
  const updates: Node[] = [];
  // The store's window is (after, until]: one millisecond back includes start_date itself.
  const after = new Date(since.getTime() - 1).toISOString();
  for await (const raw of store.iterateByOccurrence(after, until.toISOString())) {
    if (raw.type !== 'incident.status_changed') continue;
    const e = redactor.event(raw);
    if (e.type !== 'incident.status_changed') continue;
    updates.push({
      update_id: String(e.seq),
      service_request_id: e.incidentId,
      status: MYSOCIETY_STATUS[e.data.to],
      updated_datetime: w3c(e.data.occurredAt),
      description: e.data.note ?? '',
      media_url: '',
    });
    if (updates.length >= MAX_UPDATES) break;
  }
  return list('request_update', updates);
}
