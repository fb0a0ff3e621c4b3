/**
 * The crew's work as it will be once the phone's waiting commands are sent: a claim made
 * without signal shows as the crew's own, a started job as in progress, a resolved one
 * leaves the queue. So the page offers the next step, never the same one twice (a second
 * "start" the server would refuse). Commands the lifecycle would not allow change nothing
 * here; the server has the last word when they arrive.
 */
import { canTransition } from '../../../shared/domain/transitions.ts';
import type { Incident } from '../../../shared/domain/types.ts';
import type { OutboxEntry } from './outbox-db.ts';

export function withWaiting(
  incident: Incident,
  entries: readonly OutboxEntry[],
  /** The crew's actor id (`actorOf`), which a claim records as the assignee. */
  userId: string,
): Incident {
  let out = incident;
  // After a refusal the rest of the incident's queue is held (use-outbox.ts): nothing of it
  // will happen until the crew decides, so nothing of it is shown as done.
  if (entries.some((e) => e.state === 'refused' && e.incidentId === incident.id)) return out;
  const mine = entries
    .filter((e) => e.state === 'waiting' && e.incidentId === incident.id)
    .sort((a, b) => a.madeAt - b.madeAt);
  for (const { command: c } of mine) {
    if (c.kind === 'claim') out = { ...out, assignee: userId };
    else if (c.kind === 'unclaim') out = { ...out, assignee: null };
    else if (c.kind === 'update' && c.body.status && canTransition(out.status, c.body.status)) {
      out = { ...out, status: c.body.status };
    }
  }
  return out;
}

/** Every incident of `incidents` with its waiting commands applied. */
export function allWithWaiting(
  incidents: readonly Incident[],
  entries: readonly OutboxEntry[],
  userId: string,
): Incident[] {
  const touched = new Set(entries.filter((e) => e.state === 'waiting').map((e) => e.incidentId));
  return incidents.map((i) => (touched.has(i.id) ? withWaiting(i, entries, userId) : i));
}
