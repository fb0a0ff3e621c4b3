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
import type { DomainEvent } from '../../shared/domain/types.ts';

export type NakhodaIo = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  InterServerEvents,
  SocketData
>;

export const LIVE_ROOM = 'live';

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
    io.to(LIVE_ROOM).emit('events:batch', {
      protocol: PROTOCOL_VERSION,
      from: events[0]!.seq,
      to: events[events.length - 1]!.seq,
      events,
    });
  };
  const flushTimer = setInterval(flush, opts.flushMs);
  const beatTimer = setInterval(() => {
    // Flushed first, so a heartbeat never announces a seq the batches have not delivered.
    flush();
    io.to(LIVE_ROOM).emit('heartbeat', {
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
