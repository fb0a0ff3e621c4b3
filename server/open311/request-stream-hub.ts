/**
 * The node's side of the Open311 live stream, shared by every open stream: it hears the
 * events the projection applies (every node's, in seq order), turns each batch into
 * frames once, and hands them to every subscriber; and it runs the rounds every stream
 * needs on timers: heartbeats, the key's recheck (revoked or expired keys end their
 * streams), stall and shutdown checks. It listens and ticks only while a stream is open.
 */
import type { Principal } from '../../shared/domain/access.ts';
import { type DomainEvent, type Incident, isIncidentEvent } from '../../shared/domain/types.ts';
import type { CityPack } from '../../shared/city/types.ts';
import type { IncidentService } from '../ingest/incident-service.ts';
import type { Store } from '../log/store.ts';
import { frameOf, statesAfter, type Frame } from './request-frames.ts';

/** One open stream, as the hub drives it. */
export interface Subscriber {
  principal: Principal;
  /** Where its client reaches photos (request-view.ts `mediaBaseOf`): frames carry their URLs. */
  mediaBase: string;
  /** Frames of a batch the projection applied, in seq order (some may be old to it). */
  deliver(frames: readonly Frame[]): void;
  heartbeat(): void;
  /** True while its key still stands for the principal it opened with. */
  stillValid(): Promise<boolean>;
  /** Ends the stream politely (revoked key, shutdown): the client may reconnect. */
  end(reason: string): void;
  /** Drops the connection at once (a client that stopped reading, a lost batch). */
  cutOff(reason: string): void;
  /** True when it has had data waiting, unread by its client, for longer than a stall allows. */
  stalled(now: number): boolean;
  /** False once the HTTP server it came through has stopped listening (shutdown). */
  serverListening(): boolean;
}

export interface HubTimings {
  heartbeatMs: number;
  recheckMs: number;
}

/** How often a stream looks for the server's shutdown. */
const SHUTDOWN_CHECK_MS = 1000;

export interface RequestStreamHub {
  /** Subscribes; returns the function that unsubscribes. */
  add(s: Subscriber): () => void;
  /** Streams open for this principal on this node. */
  openFor(p: Principal): number;
}

export function createRequestStreamHub(deps: {
  service: Pick<IncidentService, 'projection' | 'onAppended'>;
  store: Pick<Store, 'eventsForIncident'>;
  pack: CityPack;
  timings: HubTimings;
}): RequestStreamHub {
  const { service, store, pack, timings } = deps;
  const subscribers = new Set<Subscriber>();
  let stopListening: (() => void) | null = null;
  let timers: NodeJS.Timeout[] = [];
  let chain: Promise<void> = Promise.resolve();

  /**
   * The projection holds each incident as it is after the whole batch: exact for the
   * batch's last event on it. It is read now, before anything else is applied; an incident
   * touched twice in one batch is folded from the log for its earlier events.
   */
  const onBatch = (batch: DomainEvent[]) => {
    // Alerts are not service requests.
    const events = batch.filter(isIncidentEvent);
    if (events.length === 0) return;
    const lastOf = new Map<string, number>();
    for (const e of events) lastOf.set(e.incidentId, e.seq);
    const known = new Map<number, Incident>();
    for (const [id, seq] of lastOf) {
      const now = service.projection.incidents.get(id);
      if (now?.lastSeq === seq) known.set(seq, now);
    }
    chain = chain
      .then(async () => {
        const rest = events.filter((e) => !known.has(e.seq));
        const folded = await statesAfter(store, rest, new Map());
        rest.forEach((e, i) => known.set(e.seq, folded[i]!));
        // Built once per host the streams came through (most often one), not per stream.
        const framesBy = new Map<string, Frame[]>();
        for (const s of subscribers) {
          let frames = framesBy.get(s.mediaBase);
          if (!frames) {
            frames = events.map((e) => frameOf(pack, e, known.get(e.seq)!, s.mediaBase));
            framesBy.set(s.mediaBase, frames);
          }
          s.deliver(frames);
        }
      })
      .catch((err: unknown) => {
        // A batch no stream can be sent: each is cut, so its client resumes and misses nothing.
        console.error('open311 stream: a batch could not be read', err);
        for (const s of subscribers) s.cutOff('a batch could not be read');
      });
  };

  let checking = false;
  const recheck = () => {
    if (checking) return;
    checking = true;
    void Promise.allSettled(
      [...subscribers].map(async (s) => {
        if (!(await s.stillValid())) s.end('api_key: no longer valid (revoked or expired)');
      }),
    ).finally(() => (checking = false));
  };

  const beat = () => {
    const now = Date.now();
    for (const s of subscribers) {
      if (s.stalled(now)) s.cutOff('its client has stopped reading');
      else s.heartbeat();
    }
  };

  const shutdownCheck = () => {
    for (const s of subscribers) if (!s.serverListening()) s.end('the server is shutting down');
  };

  const start = () => {
    stopListening = service.onAppended(onBatch);
    timers = [
      setInterval(beat, timings.heartbeatMs),
      setInterval(recheck, timings.recheckMs),
      setInterval(shutdownCheck, Math.min(SHUTDOWN_CHECK_MS, timings.heartbeatMs)),
    ];
    for (const t of timers) t.unref();
  };

  const stop = () => {
    stopListening?.();
    stopListening = null;
    for (const t of timers) clearInterval(t);
    timers = [];
  };

  return {
    add(s) {
      if (subscribers.size === 0) start();
      subscribers.add(s);
      return () => {
        if (subscribers.delete(s) && subscribers.size === 0) stop();
      };
    },
    openFor(p) {
      let n = 0;
      for (const s of subscribers) if (s.principal.kind === p.kind && s.principal.id === p.id) n++;
      return n;
    },
  };
}
