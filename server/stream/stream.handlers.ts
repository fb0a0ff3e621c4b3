/**
 * Socket.IO handlers. The handshake is authenticated like HTTP (token or session
 * cookie) and refused without credentials, or when a cookie comes from a page of
 * another origin. A socket's rights are asked again on every command and on a timer,
 * so an expired token, an ended session or changed rights hang it up; revocations hang
 * up at once through the principal's and the session's rooms. A connecting screen joins
 * the audience its role allows and gets a snapshot; `stream:resume` answers with the
 * missed events (or a snapshot: when too far behind, or for a screen that may not read
 * the log); `incident:update` is the socket twin of PATCH.
 */
import type { Socket } from 'socket.io';
import type {
  Ack,
  ClientToServerEvents,
  InterServerEvents,
  ResumeResult,
  ServerToClientEvents,
  Snapshot,
  SocketData,
} from '../../shared/contract.ts';
import { PROTOCOL_VERSION } from '../../shared/contract.ts';
import type { Principal } from '../../shared/domain/access.ts';
import { authorize } from '../../shared/domain/access.ts';
import { ResumeSchema, SocketUpdateSchema, zodError } from '../../shared/domain/schemas.ts';
import type { Incident } from '../../shared/domain/types.ts';
import type { AuthStore } from '../auth/auth.store.ts';
import { identify, principalFor, rightsChanged } from '../auth/authenticate.ts';
import { originAllowed } from '../http/origin.ts';
import type { IncidentService } from '../ingest/incident-service.ts';
import { isStoreUnavailable } from '../log/store-errors.ts';
import type { Store } from '../log/store.ts';
import { audienceOf, principalRoom, sessionRoom } from './audiences.ts';
import type { Broadcaster, NakhodaIo } from './broadcaster.ts';
import type { SnapshotSource } from './snapshot.ts';

export interface StreamDeps {
  service: IncidentService;
  store: Store;
  auth: AuthStore;
  broadcaster: Broadcaster;
  /** The shared, encoded live window a joining or far-behind screen starts from. */
  snapshots: SnapshotSource;
  clock: () => Date;
  /** Further behind than this, a resuming client gets a snapshot instead of events. */
  maxResumeEvents: number;
  /** Commands one socket may send per second (resume and update together). */
  commandsPerSecond: number;
  /** Origins besides the server's own whose pages may use a login session. */
  allowedOrigins: readonly string[];
  /** How often every socket's credential is asked again, in ms. */
  recheckMs: number;
}

type AckFn<T> = (res: Ack<T>) => void;

const refusal = (code: string, message: string) => ({
  ok: false as const,
  error: { code, message },
});

interface Checks {
  allowCommand: () => boolean;
  current: () => Promise<Principal | null>;
  hangUp: () => void;
}

/**
 * Wraps a handler so a bad payload, a missing ack or a thrown error never reaches the
 * process, and so every command runs with the rights the socket's credential has now.
 */
function guarded<T>(
  checks: Checks,
  handler: (payload: unknown, principal: Principal) => Promise<Ack<T>>,
) {
  return (payload: unknown, ack: AckFn<T>) => {
    const reply = typeof ack === 'function' ? ack : () => undefined;
    if (!checks.allowCommand()) {
      reply(refusal('rate_limited', 'too many commands: slow down'));
      return;
    }
    const run = async (): Promise<Ack<T> | null> => {
      const principal = await checks.current();
      return principal ? handler(payload, principal) : null;
    };
    run().then(
      (res) => {
        if (res) return reply(res);
        // The refusal goes out first, on the same transport, then the socket is hung up.
        reply(
          refusal(
            'unauthenticated',
            'your session or token has ended, or its rights changed: connect again',
          ),
        );
        checks.hangUp();
      },
      (err: unknown) => {
        // As HTTP answers 503: the command may be sent again once the database is back.
        if (isStoreUnavailable(err))
          return reply(refusal('unavailable', 'the database cannot be reached: retry shortly'));
        console.error('socket handler failed', err);
        reply(refusal('internal', 'internal error'));
      },
    );
  };
}

/** A token bucket per socket: a flood from one screen cannot starve the others. */
function bucket(perSecond: number, now = () => Date.now()) {
  let tokens = perSecond;
  let last = now();
  return () => {
    const t = now();
    tokens = Math.min(perSecond, tokens + ((t - last) / 1000) * perSecond);
    last = t;
    if (tokens < 1) return false;
    tokens -= 1;
    return true;
  };
}

type NakhodaSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  InterServerEvents,
  SocketData
>;

