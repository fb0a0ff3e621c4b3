/**
 * `GET /open311/v2/requests/stream` (or `requests/stream.json`): Nakhoda's live-push
 * extension to GeoReport v2, as Server-Sent Events. Each change to a request is one event
 * whose `id` is the log's seq, named `request` (a new request) or `update` (its status,
 * agency, severity or notes changed), whose data is the request as `requests/{id}.json`
 * shows it, as it stood after that change. A client that reconnects with `Last-Event-ID`
 * (or `?last_event_id=`) first gets what the log holds after that seq, read in pages,
 * then the live changes; further behind than the limit it gets `reset` (re-read
 * `requests.json`) and goes on live. `ready` says the stream has caught up. Comments keep
 * idle connections alive. The key reads as for `requests.json`; a key revoked while
 * streaming ends its streams at the next recheck; one principal may hold only a few
 * streams; a client that stops reading is cut off and resumes where it was.
 */
import type { Request, Response } from 'express';
import type { Principal } from '../../shared/domain/access.ts';
import { authorize } from '../../shared/domain/access.ts';
import { type DomainEvent, type Incident, isIncidentEvent } from '../../shared/domain/types.ts';
import { credentialOf, principalFor, rightsChanged } from '../auth/authenticate.ts';
import { isStoreUnavailable } from '../log/store-errors.ts';
import type { Open311Deps } from './open311.router.ts';
import { principalOfKey } from './api-key.ts';
import { isFormat, sendErrors, type Format, type Open311Error } from './format.ts';
import { formFields, one, type FormFields } from './form-fields.ts';
import { controlFrame, frameOf, statesAfter, type Frame } from './request-frames.ts';
import { createRequestStreamHub, type Subscriber } from './request-stream-hub.ts';
import { mediaBaseOf } from './request-view.ts';

export interface RequestStreamLimits {
  /** A comment this often keeps proxies and clients from closing an idle stream (ms). */
  heartbeatMs: number;
  /** How often each stream's key is asked again (ms): a revoked key's streams end. */
  recheckMs: number;
  /** Further behind than this many events, a resuming client gets `reset`. */
  maxBehind: number;
  /** Streams one key may hold open at once on one node; more are refused with 429. */
  concurrentPerPrincipal: number;
  /** A stream with more unsent bytes than this (its client stopped reading) is cut off. */
  bufferCapBytes: number;
  /** What the `retry:` line asks a client to wait before reconnecting (ms). */
  retryMs: number;
}

export const DEFAULT_REQUEST_STREAM_LIMITS: RequestStreamLimits = {
  heartbeatMs: 15_000,
  recheckMs: 15_000,
  maxBehind: 10_000,
  concurrentPerPrincipal: 4,
  bufferCapBytes: 4 * 2 ** 20,
  retryMs: 5_000,
};

/** Events read from the log per query while catching up. */
const PAGE = 500;
/** States kept while catching up, so an incident's history is folded once, not per event. */
const MAX_KNOWN = 5_000;
/** Seconds a client refused for too many streams is asked to wait. */
const BUSY_RETRY_SECONDS = 5;

const isError = (x: unknown): x is Open311Error =>
  typeof x === 'object' && x !== null && 'status' in x && 'description' in x;

/** `Last-Event-ID` (what EventSource sends on reconnecting) wins over the query's. */
function lastEventId(req: Request, fields: FormFields): number | null | Open311Error {
  const header = req.get('last-event-id')?.trim();
  const raw = header || one(fields, 'last_event_id');
  if (raw === undefined || raw === '') return null;
  if (!/^\d{1,15}$/.test(raw)) {
    return {
      status: 400,
      description: `${header ? 'Last-Event-ID' : 'last_event_id'}: not a seq (a whole number, 0 or more)`,
    };
  }
  return Number(raw);
}

