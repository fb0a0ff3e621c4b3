/**
 * Socket.IO handlers. The handshake is authenticated like HTTP (token or session
 * cookie) and refused without credentials. A connecting screen joins the room its role
 * allows and gets a snapshot; `stream:resume` answers with the missed events (or a
 * fresh snapshot when too far behind); `incident:update` is the socket twin of PATCH.
 */
import type { CityPack } from '../../shared/city/types.ts';
import type { Ack, ResumeResult, Snapshot } from '../../shared/contract.ts';
import { PROTOCOL_VERSION } from '../../shared/contract.ts';
import type { Principal } from '../../shared/domain/access.ts';
import {
  authorize,
  redactEvent,
  redactIncident,
  seesPersonalData,
} from '../../shared/domain/access.ts';
import { ResumeSchema, SocketUpdateSchema } from '../../shared/domain/schemas.ts';
import type { Incident } from '../../shared/domain/types.ts';
import type { AuthStore } from '../auth/auth.store.ts';
import { authenticate } from '../auth/authenticate.ts';
import type { IncidentService } from '../incident-service.ts';
import { zodError } from '../incident-service.ts';
import type { Store } from '../store/store.ts';
import type { NakhodaIo } from './broadcaster.ts';
import { LIVE_ROOM, REDACTED_ROOM } from './broadcaster.ts';
import { buildSnapshot } from './snapshot.ts';

export interface StreamDeps {
  service: IncidentService;
  store: Store;
  auth: AuthStore;
  pack: CityPack;
  clock: () => Date;
  windowHours: number;
  /** Further behind than this, a resuming client gets a snapshot instead of events. */
  maxResumeEvents: number;
  /** Commands one socket may send per second (resume and update together). */
  commandsPerSecond: number;
}

type AckFn<T> = (res: Ack<T>) => void;

/** Wraps a handler so a bad payload, a missing ack or a thrown error never reaches the process. */
function guarded<T>(allowCommand: () => boolean, handler: (payload: unknown) => Promise<Ack<T>>) {
  return (payload: unknown, ack: AckFn<T>) => {
    const reply = typeof ack === 'function' ? ack : () => undefined;
    if (!allowCommand()) {
      reply({
        ok: false,
        error: { code: 'rate_limited', message: 'too many commands: slow down' },
      });
      return;
    }
    handler(payload).then(reply, (err: unknown) => {
      console.error('socket handler failed', err);
      reply({ ok: false, error: { code: 'internal', message: 'internal error' } });
    });
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

export function registerStreamHandlers(io: NakhodaIo, deps: StreamDeps): void {
  const { service, store, auth, pack, clock, windowHours } = deps;
  const snapshotFor = (p: Principal): Snapshot => {
    const s = buildSnapshot(service.projection, pack, clock(), windowHours);
    return seesPersonalData(p.role) ? s : { ...s, incidents: s.incidents.map(redactIncident) };
  };

  io.use((socket, next) => {
    const principal = authenticate(
      auth,
      {
        token: (socket.handshake.auth as { token?: unknown } | undefined)?.token,
        cookie: socket.handshake.headers.cookie,
      },
      clock(),
    );
    if (!principal) return next(new Error('unauthenticated'));
    if (!authorize(principal, { type: 'incident:read' }).allowed)
      return next(new Error('forbidden'));
    socket.data.principal = principal;
    next();
  });

  io.on('connection', (socket) => {
    const principal = socket.data.principal;
    const full = seesPersonalData(principal.role);
    void socket.join([full ? LIVE_ROOM : REDACTED_ROOM, `principal:${principal.id}`]);
    socket.emit('snapshot', snapshotFor(principal));
    const allowCommand = bucket(deps.commandsPerSecond);

    socket.on(
      'stream:resume',
      guarded(allowCommand, async (payload): Promise<Ack<ResumeResult>> => {
        const parsed = ResumeSchema.safeParse(payload);
        if (!parsed.success) return { ok: false, error: zodError(parsed.error) };
        const { after } = parsed.data;
        const latest = service.projection.seq;
        if (after > latest || latest - after > deps.maxResumeEvents) {
          return { ok: true, data: { kind: 'snapshot', snapshot: snapshotFor(principal) } };
        }
        const raw = after === latest ? [] : await store.eventsAfter(after, latest - after);
        const events = full ? raw : raw.map(redactEvent);
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
      guarded(allowCommand, async (payload): Promise<Ack<{ incident: Incident; seq: number }>> => {
        const parsed = SocketUpdateSchema.safeParse(payload);
        if (!parsed.success) return { ok: false, error: zodError(parsed.error) };
        const res = await service.update(parsed.data.id, parsed.data.changes, principal);
        if (res.ok) return res;
        const { code, message, fields } = res.error;
        return { ok: false, error: { code, message, fields } };
      }),
    );
  });
}

/** Hangs up every socket of a principal whose token was revoked or whose user changed. */
export function disconnectPrincipal(io: NakhodaIo, principalId: string): void {
  io.in(`principal:${principalId}`).disconnectSockets(true);
}