export function registerStreamHandlers(io: NakhodaIo, deps: StreamDeps): () => void {
  const { service, store, auth, clock, broadcaster, snapshots } = deps;
  const snapshotFor = (p: Principal): Promise<Snapshot> => snapshots.snapshotFor(audienceOf(p));

  /** The socket's principal as it stands now, or null once it has ended or its rights changed. */
  const current = async (socket: NakhodaSocket): Promise<Principal | null> => {
    const { principal, credential } = socket.data;
    const now = await principalFor(auth, credential, clock());
    return now && !rightsChanged(principal, now) ? now : null;
  };
  // Changed rights reconnect with a fresh handshake; ended ones are refused there.
  const hangUp = (socket: NakhodaSocket) => socket.disconnect(true);

  io.use(async (socket, next) => {
    let found: Awaited<ReturnType<typeof identify>>;
    try {
      found = await identify(
        auth,
        {
          token: (socket.handshake.auth as { token?: unknown } | undefined)?.token,
          cookie: socket.handshake.headers.cookie,
        },
        clock(),
      );
    } catch (err) {
      // The auth store cannot answer (its database is down): refuse, the client retries.
      console.error('socket handshake: credential look-up failed', err);
      return next(new Error('unavailable'));
    }
    if (!found) return next(new Error('unauthenticated'));
    const { principal, credential } = found;
    if (
      credential.kind === 'session' &&
      !originAllowed(socket.handshake.headers, deps.allowedOrigins)
    )
      return next(new Error('cross_origin'));
    if (!authorize(principal, { type: 'incident:read' }).allowed)
      return next(new Error('forbidden'));
    socket.data.principal = principal;
    socket.data.credential = credential;
    next();
  });

  io.on('connection', (socket) => {
    const { principal, credential } = socket.data;
    const audience = audienceOf(principal);
    broadcaster.serve(audience);
    const rooms = [principalRoom(principal.id)];
    if (credential.kind === 'session') rooms.push(sessionRoom(credential.hash));
    void socket.join(rooms);
    // The audience's batches start in the tick the snapshot goes out: its tail reaches the
    // head, so the first batch follows on from it (or repeats a little, which is skipped).
    snapshotFor(principal).then(
      (snapshot) => {
        if (!socket.connected) return;
        void socket.join(audience.room);
        socket.emit('snapshot', snapshot);
      },
      (err: unknown) => {
        console.error('snapshot failed', err);
        socket.disconnect(true);
      },
    );
    const allowCommand = bucket(deps.commandsPerSecond);
    const checks = { allowCommand, current: () => current(socket), hangUp: () => hangUp(socket) };

    socket.on(
      'stream:resume',
      guarded(checks, async (payload, p): Promise<Ack<ResumeResult>> => {
        const parsed = ResumeSchema.safeParse(payload);
        if (!parsed.success) return { ok: false, error: zodError(parsed.error) };
        const { after } = parsed.data;
        const latest = service.projection.seq;
        // The log is asked with the same policy as GET /events: a wall display gets the picture.
        const readsLog = authorize(p, { type: 'events:read' }).allowed;
        if (!readsLog || after > latest || latest - after > deps.maxResumeEvents) {
          return { ok: true, data: { kind: 'snapshot', snapshot: await snapshotFor(p) } };
        }
        const raw = after === latest ? [] : await store.eventsAfter(after, latest - after);
        const redactor = audienceOf(p).redactor;
        const events = redactor ? raw.map((e) => redactor.event(e)) : raw;
        return {
          ok: true,
          data: {
            kind: 'events',
            batch: {
              protocol: PROTOCOL_VERSION,
              from: after + 1,
              to: after + events.length,
              events,
            },
          },
        };
      }),
    );

    socket.on(
      'incident:update',
      guarded(checks, async (payload, p): Promise<Ack<{ incident: Incident; seq: number }>> => {
        const parsed = SocketUpdateSchema.safeParse(payload);
        if (!parsed.success) return { ok: false, error: zodError(parsed.error) };
        const res = await service.update(parsed.data.id, parsed.data.changes, p);
        if (res.ok) return res;
        const { code, message, fields } = res.error;
        return { ok: false, error: { code, message, fields } };
      }),
    );
  });

  // Expiry needs no event to notice it: every socket is asked again on a short timer. One
  // round at a time, so a slow database does not stack rounds up; a look-up that fails
  // (database down) keeps the socket: its next command or round asks again.
  let checking = false;
  const timer = setInterval(() => {
    if (checking) return;
    checking = true;
    const sockets = [...io.of('/').sockets.values()];
    void Promise.allSettled(
      sockets.map(async (socket) => {
        if (!(await current(socket))) hangUp(socket);
      }),
    ).finally(() => (checking = false));
  }, deps.recheckMs);
  timer.unref();
  return () => clearInterval(timer);
}

/** Hangs up every socket of a principal whose token was revoked or whose user changed. */
export function disconnectPrincipal(io: NakhodaIo, principalId: string): void {
  io.in(principalRoom(principalId)).disconnectSockets(true);
}

/** Hangs up the sockets opened with one login session (logout). */
export function disconnectSession(io: NakhodaIo, sessionHash: string): void {
  io.in(sessionRoom(sessionHash)).disconnectSockets(true);
}
