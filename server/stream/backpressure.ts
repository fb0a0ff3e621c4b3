/**
 * A screen that stops reading (a frozen tab, a wall on a dead link that TCP has not yet
 * noticed) must not make the server hold every batch for it. Socket.IO never waits for
 * a slow socket: what it cannot send piles up in two places, both unbounded —
 *
 * - ws (8.x) writes each frame to the TCP socket at once, and once the kernel's buffers
 *   are full Node keeps the rest in the socket's writable buffer: `bufferedAmount`;
 * - engine.io (6.x) sends a socket nothing more until ws reports the last write done, so
 *   every later packet waits in the engine socket's `writeBuffer`.
 *
 * After each flush the broadcaster asks this module to measure both for every socket and
 * to cut off the ones past the cap: the TCP connection is destroyed at once (a polite
 * close would queue its close frame behind the data the peer is not reading, and wait
 * 30 s). The browser's live store reconnects and resumes from its last seq, so a screen
 * that was merely slow catches up; one that is gone stops costing memory. The cap must
 * exceed the largest message a healthy screen is sent at once (a snapshot).
 */
import type { Socket } from 'socket.io';

/**
 * The fields of engine.io 6 and ws 8 this reads. Both are private in their typings, so
 * they are named here once; where one is missing (another transport, a newer version)
 * the measure is what remains and the cut-off falls back to engine.io's own close.
 */
interface EngineInternals {
  writeBuffer?: { data?: unknown }[];
  transport?: { socket?: { bufferedAmount?: unknown; terminate?: unknown } };
  close(discard?: boolean): void;
}

const sizeOf = (data: unknown): number => {
  if (typeof data === 'string') return data.length;
  if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) return data.byteLength;
  return 0;
};

/** Bytes queued for `socket` that the peer has not yet taken (beyond the kernel's buffers). */
export function queuedBytes(socket: Socket): number {
  const conn = socket.conn as unknown as EngineInternals;
  let bytes = 0;
  for (const packet of conn.writeBuffer ?? []) bytes += sizeOf(packet.data);
  const ws = conn.transport?.socket;
  if (typeof ws?.bufferedAmount === 'number') bytes += ws.bufferedAmount;
  return bytes;
}

/** Drops the connection now, with whatever it had queued. */
function cutOff(socket: Socket): void {
  const conn = socket.conn as unknown as EngineInternals;
  const ws = conn.transport?.socket;
  if (typeof ws?.terminate === 'function') (ws.terminate as () => void)();
  else conn.close(true);
}

export interface SendBufferCap {
  /** Cuts off every socket whose queue is past the cap; returns how many it cut off. */
  check(): number;
}

export function capSendBuffers(
  sockets: () => Iterable<Socket>,
  maxBytes: number,
  log: (msg: string) => void = () => undefined,
): SendBufferCap {
  // A cut-off socket stays listed until its close event has run: counted once.
  const cutAlready = new WeakSet<Socket>();
  return {
    check() {
      let cut = 0;
      for (const socket of sockets()) {
        if (cutAlready.has(socket)) continue;
        const bytes = queuedBytes(socket);
        if (bytes <= maxBytes) continue;
        cutOff(socket);
        cutAlready.add(socket);
        cut++;
        const who = (socket.data as { principal?: { id?: string } } | undefined)?.principal?.id;
        log(
          `live socket ${socket.id}${who ? ` (${who})` : ''} cut off: ${bytes} bytes queued, cap ${maxBytes}`,
        );
      }
      return cut;
    },
  };
}
