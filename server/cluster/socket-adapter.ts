/**
 * Socket.IO across nodes through Redis Streams (@socket.io/redis-streams-adapter): room
 * operations reach every node, so revoking a token on one node hangs up its sockets on
 * all of them (stream.handlers.ts `disconnectPrincipal`). Data does not travel this way:
 * each node tails the log into its own projection and sends its own batches and
 * heartbeats to its own sockets (broadcaster.ts sends them `local`), else every screen
 * would get each batch once per node.
 *
 * Connection-state recovery is on with Redis, but a recovered socket gets only its old
 * id back. Its credential is asked again (`skipMiddlewares: false`: a revoked token does
 * not come back through recovery), and it starts with no rooms, no data and no missed
 * packets: Socket.IO would rejoin the old rooms and write the missed packets before the
 * middlewares run, to a socket whose rights may have changed. The connection handler
 * then gives it what a new socket gets (rooms for its rights now, a snapshot), and
 * `stream:resume` by seq stays the guarantee that nothing is missed.
 */
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { MINUTE_MS } from '../../shared/domain/time.ts';
import type { NakhodaIo } from '../stream/broadcaster.ts';
import type { RedisClient } from './redis.ts';

/** Passed to `new Server(...)` when Redis is on (Socket.IO reads it only there). */
export const CONNECTION_STATE_RECOVERY = {
  maxDisconnectionDuration: 2 * MINUTE_MS,
  skipMiddlewares: false,
} as const;

/** The Redis keys and channels of one deployment; every node of it uses the same prefix. */
export const redisNames = (prefix: string) => ({
  streamName: `${prefix}:socket.io`,
  channelPrefix: `${prefix}:socket.io`,
  sessionKeyPrefix: `${prefix}:sio:session:`,
});

type StreamsAdapter = ReturnType<ReturnType<typeof createAdapter>>;
type Session = Awaited<ReturnType<StreamsAdapter['restoreSession']>>;

/** Keeps only a session's ids, in Redis and on the way back (see the header). */
function onlyIds(adapter: StreamsAdapter): StreamsAdapter {
  const persist = adapter.persistSession.bind(adapter);
  const restore = adapter.restoreSession.bind(adapter);
  adapter.persistSession = (s) => persist({ sid: s.sid, pid: s.pid, rooms: [], data: {} });
  adapter.restoreSession = async (pid, offset): Promise<Session> => {
    const session = await restore(pid, offset);
    return session && { ...session, rooms: [], data: {}, missedPackets: [] };
  };
  return adapter;
}

/** Commands whose promise the adapter drops instead of handling (a session's SET, PUBLISH). */
const FIRE_AND_FORGET = new Set<PropertyKey>(['set', 'publish', 'sPublish']);

/**
 * The client as the adapter sees it: a reply lost with the connection (Redis dying while
 * a session is saved, or the client closed with such a write still queued) must not
 * become an unhandled rejection, which would end the process.
 */
function withoutUnhandledRejections(client: RedisClient): RedisClient {
  return new Proxy(client, {
    get(target, prop) {
      const value: unknown = Reflect.get(target, prop, target);
      if (typeof value !== 'function') return value;
      const bound = (value as (...args: unknown[]) => unknown).bind(target);
      if (!FIRE_AND_FORGET.has(prop)) return bound;
      return (...args: unknown[]) => {
        const reply = bound(...args);
        if (reply instanceof Promise) reply.catch(() => undefined);
        return reply;
      };
    },
  });
}

/** Puts `io` on the Redis adapter; call it right after `new Server(...)`. */
export function useRedisAdapter(
  io: NakhodaIo,
  client: RedisClient,
  opts: { prefix: string },
): void {
  const make = createAdapter(withoutUnhandledRejections(client), redisNames(opts.prefix));
  // A function, not an arrow: Socket.IO calls it with `new`.
  io.adapter(function redisStreamsAdapter(nsp: Parameters<typeof make>[0]) {
    return onlyIds(make(nsp));
  });
}
