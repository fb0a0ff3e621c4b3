/**
 * Socket.IO handlers: a connecting screen joins the live room and gets a snapshot;
 * `stream:resume` answers with the missed events (or a fresh snapshot when too far
 * behind); `incident:update` is the socket twin of PATCH /api/v1/incidents/:id.
 */
import type { CityPack } from '../../shared/city/types.ts';
import type { Ack, ResumeResult } from '../../shared/contract.ts';
import type { Incident } from '../../shared/domain/types.ts';
import { PROTOCOL_VERSION } from '../../shared/contract.ts';
import { ResumeSchema, SocketUpdateSchema } from '../../shared/domain/schemas.ts';
import type { IncidentService } from '../incident-service.ts';
import { zodError } from '../incident-service.ts';
import type { Store } from '../store/store.ts';
import type { NakhodaIo } from './broadcaster.ts';
import { LIVE_ROOM } from './broadcaster.ts';
import { buildSnapshot } from './snapshot.ts';

export interface StreamDeps {
  service: IncidentService;
  store: Store;
  pack: CityPack;
  clock: () => Date;
  windowHours: number;
  /** Further behind than this, a resuming client gets a snapshot instead of events. */
  maxResumeEvents: number;
}

type AckFn<T> = (res: Ack<T>) => void;

/** Wraps a handler so a bad payload, a missing ack or a thrown error never reaches the process. */
function guarded<P, T>(handler: (payload: P) => Promise<Ack<T>>) {
  return (payload: P, ack: AckFn<T>) => {
    const reply = typeof ack === 'function' ? ack : () => undefined;
    handler(payload).then(reply, (err: unknown) => {
      console.error('socket handler failed', err);
      reply({ ok: false, error: { code: 'internal', message: 'internal error' } });
    });
  };
}

export function registerStreamHandlers(io: NakhodaIo, deps: StreamDeps): void {
  const { service, store, pack, clock, windowHours } = deps;
  const snapshot = () => buildSnapshot(service.projection, pack, clock(), windowHours);

  io.on('connection', (socket) => {
    void socket.join(LIVE_ROOM);
    socket.emit('snapshot', snapshot());

    socket.on(
      'stream:resume',
      guarded(async (payload: unknown): Promise<Ack<ResumeResult>> => {
        const parsed = ResumeSchema.safeParse(payload);
        if (!parsed.success) return { ok: false, error: zodError(parsed.error) };
        const { after } = parsed.data;
        const latest = service.projection.seq;
        if (after > latest || latest - after > deps.maxResumeEvents) {
          return { ok: true, data: { kind: 'snapshot', snapshot: snapshot() } };
        }
        const events = after === latest ? [] : await store.eventsAfter(after, latest - after);
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
      guarded(async (payload: unknown): Promise<Ack<{ incident: Incident; seq: number }>> => {
        const parsed = SocketUpdateSchema.safeParse(payload);
        if (!parsed.success) return { ok: false, error: zodError(parsed.error) };
        const res = await service.update(parsed.data.id, parsed.data.changes, {
          kind: 'user',
          id: socket.data.actorId ?? 'anonymous',
        });
        return res.ok ? res : { ok: false, error: res.error };
      }),
    );
  });
}