export function requestStream(deps: Open311Deps) {
  const { service, store, pack, auth, clock } = deps;
  // A limit given as undefined (an unset option) keeps its default.
  const given = Object.entries(deps.stream ?? {}).filter(([, v]) => v !== undefined);
  const limits: RequestStreamLimits = {
    ...DEFAULT_REQUEST_STREAM_LIMITS,
    ...(Object.fromEntries(given) as Partial<RequestStreamLimits>),
  };
  const hub = createRequestStreamHub({ service, store, pack, timings: limits });

  /** The key's principal if it may read requests, or the refusal. */
  const reader = async (req: Request, fields: FormFields): Promise<Principal | Open311Error> => {
    const p = await principalOfKey(
      auth,
      one(fields, 'api_key'),
      req.headers.authorization,
      clock(),
    );
    if (isError(p)) return p;
    const may = authorize(p, { type: 'incident:read' });
    if (!may.allowed)
      return {
        status: 403,
        description: `api_key: ${may.reason}; reading needs a viewer or staff key`,
      };
    return p;
  };

  return async (req: Request, res: Response) => {
    // `{.:format}` is optional: absent, the stream is JSON as it always is.
    const ext = req.params.format as string | undefined;
    const format: Format = isFormat(ext) ? ext : 'json';
    if (ext !== undefined && ext !== 'json') {
      return sendErrors(res, format, [
        {
          status: 404,
          description:
            'requests/stream: events carry JSON (requests/stream or requests/stream.json)',
        },
      ]);
    }
    const fields = formFields(req.query);
    const jurisdiction = one(fields, 'jurisdiction_id');
    if (jurisdiction !== undefined && jurisdiction !== pack.code) {
      return sendErrors(res, format, [
        { status: 400, description: `jurisdiction_id: this server serves '${pack.code}'` },
      ]);
    }
    const after = lastEventId(req, fields);
    if (isError(after)) return sendErrors(res, format, [after]);
    const p = await reader(req, fields);
    if (isError(p)) return sendErrors(res, format, [p]);
    const head = await store.latestSeq();
    if (req.destroyed) return;
    if (hub.openFor(p) >= limits.concurrentPerPrincipal) {
      res.set('Retry-After', String(BUSY_RETRY_SECONDS));
      return sendErrors(res, format, [
        {
          status: 429,
          description: `api_key: at most ${limits.concurrentPerPrincipal} streams at once for one key: close one first`,
        },
      ]);
    }
    // principalOfKey found a token for this secret: the credential is its hash.
    const credential = credentialOf({
      token: one(fields, 'api_key'),
      authorization: req.headers.authorization,
    })!;
    openStream(req, res, p, {
      after,
      head,
      stillValid: async () => {
        const now = await principalFor(auth, credential, clock());
        return now !== null && !rightsChanged(p, now);
      },
    });
  };

  function openStream(
    req: Request,
    res: Response,
    principal: Principal,
    opts: { after: number | null; head: number; stillValid: () => Promise<boolean> },
  ) {
    // `no-transform` keeps compression() (and proxies) from buffering the stream.
    res.status(200).set({
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store, no-transform',
      'X-Accel-Buffering': 'no',
      Connection: 'keep-alive',
    });
    res.flushHeaders();
    req.socket.setNoDelay(true);
    const flushable = res as Response & { flush?: () => void };

    let closed = false;
    let live = false;
    /** The last seq this client has been sent (or was at when it came). */
    let last = 0;
    let pending: Frame[] = [];
    let pendingBytes = 0;
    let blockedSince: number | null = null;

    const write = (text: string) => {
      if (closed) return true;
      const ok = res.write(text);
      flushable.flush?.();
      if (!ok && blockedSince === null) {
        blockedSince = Date.now();
        res.once('drain', () => (blockedSince = null));
      }
      return ok;
    };
    const sendLive = (frames: readonly Frame[]) => {
      for (const f of frames) {
        if (f.seq <= last) continue;
        write(f.text);
        last = f.seq;
      }
      if (res.writableLength > limits.bufferCapBytes) sub.cutOff('send buffer past its cap');
    };

    const mediaBase = mediaBaseOf(req);
    const sub: Subscriber = {
      principal,
      mediaBase,
      deliver(frames) {
        if (closed) return;
        if (live) return sendLive(frames);
        // Still catching up from the log: live frames wait, within the same cap.
        pending.push(...frames);
        for (const f of frames) pendingBytes += f.text.length;
        if (pendingBytes > limits.bufferCapBytes) sub.cutOff('too much arrived while catching up');
      },
      heartbeat: () => void write(': ping\n\n'),
      stillValid: opts.stillValid,
      end(reason) {
        if (closed) return;
        write(controlFrame('ended', { reason }));
        closed = true;
        res.end();
      },
      cutOff() {
        if (closed) return;
        closed = true;
        res.destroy();
      },
      stalled: (now) => blockedSince !== null && now - blockedSince >= 2 * limits.heartbeatMs,
      serverListening: () =>
        (req.socket as typeof req.socket & { server?: { listening?: boolean } }).server
          ?.listening !== false,
    };
    const unsubscribe = hub.add(sub);
    res.once('close', () => {
      closed = true;
      unsubscribe();
    });

    write(`retry: ${limits.retryMs}\n\n`);
    // Subscribed first: nothing applied from here on is missed, and older frames are skipped by seq.
    if (opts.after === null) {
      last = service.projection.seq;
      return goLive();
    }
    const { after, head } = opts;
    if (after > head || head - after > limits.maxBehind) {
      last = Math.max(service.projection.seq, head);
      write(
        controlFrame(
          'reset',
          {
            reason:
              after > head
                ? 'Last-Event-ID: ahead of this server log'
                : `Last-Event-ID: more than ${limits.maxBehind} changes behind`,
            seq: last,
            reread: `${req.baseUrl}/requests.json`,
          },
          last,
        ),
      );
      return goLive();
    }
    last = after;
    catchUp().then(goLive, (err: unknown) => {
      if (!isStoreUnavailable(err)) console.error('open311 stream: catching up failed', err);
      sub.cutOff('catching up failed');
    });

    /** Sends the log after `last` in pages, waiting for the client to take each. */
    async function catchUp() {
      const known = new Map<string, Incident>();
      while (!closed) {
        // Live frames already cover the rest: no need to read it from the log.
        if (pending.length > 0 && pending[0]!.seq <= last + 1) return;
        const page: DomainEvent[] = await store.eventsAfter(last, PAGE);
        if (page.length === 0 || closed) return;
        if (known.size > MAX_KNOWN) known.clear();
        // Alerts are not service requests: their seqs pass without a frame.
        const requests = page.filter(isIncidentEvent);
        const states = await statesAfter(store, requests, known);
        let ok = true;
        requests.forEach((e, i) => {
          ok = write(frameOf(pack, e, states[i]!, mediaBase).text) && ok;
        });
        last = page.at(-1)!.seq;
        if (!ok) await drained();
        if (page.length < PAGE) return;
      }
    }

    function drained() {
      return new Promise<void>((resolve) => {
        if (closed) return resolve();
        const done = () => {
          res.off('drain', done);
          res.off('close', done);
          resolve();
        };
        res.on('drain', done);
        res.on('close', done);
      });
    }

    function goLive() {
      if (closed) return;
      write(controlFrame('ready', { seq: last }, last));
      live = true;
      const waiting = pending;
      pending = [];
      pendingBytes = 0;
      sendLive(waiting);
    }
  }
}
