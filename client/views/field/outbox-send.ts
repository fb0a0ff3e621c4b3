/**
 * Sends the outbox to the server, oldest first, one at a time (a resolve must not overtake
 * the photo that proves it). What each answer means for the entry:
 * - 2xx, including a resend the server already had (`duplicate`): sent, removed;
 * - no answer, 5xx, 429 or 401: the signal or the session is missing — stop, keep it and
 *   everything after it for the next try;
 * - any other 4xx: the server refused it; it stays, marked refused with the server's words,
 *   until the crew dismisses it, and the rest is still sent.
 */
import { apiRequest, type ApiResult } from '../../auth/api-request.ts';
import type { OutboxEntry } from './outbox-db.ts';

export type SendOutcome = 'sent' | 'refused' | 'later';

export function outcomeOf(res: ApiResult<unknown>): SendOutcome {
  if (res.ok) return 'sent';
  if (res.status === 0 || res.status >= 500 || res.status === 429 || res.status === 401) {
    return 'later';
  }
  return 'refused';
}

const path = (e: OutboxEntry, tail: string) =>
  `/api/v1/incidents/${encodeURIComponent(e.incidentId)}${tail}`;

export function sendEntry(e: OutboxEntry, token: string | null): Promise<ApiResult<unknown>> {
  const c = e.command;
  switch (c.kind) {
    case 'claim':
    case 'unclaim':
      return apiRequest(path(e, `/${c.kind}`), { method: 'POST', body: c.body, token });
    case 'update':
      return apiRequest(path(e, ''), { method: 'PATCH', body: c.body, token });
    case 'photo': {
      const form = new FormData();
      form.append('kind', c.fields.kind);
      form.append('clientId', c.fields.clientId);
      form.append('takenAt', c.fields.takenAt);
      form.append('occurredAt', c.fields.occurredAt);
      if (c.fields.position) form.append('position', JSON.stringify(c.fields.position));
      form.append('photo', c.photo, 'photo.jpg');
      return apiRequest(path(e, '/photos'), { method: 'POST', body: form, token });
    }
  }
}
