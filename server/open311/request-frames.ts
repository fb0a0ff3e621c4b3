/**
 * What the Open311 live stream sends for one logged event: a Server-Sent Events frame
 * whose `id` is the event's seq and whose data is the request as it stood right after
 * that event, in the shape of `requests/{id}.json` (one object). Reading it as of the
 * event, not as it is now, lets a client apply frames in order and lets a resumed stream
 * say the same as a live one. States come from the shared reducer; where the state
 * before an event is not known, the incident's history is folded from the log.
 */
import type { CityPack } from '../../shared/city/types.ts';
import { redactIncident } from '../../shared/domain/access.ts';
import { reduceIncident } from '../../shared/domain/reducer.ts';
import { type Incident, type IncidentEvent, isIncidentEvent } from '../../shared/domain/types.ts';
import type { Store } from '../log/store.ts';
import { requestOf } from './request-view.ts';

/** One event of the stream, ready to write to every subscriber. */
export interface Frame {
  seq: number;
  text: string;
}

/** `request` for a new request; `update` for a status change, an assignment, a note. */
export const eventNameOf = (e: IncidentEvent) =>
  e.type === 'incident.reported' ? 'request' : 'update';

/**
 * An Open311 request never carries the reporter (request-view.ts), so every role that may
 * read requests sees the same object: it is built once, from the redacted incident, and
 * the same text goes to every key that reached the server by the same host. Photos are
 * `media_url`s under `mediaBase` (request-view.ts), as in GET requests.
 */
export function frameOf(
  pack: CityPack,
  e: IncidentEvent,
  incident: Incident,
  mediaBase: string,
): Frame {
  const data = JSON.stringify(requestOf(pack, redactIncident(incident), undefined, mediaBase));
  return { seq: e.seq, text: `id: ${e.seq}\nevent: ${eventNameOf(e)}\ndata: ${data}\n\n` };
}

/** A frame with no request: `ready`, `reset`, `ended`. Its `id` (when given) moves the client's Last-Event-ID. */
export function controlFrame(event: string, data: object, id?: number): string {
  return `${id === undefined ? '' : `id: ${id}\n`}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/**
 * The incident after each of `events` (in seq order). `known` holds the latest state this
 * caller has built per incident and is updated; an incident it lacks is folded from its
 * history in the log up to the event.
 */
export async function statesAfter(
  store: Pick<Store, 'eventsForIncident'>,
  events: readonly IncidentEvent[],
  known: Map<string, Incident>,
): Promise<Incident[]> {
  const states: Incident[] = [];
  for (const e of events) {
    let prev = known.get(e.incidentId);
    if (prev && prev.lastSeq >= e.seq) prev = undefined;
    if (!prev && e.type !== 'incident.reported') {
      const history = await store.eventsForIncident(e.incidentId);
      for (const h of history)
        if (h.seq < e.seq && isIncidentEvent(h)) prev = reduceIncident(prev, h);
    }
    const state = reduceIncident(prev, e);
    known.set(e.incidentId, state);
    states.push(state);
  }
  return states;
}
