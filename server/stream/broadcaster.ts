/**
 * Batches appended events and flushes them to every live socket on a short tick, so a
 * burst of thousands of events costs a few messages; sends a heartbeat with the
 * latest seq so a screen can tell live from stale. Each audience (see audiences.ts)
 * gets its own redacted copy of a batch, made once per flush.
 *
 * Batches and heartbeats go to this node's own sockets only (`io.local`): with several
 * nodes, each tails the log into its own projection and feeds its own sockets, so a
 * batch sent through the Redis adapter would reach every other node's screens a second
 * time (cluster/socket-adapter.ts).
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
import type { Audience } from './audiences.ts';

export type NakhodaIo = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  InterServerEvents,
  SocketData
>;

export interface Broadcaster {
  push(events: DomainEvent[]): void;
  /** Makes sure batches are sent to this audience's room (call before a socket joins it). */
  serve(audience: Audience): void;
  /** Sends whatever is pending now. */
  flush(): void;
  /** Runs `listener` after each flush that sent a batch (the send-buffer cap hooks in here). */
  afterFlush(listener: () => void): void;
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
  const audiences = new Map<string, Audience>();
  const liveRooms = () => {
    const rooms = io.of('/').adapter.rooms;
    return [...audiences.values()].filter((a) => rooms.has(a.room));
  };
  let pending: DomainEvent[] = [];
  const flushed: (() => void)[] = [];
  const flush = () => {
    if (pending.length === 0) return;
    const events = pending;
    pending = [];
    const from = events[0]!.seq;
    const to = events[events.length - 1]!.seq;
    for (const { room, redactor } of liveRooms()) {
      const sent = redactor ? events.map((e) => redactor.event(e)) : events;
      io.local
        .to(room)
        .emit('events:batch', { protocol: PROTOCOL_VERSION, from, to, events: sent });
    }
    for (const listener of flushed) listener();
  };
  const flushTimer = setInterval(flush, opts.flushMs);
  const beatTimer = setInterval(() => {
    // Flushed first, so a heartbeat never announces a seq the batches have not delivered.
    flush();
    const rooms = liveRooms().map((a) => a.room);
    if (rooms.length === 0) return;
    io.local.to(rooms).emit('heartbeat', {
      protocol: PROTOCOL_VERSION,
      seq: opts.latestSeq(),
      serverTime: clock().toISOString(),
    });
  }, opts.heartbeatMs);
  return {
    push(events) {
      for (const e of events) pending.push(e);
    },
    serve(audience) {
      if (!audiences.has(audience.room)) audiences.set(audience.room, audience);
    },
    flush,
    afterFlush(listener) {
      flushed.push(listener);
    },
    stop() {
      clearInterval(flushTimer);
      clearInterval(beatTimer);
      flush();
    },
  };
}
