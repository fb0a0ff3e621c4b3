/**
 * Batches appended events and flushes them to every live socket on a short tick, so a
 * burst of thousands of events costs a few messages; sends a heartbeat with the
 * latest seq so a screen can tell live from stale.
 */
import type { Server } from 'socket.io';
import type {
  ClientToServerEvents,
  InterServerEvents,
  ServerToClientEvents,
  SocketData,
} from '../../shared/contract.ts';
import { PROTOCOL_VERSION } from '../../shared/contract.ts';
import { redactEvent } from '../../shared/domain/access.ts';
import type { DomainEvent } from '../../shared/domain/types.ts';

export type NakhodaIo = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  InterServerEvents,
  SocketData
>;

/** Screens that may see reporters' personal data, and those that may not. */
export const LIVE_ROOM = 'live:full';
export const REDACTED_ROOM = 'live:redacted';

export interface Broadcaster {
  push(events: DomainEvent[]): void;
  /** Sends whatever is pending now. */
  flush(): void;
  stop(): void;
}

export function createBroadcaster(opts: {
  io: NakhodaIo;
  flushMs: number;
  heartbeatMs: number;
  clock: () => Date;
  latestSeq: () => number;
}): Broadcaster {
  const { io, clock } = opts;
  let pending: DomainEvent[] = [];
  const flush = () => {
    if (pending.length === 0) return;
    const events = pending;
    pending = [];
    const from = events[0]!.seq;
    const to = events[events.length - 1]!.seq;
    io.to(LIVE_ROOM).emit('events:batch', { protocol: PROTOCOL_VERSION, from, to, events });
    io.to(REDACTED_ROOM).emit('events:batch', {
      protocol: PROTOCOL_VERSION,
      from,
      to,
      events: events.map(redactEvent),
    });
  };
  const flushTimer = setInterval(flush, opts.flushMs);
  const beatTimer = setInterval(() => {
    // Flushed first, so a heartbeat never announces a seq the batches have not delivered.
    flush();
    io.to([LIVE_ROOM, REDACTED_ROOM]).emit('heartbeat', {
      protocol: PROTOCOL_VERSION,
      seq: opts.latestSeq(),
      serverTime: clock().toISOString(),
    });
  }, opts.heartbeatMs);
  return {
    push(events) {
      for (const e of events) pending.push(e);
    },
    flush,
    stop() {
      clearInterval(flushTimer);
      clearInterval(beatTimer);
      flush();
    },
  };
}
